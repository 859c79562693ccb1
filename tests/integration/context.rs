//! The one way the tests start the binary, as uv's `TestContext`: from the project
//! folder, with the variables that would change a run (the pseudonym key, logging, a
//! proxy that would catch the loopback server) taken out of its environment; and the
//! exchange format's header lines that the tests' deliveries share.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The pseudonymisation key of the tests that set one.
pub const SLEUTEL: &str = "test";

/// Variables of the caller's environment that a test run must not see.
const BUITEN: [&str; 9] = [
    "VTH_PSEUDONIEM_SLEUTEL",
    "VTH_LOG",
    "VTH_TIJDEN",
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
];

pub fn project() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `vth`, started from the project folder in a clean environment.
pub fn vth() -> Command {
    let mut c = Command::cargo_bin("vth").expect("binary");
    c.current_dir(project());
    for v in BUITEN {
        c.env_remove(v);
    }
    c
}

/// `vth run --input <input> --output <output>`, without a pseudonymisation key.
pub fn vth_run(input: &Path, output: &Path) -> Command {
    let mut c = vth();
    c.args(["run", "--input"])
        .arg(input)
        .arg("--output")
        .arg(output);
    c
}

/// `vth run --input <input> --output <output>` with the tests' pseudonymisation key.
pub fn vth_run_with_key(input: &Path, output: &Path) -> Command {
    let mut c = vth_run(input, output);
    c.env("VTH_PSEUDONIEM_SLEUTEL", SLEUTEL);
    c
}

/// The same start as [`vth`], as a process a test can spawn and kill itself.
pub fn vth_process() -> std::process::Command {
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("vth"));
    c.current_dir(project());
    for v in BUITEN {
        c.env_remove(v);
    }
    c
}

/// The header lines of the exchange format's tables, as the tests deliver them.
pub const C_KOP: &str = "controle_id,object_id,bevoegd_gezag,gemeente_code,controledatum,controletype,taak,brzo,resultaat\n";
pub const V_KOP: &str = "overtreding_id,controle_id,overtredingsdatum,handhavingsstrategie,gevolg,gedrag,ernst,indicatie_handhaving,reden_geen_handhaving,hersteldatum\n";
pub const M_KOP: &str = "maatregel_id,overtreding_id,handhavingsinstrument,datum_opleggen,datum_afronding,status,bedrag_eur\n";
pub const Z_KOP: &str = "parketnummer,partij_verbalisant,maatregel_id,datum_instroom,afdoening,datum_afdoening,uitspraak,datum_uitspraak,bedrag_eur\n";
pub const O_KOP: &str = "jaar,vth_uren_werkprogramma,fte_totaal,fte_eigen_dienst\n";
pub const OORDEEL_KOP: &str =
    "omgevingsdienst_code,peildatum_oordeel,soort,oordeel,bron,toelichting\n";
