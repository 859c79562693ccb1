//! `vth bench`: the whole pipeline at national scale, against DuckDB references.
//!
//! For each scenario (`scenarios`: a national batch of one, two or ten years in the
//! parties' dialects or in canonical CSV only, and one party-year as one large file)
//! it generates the batch (kept between runs), runs `vth run` on it in a child
//! process and reads back the wall time per stage and the peak memory, then runs
//! the scenario's DuckDB reference over the same raw files (`tests/bench/`) and
//! compares its figures with the pipeline's. Figures are printed, never asserted:
//! targets live here, not in a test.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Environment variable through which `bench` asks its child `vth run` to write
/// its stage times and peak memory (never part of the output tree).
pub const TIJDEN_VAR: &str = "VTH_TIJDEN";

#[derive(Debug, Clone)]
pub struct Scenario {
    pub naam: &'static str,
    pub jaren: Vec<i32>,
    pub soort: Soort,
}

/// What a scenario's batch is, and which DuckDB reference it is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Soort {
    /// The national batch in the parties' dialects, xlsx and JSON; the reference
    /// reads them through the mapping tables and computes T1, T2, H1 and H6
    /// (`tests/bench/reference.py`).
    Dialecten,
    /// The national batch in canonical CSV only; the reference computes T1–T5 and
    /// H1–H10 (`tests/bench/canoniek.py`): the comparison a new user makes.
    Canoniek,
    /// One party-year as one large `controles.csv` (`tests/bench/een_bestand.py`).
    EenBestand,
}

/// The party of the one-file scenario: an inspectorate, whose controles lie in
/// every gemeente.
pub const EEN_BESTAND_PARTIJ: &str = "ILT";

pub fn scenarios() -> Vec<Scenario> {
    let sc = |naam, jaren, soort| Scenario { naam, jaren, soort };
    let tien: Vec<i32> = (2016..=2025).collect();
    vec![
        sc("1 jaar", vec![2025], Soort::Dialecten),
        sc("2 jaar", vec![2024, 2025], Soort::Dialecten),
        sc("10 jaar", tien.clone(), Soort::Dialecten),
        sc("2 jaar canoniek", vec![2024, 2025], Soort::Canoniek),
        sc("10 jaar canoniek", tien, Soort::Canoniek),
        sc("1 bestand", vec![2025], Soort::EenBestand),
    ]
}

/// What the child `vth run` reports about itself.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tijden {
    pub stappen: Vec<StapMeting>,
    pub rijen_gelezen: u64,
    /// The highest of the stages' peaks: the run's peak resident memory.
    pub piek_bytes: Option<u64>,
}

/// One stage of the child run: wall time and its own peak resident memory.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StapMeting {
    pub stap: String,
    pub seconden: f64,
    pub piek_bytes: Option<u64>,
}

/// Called by `vth run` when `VTH_TIJDEN` is set.
pub fn schrijf_tijden(pad: &Path, s: &crate::run::Samenvatting) -> Result<()> {
    let stappen: Vec<StapMeting> = s
        .tijden
        .iter()
        .map(|t| StapMeting {
            stap: t.name.to_string(),
            seconden: t.duration.as_secs_f64(),
            piek_bytes: t.peak_bytes,
        })
        .collect();
    let t = Tijden {
        piek_bytes: stappen.iter().filter_map(|s| s.piek_bytes).max(),
        stappen,
        rijen_gelezen: s.rijen.gelezen,
    };
    let json = serde_json::to_string_pretty(&t).map_err(|fout| Error::Json {
        wat: "the stage times",
        fout,
    })?;
    std::fs::write(pad, json).map_err(|e| Error::write(pad, e))
}

#[derive(Debug, Deserialize)]
struct DuckdbReferentie {
    seconden: f64,
    piek_bytes: u64,
    vergeleken: u64,
    verschillen: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Meting {
    pub scenario: String,
    pub jaren: usize,
    pub rijen: u64,
    pub controles: u64,
    pub vth_seconden: f64,
    pub vth_piek_bytes: Option<u64>,
    pub stappen: Vec<StapMeting>,
    pub duckdb_seconden: f64,
    pub duckdb_piek_bytes: u64,
    pub verhouding: f64,
    pub vergeleken: u64,
    pub verschillen: Vec<String>,
    pub soort: Soort,
}

pub struct BenchOpties {
    pub werkmap: PathBuf,
    pub queries: PathBuf,
    pub referentie: PathBuf,
    /// The DuckDB reference of the canonical scenarios.
    pub referentie_canoniek: PathBuf,
    /// The DuckDB reference of the one-file scenario.
    pub referentie_een_bestand: PathBuf,
    /// Rows of the one large file.
    pub rijen_een_bestand: usize,
    pub python: Option<PathBuf>,
    pub seed: u64,
    pub schaal: f64,
    pub alleen: Option<String>,
}

fn fout(m: impl Into<String>) -> Error {
    Error::Bench {
        stap: "vth bench".into(),
        message: m.into(),
    }
}

/// The Python of the test suite's virtual environment (beside the target folder
/// of this binary), made on first use as the tests do.
fn python(opties: &BenchOpties) -> Result<PathBuf> {
    if let Some(p) = &opties.python {
        return Ok(p.clone());
    }
    let exe = std::env::current_exe().map_err(|e| fout(format!("current_exe: {e}")))?;
    let target = exe
        .parent()
        .and_then(Path::parent)
        .ok_or_else(|| fout("cannot find the target folder of this binary"))?;
    let venv = target.join("python-venv");
    let ok = Command::new("bash")
        .arg("tests/python/venv.sh")
        .arg(&venv)
        .status()
        .map_err(|e| fout(format!("tests/python/venv.sh: {e}")))?;
    if !ok.success() {
        return Err(fout(
            "tests/python/venv.sh failed; give --python with duckdb, pyarrow and openpyxl",
        ));
    }
    Ok(venv.join("bin/python"))
}

pub fn bench(opties: &BenchOpties) -> Result<Vec<Meting>> {
    let python = python(opties)?;
    let basis = crate::run::load_basis(&opties.queries)?;
    let mut metingen = Vec::new();
    for sc in scenarios() {
        if opties.alleen.as_deref().is_some_and(|a| a != sc.naam) {
            continue;
        }
        let map = opties.werkmap.join(sc.naam.replace(' ', "-"));
        let invoer = map.join("invoer");
        maak_invoer(&sc, opties, &basis, &map)?;
        let config_pad = scenario_queries(&sc, opties, &map)?;
        let uitvoer = map.join("uitvoer");
        lees_vooraf(&invoer)?;
        schrijf_weg();
        eprintln!("{}: vth run…", sc.naam);
        let (vth, tijden) = run_vth(opties, &invoer, &uitvoer, &config_pad, &map)?;
        eprintln!("{}: DuckDB reference…", sc.naam);
        let (script, bron) = match sc.soort {
            Soort::Dialecten => (&opties.referentie, invoer.clone()),
            Soort::Canoniek => (&opties.referentie_canoniek, invoer.clone()),
            Soort::EenBestand => (
                &opties.referentie_een_bestand,
                een_bestand_pad(&invoer, &sc),
            ),
        };
        let queries = config_pad.parent().unwrap_or(Path::new("."));
        schrijf_weg();
        let r = run_referentie(&python, script, &bron, queries, &uitvoer, &map)?;
        let controles = crate::engine::read_parquet(&uitvoer.join("restricted/controles.parquet"))
            .map(|f| f.height() as u64)
            .unwrap_or(0);
        metingen.push(Meting {
            scenario: sc.naam.to_string(),
            jaren: sc.jaren.len(),
            rijen: tijden.rijen_gelezen,
            controles,
            vth_seconden: vth,
            vth_piek_bytes: tijden.piek_bytes,
            stappen: tijden.stappen,
            duckdb_seconden: r.seconden,
            duckdb_piek_bytes: r.piek_bytes,
            verhouding: vth / r.seconden,
            vergeleken: r.vergeleken,
            verschillen: r.verschillen,
            soort: sc.soort,
        });
    }
    let json = serde_json::to_string_pretty(&metingen).map_err(|e| fout(e.to_string()))?;
    let pad = opties.werkmap.join("bench.json");
    std::fs::write(&pad, json + "\n").map_err(|e| Error::write(&pad, e))?;
    Ok(metingen)
}

/// The one large file of the one-file scenario.
fn een_bestand_pad(invoer: &Path, sc: &Scenario) -> PathBuf {
    let jaar = sc.jaren.first().copied().unwrap_or(2025);
    invoer
        .join(jaar.to_string())
        .join(EEN_BESTAND_PARTIJ)
        .join("controles.csv")
}

/// The scenario's deliveries, generated unless the batch its parameters name is
/// there already (it is kept between runs).
fn maak_invoer(
    sc: &Scenario,
    opties: &BenchOpties,
    basis: &crate::run::Basis,
    map: &Path,
) -> Result<()> {
    let invoer = map.join("invoer");
    let kenmerk = format!(
        "seed {} schaal {} jaren {:?} {:?} {} vth {}\n",
        opties.seed,
        opties.schaal,
        sc.jaren,
        sc.soort,
        if sc.soort == Soort::EenBestand {
            opties.rijen_een_bestand
        } else {
            0
        },
        env!("CARGO_PKG_VERSION")
    );
    let kenmerk_pad = map.join("invoer.kenmerk");
    if std::fs::read_to_string(&kenmerk_pad).ok().as_deref() == Some(kenmerk.as_str()) {
        return Ok(());
    }
    eprintln!("{}: generating the deliveries…", sc.naam);
    let _ = std::fs::remove_dir_all(&invoer);
    std::fs::create_dir_all(map).map_err(|e| Error::write(map, e))?;
    match sc.soort {
        Soort::EenBestand => crate::generate::een_bestand::schrijf(
            &een_bestand_pad(&invoer, sc),
            EEN_BESTAND_PARTIJ,
            sc.jaren.first().copied().unwrap_or(2025),
            opties.rijen_een_bestand,
            opties.seed,
            &basis.referentie,
            &basis.codelijsten,
        )?,
        Soort::Dialecten | Soort::Canoniek => {
            let partijen = if sc.soort == Soort::Canoniek {
                crate::generate::canonieke_partijen(&basis.referentie, &basis.profielen)
            } else {
                crate::generate::landelijke_partijen(&basis.referentie)
            };
            crate::generate::genereer(
                &crate::generate::GenerateOpties {
                    seed: opties.seed,
                    schaal: opties.schaal,
                    jaren: sc.jaren.clone(),
                },
                &partijen,
                &basis.referentie,
                &basis.profielen,
                &basis.mappings,
                &invoer,
            )?;
        }
    }
    std::fs::write(&kenmerk_pad, &kenmerk).map_err(|e| Error::write(&kenmerk_pad, e))
}

/// The project's queries/, copied with the reporting years of the scenario; the
/// path of its configuration.
fn scenario_queries(sc: &Scenario, opties: &BenchOpties, map: &Path) -> Result<PathBuf> {
    let queries = map.join("queries");
    let _ = std::fs::remove_dir_all(&queries);
    kopieer(&opties.queries, &queries)?;
    let config_pad = queries.join("config.toml");
    let mut config: toml::Table = toml::from_str(&crate::error::read_text(&config_pad)?)
        .map_err(|e| fout(format!("{}: {e}", config_pad.display())))?;
    config.insert(
        "jaren".into(),
        toml::Value::Array(
            sc.jaren
                .iter()
                .map(|&j| toml::Value::Integer(j.into()))
                .collect(),
        ),
    );
    let tekst = toml::to_string(&config).map_err(|e| fout(e.to_string()))?;
    std::fs::write(&config_pad, tekst).map_err(|e| Error::write(&config_pad, e))?;
    Ok(config_pad)
}

/// `vth run` as a child process: its wall time and what it reports per stage.
fn run_vth(
    opties: &BenchOpties,
    invoer: &Path,
    uitvoer: &Path,
    config_pad: &Path,
    map: &Path,
) -> Result<(f64, Tijden)> {
    let exe = std::env::current_exe().map_err(|e| fout(format!("current_exe: {e}")))?;
    let tijden_pad = map.join("tijden.json");
    let templates = opties
        .queries
        .parent()
        .unwrap_or(Path::new("."))
        .join("report-templates");
    let begin = Instant::now();
    let status = Command::new(&exe)
        .arg("run")
        .arg("--input")
        .arg(invoer)
        .arg("--output")
        .arg(uitvoer)
        .arg("--config")
        .arg(config_pad)
        .arg("--templates")
        .arg(templates)
        .env(TIJDEN_VAR, &tijden_pad)
        .env("VTH_PSEUDONIEM_SLEUTEL", "vth-bench")
        .stdout(std::process::Stdio::null())
        .status()
        .map_err(|e| fout(format!("vth run: {e}")))?;
    let seconden = begin.elapsed().as_secs_f64();
    if !status.success() {
        return Err(fout(format!("vth run failed on {}", invoer.display())));
    }
    let tijden = serde_json::from_str(&crate::error::read_text(&tijden_pad)?)
        .map_err(|e| fout(e.to_string()))?;
    Ok((seconden, tijden))
}

/// A DuckDB reference script over `bron`, compared with the run's output.
fn run_referentie(
    python: &Path,
    script: &Path,
    bron: &Path,
    queries: &Path,
    uitvoer: &Path,
    map: &Path,
) -> Result<DuckdbReferentie> {
    let resultaat = map.join("duckdb.json");
    let status = Command::new(python)
        .arg(script)
        .arg(bron)
        .arg(queries)
        .arg(uitvoer)
        .arg(&resultaat)
        .status()
        .map_err(|e| fout(format!("{}: {e}", python.display())))?;
    if !status.success() {
        return Err(fout(format!("{} failed", script.display())));
    }
    serde_json::from_str(&crate::error::read_text(&resultaat)?).map_err(|e| fout(e.to_string()))
}

fn kopieer(van: &Path, naar: &Path) -> Result<()> {
    std::fs::create_dir_all(naar).map_err(|e| Error::write(naar, e))?;
    for e in std::fs::read_dir(van).map_err(|e| Error::io(van, e))? {
        let p = e.map_err(|e| Error::io(van, e))?.path();
        let doel = naar.join(p.file_name().unwrap_or_default());
        if p.is_dir() {
            kopieer(&p, &doel)?;
        } else {
            std::fs::copy(&p, &doel).map_err(|e| Error::write(&p, e))?;
        }
    }
    Ok(())
}

/// Every input file read once before either side is timed: `vth run` goes first,
/// and would otherwise pay for reading from disk what the reference then finds in
/// the page cache (the one file: 1.2 GB).
fn lees_vooraf(map: &Path) -> Result<()> {
    for e in std::fs::read_dir(map).map_err(|e| Error::io(map, e))? {
        let p = e.map_err(|e| Error::io(map, e))?.path();
        if p.is_dir() {
            lees_vooraf(&p)?;
        } else {
            let mut f = std::fs::File::open(&p).map_err(|e| Error::io(&p, e))?;
            std::io::copy(&mut f, &mut std::io::sink()).map_err(|e| Error::io(&p, e))?;
        }
    }
    Ok(())
}

/// Every file written so far on its way to disk before a side is timed: the
/// kernel writes the previous run's output (one file: 200 MB of Parquet, ten
/// years' DuckDB side: several GB) in the background, and did so on the cores
/// of whichever run came next.
fn schrijf_weg() {
    // SAFETY: sync takes no arguments and only schedules and waits for writeback.
    #[cfg(unix)]
    unsafe {
        libc::sync()
    };
}

fn mib(b: u64) -> String {
    format!("{:.0} MiB", b as f64 / (1024.0 * 1024.0))
}

/// Bytes of peak memory per row read, the figure the targets bound.
fn per_rij(bytes: Option<u64>, rijen: u64) -> String {
    match bytes {
        Some(b) if rijen > 0 => format!("{:.0} B/row", b as f64 / rijen as f64),
        _ => "n/a".into(),
    }
}

/// The figures as a report on standard output.
pub fn print(metingen: &[Meting]) {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("machine: {cpus} cores; vth {}", env!("CARGO_PKG_VERSION"));
    for m in metingen {
        println!();
        println!(
            "== {} ({} controles, {} rows read in all tables)",
            m.scenario, m.controles, m.rijen
        );
        println!(
            "vth run              {:>7.2} s {:>11.0} rows/s   peak {:>9} {:>10}",
            m.vth_seconden,
            m.rijen as f64 / m.vth_seconden,
            m.vth_piek_bytes.map_or("n/a".into(), mib),
            per_rij(m.vth_piek_bytes, m.rijen),
        );
        for s in &m.stappen {
            println!(
                "  {:<19}{:>7.2} s {:>11.0} rows/s   peak {:>9} {:>10}",
                s.stap,
                s.seconden,
                if s.seconden > 0.0 {
                    m.rijen as f64 / s.seconden
                } else {
                    0.0
                },
                s.piek_bytes.map_or("n/a".into(), mib),
                per_rij(s.piek_bytes, m.rijen),
            );
        }
        let werk = match m.soort {
            Soort::Dialecten => "dialects, xlsx, JSON: T1, T2, H1, H6; reading to indicators",
            Soort::Canoniek => "canonical CSV: T1–T5, H1–H10; reading to indicators",
            Soort::EenBestand => {
                "typed read, code and id checks, Parquet zstd, counts per gemeente"
            }
        };
        println!(
            "DuckDB               {:>7.2} s {:>11.0} rows/s   peak {:>9}   ({werk})",
            m.duckdb_seconden,
            m.rijen as f64 / m.duckdb_seconden,
            mib(m.duckdb_piek_bytes)
        );
        println!("vth / DuckDB: {:.2}", m.verhouding);
        if m.verschillen.is_empty() {
            println!("indicators: all {} figures equal", m.vergeleken);
        } else {
            println!(
                "indicators: {} of {} figures DIFFER:",
                m.verschillen.len(),
                m.vergeleken
            );
            for v in m.verschillen.iter().take(20) {
                println!("  {v}");
            }
        }
        let piek = m.vth_piek_bytes.unwrap_or(u64::MAX);
        let doelen = doelen(m, piek);
        println!("targets: {doelen}");
    }
}

/// The targets a scenario is measured against; figures, never a timed test.
/// Issue 14 set them for the dialect batches, issue 32 for the canonical batches
/// (against DuckDB's T1–H10) and the one large file.
fn doelen(m: &Meting, piek: u64) -> String {
    let doel = |ok: bool| if ok { "met" } else { "NOT met" };
    match m.soort {
        Soort::EenBestand => format!(
            "ratio ≤ 1 {} (aim 0.5); peak < 3 GiB {}",
            doel(m.verhouding <= 1.0),
            doel(piek < 3 << 30)
        ),
        Soort::Canoniek if m.jaren >= 10 => format!(
            "ratio ≤ 1 {} (aim 0.7 {}); peak < 2 GiB {}",
            doel(m.verhouding <= 1.0),
            doel(m.verhouding <= 0.7),
            doel(piek < 2 << 30)
        ),
        Soort::Canoniek => format!(
            "ratio ≤ 0.75 {} (aim 0.5 {})",
            doel(m.verhouding <= 0.75),
            doel(m.verhouding <= 0.5)
        ),
        Soort::Dialecten if m.jaren >= 10 => format!(
            "< 20 s {}; < 4 GiB {}; < 400 B/row {}; ratio ≤ 1 {}",
            doel(m.vth_seconden < 20.0),
            doel(piek < 4 << 30),
            doel((piek as f64) < 400.0 * m.rijen as f64),
            doel(m.verhouding <= 1.0)
        ),
        Soort::Dialecten => format!(
            "ratio ≤ 1 {} (aim 0.5){}",
            doel(m.verhouding <= 1.0),
            if m.jaren == 1 {
                format!("; peak < 1 GiB {}", doel(piek < 1 << 30))
            } else {
                String::new()
            }
        ),
    }
}
