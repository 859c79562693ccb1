//! Stage 1 — ingest: find the delivery files of a batch and read them into raw
//! tables with line-level lineage. No interpretation of values happens here.

pub mod json;
pub mod profile;
pub mod read;
mod records;
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
        let Some(jaar) = jaar_van_map(&jaar_naam) else {
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

/// The year a folder of a delivery tree is named after, when it is one.
pub fn jaar_van_map(naam: &str) -> Option<i32> {
    naam.parse::<i32>()
        .ok()
        .filter(|j| (1990..=2100).contains(j))
}

/// The table files of one party folder, and the files that are none of them. The
/// files the party's profile describes come first; the exchange format's own names
/// are always recognised too (a party with a profile may deliver in the national
/// format), so a table is never lost for want of a profile entry.
pub fn party_files(
    dir: &Path,
    levering: &Levering,
    profiel: Option<&Profiel>,
    grenzen: &crate::config::Grenzen,
    referentie: &crate::reference::Referentie,
) -> Result<(Vec<Bestand>, Vec<Overgeslagen>)> {
    let mut map = Partijmap {
        entries: sorted_entries(dir)?
            .into_iter()
            .filter(|p| !file_name(p).starts_with('.'))
            .collect(),
        levering,
        grenzen,
        gevonden: Vec::new(),
        overgeslagen: Vec::new(),
        geclaimd: BTreeSet::new(),
    };
    if let Some(p) = profiel {
        map.volgens_profiel(p);
    }
    let via_profiel = map.gevonden.len();
    map.landelijke_namen();
    if let Some(p) = profiel {
        map.profiel_niet_gevolgd(p, via_profiel);
    }
    map.alleen_eigen_tabellen(referentie);
    map.niet_gelezen();
    let Partijmap {
        mut gevonden,
        overgeslagen,
        ..
    } = map;
    gevonden.sort_by(|a, b| a.relatief.cmp(&b.relatief));
    Ok((gevonden, overgeslagen))
}

/// One party folder while its files are found: the entries, the tables found, the
/// files listed as not read, and the entries claimed by a table.
struct Partijmap<'a> {
    entries: Vec<PathBuf>,
    levering: &'a Levering,
    grenzen: &'a crate::config::Grenzen,
    gevonden: Vec<Bestand>,
    overgeslagen: Vec<Overgeslagen>,
    geclaimd: BTreeSet<PathBuf>,
}

impl Partijmap<'_> {
    /// A file's path relative to the input folder.
    fn rel(&self, naam: &str) -> String {
        format!("{}/{}/{naam}", self.levering.jaar, self.levering.partij)
    }

    /// The entry named `naam`, in any letter case.
    fn find(&self, naam: &str) -> Option<PathBuf> {
        self.entries
            .iter()
            .find(|p| p.is_file() && file_name(p).eq_ignore_ascii_case(naam))
            .cloned()
    }

    fn bestand(&self, tabel: Tabel, pad: &Path, formaat: Formaat, blad: Option<String>) -> Bestand {
        let naam = file_name(pad);
        Bestand {
            levering: self.levering.clone(),
            tabel,
            pad: pad.to_path_buf(),
            relatief: match &blad {
                Some(b) => self.rel(&format!("{naam}#{b}")),
                None => self.rel(&naam),
            },
            formaat,
            blad,
            profiel_afwijking: None,
        }
    }

    /// Sheets of a workbook, named after the tables or as the profile says. A
    /// workbook that cannot be opened: with a profile its sheets are known and
    /// reading them refuses the delivery with the cause; without one, the file is
    /// listed as not read with the cause.
    fn werkmap(&mut self, pad: &Path, profiel: Option<&Profiel>) {
        let bladen = match crate::error::read_bytes(pad)
            .map_err(|e| e.to_string())
            .and_then(|b| xlsx::bladen(&b, self.grenzen).map_err(|e| e.message))
        {
            Ok(b) => b,
            Err(e) => {
                if profiel.is_none() {
                    self.overgeslagen.push(Overgeslagen {
                        relatief: self.rel(&file_name(pad)),
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
                if !self.gevonden.iter().any(|g| g.tabel == tabel) {
                    let b = self.bestand(tabel, pad, Formaat::Xlsx, Some(b));
                    self.gevonden.push(b);
                }
            }
        }
    }

    /// The files the party's profile names: its workbook (named, or the only
    /// `.xlsx` in the folder), or a file per table.
    fn volgens_profiel(&mut self, p: &Profiel) {
        if p.formaat == Formaat::Xlsx {
            let pad = match &p.werkmap {
                Some(w) => self.find(w),
                None => {
                    let xlsx: Vec<&PathBuf> = self
                        .entries
                        .iter()
                        .filter(|e| {
                            e.extension()
                                .is_some_and(|x| x.eq_ignore_ascii_case("xlsx"))
                        })
                        .collect();
                    (xlsx.len() == 1).then(|| xlsx[0].clone())
                }
            };
            if let Some(pad) = pad {
                self.geclaimd.insert(pad.clone());
                self.werkmap(&pad, Some(p));
            }
            return;
        }
        for tabel in Tabel::ALL {
            if let Some(pad) = self.find(&p.bestand(tabel)) {
                self.geclaimd.insert(pad.clone());
                let b = self.bestand(tabel, &pad, p.formaat, None);
                self.gevonden.push(b);
            }
        }
    }

    /// The exchange format's own names, for the tables not found yet; a second file
    /// for a table is listed as not read.
    fn landelijke_namen(&mut self) {
        for pad in self.entries.clone() {
            if self.geclaimd.contains(&pad) || !pad.is_file() {
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
                let (voor, overgeslagen_voor) = (self.gevonden.len(), self.overgeslagen.len());
                self.werkmap(&pad, None);
                if self.gevonden.len() > voor || self.overgeslagen.len() > overgeslagen_voor {
                    self.geclaimd.insert(pad.clone());
                }
                continue;
            }
            let tabel = pad
                .file_stem()
                .and_then(|s| Tabel::from_name(&s.to_string_lossy().to_lowercase()));
            let Some(tabel) = tabel else {
                continue;
            };
            self.geclaimd.insert(pad.clone());
            if let Some(eerder) = self.gevonden.iter().find(|g| g.tabel == tabel) {
                let o = Overgeslagen {
                    relatief: self.rel(&file_name(&pad)),
                    reden: format!(
                        "a second file for table {}; {} is used",
                        tabel.name(),
                        eerder.relatief
                    ),
                    tekort: false,
                };
                self.overgeslagen.push(o);
                continue;
            }
            let b = self.bestand(tabel, &pad, formaat, None);
            self.gevonden.push(b);
        }
    }

    /// The tables read under the national names although the party's profile
    /// names other files (from `vanaf` on) carry that as a warning.
    fn profiel_niet_gevolgd(&mut self, p: &Profiel, vanaf: usize) {
        for b in &mut self.gevonden[vanaf..] {
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

    /// Some tables are one party's or one kind's (strafzaken the OM's, the stelsel
    /// tables IenW's and the omgevingsdiensten's): in another folder they are not
    /// read, and said so.
    fn alleen_eigen_tabellen(&mut self, referentie: &crate::reference::Referentie) {
        let partij = &self.levering.partij;
        let mag = |tabel: Tabel| match tabel.alleen_van() {
            None => true,
            Some((wie, _, _)) => {
                *partij == wie || referentie.partijsoort(partij).map(|s| s.code()) == Some(wie)
            }
        };
        let (eigen, vreemd): (Vec<Bestand>, Vec<Bestand>) = std::mem::take(&mut self.gevonden)
            .into_iter()
            .partition(|b| mag(b.tabel));
        self.gevonden = eigen;
        for b in vreemd {
            let (_, wie, spec) = b.tabel.alleen_van().unwrap_or_default();
            self.overgeslagen.push(Overgeslagen {
                reden: format!("{} are delivered by {wie} only ({spec})", b.tabel.name()),
                relatief: b.relatief,
                tekort: false,
            });
        }
    }

    /// Every entry no table claimed is listed as not read.
    fn niet_gelezen(&mut self) {
        for pad in &self.entries {
            if !self.geclaimd.contains(pad) {
                self.overgeslagen.push(Overgeslagen {
                    relatief: self.rel(&file_name(pad)),
                    reden: "not a table of the exchange format; a party profile in queries/profielen/ can describe it".into(),
                    tekort: false,
                });
            }
        }
    }
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
