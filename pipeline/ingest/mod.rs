//! Stage 1 — ingest: find the delivery files of a batch and read them into raw
//! tables with line-level lineage. No interpretation of values happens here.

pub mod table;
pub mod text;

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::model::{Levering, Tabel};

/// One delivery file found in the input tree.
#[derive(Debug, Clone)]
pub struct Bestand {
    pub levering: Levering,
    pub tabel: Tabel,
    pub pad: PathBuf,
    /// Path relative to the input folder with `/` separators: stable across machines.
    pub relatief: String,
}

/// A file in the input tree that is not part of the exchange format.
#[derive(Debug, Clone)]
pub struct Overgeslagen {
    pub relatief: String,
    pub reden: String,
}

/// Walk `<input>/<jaar>/<partij>/<tabel>.csv`. The order is sorted, so everything
/// downstream is deterministic.
pub fn discover(input: &Path) -> Result<(Vec<Bestand>, Vec<Overgeslagen>)> {
    let mut bestanden = Vec::new();
    let mut overgeslagen = Vec::new();
    for jaar_dir in sorted_entries(input)? {
        let jaar_naam = file_name(&jaar_dir);
        if !jaar_dir.is_dir() {
            if !jaar_naam.starts_with('.') && jaar_naam != "README.md" {
                overgeslagen.push(Overgeslagen {
                    relatief: jaar_naam,
                    reden: "not a year folder".into(),
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
            });
            continue;
        };
        for partij_dir in sorted_entries(&jaar_dir)? {
            let partij = file_name(&partij_dir);
            if !partij_dir.is_dir() {
                overgeslagen.push(Overgeslagen {
                    relatief: format!("{jaar}/{partij}"),
                    reden: "not a party folder".into(),
                });
                continue;
            }
            for pad in sorted_entries(&partij_dir)? {
                let naam = file_name(&pad);
                let relatief = format!("{jaar}/{partij}/{naam}");
                let tabel = pad
                    .extension()
                    .filter(|e| e.eq_ignore_ascii_case("csv"))
                    .and_then(|_| pad.file_stem())
                    .and_then(|s| Tabel::from_name(&s.to_string_lossy().to_lowercase()));
                match tabel {
                    Some(tabel) if pad.is_file() => bestanden.push(Bestand {
                        levering: Levering {
                            jaar,
                            partij: partij.clone(),
                        },
                        tabel,
                        pad,
                        relatief,
                    }),
                    _ => overgeslagen.push(Overgeslagen {
                        relatief,
                        reden: "not a table of the exchange format".into(),
                    }),
                }
            }
        }
    }
    Ok((bestanden, overgeslagen))
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
