//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use vth::config::Config;
use vth::indicators::datakwaliteit::KwaliteitRij;
use vth::indicators::IndicatorRij;
use vth::validate::Uitkomst;

pub use crate::context::*;

/// `vth run` on `input`, writing `output`; the run must succeed.
pub fn run(input: &Path, output: &Path) {
    vth_run(input, output).assert().success();
}

pub fn fixture(name: &str) -> PathBuf {
    project().join("tests/fixtures").join(name)
}

pub fn config(input: &Path, output: &Path) -> Config {
    Config::load(
        input.to_path_buf(),
        output.to_path_buf(),
        project().join("queries/config.toml"),
        None,
    )
    .expect("project configuration loads")
}

pub struct Computed {
    pub uitkomst: Uitkomst,
    pub dq: Vec<KwaliteitRij>,
    pub rijen: Vec<IndicatorRij>,
}

impl Computed {
    /// Each quarantined row's line and reason, in order.
    pub fn quarantaine_regels(&self) -> Vec<(u64, &str)> {
        self.uitkomst
            .quarantaine
            .iter()
            .map(|q| (q.regel, q.reden))
            .collect()
    }
}

/// Ingest, harmonise, validate and compute indicators (restricted: no suppression).
pub fn compute(input: &Path) -> Computed {
    compute_with(input, |_| {})
}

/// As `compute`, with the configuration changed first (e.g. a rule's severity).
pub fn compute_with(input: &Path, change: impl FnOnce(&mut Config)) -> Computed {
    let mut config = config(input, &input.join("unused-output"));
    change(&mut config);
    let q = vth::run::load_queries(&config).expect("queries load");
    let invoer = vth::run::ingest(&config, &q).expect("ingest");
    let uitkomst = vth::run::validate(&config, &q, &invoer).expect("validate");
    for r in &uitkomst.reconciliatie {
        assert!(r.klopt(), "D7 must hold for {}: {r:?}", r.bestand);
    }
    let dq = vth::run::datakwaliteit(&config, &q, &uitkomst);
    let rijen = vth::run::indicators(&config, &q, &uitkomst, &dq).expect("indicators");
    Computed {
        uitkomst,
        dq,
        rijen,
    }
}

impl Computed {
    /// The row of an indicator; panics with the available rows when absent.
    pub fn get(
        &self,
        id: &str,
        jaar: i32,
        niveau: &str,
        eenheid: &str,
        dim: Option<(&str, &str)>,
    ) -> &IndicatorRij {
        vth::publish::report::rij(&self.rijen, id, jaar, niveau, eenheid, dim)
            .unwrap_or_else(|| panic!("no row {id} {jaar} {niveau} {eenheid} {dim:?}"))
    }

    /// The national total of an indicator.
    pub fn nl(&self, id: &str, jaar: i32) -> &IndicatorRij {
        self.get(id, jaar, "nationaal", "NL", None)
    }

    pub fn nl_dim(&self, id: &str, jaar: i32, dim: &str, waarde: &str) -> &IndicatorRij {
        self.get(id, jaar, "nationaal", "NL", Some((dim, waarde)))
    }
}

/// Assert a share: teller, noemer, and waarde = 100 × teller / noemer.
pub fn assert_share(r: &IndicatorRij, teller: i64, noemer: i64) {
    assert_eq!((r.teller, r.noemer), (Some(teller), Some(noemer)), "{r:?}");
    let expected = 100.0 * teller as f64 / noemer as f64;
    let w = r.waarde.expect("share has a value");
    assert!((w - expected).abs() < 1e-9, "{r:?}: expected {expected}");
}

pub fn assert_count(r: &IndicatorRij, n: i64) {
    assert_eq!(r.waarde, Some(n as f64), "{r:?}");
    assert_eq!((r.teller, r.noemer), (None, None), "{r:?}");
}

/// Write files into a fresh temporary delivery tree.
pub fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (path, content) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, content).expect("write");
    }
    dir
}

/// Copy a fixture tree to a temporary folder, to modify it in a test.
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&fixture(name), dir.path());
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir") {
        let p = e.expect("entry").path();
        let target = to.join(p.file_name().expect("name"));
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).expect("copy");
        }
    }
}

/// The test suite's Python (pyarrow, duckdb, polars, frictionless, pytest) in a venv
/// of the target folder, made by tests/python/venv.sh when missing.
pub fn python() -> PathBuf {
    venv("python-venv", "requirements.txt")
}

/// A Python with pyarrow 13 (2023), for the researcher on older tools.
pub fn python_pyarrow13() -> PathBuf {
    venv("python-venv-pyarrow13", "requirements-pyarrow13.txt")
}

fn venv(naam: &str, requirements: &str) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| project().join("target"));
    let venv = target.join(naam);
    let st = std::process::Command::new("bash")
        .arg(project().join("tests/python/venv.sh"))
        .arg(&venv)
        .arg(project().join("tests/python").join(requirements))
        .status()
        .expect("bash and python3 are required for the Python suite");
    assert!(st.success(), "tests/python/venv.sh failed");
    venv.join("bin/python")
}

/// The report checks (tests/report/check.mjs with axe-core, playwright-core and
/// vnu), installed by tests/report/setup.sh into the target folder.
pub fn report_checks() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| project().join("target"));
    let dir = target.join("report-tools");
    let st = std::process::Command::new("bash")
        .arg(project().join("tests/report/setup.sh"))
        .arg(&dir)
        .status()
        .expect("bash and npm are required for the report checks");
    assert!(st.success(), "tests/report/setup.sh failed");
    dir.join("check.mjs")
}
