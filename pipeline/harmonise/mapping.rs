//! Mapping tables (`queries/mappings/*.csv`): a party's local codes → national codes,
//! versioned and reviewed like code. A party's profile names the tables that apply;
//! a row with a `partij` applies to that party only, so one table can be shared.
//! A local value that no table maps is never guessed: it stays unmapped.
//!
//! Columns: `kolom`, `lokale_waarde`, `landelijke_code` (required); `partij`,
//! `aantal`, `toelichting` (optional). The listing of `vth unmapped` has the same
//! columns, so it can be filled in and saved here as it is. A row whose
//! `landelijke_code` is still empty maps nothing.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::error::{read_text, Error, Result};
use crate::ingest::profile::Profiel;
use crate::reference::Codelijsten;

/// The columns a mapping table may translate, with their national code list.
pub const KOLOMMEN: &[(&str, &str)] = &[
    ("controletype", "controletype"),
    ("taak", "taak"),
    ("resultaat", "resultaat_bevinding"),
    ("handhavingsstrategie", "handhavingsstrategie"),
    ("gevolg", "gevolg"),
    ("gedrag", "gedrag"),
    ("ernst", "ernst"),
    ("handhavingsinstrument", "handhavingsinstrument"),
    ("status", "status_maatregel"),
];

pub fn codelijst(kolom: &str) -> Option<&'static str> {
    KOLOMMEN.iter().find(|(k, _)| *k == kolom).map(|(_, l)| *l)
}

/// The form in which local values are compared: trimmed, lower case, single spaces.
pub fn normaliseer(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[derive(Debug, Clone)]
pub struct MapRegel {
    pub partij: Option<String>,
    pub kolom: String,
    pub lokaal: String,
    pub landelijk: String,
    /// Line in the mapping file (header = 1).
    pub regel: u64,
}

#[derive(Debug, Clone, Default)]
pub struct Mappings {
    pub tabellen: BTreeMap<String, Vec<MapRegel>>,
}

impl Mappings {
    pub fn namen(&self) -> Vec<String> {
        self.tabellen.keys().cloned().collect()
    }
}

const TOEGESTAAN: &[&str] = &[
    "partij",
    "kolom",
    "lokale_waarde",
    "landelijke_code",
    "aantal",
    "toelichting",
];

/// Load and check every mapping table: known columns, national codes that exist,
/// and no local value mapped two ways.
pub fn load(dir: &Path, codelijsten: &Codelijsten) -> Result<Mappings> {
    let mut out = Mappings::default();
    if !dir.is_dir() {
        return Ok(out);
    }
    for pad in crate::error::files_with_extension(dir, "csv")? {
        let naam = pad
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.tabellen.insert(naam, read_table(&pad, codelijsten)?);
    }
    Ok(out)
}

/// One mapping table's rules, each checked: a mappable column, a national code of
/// its list, one code per local value.
fn read_table(pad: &Path, codelijsten: &Codelijsten) -> Result<Vec<MapRegel>> {
    let err = |message: String| Error::Queries {
        path: pad.to_path_buf(),
        message,
    };
    let text = read_text(pad)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::Headers)
        .from_reader(text.as_bytes());
    let header: Vec<String> = rdr
        .headers()
        .map_err(|e| err(e.to_string()))?
        .iter()
        .map(str::to_lowercase)
        .collect();
    let (ik, il, ic, ip) = kolomplaatsen(&header).map_err(err)?;
    let mut regels: Vec<MapRegel> = Vec::new();
    let mut gezien: HashMap<(Option<String>, String, String), (String, u64)> = HashMap::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| err(e.to_string()))?;
        let regel = rec.position().map_or(0, |p| p.line());
        // A table filled in from `vth unmapped` carries its spreadsheet guard
        // (`'` before `=`, `+`, …); the value it stands for is without it.
        let veld = |i: usize| {
            crate::display::zonder_spreadsheet_prefix(rec.get(i).unwrap_or(""))
                .trim()
                .to_string()
        };
        let (kolom, lokaal, landelijk) = (veld(ik), veld(il), veld(ic));
        let partij = ip.map(veld).filter(|p| !p.is_empty());
        if kolom.is_empty() && lokaal.is_empty() && landelijk.is_empty() {
            continue;
        }
        let Some(lijst) = codelijst(&kolom) else {
            return Err(err(format!(
                "line {regel}: kolom `{kolom}` cannot be mapped; mappable columns: {}",
                KOLOMMEN
                    .iter()
                    .map(|(k, _)| *k)
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        };
        if landelijk.is_empty() {
            // Not decided yet (a row from `vth unmapped`): maps nothing.
            continue;
        }
        let bestaat = codelijsten
            .lijst(lijst)
            .is_some_and(|l| l.contains(&landelijk));
        if !bestaat {
            return Err(err(format!(
                "line {regel}: `{landelijk}` is not a code of the national list {lijst} (for {kolom} = `{lokaal}`)"
            )));
        }
        let key = (partij.clone(), kolom.clone(), normaliseer(&lokaal));
        if let Some((ander, r)) = gezien.get(&key) {
            if *ander != landelijk {
                return Err(err(format!(
                    "line {regel}: {kolom} `{lokaal}` maps to `{landelijk}`, but line {r} maps it to `{ander}`"
                )));
            }
            continue;
        }
        gezien.insert(key, (landelijk.clone(), regel));
        regels.push(MapRegel {
            partij,
            kolom,
            lokaal,
            landelijk,
            regel,
        });
    }
    Ok(regels)
}

/// Where kolom, lokale_waarde, landelijke_code and (optional) partij are; any
/// other column is refused.
fn kolomplaatsen(
    header: &[String],
) -> std::result::Result<(usize, usize, usize, Option<usize>), String> {
    if let Some(h) = header.iter().find(|h| !TOEGESTAAN.contains(&h.as_str())) {
        return Err(format!(
            "unknown column `{h}`; allowed: {}",
            TOEGESTAAN.join(", ")
        ));
    }
    let col = |naam: &str| header.iter().position(|h| h == naam);
    match (col("kolom"), col("lokale_waarde"), col("landelijke_code")) {
        (Some(ik), Some(il), Some(ic)) => Ok((ik, il, ic, col("partij"))),
        _ => {
            Err("a mapping table needs the columns kolom, lokale_waarde and landelijke_code".into())
        }
    }
}

/// One party's translation, merged from the tables its profile names.
#[derive(Debug, Clone, Default)]
pub struct Vertaling {
    /// (kolom, normalised local value) → (national code, mapping table).
    map: HashMap<(String, String), (String, String)>,
}

impl Vertaling {
    pub fn nieuw(
        partij: &str,
        profiel: Option<&Profiel>,
        mappings: &Mappings,
    ) -> Result<Vertaling> {
        let mut v = Vertaling::default();
        for naam in profiel.map(|p| p.mappings.as_slice()).unwrap_or_default() {
            for r in mappings.tabellen.get(naam).into_iter().flatten() {
                if r.partij.as_deref().is_some_and(|p| p != partij) {
                    continue;
                }
                let key = (r.kolom.clone(), normaliseer(&r.lokaal));
                match v.map.get(&key) {
                    Some((code, tabel)) if *code != r.landelijk => {
                        return Err(Error::Queries {
                            path: format!("queries/mappings/{naam}.csv").into(),
                            message: format!(
                                "line {}: for {partij}, {} `{}` maps to `{}` here but to `{code}` in {tabel}.csv",
                                r.regel, r.kolom, r.lokaal, r.landelijk
                            ),
                        });
                    }
                    Some(_) => {}
                    None => {
                        v.map.insert(key, (r.landelijk.clone(), naam.clone()));
                    }
                }
            }
        }
        Ok(v)
    }

    /// The national code for a local value of a column, with the table it came from.
    pub fn vertaal(&self, kolom: &str, lokaal: &str) -> Option<(&str, &str)> {
        self.map
            .get(&(kolom.to_string(), normaliseer(lokaal)))
            .map(|(c, t)| (c.as_str(), t.as_str()))
    }

    pub fn is_leeg(&self) -> bool {
        self.map.is_empty()
    }
}

/// Every unmapped value of a batch, summed over the years, as a mapping table to
/// fill in: `partij,kolom,lokale_waarde,aantal,landelijke_code,toelichting`.
pub fn te_vullen(
    niet_gemapt: &BTreeMap<(crate::model::Levering, &'static str, String, String), u64>,
) -> String {
    let mut som: BTreeMap<(&str, &str, &str), u64> = BTreeMap::new();
    for ((l, _, kolom, waarde), n) in niet_gemapt {
        *som.entry((l.partij.as_str(), kolom.as_str(), waarde.as_str()))
            .or_default() += n;
    }
    let kop = [
        "partij",
        "kolom",
        "lokale_waarde",
        "aantal",
        "landelijke_code",
        "toelichting",
    ]
    .map(String::from);
    let mut rijen = vec![kop.to_vec()];
    for ((partij, kolom, waarde), n) in som {
        let hint = codelijst(kolom)
            .map(|l| format!("kies een code uit codelijsten/{l}.csv"))
            .unwrap_or_default();
        rijen.push(vec![
            partij.to_string(),
            kolom.to_string(),
            waarde.to_string(),
            n.to_string(),
            String::new(),
            hint,
        ]);
    }
    // The team opens this file in a spreadsheet: a local value must not run there.
    crate::display::csv_voor_mensen(rijen)
}

#[cfg(test)]
mod tests {
    use super::normaliseer;

    #[test]
    fn local_values_compare_normalised() {
        assert_eq!(
            normaliseer("  Last onder   Dwangsom "),
            "last onder dwangsom"
        );
        assert_eq!(normaliseer("LOD"), "lod");
    }
}
