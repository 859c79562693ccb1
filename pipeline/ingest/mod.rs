//! Stage 1 — ingest: find the delivery files of a batch and read them into raw
//! tables with line-level lineage. No interpretation of values happens here.

pub mod json;
pub mod profile;
pub mod read;
pub mod table;
pub mod text;
pub mod xlsx;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::contract::findings::Bevinding;
use crate::contract::rules::{Regel, Zwaarte};
use crate::error::{Error, Result};
use crate::model::{Levering, Tabel};

/// The record `vth fetch` writes at the top of a delivery tree: read by fetch,
/// never taken for a delivery.
pub const OPHAALVERSLAG: &str = "fetch.json";
use profile::{Formaat, Profiel, Profielen};

/// The party that delivers the strafzaken.
pub const OM: &str = "OM";

/// One delivery file found in the input tree.
#[derive(Debug, Clone)]
pub struct Bestand {
    pub levering: Levering,
    pub tabel: Tabel,
    pub pad: PathBuf,
    /// Path relative to the input folder with `/` separators: stable across machines.
    /// A workbook sheet is named `<file>#<sheet>`.
    pub relatief: String,
    pub formaat: Formaat,
    /// The sheet of an `.xlsx` workbook that holds the table.
    pub blad: Option<String>,
    /// Why the file was read although the party's profile names other files: it has
    /// the exchange format's own name (reported as a warning).
    pub profiel_afwijking: Option<String>,
}

/// A file in the input tree that is not part of the exchange format.
#[derive(Debug, Clone)]
pub struct Overgeslagen {
    pub relatief: String,
    pub reden: String,
    /// Already counted as a file that did not arrive (`vth fetch`): the delivery
    /// is incomplete for that reason, not partly read.
    pub tekort: bool,
}

/// Walk `<input>/<jaar>/<partij>/`: the tables named as in the exchange format
/// (`<tabel>.csv`, `<tabel>.json`, or sheets named after the tables in an `.xlsx`
/// workbook), or as the party's profile describes. The order is sorted, so
/// everything downstream is deterministic.
pub fn discover(
    input: &Path,
    profielen: &Profielen,
    grenzen: &crate::config::Grenzen,
    referentie: &crate::reference::Referentie,
) -> Result<(Vec<Bestand>, Vec<Overgeslagen>)> {
    let mut bestanden = Vec::new();
    let mut overgeslagen = Vec::new();
    for jaar_dir in sorted_entries(input)? {
        let jaar_naam = file_name(&jaar_dir);
        if !jaar_dir.is_dir() {
            let eigen = jaar_naam == "README.md" || jaar_naam == OPHAALVERSLAG;
            if !jaar_naam.starts_with('.') && !eigen {
                overgeslagen.push(Overgeslagen {
                    relatief: jaar_naam,
                    reden: "not a year folder".into(),
                    tekort: false,
                });
            }
            continue;
        }
        let Some(jaar) = jaar_naam
            .parse::<i32>()
            .ok()
            .filter(|j| (1990..=2100).contains(j))
        else {
            overgeslagen.push(Overgeslagen {
                relatief: jaar_naam,
                reden: "folder name is not a year".into(),
                tekort: false,
            });
            continue;
        };
        for partij_dir in sorted_entries(&jaar_dir)? {
            let partij = file_name(&partij_dir);
            if !partij_dir.is_dir() {
                overgeslagen.push(Overgeslagen {
                    relatief: format!("{jaar}/{partij}"),
                    reden: "not a party folder".into(),
                    tekort: false,
                });
                continue;
            }
            let levering = Levering {
                jaar,
                partij: partij.clone(),
            };
            let (gevonden, rest) = party_files(
                &partij_dir,
                &levering,
                profielen.get(&partij),
                grenzen,
                referentie,
            )?;
            bestanden.extend(gevonden);
            overgeslagen.extend(rest);
        }
    }
    Ok((bestanden, overgeslagen))
}

/// The table files of one party folder, and the files that are none of them. The
/// files the party's profile describes come first; the exchange format's own names
/// are always recognised too (a party with a profile may deliver in the national
/// format), so a table is never lost for want of a profile entry.
fn party_files(
    dir: &Path,
    levering: &Levering,
    profiel: Option<&Profiel>,
    grenzen: &crate::config::Grenzen,
    referentie: &crate::reference::Referentie,
) -> Result<(Vec<Bestand>, Vec<Overgeslagen>)> {
    let entries: Vec<PathBuf> = sorted_entries(dir)?
        .into_iter()
        .filter(|p| !file_name(p).starts_with('.'))
        .collect();
    let rel = |naam: &str| format!("{}/{}/{naam}", levering.jaar, levering.partij);
    let find = |naam: &str| {
        entries
            .iter()
            .find(|p| p.is_file() && file_name(p).eq_ignore_ascii_case(naam))
    };
    let bestand = |tabel: Tabel, pad: &Path, formaat: Formaat, blad: Option<String>| {
        let naam = file_name(pad);
        Bestand {
            levering: levering.clone(),
            tabel,
            pad: pad.to_path_buf(),
            relatief: match &blad {
                Some(b) => rel(&format!("{naam}#{b}")),
                None => rel(&naam),
            },
            formaat,
            blad,
            profiel_afwijking: None,
        }
    };
    let mut gevonden: Vec<Bestand> = Vec::new();
    let mut overgeslagen: Vec<Overgeslagen> = Vec::new();
    let mut geclaimd: BTreeSet<PathBuf> = BTreeSet::new();
    // Sheets of a workbook, named after the tables or as the profile says.
    // A workbook that cannot be opened: with a profile its sheets are known and
    // reading them refuses the delivery with the cause; without one, the file is
    // listed as not read with the cause.
    let werkmap = |pad: &Path,
                   profiel: Option<&Profiel>,
                   gevonden: &mut Vec<Bestand>,
                   overgeslagen: &mut Vec<Overgeslagen>| {
        let bladen = match crate::error::read_bytes(pad)
            .map_err(|e| e.to_string())
            .and_then(|b| xlsx::bladen(&b, grenzen).map_err(|e| e.message))
        {
            Ok(b) => b,
            Err(e) => {
                if profiel.is_none() {
                    overgeslagen.push(Overgeslagen {
                        relatief: rel(&file_name(pad)),
                        reden: format!("workbook not read: {e}"),
                        tekort: false,
                    });
                }
                Vec::new()
            }
        };
        for tabel in Tabel::ALL {
            let gewenst = profiel.and_then(|p| p.bladen.get(tabel.name()).cloned());
            let blad = match gewenst {
                // A named sheet that is missing refuses the delivery when read.
                Some(b) => Some(b),
                None => bladen
                    .iter()
                    .find(|b| b.trim().eq_ignore_ascii_case(tabel.name()))
                    .cloned(),
            };
            if let Some(b) = blad {
                if !gevonden.iter().any(|g| g.tabel == tabel) {
                    gevonden.push(bestand(tabel, pad, Formaat::Xlsx, Some(b)));
                }
            }
        }
    };
    match profiel {
        Some(p) if p.formaat == Formaat::Xlsx => {
            let pad = match &p.werkmap {
                Some(w) => find(w),
                None => {
                    let xlsx: Vec<&PathBuf> = entries
                        .iter()
                        .filter(|e| {
                            e.extension()
                                .is_some_and(|x| x.eq_ignore_ascii_case("xlsx"))
                        })
                        .collect();
                    (xlsx.len() == 1).then(|| xlsx[0])
                }
            };
            if let Some(pad) = pad {
                geclaimd.insert(pad.clone());
                werkmap(pad, Some(p), &mut gevonden, &mut overgeslagen);
            }
        }
        Some(p) => {
            for tabel in Tabel::ALL {
                if let Some(pad) = find(&p.bestand(tabel)) {
                    geclaimd.insert(pad.clone());
                    gevonden.push(bestand(tabel, pad, p.formaat, None));
                }
            }
        }
        None => {}
    }
    // The exchange format's own names, for the tables not found yet.
    let via_profiel = gevonden.len();
    for pad in &entries {
        if geclaimd.contains(pad) || !pad.is_file() {
            continue;
        }
        let ext = pad
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let formaat = match ext.as_str() {
            "csv" => Formaat::Csv,
            "json" => Formaat::Json,
            "xlsx" => Formaat::Xlsx,
            _ => continue,
        };
        if formaat == Formaat::Xlsx {
            let (voor, overgeslagen_voor) = (gevonden.len(), overgeslagen.len());
            werkmap(pad, None, &mut gevonden, &mut overgeslagen);
            if gevonden.len() > voor || overgeslagen.len() > overgeslagen_voor {
                geclaimd.insert(pad.clone());
            }
            continue;
        }
        let tabel = pad
            .file_stem()
            .and_then(|s| Tabel::from_name(&s.to_string_lossy().to_lowercase()));
        if let Some(tabel) = tabel {
            geclaimd.insert(pad.clone());
            if let Some(eerder) = gevonden.iter().find(|g| g.tabel == tabel) {
                overgeslagen.push(Overgeslagen {
                    relatief: rel(&file_name(pad)),
                    reden: format!(
                        "a second file for table {}; {} is used",
                        tabel.name(),
                        eerder.relatief
                    ),
                    tekort: false,
                });
                continue;
            }
            gevonden.push(bestand(tabel, pad, formaat, None));
        }
    }
    if let Some(p) = profiel {
        for b in &mut gevonden[via_profiel..] {
            let verwacht = match p.formaat {
                Formaat::Xlsx => format!(
                    "de werkmap {}",
                    p.werkmap.as_deref().unwrap_or("(de enige .xlsx in de map)")
                ),
                _ => p.bestand(b.tabel),
            };
            b.profiel_afwijking = Some(format!(
                "het profiel van {} (queries/profielen/{}.toml) verwacht voor {} {verwacht}; dat ontbreekt, en {} in het landelijke aanleverformaat is gelezen",
                p.partij,
                p.partij,
                b.tabel.name(),
                b.relatief
            ));
        }
    }
    // Some tables are one party's or one kind's (strafzaken the OM's, the stelsel
    // tables IenW's and the omgevingsdiensten's): in another folder they are not
    // read, and said so.
    let mag = |tabel: Tabel| match tabel.alleen_van() {
        None => true,
        Some((wie, _, _)) => {
            levering.partij == wie
                || referentie.partijsoort(&levering.partij).map(|s| s.code()) == Some(wie)
        }
    };
    let (eigen, vreemd): (Vec<Bestand>, Vec<Bestand>) =
        gevonden.into_iter().partition(|b| mag(b.tabel));
    gevonden = eigen;
    for b in vreemd {
        let (_, wie, spec) = b.tabel.alleen_van().unwrap_or_default();
        overgeslagen.push(Overgeslagen {
            reden: format!("{} are delivered by {wie} only ({spec})", b.tabel.name()),
            relatief: b.relatief,
            tekort: false,
        });
    }
    for pad in &entries {
        if !geclaimd.contains(pad) {
            overgeslagen.push(Overgeslagen {
                relatief: rel(&file_name(pad)),
                reden: "not a table of the exchange format; a party profile in queries/profielen/ can describe it".into(),
                tekort: false,
            });
        }
    }
    gevonden.sort_by(|a, b| a.relatief.cmp(&b.relatief));
    Ok((gevonden, overgeslagen))
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    v.sort();
    Ok(v)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(bytes);
    format!("{:x}", h.finalize())
}

/// A finding about file `b`, or one of its lines.
pub fn bestand_bevinding(
    b: &Bestand,
    regel: Regel,
    zwaarte: Zwaarte,
    regelnummer: Option<u64>,
    kolom: Option<&str>,
    waarde: Option<String>,
    melding: String,
) -> Bevinding {
    Bevinding {
        regel: regel.code(),
        zwaarte,
        jaar: b.levering.jaar,
        partij: b.levering.partij.clone(),
        bestand: b.relatief.clone(),
        regelnummer,
        kolom: kolom.map(str::to_string),
        waarde,
        melding,
    }
}
