//! Reference data (`queries/referentie/`): the real parties and the municipality →
//! province / omgevingsdienst map, and the national code lists (`queries/codelijsten/`).
//! Both are copied into the project and versioned with it; a run never reads `shared/`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;

use crate::error::{read_text, Error, Result};

#[derive(Debug, Clone, Deserialize)]
pub struct Gemeente {
    pub gemeente_code: String,
    pub gemeente_naam: String,
    pub provincie_code: String,
    pub omgevingsdienst_code: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Omgevingsdienst {
    pub omgevingsdienst_code: String,
    pub naam: String,
    pub naam_regeling: String,
    /// `;`-separated: OD Flevoland & Gooi en Vechtstreek serves two provinces.
    pub provincie_codes: String,
    pub aantal_gemeenten: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Provincie {
    pub provincie_code: String,
    pub provincie_naam: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Waterschap {
    pub waterschap_code: String,
    pub waterschap_naam: String,
}

/// The verbalisant of a strafzaak that is no party of the reference lists (police,
/// another service): `spec/strafrechtketen.md`.
pub const OVERIG: &str = "overig";

/// National inspectorates and services that may deliver.
pub const RIJK: [(&str, &str); 4] = [
    ("ILT", "Inspectie Leefomgeving en Transport"),
    ("NVWA", "Nederlandse Voedsel- en Warenautoriteit"),
    ("OM", "Openbaar Ministerie"),
    ("IenW", "Ministerie van Infrastructuur en Waterstaat"),
];

#[derive(Debug, Clone)]
pub struct Referentie {
    pub gemeenten: BTreeMap<String, Gemeente>,
    pub omgevingsdiensten: BTreeMap<String, Omgevingsdienst>,
    pub provincies: BTreeMap<String, Provincie>,
    pub waterschappen: BTreeMap<String, Waterschap>,
}

/// Kind of party, derived from its code (`codelijsten/partijsoort.csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Partijsoort {
    Omgevingsdienst,
    Gemeente,
    Provincie,
    Waterschap,
    Rijk,
}

impl Partijsoort {
    pub fn code(self) -> &'static str {
        match self {
            Partijsoort::Omgevingsdienst => "omgevingsdienst",
            Partijsoort::Gemeente => "gemeente",
            Partijsoort::Provincie => "provincie",
            Partijsoort::Waterschap => "waterschap",
            Partijsoort::Rijk => "rijk",
        }
    }
}

impl Referentie {
    pub fn load(dir: &Path) -> Result<Referentie> {
        let gemeenten = read_keyed(&dir.join("gemeenten.csv"), |g: &Gemeente| {
            g.gemeente_code.clone()
        })?;
        let omgevingsdiensten =
            read_keyed(&dir.join("omgevingsdiensten.csv"), |o: &Omgevingsdienst| {
                o.omgevingsdienst_code.clone()
            })?;
        let provincies = read_keyed(&dir.join("provincies.csv"), |p: &Provincie| {
            p.provincie_code.clone()
        })?;
        let waterschappen = read_keyed(&dir.join("waterschappen.csv"), |w: &Waterschap| {
            w.waterschap_code.clone()
        })?;
        Ok(Referentie {
            gemeenten,
            omgevingsdiensten,
            provincies,
            waterschappen,
        })
    }

    pub fn partijsoort(&self, code: &str) -> Option<Partijsoort> {
        if self.omgevingsdiensten.contains_key(code) {
            Some(Partijsoort::Omgevingsdienst)
        } else if self.gemeenten.contains_key(code) {
            Some(Partijsoort::Gemeente)
        } else if self.provincies.contains_key(code) {
            Some(Partijsoort::Provincie)
        } else if self.waterschappen.contains_key(code) {
            Some(Partijsoort::Waterschap)
        } else if RIJK.iter().any(|(c, _)| *c == code) {
            Some(Partijsoort::Rijk)
        } else {
            None
        }
    }

    pub fn partij_naam(&self, code: &str) -> String {
        if let Some(o) = self.omgevingsdiensten.get(code) {
            o.naam.clone()
        } else if let Some(g) = self.gemeenten.get(code) {
            format!("Gemeente {}", g.gemeente_naam)
        } else if let Some(p) = self.provincies.get(code) {
            format!("Provincie {}", p.provincie_naam)
        } else if let Some(w) = self.waterschappen.get(code) {
            w.waterschap_naam.clone()
        } else if let Some((_, naam)) = RIJK.iter().find(|(c, _)| *c == code) {
            (*naam).to_string()
        } else {
            code.to_string()
        }
    }

    /// Name of a unit of an indicator niveau.
    /// The units of a regional niveau (`omgevingsdienst_regio`, `provincie`) as
    /// (code, name), in code order; none for another niveau.
    pub fn eenheden(&self, niveau: &str) -> Vec<(String, String)> {
        match niveau {
            "omgevingsdienst_regio" => self
                .omgevingsdiensten
                .values()
                .map(|o| (o.omgevingsdienst_code.clone(), o.naam.clone()))
                .collect(),
            "provincie" => self
                .provincies
                .values()
                .map(|p| (p.provincie_code.clone(), p.provincie_naam.clone()))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// gemeente → its unit of a regional niveau.
    pub fn indeling(&self, niveau: &str) -> BTreeMap<String, String> {
        self.gemeenten
            .values()
            .filter_map(|g| {
                let e = match niveau {
                    "omgevingsdienst_regio" => &g.omgevingsdienst_code,
                    "provincie" => &g.provincie_code,
                    _ => return None,
                };
                Some((g.gemeente_code.clone(), e.clone()))
            })
            .collect()
    }

    pub fn eenheid_naam(&self, niveau: &str, eenheid: &str) -> String {
        match niveau {
            "nationaal" => "Nederland".to_string(),
            _ => self.partij_naam(eenheid),
        }
    }

    /// Every party code of the reference lists, sorted: the codes
    /// [`Referentie::partijsoort`] knows.
    pub fn partijcodes(&self) -> Vec<String> {
        let mut codes: Vec<String> = self
            .omgevingsdiensten
            .keys()
            .chain(self.gemeenten.keys())
            .chain(self.provincies.keys())
            .chain(self.waterschappen.keys())
            .cloned()
            .chain(RIJK.iter().map(|(c, _)| c.to_string()))
            .collect();
        codes.sort();
        codes
    }

    /// Is `code` a valid competent authority (bevoegd gezag): a GM/PV/WS code or a
    /// national one?
    pub fn is_bevoegd_gezag(&self, code: &str) -> bool {
        matches!(
            self.partijsoort(code),
            Some(
                Partijsoort::Gemeente
                    | Partijsoort::Provincie
                    | Partijsoort::Waterschap
                    | Partijsoort::Rijk
            )
        )
    }

    /// Parties of the given kinds, for D1 (expected deliveries).
    pub fn partijen_van_soort(&self, soort: &str) -> BTreeSet<String> {
        match soort {
            "omgevingsdienst" => self.omgevingsdiensten.keys().cloned().collect(),
            "gemeente" => self.gemeenten.keys().cloned().collect(),
            "provincie" => self.provincies.keys().cloned().collect(),
            "waterschap" => self.waterschappen.keys().cloned().collect(),
            "rijk" => RIJK.iter().map(|(c, _)| c.to_string()).collect(),
            _ => BTreeSet::new(),
        }
    }
}

fn read_keyed<T: for<'de> Deserialize<'de>>(
    path: &Path,
    key: impl Fn(&T) -> String,
) -> Result<BTreeMap<String, T>> {
    let text = read_text(path)?;
    let mut out = BTreeMap::new();
    for (i, rec) in csv::Reader::from_reader(text.as_bytes())
        .deserialize::<T>()
        .enumerate()
    {
        let rec = rec.map_err(|e| Error::Queries {
            path: path.to_path_buf(),
            message: format!("line {}: {e}", i + 2),
        })?;
        out.insert(key(&rec), rec);
    }
    Ok(out)
}

/// A national code list: code → its other columns.
#[derive(Debug, Clone, Default)]
pub struct Codelijst {
    pub naam: String,
    pub codes: BTreeMap<String, BTreeMap<String, String>>,
}

impl Codelijst {
    pub fn contains(&self, code: &str) -> bool {
        self.codes.contains_key(code)
    }

    pub fn attr(&self, code: &str, column: &str) -> Option<&str> {
        self.codes.get(code)?.get(column).map(String::as_str)
    }
}

/// All national code lists plus the LHSO ernst matrix.
#[derive(Debug, Clone, Default)]
pub struct Codelijsten {
    pub lijsten: BTreeMap<String, Codelijst>,
    /// (gevolg 1–4, gedrag A–D) → ernst
    pub lhso_ernst: BTreeMap<(String, String), String>,
}

impl Codelijsten {
    pub fn load(dir: &Path) -> Result<Codelijsten> {
        let mut lijsten = BTreeMap::new();
        let entries = crate::error::files_with_extension(dir, "csv")?;
        let mut lhso_ernst = BTreeMap::new();
        for path in entries {
            let naam = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = read_text(&path)?;
            let mut rdr = csv::Reader::from_reader(text.as_bytes());
            let headers = rdr
                .headers()
                .map_err(|e| Error::Queries {
                    path: path.clone(),
                    message: e.to_string(),
                })?
                .clone();
            let mut rows = Vec::new();
            for (i, rec) in rdr.records().enumerate() {
                let rec = rec.map_err(|e| Error::Queries {
                    path: path.clone(),
                    message: format!("line {}: {e}", i + 2),
                })?;
                let row: BTreeMap<String, String> = headers
                    .iter()
                    .zip(rec.iter())
                    .map(|(h, v)| (h.to_string(), v.to_string()))
                    .collect();
                rows.push(row);
            }
            if naam == "lhso-ernst" {
                for r in rows {
                    let get = |k: &str| r.get(k).cloned().unwrap_or_default();
                    lhso_ernst.insert((get("gevolg"), get("gedrag")), get("ernst"));
                }
                continue;
            }
            let mut codes = BTreeMap::new();
            for mut r in rows {
                // The key is `code`, or the first column (aanbeveling_van_aartsen: nummer).
                let sleutel = if headers.iter().any(|h| h == "code") {
                    "code"
                } else {
                    headers.get(0).unwrap_or("code")
                };
                let code = r.remove(sleutel).ok_or_else(|| Error::Queries {
                    path: path.clone(),
                    message: "a code list needs a `code` column".into(),
                })?;
                codes.insert(code, r);
            }
            lijsten.insert(naam.clone(), Codelijst { naam, codes });
        }
        if lhso_ernst.len() != 16 {
            return Err(Error::Queries {
                path: dir.join("lhso-ernst.csv"),
                message: format!(
                    "the LHSO matrix needs 16 cells (gevolg 1–4 × gedrag A–D), found {}",
                    lhso_ernst.len()
                ),
            });
        }
        Ok(Codelijsten {
            lijsten,
            lhso_ernst,
        })
    }

    pub fn lijst(&self, naam: &str) -> Option<&Codelijst> {
        self.lijsten.get(naam)
    }
}
