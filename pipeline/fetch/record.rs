//! `fetch.json`: what `vth fetch` collected, party by party and file by file. It
//! sits at the root of the delivery tree it describes; `run` reads it so that a
//! party whose files did not (all) arrive is reported in D1, and so that a stored
//! copy that changed after it was fetched is not read as if it were the delivery.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::Levering;

/// The file name at the root of the delivery tree.
pub const BESTAND: &str = crate::ingest::OPHAALVERSLAG;

/// The outcome of one file, as `exchange-format`'s batch manifest names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ophaaluitkomst {
    Ontvangen,
    NietBereikbaar,
    /// The server answered with an error status (kept in `http_status`).
    Geweigerd,
    ChecksumOnjuist,
    TeGroot,
    Onvolledig,
}

impl Ophaaluitkomst {
    /// Dutch words for the report and D1.
    pub fn tekst(self) -> &'static str {
        match self {
            Ophaaluitkomst::Ontvangen => "ontvangen",
            Ophaaluitkomst::NietBereikbaar => "niet bereikbaar",
            Ophaaluitkomst::Geweigerd => "geweigerd door de bron",
            Ophaaluitkomst::ChecksumOnjuist => "checksum onjuist",
            Ophaaluitkomst::TeGroot => "te groot",
            Ophaaluitkomst::Onvolledig => "onvolledig ontvangen",
        }
    }
}

/// One file of the batch manifest and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BestandUitkomst {
    pub tabel: String,
    /// The URL, or the local path as written in the batch manifest.
    pub bron: String,
    /// Where it is stored, relative to the delivery tree: `2025/odh/controles.csv`.
    pub bestand: String,
    pub uitkomst: Ophaaluitkomst,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    /// Bytes received (of the stored file when `ontvangen`).
    pub bytes: u64,
    /// sha256 of the stored file; also given for a checksum mismatch, so the
    /// party can be told what arrived.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verwacht_sha256: Option<String>,
    pub pogingen: u32,
    /// Why it did not arrive, in words, with the last error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub melding: Option<String>,
}

impl BestandUitkomst {
    fn naam(&self) -> &str {
        self.bestand.rsplit('/').next().unwrap_or(&self.bestand)
    }

    /// "overtredingen.csv: geweigerd door de bron (HTTP 404)"
    pub fn tekort(&self) -> String {
        let mut s = format!("{}: {}", self.naam(), self.uitkomst.tekst());
        match (&self.http_status, &self.melding) {
            (Some(st), _) if self.uitkomst == Ophaaluitkomst::Geweigerd => {
                s.push_str(&format!(" (HTTP {st})"))
            }
            (_, Some(m)) => s.push_str(&format!(" ({m})")),
            _ => {}
        }
        s
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartijUitkomst {
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profiel: Option<String>,
    pub bestanden: Vec<BestandUitkomst>,
}

/// One `vth fetch` of one year's batch manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ophaling {
    pub jaar: i32,
    /// The batch manifest's file name and hash, so the record says what was asked.
    pub batch: String,
    pub batch_sha256: String,
    /// When the fetch ended (UTC). Not copied into a run's output, which must not
    /// depend on the clock.
    pub opgehaald_op: String,
    pub partijen: Vec<PartijUitkomst>,
}

/// The whole `fetch.json`: one entry per year fetched into this tree.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ophaalverslag {
    pub ophalingen: Vec<Ophaling>,
}

impl Ophaalverslag {
    /// `None` when the tree was not made by `vth fetch`.
    pub fn load(dir: &Path) -> Result<Option<Ophaalverslag>> {
        let pad = dir.join(BESTAND);
        if !pad.is_file() {
            return Ok(None);
        }
        let text = crate::error::read_text(&pad)?;
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| Error::Config {
                path: pad,
                message: format!("not a fetch record of `vth fetch`: {e}"),
            })
    }

    /// Replace the year's entry (a second fetch of a year supersedes the first).
    pub fn zet(&mut self, o: Ophaling) {
        self.ophalingen.retain(|x| x.jaar != o.jaar);
        self.ophalingen.push(o);
        self.ophalingen.sort_by_key(|x| x.jaar);
    }

    /// Write atomically: a reader never sees half a record.
    pub fn write(&self, dir: &Path) -> Result<()> {
        let json = serde_json::to_string_pretty(self).map_err(|fout| Error::Json {
            wat: "the fetch record",
            fout,
        })? + "\n";
        let tmp = dir.join(format!(".{BESTAND}.tmp"));
        std::fs::write(&tmp, json).map_err(|e| Error::write(&tmp, e))?;
        let pad = dir.join(BESTAND);
        std::fs::rename(&tmp, &pad).map_err(|e| Error::write(&pad, e))
    }

    pub fn jaren(&self) -> BTreeSet<i32> {
        self.ophalingen.iter().map(|o| o.jaar).collect()
    }

    /// Every file that arrived, by its path in the tree, with its sha256.
    pub fn ontvangen(&self) -> BTreeMap<&str, &str> {
        self.bestanden()
            .filter(|(_, b)| b.uitkomst == Ophaaluitkomst::Ontvangen)
            .filter_map(|(_, b)| Some((b.bestand.as_str(), b.sha256.as_deref()?)))
            .collect()
    }

    fn bestanden(&self) -> impl Iterator<Item = (Levering, &BestandUitkomst)> {
        self.ophalingen.iter().flat_map(|o| {
            o.partijen.iter().flat_map(move |p| {
                p.bestanden.iter().map(move |b| {
                    (
                        Levering {
                            jaar: o.jaar,
                            partij: p.code.clone(),
                        },
                        b,
                    )
                })
            })
        })
    }

    /// Per delivery, what did not arrive, in words. A party listed without any
    /// file counts as not delivered as well.
    pub fn tekorten(&self) -> BTreeMap<Levering, Vec<String>> {
        let mut out: BTreeMap<Levering, Vec<String>> = BTreeMap::new();
        for (l, b) in self.bestanden() {
            if b.uitkomst != Ophaaluitkomst::Ontvangen {
                out.entry(l).or_default().push(b.tekort());
            }
        }
        for o in &self.ophalingen {
            for p in o.partijen.iter().filter(|p| p.bestanden.is_empty()) {
                out.entry(Levering {
                    jaar: o.jaar,
                    partij: p.code.clone(),
                })
                .or_default()
                .push("geen bestand opgegeven in het batchmanifest".into());
            }
        }
        out
    }

    /// The source of every file, for the run's manifest: no clock, no retries,
    /// only what identifies the input.
    pub fn herkomst(&self) -> Vec<serde_json::Value> {
        self.bestanden()
            .map(|(l, b)| {
                serde_json::json!({
                    "jaar": l.jaar,
                    "partij": l.partij,
                    "tabel": b.tabel,
                    "bron": b.bron,
                    "bestand": b.bestand,
                    "uitkomst": b.uitkomst,
                    "sha256": b.sha256,
                })
            })
            .collect()
    }
}

/// What the run takes from `fetch.json`: the files it may read, and per delivery
/// what is missing.
#[derive(Debug, Default)]
pub struct Ontvangstcontrole {
    pub bestanden: Vec<crate::ingest::Bestand>,
    pub overgeslagen: Vec<crate::ingest::Overgeslagen>,
    pub tekorten: BTreeMap<Levering, Vec<String>>,
}

impl Ophaalverslag {
    /// Check the delivery tree against the record. In a fetched year only files
    /// recorded as `ontvangen`, with the same sha256, are read: a file changed by
    /// hand since, or left from another fetch, is set aside with the reason, and a
    /// changed file makes its delivery incomplete.
    pub fn controleer(
        &self,
        input: &Path,
        bestanden: Vec<crate::ingest::Bestand>,
    ) -> Ontvangstcontrole {
        let jaren = self.jaren();
        let ontvangen = self.ontvangen();
        let mut hashes: BTreeMap<String, Option<String>> = BTreeMap::new();
        let mut c = Ontvangstcontrole {
            tekorten: self.tekorten(),
            ..Ontvangstcontrole::default()
        };
        for b in bestanden {
            if !jaren.contains(&b.levering.jaar) {
                c.bestanden.push(b);
                continue;
            }
            let fysiek = b
                .relatief
                .split('#')
                .next()
                .unwrap_or(&b.relatief)
                .to_string();
            let Some(verwacht) = ontvangen.get(fysiek.as_str()) else {
                c.overgeslagen.push(crate::ingest::Overgeslagen {
                    relatief: b.relatief.clone(),
                    reden: format!(
                        "not received in the fetch of {} ({BESTAND}): left from another fetch or added by hand; fetch again or remove it",
                        b.levering.jaar
                    ),
                    tekort: false,
                });
                continue;
            };
            let echt = hashes
                .entry(fysiek.clone())
                .or_insert_with(|| {
                    crate::error::read_bytes(&input.join(&fysiek))
                        .ok()
                        .map(|x| crate::ingest::sha256_hex(&x))
                })
                .clone();
            if echt.as_deref() == Some(*verwacht) {
                c.bestanden.push(b);
                continue;
            }
            let naam = fysiek.rsplit('/').next().unwrap_or(&fysiek).to_string();
            c.overgeslagen.push(crate::ingest::Overgeslagen {
                relatief: b.relatief.clone(),
                reden: format!(
                    "changed since it was fetched (sha256 {} here, {verwacht} in {BESTAND}); fetch again or restore the fetched copy",
                    echt.as_deref().unwrap_or("unreadable")
                ),
                tekort: true,
            });
            let t = c.tekorten.entry(b.levering.clone()).or_default();
            let regel = format!("{naam}: gewijzigd na het ophalen");
            if !t.contains(&regel) {
                t.push(regel);
            }
        }
        c
    }
}
