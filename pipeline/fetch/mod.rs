//! Before stage 1 — fetch: collect one year's deliveries from the parties' own
//! systems (HTTPS) or local paths, as a batch manifest lists them
//! (`spec/batch-manifest.md`), into a delivery tree that `run` takes as `--input`.
//!
//! A file is stored under its final name only when it arrived whole and matched
//! its sha256; every outcome, good or bad, is recorded in `fetch.json`. One party's
//! failure never stops the batch.

pub mod http;
pub mod record;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use reqwest::Url;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::ingest::profile::{Formaat, Profiel, Profielen};
use crate::model::Tabel;
use crate::reference::Referentie;
use record::{BestandUitkomst, Ophaaluitkomst, Ophaling, PartijUitkomst};

/// Network limits; the batch manifest's `[instellingen]` can change each.
#[derive(Debug, Clone)]
pub struct Instellingen {
    pub verbindingstijd: Duration,
    /// The longest wait for the headers or for the next bytes of the body.
    pub leestijd: Duration,
    pub max_bytes: u64,
    /// Attempts in all, the first included, for transient failures.
    pub pogingen: u32,
    /// The first wait between attempts; it doubles after each.
    pub wachttijd: Duration,
    pub max_wachttijd: Duration,
    /// Files fetched at the same time.
    pub gelijktijdig: usize,
}

impl Default for Instellingen {
    fn default() -> Self {
        Instellingen {
            verbindingstijd: Duration::from_secs(10),
            leestijd: Duration::from_secs(60),
            max_bytes: 1024 * 1024 * 1024,
            pogingen: 4,
            wachttijd: Duration::from_secs(2),
            max_wachttijd: Duration::from_secs(60),
            gelijktijdig: 4,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchToml {
    jaar: i32,
    #[serde(default)]
    instellingen: InstellingenToml,
    #[serde(default)]
    partij: Vec<PartijToml>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct InstellingenToml {
    verbindingstijd_s: Option<f64>,
    leestijd_s: Option<f64>,
    max_mb: Option<f64>,
    pogingen: Option<u32>,
    wachttijd_s: Option<f64>,
    max_wachttijd_s: Option<f64>,
    gelijktijdig: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartijToml {
    code: String,
    profiel: Option<String>,
    #[serde(default)]
    bestand: Vec<BronToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BronToml {
    tabel: String,
    url: Option<String>,
    path: Option<PathBuf>,
    sha256: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Bronlocatie {
    Url(Url),
    Pad(PathBuf),
}

/// One file to collect.
#[derive(Debug, Clone)]
struct Taak {
    tabel: Tabel,
    bron: Bronlocatie,
    /// As written in the batch manifest.
    bron_tekst: String,
    /// Its path in the delivery tree: `2025/odh/controles.csv`.
    doel: String,
    sha256: Option<String>,
}

impl Taak {
    /// The record of this file before anything is known: received after one
    /// attempt until the fetch says otherwise.
    fn uitkomst(&self) -> BestandUitkomst {
        BestandUitkomst {
            tabel: self.tabel.name().to_string(),
            bron: self.bron_tekst.clone(),
            bestand: self.doel.clone(),
            uitkomst: Ophaaluitkomst::Ontvangen,
            http_status: None,
            bytes: 0,
            sha256: None,
            verwacht_sha256: self.sha256.clone(),
            pogingen: 1,
            melding: None,
        }
    }
}

#[derive(Debug)]
struct ManifestPartij {
    code: String,
    profiel: Option<String>,
    taken: Vec<Taak>,
}

/// A checked batch manifest.
#[derive(Debug)]
pub struct Batch {
    pub jaar: i32,
    pub instellingen: Instellingen,
    partijen: Vec<ManifestPartij>,
    naam: String,
    sha256: String,
}

impl Batch {
    pub fn bestanden(&self) -> usize {
        self.partijen.iter().map(|p| p.taken.len()).sum()
    }
}

/// Read and check a batch manifest. Everything that is the monitoring team's own
/// mistake (an unknown party, table or profile, a URL that is not https, a
/// malformed sha256) stops here, before anything is fetched.
pub fn load(pad: &Path, referentie: &Referentie, profielen: &Profielen) -> Result<Batch> {
    let tekst = crate::error::read_text(pad)?;
    let err = |message: String| Error::Config {
        path: pad.to_path_buf(),
        message,
    };
    let b: BatchToml = toml::from_str(&tekst).map_err(|e| err(e.to_string()))?;
    if !(1990..=2100).contains(&b.jaar) {
        return Err(err(format!("jaar = {} is not a reporting year", b.jaar)));
    }
    let instellingen = instellingen(&b.instellingen).map_err(err)?;
    let basis = pad.parent().unwrap_or(Path::new("."));
    let mut partijen = Vec::new();
    let mut doelen: BTreeMap<String, Bronlocatie> = BTreeMap::new();
    for p in b.partij {
        let waar = format!("[[partij]] code = \"{}\"", p.code);
        if referentie.partijsoort(&p.code).is_none() {
            return Err(err(format!(
                "{waar}: not a party code of the reference lists (omgevingsdienst code, GMnnnn, PVnn, WSnn, ILT, NVWA or OM)"
            )));
        }
        if partijen.iter().any(|q: &ManifestPartij| q.code == p.code) {
            return Err(err(format!("{waar} is listed twice")));
        }
        let profiel = partijprofiel(&p, profielen).map_err(|m| err(format!("{waar}: {m}")))?;
        let mut taken = Vec::new();
        for (i, f) in p.bestand.into_iter().enumerate() {
            let waar = format!("{waar}, bestand {}", i + 1);
            let tabel = Tabel::from_name(&f.tabel).ok_or_else(|| {
                err(format!(
                    "{waar}: tabel = \"{}\"; tables: {}",
                    f.tabel,
                    Tabel::namen()
                ))
            })?;
            let in_bestand = |m: String| err(format!("{waar}: {m}"));
            let (bron, bron_tekst, laatste) = bronlocatie(&f, basis).map_err(in_bestand)?;
            let sha256 = f
                .sha256
                .as_deref()
                .map(checksum)
                .transpose()
                .map_err(in_bestand)?;
            let naam =
                doelnaam(tabel, &laatste, profiel).map_err(|m| err(format!("{waar}: {m}")))?;
            let doel = format!("{}/{}/{naam}", b.jaar, p.code);
            // A workbook holds several tables: listing it per table is fine, two
            // different sources for one stored file are not.
            if let Some(eerder) = doelen.get(&doel) {
                if eerder != &bron {
                    return Err(err(format!(
                        "{waar}: two different sources would both be stored as {doel}"
                    )));
                }
            }
            doelen.insert(doel.clone(), bron.clone());
            taken.push(Taak {
                tabel,
                bron,
                bron_tekst,
                doel,
                sha256,
            });
        }
        partijen.push(ManifestPartij {
            code: p.code,
            profiel: p.profiel,
            taken,
        });
    }
    Ok(Batch {
        jaar: b.jaar,
        instellingen,
        partijen,
        naam: pad
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        sha256: crate::ingest::sha256_hex(tekst.as_bytes()),
    })
}

/// The party's profile. Profiles are per party in this pipeline
/// (queries/profielen/<code>.toml), so `profiel` can only confirm the party's own.
fn partijprofiel<'p>(
    p: &PartijToml,
    profielen: &'p Profielen,
) -> std::result::Result<Option<&'p Profiel>, String> {
    match &p.profiel {
        Some(naam) if naam != &p.code => Err(format!(
            "profiel = \"{naam}\"; profiles are kept per party, name it \"{}\" (queries/profielen/{}.toml) or leave it out",
            p.code, p.code
        )),
        Some(naam) => profielen
            .get(naam)
            .map(Some)
            .ok_or_else(|| format!("profiel \"{naam}\" does not exist in queries/profielen/")),
        None => Ok(profielen.get(&p.code)),
    }
}

/// Where a file comes from (an https URL, or a path beside the batch manifest),
/// as written, and its last path segment.
fn bronlocatie(
    f: &BronToml,
    basis: &Path,
) -> std::result::Result<(Bronlocatie, String, String), String> {
    match (&f.url, &f.path) {
        (Some(u), None) => {
            let url = Url::parse(u).map_err(|e| format!("url \"{u}\": {e}"))?;
            if !http::toegestaan(&url) {
                return Err(format!(
                    "url \"{u}\" is not https; plain http is only allowed to this machine (127.0.0.1, ::1, localhost)"
                ));
            }
            let laatste = url
                .path_segments()
                .and_then(|mut s| s.next_back().map(str::to_string))
                .unwrap_or_default();
            Ok((Bronlocatie::Url(url), u.clone(), laatste))
        }
        (None, Some(pad)) => {
            let laatste = pad
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok((
                Bronlocatie::Pad(basis.join(pad)),
                pad.to_string_lossy().into_owned(),
                laatste,
            ))
        }
        _ => Err("give either url or path".into()),
    }
}

/// A checksum as given: 64 hexadecimal characters, compared in lower case.
fn checksum(s: &str) -> std::result::Result<String, String> {
    let s = s.trim().to_ascii_lowercase();
    if s.len() != 64 || !s.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(format!("sha256 = \"{s}\" is not 64 hexadecimal characters"));
    }
    Ok(s)
}

fn instellingen(t: &InstellingenToml) -> std::result::Result<Instellingen, String> {
    let d = Instellingen::default();
    let duur = |v: Option<f64>, naam: &str, standaard: Duration| match v {
        None => Ok(standaard),
        Some(s) if s.is_finite() && s > 0.0 && s <= 86_400.0 => Ok(Duration::from_secs_f64(s)),
        Some(s) => Err(format!(
            "[instellingen] {naam} = {s} is not a number of seconds above 0"
        )),
    };
    let max_bytes = match t.max_mb {
        None => d.max_bytes,
        Some(m) if m.is_finite() && m > 0.0 => (m * 1024.0 * 1024.0) as u64,
        Some(m) => return Err(format!("[instellingen] max_mb = {m} must be above 0")),
    };
    let pogingen = t.pogingen.unwrap_or(d.pogingen);
    if pogingen == 0 {
        return Err("[instellingen] pogingen must be at least 1".into());
    }
    let gelijktijdig = t.gelijktijdig.unwrap_or(d.gelijktijdig);
    if gelijktijdig == 0 {
        return Err("[instellingen] gelijktijdig must be at least 1".into());
    }
    Ok(Instellingen {
        verbindingstijd: duur(t.verbindingstijd_s, "verbindingstijd_s", d.verbindingstijd)?,
        leestijd: duur(t.leestijd_s, "leestijd_s", d.leestijd)?,
        max_bytes,
        pogingen,
        wachttijd: duur(t.wachttijd_s, "wachttijd_s", d.wachttijd)?,
        max_wachttijd: duur(t.max_wachttijd_s, "max_wachttijd_s", d.max_wachttijd)?,
        gelijktijdig,
    })
}

/// The stored name: the file name the party's profile expects for the table, so
/// ingest finds it exactly as in a local delivery; otherwise
/// `<tabel>.<extension of the source>`.
fn doelnaam(
    tabel: Tabel,
    laatste: &str,
    profiel: Option<&Profiel>,
) -> std::result::Result<String, String> {
    match profiel {
        Some(p) if p.formaat == Formaat::Xlsx => Ok(p
            .werkmap
            .clone()
            .unwrap_or_else(|| format!("{}.xlsx", tabel.name()))),
        Some(p) => Ok(p.bestand(tabel)),
        None => {
            let ext = Path::new(laatste)
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .filter(|e| !e.is_empty() && e.chars().all(|c| c.is_ascii_alphanumeric()));
            match ext {
                Some(e) => Ok(format!("{}.{e}", tabel.name())),
                None => Err(format!(
                    "cannot tell the format of \"{laatste}\" from its name; end the source with .csv, .json or .xlsx, or describe the party in a profile"
                )),
            }
        }
    }
}

/// Fetch every file of the batch into `output`, record the outcomes in
/// `output/fetch.json` and return this year's record.
pub fn fetch(batch: &Batch, output: &Path) -> Result<Ophaling> {
    check_output(output)?;
    std::fs::create_dir_all(output).map_err(|e| Error::write(output, e))?;
    let mut vorig = record::Ophaalverslag::load(output)?.unwrap_or_default();
    // One download per stored file, even when a workbook is listed per table.
    let mut uniek: BTreeMap<String, Taak> = BTreeMap::new();
    for t in batch.partijen.iter().flat_map(|p| &p.taken) {
        uniek.entry(t.doel.clone()).or_insert_with(|| t.clone());
    }
    let uitkomsten = haal_alle(batch, uniek, output)?;
    let nu = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let ophaling = Ophaling {
        jaar: batch.jaar,
        batch: batch.naam.clone(),
        batch_sha256: batch.sha256.clone(),
        opgehaald_op: chrono::DateTime::from_timestamp(nu, 0)
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .unwrap_or_default(),
        partijen: partij_uitkomsten(batch, &uitkomsten),
    };
    vorig.zet(ophaling.clone());
    vorig.write(output)?;
    Ok(ophaling)
}

/// An output folder is empty or holds an earlier fetch (its record): never write
/// into a folder of something else.
fn check_output(output: &Path) -> Result<()> {
    if output.is_dir()
        && !output.join(record::BESTAND).is_file()
        && std::fs::read_dir(output)
            .map_err(|e| Error::io(output, e))?
            .next()
            .is_some()
    {
        return Err(Error::FetchOutputNotEmpty {
            path: output.to_path_buf(),
            record: record::BESTAND,
        });
    }
    Ok(())
}

/// Every file collected, at most `gelijktijdig` at a time, with a progress bar;
/// the outcome per stored file.
fn haal_alle(
    batch: &Batch,
    uniek: BTreeMap<String, Taak>,
    output: &Path,
) -> Result<BTreeMap<String, BestandUitkomst>> {
    let pb = indicatif::ProgressBar::new(uniek.len() as u64);
    pb.set_style(
        indicatif::ProgressStyle::with_template("{msg:>12} [{bar:30}] {pos}/{len} files")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    pb.set_message("fetching");
    let client = http::client(&batch.instellingen).map_err(|e| Error::Start {
        wat: "the HTTP client",
        message: e.to_string(),
    })?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Start {
            wat: "the async runtime",
            message: e.to_string(),
        })?;
    let inst = Arc::new(batch.instellingen.clone());
    let uitkomsten = rt.block_on(async {
        let sem = Arc::new(tokio::sync::Semaphore::new(inst.gelijktijdig));
        let mut set = tokio::task::JoinSet::new();
        for taak in uniek.into_values() {
            let (client, inst, sem, output) = (
                client.clone(),
                inst.clone(),
                sem.clone(),
                output.to_path_buf(),
            );
            set.spawn(async move {
                let _plek = sem.acquire_owned().await;
                let u = haal(&client, &taak, &output, &inst).await;
                (taak.doel.clone(), u)
            });
        }
        let mut out = BTreeMap::new();
        while let Some(r) = set.join_next().await {
            if let Ok((doel, u)) = r {
                out.insert(doel, u);
            }
            pb.inc(1);
        }
        out
    });
    pb.finish_and_clear();
    Ok(uitkomsten)
}

/// Per party, the outcome of each listed file (a workbook fetched once for several
/// tables: each entry its own table).
fn partij_uitkomsten(
    batch: &Batch,
    uitkomsten: &BTreeMap<String, BestandUitkomst>,
) -> Vec<PartijUitkomst> {
    batch
        .partijen
        .iter()
        .map(|p| PartijUitkomst {
            code: p.code.clone(),
            profiel: p.profiel.clone(),
            bestanden: p
                .taken
                .iter()
                .map(|t| {
                    let mut u = uitkomsten.get(&t.doel).cloned().unwrap_or_else(|| {
                        // Only a panicking task ends here; record it rather than lose it.
                        BestandUitkomst {
                            uitkomst: Ophaaluitkomst::Onvolledig,
                            pogingen: 0,
                            melding: Some("interne fout bij het ophalen".into()),
                            ..t.uitkomst()
                        }
                    });
                    u.tabel = t.tabel.name().to_string();
                    u
                })
                .collect(),
        })
        .collect()
}

/// Collect one file: download or copy to a hidden temporary name beside its final
/// name, check size and sha256, then rename. On any failure nothing remains under
/// the final name, not even a copy from an earlier fetch, so the tree always
/// agrees with `fetch.json`.
async fn haal(
    client: &reqwest::Client,
    taak: &Taak,
    output: &Path,
    inst: &Instellingen,
) -> BestandUitkomst {
    let doel = output.join(&taak.doel);
    let naam = taak.doel.rsplit('/').next().unwrap_or("bestand");
    let tmp = doel.with_file_name(format!(".{naam}.part"));
    let mut u = taak.uitkomst();
    let mislukt = |mut u: BestandUitkomst, uitkomst: Ophaaluitkomst, melding: String| {
        let _ = std::fs::remove_file(&tmp);
        if doel.exists() {
            tracing::warn!(bestand = %doel.display(), "removed the copy of an earlier fetch");
            let _ = std::fs::remove_file(&doel);
        }
        u.uitkomst = uitkomst;
        u.melding = Some(melding);
        u
    };
    if let Some(map) = doel.parent() {
        if let Err(e) = std::fs::create_dir_all(map) {
            return mislukt(
                u,
                Ophaaluitkomst::Onvolledig,
                format!("{}: {e}", map.display()),
            );
        }
    }
    match &taak.bron {
        Bronlocatie::Url(url) => {
            let a = http::download(client, url, &tmp, inst).await;
            u.http_status = a.http_status;
            u.bytes = a.bytes;
            u.pogingen = a.pogingen;
            if a.uitkomst != Ophaaluitkomst::Ontvangen {
                let m = a.melding.unwrap_or_default();
                return mislukt(u, a.uitkomst, m);
            }
        }
        Bronlocatie::Pad(pad) => match std::fs::metadata(pad) {
            Err(e) => {
                return mislukt(
                    u,
                    Ophaaluitkomst::NietBereikbaar,
                    format!("{}: {e}", pad.display()),
                )
            }
            Ok(m) if m.len() > inst.max_bytes => {
                u.bytes = m.len();
                let t = format!("{} bytes, de grens is {}", m.len(), inst.max_bytes);
                return mislukt(u, Ophaaluitkomst::TeGroot, t);
            }
            Ok(_) => match std::fs::copy(pad, &tmp) {
                Ok(n) => u.bytes = n,
                Err(e) => {
                    return mislukt(
                        u,
                        Ophaaluitkomst::NietBereikbaar,
                        format!("{}: {e}", pad.display()),
                    )
                }
            },
        },
    }
    let sha = match crate::error::read_bytes(&tmp) {
        Ok(b) => crate::ingest::sha256_hex(&b),
        Err(e) => return mislukt(u, Ophaaluitkomst::Onvolledig, e.to_string()),
    };
    u.sha256 = Some(sha.clone());
    if let Some(verwacht) = taak.sha256.as_ref().filter(|v| **v != sha) {
        let m = format!("verwacht {verwacht}, ontvangen {sha}");
        return mislukt(u, Ophaaluitkomst::ChecksumOnjuist, m);
    }
    if let Err(e) = std::fs::rename(&tmp, &doel) {
        return mislukt(
            u,
            Ophaaluitkomst::Onvolledig,
            format!("{}: {e}", doel.display()),
        );
    }
    u
}
