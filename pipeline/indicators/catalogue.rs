//! The indicator catalogue: `queries/indicatoren/*.sql`, each a TOML header with the
//! indicator's metadata followed by one SQL query (a minijinja template).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{read_text, Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Soort {
    /// A count: the query returns `waarde`.
    Aantal,
    /// A share: the query returns `teller` and `noemer`; waarde = 100 × teller / noemer.
    Aandeel,
    /// A median: the query returns `waarde` and `noemer` (observations).
    Mediaan,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub id: String,
    /// The indicator's place in the catalogue: datasets, the methode page and the
    /// chapters list indicators in this order. The hundreds follow the sections of
    /// `spec/indicators.md` (`queries/indicatoren/README.md`).
    pub volgorde: u32,
    /// The indicator's headline is a key finding of the samenvatting, at this place.
    #[serde(default)]
    pub kernbevinding: Option<u32>,
    pub naam: String,
    pub titel: String,
    pub definitie: String,
    pub eenheid: String,
    pub soort: Soort,
    pub hoofdstuk: String,
    /// The section of the chapter the indicator appears in.
    #[serde(default)]
    pub paragraaf: Option<String>,
    /// Breakdown name → code list that completes it (`lijst` or `lijst.kolom`).
    #[serde(default)]
    pub dimensies: BTreeMap<String, String>,
    /// The figure depends on the next year's delivery (e.g. hercontroles in
    /// January): `voorlopig` until that delivery is in the batch.
    #[serde(default)]
    pub volgjaar_nodig: bool,
    /// The levels the indicator exists on; all four when absent. Rows are only
    /// completed on these levels.
    #[serde(default)]
    pub niveaus: Option<Vec<String>>,
    /// Disclosure control: the published counts this share's noemer equals (summed
    /// when several), as `"T1"` or `"H1[ernst=zwaar]"`. The share is suppressed with
    /// any of them, so it cannot give a suppressed count back.
    #[serde(default)]
    pub noemer_gelijk_aan: Vec<String>,
    /// The same for the teller.
    #[serde(default)]
    pub teller_gelijk_aan: Vec<String>,
    /// The report draws the indicator as a map of the omgevingsdienst regions and
    /// of the provinces (a key indicator of the regional differences).
    #[serde(default)]
    pub kaart: bool,
    /// A special figure of the indicator in the report: `lorenz` (the cumulative
    /// shares of a `deciel` breakdown), `keten` (the criminal chain from zware
    /// overtreding to sanction, from H1, H7, K1, K2 and K5).
    #[serde(default)]
    pub figuur: Option<String>,
    /// The headline as a sentence, with `{jaar}` and `{waarde}` (the latest national
    /// figure); default: "titel: waarde in jaar".
    #[serde(default)]
    pub kop: Option<String>,
    /// The indicator has a total row besides its breakdowns (default). `false`: it
    /// exists only broken down (C3's deciles), and no total row is completed.
    #[serde(default = "ja")]
    pub totaal: bool,
    /// The report ranks the parties too (the latest year, niveau partij).
    #[serde(default)]
    pub per_partij: bool,
    /// `spec/dekking.md`: the national and regional rows say how many gemeenten they
    /// cover, and the indicator is computed again nationally over the panel of every
    /// two consecutive reporting years (the T, H, K and C indicators).
    #[serde(default)]
    pub dekking: bool,
}

fn ja() -> bool {
    true
}

/// A published count cell of the same jaar, niveau and eenheid: an indicator's total
/// row, or one code of one of its breakdowns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Celverwijzing {
    pub indicator: String,
    pub dimensie: Option<(String, String)>,
    /// `K1.teller`: the teller of a share (the share is withheld whole when
    /// suppressed, so its teller is as secret as a suppressed count).
    pub teller: bool,
}

impl Celverwijzing {
    /// `T1` or `H1[ernst=zwaar]`.
    /// `T1`, `H1[ernst=zwaar]` or `K1.teller`.
    pub fn parse(s: &str) -> Option<Celverwijzing> {
        let s = s.trim();
        if let Some(id) = s.strip_suffix(".teller") {
            let id = id.trim();
            return (!id.is_empty() && !id.contains('[')).then(|| Celverwijzing {
                indicator: id.to_string(),
                dimensie: None,
                teller: true,
            });
        }
        let Some((id, rest)) = s.split_once('[') else {
            return (!s.is_empty()).then(|| Celverwijzing {
                indicator: s.to_string(),
                dimensie: None,
                teller: false,
            });
        };
        let (dim, waarde) = rest.strip_suffix(']')?.split_once('=')?;
        let (id, dim, waarde) = (id.trim(), dim.trim(), waarde.trim());
        (!id.is_empty() && !dim.is_empty() && !waarde.is_empty()).then(|| Celverwijzing {
            indicator: id.to_string(),
            dimensie: Some((dim.to_string(), waarde.to_string())),
            teller: false,
        })
    }
}

impl Meta {
    /// The linked counts of `noemer_gelijk_aan` and `teller_gelijk_aan`, parsed.
    pub fn verwijzingen(&self) -> Vec<Celverwijzing> {
        self.noemer_gelijk_aan
            .iter()
            .chain(&self.teller_gelijk_aan)
            .filter_map(|s| Celverwijzing::parse(s))
            .collect()
    }
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub meta: Meta,
    pub sql: String,
    pub pad: PathBuf,
    /// Path as shown in the report and manifest: `queries/indicatoren/<file>`.
    pub bron: String,
}

/// Each indicator's place in the catalogue (its header's `volgorde`), for sorting
/// rows by indicator; an id outside the catalogue comes last.
#[derive(Debug, Clone, Default)]
pub struct Volgorde(HashMap<String, u32>);

impl Volgorde {
    pub fn van(catalogus: &[Indicator]) -> Volgorde {
        Volgorde(
            catalogus
                .iter()
                .map(|i| (i.meta.id.clone(), i.meta.volgorde))
                .collect(),
        )
    }

    /// Sort key of an indicator id.
    pub fn plaats<'a>(&self, id: &'a str) -> (u32, &'a str) {
        (self.0.get(id).copied().unwrap_or(u32::MAX), id)
    }
}

/// The key findings of the samenvatting, in their order (`kernbevinding`).
pub fn kernbevindingen(catalogus: &[Indicator]) -> Vec<&Indicator> {
    let mut kern: Vec<&Indicator> = catalogus
        .iter()
        .filter(|i| i.meta.kernbevinding.is_some())
        .collect();
    kern.sort_by_key(|i| i.meta.kernbevinding);
    kern
}

/// A query file's TOML header (between `/* ---` and `--- */`) and its SQL.
pub fn kop_en_sql<M: serde::de::DeserializeOwned>(pad: &Path, text: &str) -> Result<(M, String)> {
    let err = |message: String| Error::Queries {
        path: pad.to_path_buf(),
        message,
    };
    let start = text
        .find("/* ---")
        .ok_or_else(|| err("missing metadata header `/* --- ... --- */`".into()))?;
    let rest = &text[start + 6..];
    let end = rest
        .find("--- */")
        .ok_or_else(|| err("metadata header is not closed with `--- */`".into()))?;
    let meta: M = toml::from_str(&rest[..end]).map_err(|e| err(e.to_string()))?;
    let sql = rest[end + 6..].trim().to_string();
    if sql.is_empty() {
        return Err(err("no SQL after the metadata header".into()));
    }
    Ok((meta, sql))
}

pub fn parse(pad: &Path, text: &str) -> Result<Indicator> {
    let err = |message: String| Error::Queries {
        path: pad.to_path_buf(),
        message,
    };
    let (meta, sql): (Meta, String) = kop_en_sql(pad, text)?;
    for n in meta.niveaus.iter().flatten() {
        if !super::NIVEAUS.contains(&n.as_str()) {
            return Err(err(format!(
                "niveaus names `{n}`; known: {}",
                super::NIVEAUS.join(", ")
            )));
        }
    }
    let naam = pad
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Indicator {
        meta,
        sql,
        pad: pad.to_path_buf(),
        bron: format!("queries/indicatoren/{naam}"),
    })
}

/// Every linked count names a count indicator of the catalogue and, with a code,
/// one of its breakdowns; only shares have links.
/// No two indicators share a place in the catalogue or among the key findings: the
/// order would otherwise rest on file names.
fn check_plaatsen(catalogus: &[Indicator]) -> Result<()> {
    let mut gezien: HashMap<(&str, u32), &Indicator> = HashMap::new();
    for i in catalogus {
        let plaatsen = [
            ("volgorde", Some(i.meta.volgorde)),
            ("kernbevinding", i.meta.kernbevinding),
        ];
        for (veld, plaats) in plaatsen {
            let Some(plaats) = plaats else { continue };
            if let Some(eerder) = gezien.insert((veld, plaats), i) {
                return Err(Error::Queries {
                    path: i.pad.clone(),
                    message: format!(
                        "{veld} = {plaats} is also the {veld} of {} ({}); give each indicator its own place",
                        eerder.meta.id,
                        eerder.pad.display()
                    ),
                });
            }
        }
    }
    Ok(())
}

fn check_verwijzingen(catalogus: &[Indicator]) -> Result<()> {
    for ind in catalogus {
        let err = |message: String| Error::Queries {
            path: ind.pad.clone(),
            message,
        };
        let links = ind
            .meta
            .noemer_gelijk_aan
            .iter()
            .chain(&ind.meta.teller_gelijk_aan);
        for s in links {
            if ind.meta.soort != Soort::Aandeel {
                return Err(err(format!(
                    "`{s}`: only a share (soort = \"aandeel\") has a linked teller or noemer"
                )));
            }
            let v = Celverwijzing::parse(s).ok_or_else(|| {
                err(format!(
                    "`{s}` is not a linked count; write `T1`, `H1[ernst=zwaar]` or `K1.teller`"
                ))
            })?;
            let doel = catalogus
                .iter()
                .find(|i| {
                    let soort = if v.teller {
                        Soort::Aandeel
                    } else {
                        Soort::Aantal
                    };
                    i.meta.id == v.indicator && i.meta.soort == soort
                })
                .ok_or_else(|| {
                    err(format!(
                        "`{s}` names {}, which is not a {} of the catalogue",
                        v.indicator,
                        if v.teller {
                            "share (for .teller)"
                        } else {
                            "count indicator"
                        }
                    ))
                })?;
            if let Some((dim, _)) = &v.dimensie {
                if !doel.meta.dimensies.contains_key(dim) {
                    return Err(err(format!(
                        "`{s}`: {} has no breakdown `{dim}`",
                        v.indicator
                    )));
                }
            }
        }
    }
    Ok(())
}

pub fn load(dir: &Path) -> Result<Vec<Indicator>> {
    let mut out = Vec::new();
    for pad in crate::error::files_with_extension(dir, "sql")? {
        out.push(parse(&pad, &read_text(&pad)?)?);
    }
    check_ids(&out)?;
    out.sort_by_key(|i| i.meta.volgorde);
    check_verwijzingen(&out)?;
    check_plaatsen(&out)?;
    Ok(out)
}

/// Every id is defined once (files in name order: the later one is named).
fn check_ids(catalogus: &[Indicator]) -> Result<()> {
    let mut gezien: HashMap<&str, &Indicator> = HashMap::new();
    for i in catalogus {
        if let Some(eerder) = gezien.insert(&i.meta.id, i) {
            return Err(Error::Queries {
                path: i.pad.clone(),
                message: format!(
                    "indicator id {} is also defined in {}",
                    i.meta.id,
                    eerder.pad.display()
                ),
            });
        }
    }
    Ok(())
}

/// The tables a year's indicator queries read, as the records of all years are
/// registered: `alle_<tabel>`.
pub const JAARINVOER_TABELLEN: [&str; 4] = [
    "controles",
    "overtredingen",
    "handhavingsmaatregelen",
    "strafzaken",
];

/// One file of `queries/indicatoren/jaarinvoer/`: the rows of one table that a
/// year's indicator queries see (`<order>_<table>.sql`, run in that order, so a
/// later table can follow the rows of an earlier one).
#[derive(Debug, Clone)]
pub struct JaarInvoer {
    pub tabel: String,
    pub sql: String,
    pub pad: PathBuf,
    /// As shown in messages: `queries/indicatoren/jaarinvoer/<file>`.
    pub bron: String,
}

pub fn load_jaarinvoer(dir: &Path) -> Result<Vec<JaarInvoer>> {
    if !dir.is_dir() {
        // Without the folder every year sees every year's rows: slower, same figures.
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for pad in crate::error::files_with_extension(dir, "sql")? {
        let stem = pad.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let tabel = stem
            .split_once('_')
            .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            .map(|(_, t)| t)
            .filter(|t| JAARINVOER_TABELLEN.contains(t))
            .ok_or_else(|| Error::Queries {
                path: pad.clone(),
                message: format!(
                    "a year-input file is named <order>_<table>.sql, with table one of {}",
                    JAARINVOER_TABELLEN.join(", ")
                ),
            })?;
        if out.iter().any(|j: &JaarInvoer| j.tabel == tabel) {
            return Err(Error::Queries {
                path: pad.clone(),
                message: format!("the year input of {tabel} is defined twice"),
            });
        }
        out.push(JaarInvoer {
            tabel: tabel.to_string(),
            sql: read_text(&pad)?,
            bron: format!(
                "queries/indicatoren/jaarinvoer/{}",
                pad.file_name().and_then(|s| s.to_str()).unwrap_or_default()
            ),
            pad,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project_catalogus() -> Vec<Indicator> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries/indicatoren");
        load(&dir).expect("the project's catalogue")
    }

    /// The headers' `volgorde` gives the catalogue of `spec/indicators.md`: its sections
    /// T, H, K, C, D in turn, each in number order; twelve key findings, T1 first.
    #[test]
    fn the_headers_give_the_catalogue_order_and_the_key_findings() {
        let c = project_catalogus();
        let ids: Vec<&str> = c.iter().map(|i| i.meta.id.as_str()).collect();
        assert_eq!(ids.len(), 31);
        assert_eq!(&ids[..7], &["T1", "T2", "T3", "T4", "T5", "H1", "H2"]);
        assert_eq!(&ids[14..17], &["H10", "K1", "K2"]);
        assert_eq!(&ids[21..24], &["C1", "C2", "C3"]);
        assert_eq!(ids[30], "D7");
        let kern: Vec<&str> = kernbevindingen(&c)
            .iter()
            .map(|i| i.meta.id.as_str())
            .collect();
        assert_eq!(kern.len(), 12);
        assert_eq!(
            kern,
            ["T1", "T2", "H1", "H2", "H3", "H4", "H7", "H10", "C1", "C2", "D1", "D2"]
        );
        let v = Volgorde::van(&c);
        assert!(v.plaats("H10") > v.plaats("H9") && v.plaats("K1") > v.plaats("H10"));
        assert!(v.plaats("X1") > v.plaats("D7"));
    }

    /// Two indicators at one place are refused, naming both.
    #[test]
    fn a_shared_place_is_refused() {
        let tmp = tempfile::tempdir().expect("tmp");
        let kop = |id: &str| {
            format!("/* ---\nid = \"{id}\"\nvolgorde = 5\nnaam = \"n\"\ntitel = \"t\"\ndefinitie = \"d\"\neenheid = \"aantal\"\nsoort = \"aantal\"\nhoofdstuk = \"toezicht\"\n--- */\nSELECT 1")
        };
        std::fs::write(tmp.path().join("A1.sql"), kop("A1")).expect("write");
        std::fs::write(tmp.path().join("B1.sql"), kop("B1")).expect("write");
        let fout = load(tmp.path()).expect_err("shared volgorde").to_string();
        assert!(
            fout.contains("volgorde = 5") && fout.contains("A1"),
            "{fout}"
        );
        std::fs::write(tmp.path().join("B1.sql"), kop("B1").replace("= 5", "= 6")).expect("write");
        assert_eq!(load(tmp.path()).expect("own places").len(), 2);
    }

    /// The spec in the repository and the query headers name the same indicators and
    /// conditions with the same `naam`: the documents a reader is sent to cannot
    /// drift from what runs.
    #[test]
    fn the_spec_and_the_headers_name_the_same_indicators() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut spec: BTreeMap<String, String> = BTreeMap::new();
        for doc in ["indicators.md", "strafrechtketen.md", "stelsel.md"] {
            let tekst =
                std::fs::read_to_string(root.join("pipeline/spec").join(doc)).expect("spec");
            for regel in tekst.lines() {
                let Some(rest) = regel.strip_prefix("| ") else {
                    continue;
                };
                let Some((id, rest)) = rest.split_once(" `") else {
                    continue;
                };
                let Some((naam, _)) = rest.split_once('`') else {
                    continue;
                };
                let is_id = id.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                    && id.chars().skip(1).all(|c| c.is_ascii_digit());
                if is_id {
                    spec.insert(id.to_string(), naam.to_string());
                }
            }
        }
        let mut koppen: BTreeMap<String, String> = project_catalogus()
            .into_iter()
            .map(|i| (i.meta.id, i.meta.naam))
            .collect();
        let condities =
            crate::indicators::randvoorwaarden::load(&root.join("queries/randvoorwaarden"))
                .expect("conditions");
        koppen.extend(condities.into_iter().map(|c| (c.meta.id, c.meta.naam)));
        assert_eq!(koppen.len(), 45);
        assert_eq!(spec, koppen);
    }
}
