//! What the command line prints, as snapshots: the summary lines of each command and
//! the errors a user meets first. Paths and run ids, which differ per run, are
//! replaced by placeholders.

use std::path::Path;

use crate::helpers::*;

/// stdout and stderr of a finished command, with `dir` written as `<dir>`.
fn printed(a: &assert_cmd::assert::Assert, dir: &Path) -> (String, String) {
    let o = a.get_output();
    let gewist = |b: &[u8]| {
        String::from_utf8_lossy(b)
            .replace(&dir.display().to_string(), "<dir>")
            .lines()
            .map(
                |l| match l.strip_prefix("run ").and_then(|r| r.split_once(':')) {
                    Some((_, rest)) => format!("run <id>:{rest}"),
                    None => l.to_string(),
                },
            )
            .collect::<Vec<_>>()
            .join("\n")
    };
    (gewist(&o.stdout), gewist(&o.stderr))
}

/// A batch with one good row, a folder that is no party, and a file that is no table.
fn kleine_batch() -> tempfile::TempDir {
    tree(&[
        (
            "in/2024/odh/controles.csv",
            &format!("{C_KOP}A1,X,GM0518,GM0518,2024-05-01,,,,\n"),
        ),
        (
            "in/2024/onbekend/controles.csv",
            "controle_id,object_id,bevoegd_gezag,controledatum\nB1,Z,GM0344,2024-05-01\n",
        ),
        ("in/2024/odh/notities.txt", "x\n"),
    ])
}

#[test]
fn run_prints_what_it_read_skipped_and_refused() {
    let dir = kleine_batch();
    let a = vth_run_with_key(&dir.path().join("in"), &dir.path().join("out"))
        .assert()
        .success();
    let (stdout, stderr) = printed(&a, dir.path());
    insta::assert_snapshot!(stdout, @r#"
    run <id>: 2 files in 2 deliveries; 1 files not read
    not read: 2024/odh/notities.txt: not a table of the exchange format; a party profile in queries/profielen/ can describe it
    rows: read 2 = accepted 1 + quarantined 1
    harmonised: 1 controles, 0 overtredingen, 0 handhavingsmaatregelen, 0 organisatie
    indicators: 327 rows; warnings: 0
    refused delivery: 2024 onbekend: 2024/onbekend/controles.csv, waarde "onbekend": map onbekend is geen omgevingsdienstcode, GM-, PV- of WS-code of ILT/NVWA/OM/IenW uit de referentielijsten [partij_onbekend]
    report: <dir>/out/rapport/index.html
    manifest: <dir>/out/manifest.json
    "#);
    insta::assert_snapshot!(stderr, @"");
}

#[test]
fn run_without_a_key_warns_that_the_development_key_is_used() {
    let dir = kleine_batch();
    let a = vth_run(&dir.path().join("in"), &dir.path().join("out"))
        .assert()
        .success();
    let (_, stderr) = printed(&a, dir.path());
    insta::assert_snapshot!(stderr, @"warning: VTH_PSEUDONIEM_SLEUTEL is not set; object_id in the restricted release is pseudonymised with the development key, which is not fit for real data");
}

#[test]
fn validate_prints_rows_per_file() {
    let dir = kleine_batch();
    let a = vth()
        .args(["validate", "--input"])
        .arg(dir.path().join("in"))
        .assert()
        .success();
    let (stdout, _) = printed(&a, dir.path());
    insta::assert_snapshot!(stdout, @r#"
    file	read	accepted	quarantined
    2024/odh/controles.csv	1	1	0
    2024/onbekend/controles.csv	1	0	1
    refused 2024 onbekend: 2024/onbekend/controles.csv, waarde "onbekend": map onbekend is geen omgevingsdienstcode, GM-, PV- of WS-code of ILT/NVWA/OM/IenW uit de referentielijsten [partij_onbekend]
    "#);
}

#[test]
fn validate_on_the_golden_fixture() {
    let a = vth()
        .args(["validate", "--input"])
        .arg(fixture("golden"))
        .assert()
        .success();
    let (stdout, _) = printed(&a, &project());
    insta::assert_snapshot!(stdout, @r"
    file	read	accepted	quarantined
    2024/odh/controles.csv	12	10	2
    2024/odh/handhavingsmaatregelen.csv	14	11	3
    2024/odh/overtredingen.csv	10	9	1
    2025/odh/controles.csv	2	2	0
    2025/odh/handhavingsmaatregelen.csv	2	2	0
    2025/odh/overtredingen.csv	0	0	0
    ");
}

#[test]
fn ingest_lists_the_files_found() {
    let a = vth()
        .args(["ingest", "--input"])
        .arg(fixture("golden"))
        .assert()
        .success();
    let (stdout, _) = printed(&a, &project());
    insta::assert_snapshot!(stdout, @r"
    2024	odh	controles	2024/odh/controles.csv
    2024	odh	handhavingsmaatregelen	2024/odh/handhavingsmaatregelen.csv
    2024	odh	overtredingen	2024/odh/overtredingen.csv
    2025	odh	controles	2025/odh/controles.csv
    2025	odh	handhavingsmaatregelen	2025/odh/handhavingsmaatregelen.csv
    2025	odh	overtredingen	2025/odh/overtredingen.csv
    ");
}

#[test]
fn a_missing_input_folder_is_named() {
    let dir = tempfile::tempdir().expect("tmp");
    let a = vth_run(&dir.path().join("weg"), &dir.path().join("out"))
        .assert()
        .failure();
    let (stdout, stderr) = printed(&a, dir.path());
    insta::assert_snapshot!(stdout, @"");
    insta::assert_snapshot!(stderr, @"error: cannot read <dir>/weg: No such file or directory (os error 2)");
}

#[test]
fn a_missing_configuration_names_the_flag() {
    let dir = tempfile::tempdir().expect("tmp");
    let a = vth()
        .args(["run", "--config"])
        .arg(dir.path().join("config.toml"))
        .assert()
        .failure();
    let (_, stderr) = printed(&a, dir.path());
    insta::assert_snapshot!(stderr, @"error: the batch configuration not found at <dir>/config.toml; pass --config <path to queries/config.toml>, or run vth from the repository root (the default is queries/config.toml)");
}

#[test]
fn check_prints_files_findings_and_what_it_could_not_check() {
    let dir = tree(&[(
        "odh/controles.csv",
        &format!("{C_KOP}A1,X,GM0518,GM0518,2024-05-01,,,,\nA1,X,GM0518,GM0518,2023-05-01,,,,\n"),
    )]);
    let a = vth()
        .args(["check", "--partij", "odh", "--jaar", "2024"])
        .arg(dir.path().join("odh"))
        .assert()
        .code(3);
    let (stdout, stderr) = printed(&a, dir.path());
    insta::assert_snapshot!(stdout, @r"
    file	read	accepted	quarantined
    2024/odh/controles.csv	2	1	1

    file	rule	severity	count
    2024/odh/controles.csv	controledatum_buiten_jaar	quarantaine	1

    checked within this folder only: dubbel_id, wees, strafzaak_bijgewerkt, versie_vervangen (an id or reference of an earlier delivery of odh shows as a finding here; pass --eerder <delivery tree> to check against it)
    wrote <dir>/terugkoppeling-odh-2024.html
    ");
    insta::assert_snapshot!(stderr, @"");
}
