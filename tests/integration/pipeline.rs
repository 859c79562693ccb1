//! The real binary on fixtures: output tree, manifest, determinism, atomicity.

use std::collections::BTreeMap;
use std::path::Path;

use crate::helpers::*;

fn hashes(root: &Path) -> BTreeMap<String, String> {
    vth::publish::manifest::hash_tree(root, "")
        .expect("hash")
        .into_iter()
        .map(|h| (h.bestand, h.sha256))
        .collect()
}

#[test]
fn run_writes_the_output_tree() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    let assert = vth_run(&fixture("golden"), &out).assert().success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    let stdout = regex_lite_replace(&stdout, "run ", ":");
    insta::assert_snapshot!(stdout.replace(&out.display().to_string(), "<out>"), @r"
    run <id>: 6 files in 2 deliveries; 0 files not read
    rows: read 40 = accepted 34 + quarantined 6
    harmonised: 12 controles, 9 overtredingen, 13 handhavingsmaatregelen, 0 organisatie
    indicators: 686 rows; warnings: 4
    report: <out>/rapport/index.html
    manifest: <out>/manifest.json
    ");
    for f in [
        "manifest.json",
        "data/indicatoren.parquet",
        "data/datakwaliteit.parquet",
        "data/robuustheid.parquet",
        "data/datapackage.json",
        "data/codebook.md",
        "data/dcat.jsonld",
        "restricted/indicatoren.parquet",
        "restricted/controles.parquet",
        "restricted/overtredingen.parquet",
        "restricted/handhavingsmaatregelen.parquet",
        "restricted/quarantaine.parquet",
        "restricted/datapackage.json",
        "restricted/codebook.md",
        "rapport/index.html",
        "rapport/omgevingsdienst-odh.html",
        "rapport/datakwaliteit.html",
        "rapport/terugkoppeling-odh.html",
        "rapport/stijl.css",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).expect("manifest"))
            .expect("json");
    for r in manifest["reconciliatie"].as_array().expect("array") {
        let n = |k: &str| r[k].as_u64().expect("count");
        assert_eq!(n("gelezen"), n("geaccepteerd") + n("quarantaine"), "{r}");
    }
    // Paths in the manifest are relative: no absolute path leaks into outputs.
    let text = std::fs::read_to_string(out.join("manifest.json")).expect("manifest");
    assert!(!text.contains(&fixture("golden").display().to_string()));

    // The open release suppresses small cells: T1 2024 (10) stays, H9 (noemer 3) goes.
    let frame = vth::engine::read_parquet(&out.join("data/indicatoren.parquet")).expect("parquet");
    let rows = vth::datasets::indicatoren_uit(&frame).expect("rows");
    let find = |id: &str| {
        rows.iter()
            .find(|r| {
                r.indicator_id == id
                    && r.jaar == 2024
                    && r.niveau == "nationaal"
                    && r.dimensie.is_none()
            })
            .expect("row")
    };
    assert_eq!(
        (find("T1").waarde, find("T1").status),
        (Some(10.0), "definitief")
    );
    assert_eq!(
        (find("H9").waarde, find("H9").teller, find("H9").status),
        (None, None, "onderdrukt")
    );

    let html = std::fs::read_to_string(out.join("rapport/index.html")).expect("html");
    assert!(html.contains("<html lang=\"nl\">"));
    let html = std::fs::read_to_string(out.join("rapport/handhaving.html")).expect("html");
    assert!(
        html.contains("H3_opvolging_pct.sql"),
        "the report names each figure's source"
    );
}

/// Replace the token after `prefix` up to `end` with `<id>` (run ids differ per input).
fn regex_lite_replace(s: &str, prefix: &str, end: &str) -> String {
    s.lines()
        .map(|l| match (l.strip_prefix(prefix), l.find(end)) {
            (Some(_), Some(i)) => format!("{prefix}<id>{}", &l[i..]),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn two_runs_give_identical_bytes() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    vth_run(&fixture("golden"), &a).assert().success();
    vth_run(&fixture("golden"), &b).assert().success();
    let (ha, hb) = (hashes(&a), hashes(&b));
    assert_eq!(
        ha.len(),
        163,
        "manifest; open: 4 datasets (stelsel.parquet too), datapackage, codebook, DCAT; restricted: 6 datasets, datapackage, codebook; report: 7 chapter pages, the aanleverformaat page and its descriptor, one feedback page, 28 omgevingsdienst and 12 provincie pages, stylesheet, 96 chart CSVs (39 trends and breakdowns, 44 ranked regions, 8 maps, 2 ranked parties, the criminal chain, 2 coverage maps; no Lorenz curve without overtredingen in the latest year)"
    );
    assert_eq!(ha, hb);
}

#[test]
fn a_failed_run_leaves_the_previous_output_intact() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    vth_run(&fixture("golden"), &out).assert().success();
    let before = hashes(&out);
    // A broken indicator query makes the run fail after the data were read.
    let queries = tmp.path().join("queries");
    copy_dir(&project().join("queries"), &queries);
    std::fs::write(queries.join("indicatoren/T1_controles.sql"), "/* ---\nid = \"T1\"\nvolgorde = 101\nnaam = \"controles\"\ntitel = \"x\"\ndefinitie = \"x\"\neenheid = \"aantal\"\nsoort = \"aantal\"\nhoofdstuk = \"toezicht\"\n--- */\nSELECT niveau FROM tabel_bestaat_niet").expect("write");
    let assert = vth()
        .args(["run", "--input"])
        .arg(fixture("golden"))
        .arg("--output")
        .arg(&out)
        .arg("--config")
        .arg(queries.join("config.toml"))
        .arg("--templates")
        .arg(project().join("report-templates"))
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr.contains("T1") && stderr.contains("T1_controles.sql"),
        "{stderr}"
    );
    assert_eq!(hashes(&out), before);
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("ls")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "no temporary folder left behind: {leftovers:?}"
    );
}

#[test]
fn bundled_samples_reconcile_and_contain_every_edge_case() {
    let c = compute(&project().join("data-samples"));
    let reasons: std::collections::BTreeSet<&str> =
        c.uitkomst.quarantaine.iter().map(|q| q.reden).collect();
    for r in ["dubbel_id", "wees", "controledatum_buiten_jaar"] {
        assert!(reasons.contains(r), "samples should exercise {r}");
    }
    assert!(c
        .uitkomst
        .leveringen
        .iter()
        .all(|l| l.status == "aangeleverd"));
    assert!(
        c.nl("H10", 2024).waarde.unwrap_or(0.0) >= 2.0,
        "overlapping lasten and boete + PV"
    );
    let bronnen: std::collections::BTreeSet<&str> = c
        .uitkomst
        .records
        .overtredingen
        .iter()
        .map(|o| o.ernst_bron.code())
        .collect();
    for b in [
        "geleverd",
        "afgeleid_lhso",
        "afgeleid_lhs_omgedraaid",
        "onbekend",
    ] {
        assert!(bronnen.contains(b), "samples should exercise ernst {b}");
    }

    // Ten parties of every kind, in the dialects real exports have.
    let partijen: std::collections::BTreeSet<&str> = c
        .uitkomst
        .leveringen
        .iter()
        .map(|l| l.partij.as_str())
        .collect();
    assert!(partijen.len() >= 10, "{partijen:?}");
    let referentie =
        vth::reference::Referentie::load(&project().join("queries/referentie")).expect("ref");
    let soorten: std::collections::BTreeSet<&str> = partijen
        .iter()
        .filter_map(|p| referentie.partijsoort(p).map(|s| s.code()))
        .collect();
    assert_eq!(
        soorten.into_iter().collect::<Vec<_>>(),
        vec![
            "gemeente",
            "omgevingsdienst",
            "provincie",
            "rijk",
            "waterschap"
        ]
    );
    let bestanden: Vec<&str> = c
        .uitkomst
        .reconciliatie
        .iter()
        .map(|r| r.bestand.as_str())
        .collect();
    for deel in [
        "2024/GM0599/squit-export.xlsx#Inspecties",
        "2024/WS15/controles.json",
        "2024/GM0344/inspecties.txt",
    ] {
        assert!(bestanden.contains(&deel), "samples should contain {deel}");
    }
    use vth::validate::rules::Regel;
    for regel in [
        Regel::Windows1252,
        Regel::Scheidingsteken,
        Regel::DatumNl,
        Regel::DecimaleKomma,
        Regel::JaNeeVariant,
    ] {
        assert!(
            c.uitkomst.bevindingen.aantal(regel) > 0,
            "samples should exercise {regel:?}"
        );
    }
    // Local instrument names reach the national list through the mapping tables…
    let gemapt = |p: &str| {
        c.uitkomst
            .records
            .maatregelen
            .iter()
            .filter(|m| m.partij == p && m.handhavingsinstrument == Some("last_onder_dwangsom"))
            .count()
    };
    assert!(gemapt("GM0599") > 0 && gemapt("GM0344") > 0);
    // …and the ones nobody mapped yet are set aside with their raw value.
    let niet: Vec<&str> = c
        .uitkomst
        .niet_gemapt
        .keys()
        .map(|(_, _, _, w)| w.as_str())
        .collect();
    assert_eq!(niet, vec!["steekproef", "Vooraankondiging"]);
}

#[test]
fn duckdb_recomputes_t2_h3_h5_k1_k2_k5_from_the_published_records() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    vth_run(&project().join("data-samples"), &out)
        .assert()
        .success();
    let output = std::process::Command::new(python())
        .arg(project().join("tests/crosscheck/recompute.py"))
        .arg(&out)
        .output()
        .expect("run recompute.py");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_str(stdout.trim()).expect("json");
    // T2, H3, H5: nationaal + 10 parties, 2 years: 22 figures each (restricted: none
    // suppressed). K1, K2, K5: nationaal and every party with PVs (K2: with a PV at
    // the OM), or with zware overtredingen (K5), in either year.
    assert_eq!(
        report["per_indicator"],
        serde_json::json!({"T2": 22, "H3": 22, "H5": 22, "K1": 18, "K2": 17, "K5": 22}),
        "{report}"
    );
    assert_eq!(report["compared"], 123, "{report}");
}
