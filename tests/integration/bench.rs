//! The DuckDB reference of `vth bench` (tests/bench/reference.py) is itself
//! checked here, so a benchmark's "all figures equal" means something: on the
//! samples, with every dialect, profile and contract violation, it must agree with
//! the pipeline on every T1, T2, H1 and H6 figure; and on a tree where one
//! controle is removed by hand it must find exactly the figures that change.

use std::path::Path;

use serde_json::Value;

use crate::helpers::*;

/// A DuckDB reference script of `vth bench` over `bron`, compared with `output`.
fn script(naam: &str, bron: &Path, output: &Path, result: &Path) -> Value {
    let st = std::process::Command::new(python())
        .arg(project().join("tests/bench").join(naam))
        .arg(bron)
        .arg(project().join("queries"))
        .arg(output)
        .arg(result)
        .status()
        .expect("python");
    assert!(st.success(), "{naam} failed");
    serde_json::from_str(&std::fs::read_to_string(result).unwrap()).unwrap()
}

/// The figures a reference found different: each difference up to its colon.
fn verschillen(r: &Value) -> Vec<String> {
    r["verschillen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().split(':').next().unwrap().to_string())
        .collect()
}

/// `bron` copied to `kort` without the first row of `bestand`; that row.
fn zonder_eerste_rij(bron: &Path, bestand: &str, kort: &Path) -> String {
    copy_dir(bron, kort);
    let pad = kort.join(bestand);
    let tekst = std::fs::read_to_string(&pad).unwrap();
    let mut regels: Vec<&str> = tekst.lines().collect();
    let weg = regels.remove(1).to_string();
    std::fs::write(&pad, regels.join("\n") + "\n").unwrap();
    weg
}

fn reference(input: &Path, output: &Path, result: &Path) -> Value {
    script("reference.py", input, output, result)
}

#[test]
fn the_duckdb_reference_agrees_with_the_pipeline_on_the_samples() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    vth_run_with_key(&project().join("data-samples"), &out)
        .assert()
        .success();
    let r = reference(
        &project().join("data-samples"),
        &out,
        &tmp.path().join("r.json"),
    );
    // 2 years × 4 indicators × (nationaal + 10 parties)
    assert_eq!(r["vergeleken"], 88, "{r}");
    assert_eq!(r["verschillen"], serde_json::json!([]), "{r}");

    // It can fail: run the pipeline on a tree with one controle of GM0363 less,
    // and compare with the reference on the full tree.
    let kort = tmp.path().join("kort");
    let weg = zonder_eerste_rij(
        &project().join("data-samples"),
        "2025/GM0363/controles.csv",
        &kort,
    );
    let out_kort = tmp.path().join("out-kort");
    vth_run_with_key(&kort, &out_kort).assert().success();
    let r = reference(
        &project().join("data-samples"),
        &out_kort,
        &tmp.path().join("r2.json"),
    );
    let verschillen = verschillen(&r);
    // T1 and T2's noemer, for the party and nationally; T2's teller, H1 and H6 too
    // when the removed controle had an overtreding.
    assert!(
        verschillen.contains(&"('T1', 2025, 'partij', 'GM0363')".to_string()),
        "{weg}: {verschillen:?}"
    );
    assert!(
        verschillen.contains(&"('T1', 2025, 'nationaal', 'NL')".to_string()),
        "{verschillen:?}"
    );
    assert!(
        verschillen.iter().all(|v| v.contains("2025")),
        "{verschillen:?}"
    );
}

fn een_bestand_referentie(bestand: &Path, output: &Path, result: &Path) -> Value {
    script("een_bestand.py", bestand, output, result)
}

/// The one-file scenario: the generated file is read whole by the pipeline, and
/// the DuckDB reference (tests/bench/een_bestand.py) agrees on T1 nationally, per
/// provincie and per region and on the rows accepted; with one row removed
/// before the run it names exactly the figures that change.
#[test]
fn the_one_file_reference_agrees_with_the_pipeline_and_can_fail() {
    let tmp = tempfile::tempdir().unwrap();
    let basis = vth::run::load_basis(&project().join("queries")).expect("queries");
    let invoer = tmp.path().join("invoer");
    let bestand = invoer.join("2025/ILT/controles.csv");
    vth::generate::een_bestand::schrijf(
        &bestand,
        "ILT",
        2025,
        20_000,
        7,
        &basis.referentie,
        &basis.codelijsten,
    )
    .expect("generated");
    let out = tmp.path().join("out");
    vth_run_with_key(&invoer, &out).assert().success();
    let r = een_bestand_referentie(&bestand, &out, &tmp.path().join("r.json"));
    // nationaal, 12 provinces, 28 regions, and the rows accepted
    assert_eq!(r["vergeleken"], 1 + 12 + 28 + 1, "{r}");
    assert_eq!(r["verschillen"], serde_json::json!([]), "{r}");

    let kort = tmp.path().join("kort");
    let tekst = std::fs::read_to_string(&bestand).unwrap();
    let mut regels: Vec<&str> = tekst.lines().collect();
    let weg = regels.remove(1).to_string();
    let gemeente = weg.split(',').nth(3).unwrap().to_string();
    let pad = kort.join("2025/ILT/controles.csv");
    std::fs::create_dir_all(pad.parent().unwrap()).unwrap();
    std::fs::write(&pad, regels.join("\n") + "\n").unwrap();
    let out_kort = tmp.path().join("out-kort");
    vth_run_with_key(&kort, &out_kort).assert().success();
    let r = een_bestand_referentie(&bestand, &out_kort, &tmp.path().join("r2.json"));
    let verschillen = verschillen(&r);
    let g = basis
        .referentie
        .gemeenten
        .get(&gemeente)
        .expect("a gemeente of the list");
    assert_eq!(
        verschillen,
        [
            "T1 nationaal NL 2025".to_string(),
            format!("T1 provincie {} 2025", g.provincie_code),
            format!("T1 omgevingsdienst_regio {} 2025", g.omgevingsdienst_code),
            "rows accepted".to_string(),
        ],
        "{weg}"
    );
}

/// The canonical scenarios: on a national batch in canonical CSV (with odh's
/// contract violations, rud-zeeland's old LHS and omwb's unmapped codes) the
/// DuckDB reference (tests/bench/canoniek.py) agrees with the pipeline on every
/// figure of T1–T5 and H1–H10, nationally and per party; with one overtreding
/// removed before the run it finds the figures that change, in that year only.
#[test]
fn the_canonical_reference_agrees_on_t1_to_h10_and_can_fail() {
    let tmp = tempfile::tempdir().unwrap();
    let basis = vth::run::load_basis(&project().join("queries")).expect("queries");
    let invoer = tmp.path().join("invoer");
    let opties = vth::generate::GenerateOpties {
        seed: 11,
        schaal: 0.03,
        jaren: vec![2024, 2025],
    };
    let partijen = vth::generate::canonieke_partijen(&basis.referentie, &basis.profielen);
    assert!(partijen
        .iter()
        .all(|p| !basis.profielen.contains_key(&p.code)));
    vth::generate::genereer(
        &opties,
        &partijen,
        &basis.referentie,
        &basis.profielen,
        &basis.mappings,
        &invoer,
    )
    .expect("generated");
    let out = tmp.path().join("out");
    vth_run_with_key(&invoer, &out).assert().success();
    let r = script("canoniek.py", &invoer, &out, &tmp.path().join("r.json"));
    let ids: Vec<String> = ["T", "H"]
        .iter()
        .flat_map(|s| (1..=if *s == "T" { 5 } else { 10 }).map(move |n| format!("{s}{n}")))
        .collect();
    assert_eq!(r["indicatoren"], serde_json::json!(ids), "{r}");
    assert!(r["vergeleken"].as_u64().unwrap() > 2 * 15 * 50, "{r}");
    assert_eq!(r["verschillen"], serde_json::json!([]), "{r}");

    // One overtreding of odh in 2025 less in the pipeline's input.
    let kort = tmp.path().join("kort");
    let weg = zonder_eerste_rij(&invoer, "2025/odh/overtredingen.csv", &kort);
    let out_kort = tmp.path().join("out-kort");
    vth_run_with_key(&kort, &out_kort).assert().success();
    let r = script(
        "canoniek.py",
        &invoer,
        &out_kort,
        &tmp.path().join("r2.json"),
    );
    let verschillen = verschillen(&r);
    for sleutel in [
        "('H1', 2025, 'partij', 'odh')",
        "('H1', 2025, 'nationaal', 'NL')",
    ] {
        assert!(
            verschillen.contains(&sleutel.to_string()),
            "{weg}: {verschillen:?}"
        );
    }
    assert!(
        verschillen
            .iter()
            .all(|v| v.contains("2025") && (v.contains("'odh'") || v.contains("'NL'"))),
        "{verschillen:?}"
    );
}
