//! The exchange format for the parties: `vth schema` (the Frictionless descriptor
//! and the aanleverformaat page) and `vth check` (a party's own folder, checked as
//! the batch checks it). The format's description and the contract's checks are
//! held to each other here: every column's example passes, and every value a
//! column's type, list or date range forbids gives the rule the format names.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;
use vth::contract::format::{self, Referentielijst, Soort, Tabelformaat, Veld};
use vth::model::Tabel;

use crate::helpers::*;

const JAAR: i32 = 2025;

fn schema(jaar: i32, to: &Path) -> Value {
    vth()
        .args(["schema", "--jaar", &jaar.to_string(), "--to"])
        .arg(to)
        .assert()
        .success();
    let tekst = std::fs::read_to_string(to.join("datapackage.json")).expect("descriptor");
    serde_json::from_str(&tekst).expect("json")
}

fn veld<'a>(d: &'a Value, tabel: &str, kolom: &str) -> &'a Value {
    d["resources"]
        .as_array()
        .expect("resources")
        .iter()
        .find(|r| r["name"] == tabel)
        .and_then(|r| {
            r["schema"]["fields"]
                .as_array()
                .expect("fields")
                .iter()
                .find(|f| f["name"] == kolom)
        })
        .unwrap_or_else(|| panic!("{tabel}.{kolom}"))
}

/// Rows of a reference list of the project (data lines of a CSV).
fn regels_in(pad: &str) -> usize {
    let t = std::fs::read_to_string(project().join(pad)).expect("csv");
    t.lines().skip(1).filter(|l| !l.trim().is_empty()).count()
}

#[test]
fn schema_describes_one_delivery_folder_of_the_year() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = schema(JAAR, tmp.path());
    let namen: Vec<&str> = d["resources"]
        .as_array()
        .expect("resources")
        .iter()
        .map(|r| r["path"].as_str().expect("path"))
        .collect();
    assert_eq!(
        namen,
        [
            "controles.csv",
            "overtredingen.csv",
            "handhavingsmaatregelen.csv",
            "organisatie.csv",
            "strafzaken.csv",
            "implementatie.csv",
            "robuustheid_oordelen.csv",
            "aanbevelingen.csv"
        ]
    );
    // A controle lies in the delivery year; other dates not after the peildatum
    // (31 March of the next year in queries/config.toml).
    let c = &veld(&d, "controles", "controledatum")["constraints"];
    assert_eq!(c["minimum"], "2025-01-01");
    assert_eq!(c["maximum"], "2025-12-31");
    assert_eq!(c["required"], true);
    let o = &veld(&d, "overtredingen", "overtredingsdatum")["constraints"];
    assert_eq!(o["maximum"], "2026-03-31");
    assert!(o.get("minimum").is_none());
    assert_eq!(
        veld(&d, "strafzaken", "datum_instroom")["constraints"]["maximum"],
        "2025-12-31"
    );
    let j = &veld(&d, "organisatie", "jaar");
    assert_eq!(j["type"], "integer");
    assert_eq!(
        (&j["constraints"]["minimum"], &j["constraints"]["maximum"]),
        (&2025.into(), &2025.into())
    );
    // The lists: every gemeente of the reference list, the national code list.
    let gemeenten = veld(&d, "controles", "gemeente_code")["constraints"]["enum"]
        .as_array()
        .expect("enum")
        .len();
    assert_eq!(gemeenten, regels_in("queries/referentie/gemeenten.csv"));
    assert_eq!(
        veld(&d, "controles", "taak")["constraints"]["enum"],
        serde_json::json!(["basistaak", "eigen_taak", "plustaak"])
    );
    // LHSO and LHS 2014 axes: both lists on both columns.
    assert_eq!(
        veld(&d, "overtredingen", "gevolg")["constraints"]["enum"],
        serde_json::json!(["1", "2", "3", "4", "A", "B", "C", "D"])
    );
    assert_eq!(
        veld(&d, "controles", "brzo")["trueValues"],
        serde_json::json!(["true", "ja"])
    );
    assert!(veld(&d, "controles", "controletype")["constraints"]
        .get("required")
        .is_none());
    // Keys within the folder; what a schema cannot hold is named.
    let ov = d["resources"][1]["schema"].clone();
    assert_eq!(ov["primaryKey"], serde_json::json!(["overtreding_id"]));
    assert_eq!(
        ov["foreignKeys"],
        serde_json::json!([{"fields": ["controle_id"], "reference": {"resource": "controles", "fields": ["controle_id"]}}])
    );
    let beschrijving = veld(&d, "handhavingsmaatregelen", "overtreding_id")["description"]
        .as_str()
        .expect("description");
    assert!(
        beschrijving.contains("lhso_dwangsom_en_bestuursdwang"),
        "{beschrijving}"
    );
    assert!(
        beschrijving.contains("eerdere leveringen"),
        "{beschrijving}"
    );
    // The page beside it names every table and links the descriptor.
    let html = std::fs::read_to_string(tmp.path().join("aanleverformaat.html")).expect("page");
    for t in Tabel::ALL {
        assert!(
            html.contains(&format!("id=\"tabel-{}\"", t.name())),
            "{}",
            t.name()
        );
    }
    assert!(html.contains("href=\"datapackage.json\""));
    assert!(html.contains("<style>"), "the page stands on its own");
    // Another year moves the date limits with it.
    let d24 = schema(2024, &tmp.path().join("2024"));
    assert_eq!(
        veld(&d24, "controles", "controledatum")["constraints"]["minimum"],
        "2024-01-01"
    );
}

/// The party that may deliver a table, for a folder of the examples.
fn partij_voor(t: &Tabelformaat) -> &'static str {
    match t.tabel {
        Tabel::Strafzaken => "OM",
        Tabel::RobuustheidOordelen | Tabel::Aanbevelingen => "IenW",
        _ => "odh",
    }
}

fn csv_regel(velden: &[String]) -> String {
    velden
        .iter()
        .map(|w| {
            if w.contains([',', '"']) {
                format!("\"{}\"", w.replace('"', "\"\""))
            } else {
                w.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// The tables a table's example refers to, with their own examples.
fn met_verwijzingen(t: &Tabelformaat) -> Vec<&'static Tabelformaat> {
    match t.tabel {
        Tabel::Overtredingen => vec![&format::CONTROLES],
        Tabel::Handhavingsmaatregelen => vec![&format::CONTROLES, &format::OVERTREDINGEN],
        _ => vec![],
    }
}

fn schrijf_tabel(map: &Path, t: &Tabelformaat, rij: &[String]) {
    let kop: Vec<String> = t.velden.iter().map(|v| v.naam.to_string()).collect();
    let tekst = format!("{}\n{}\n", csv_regel(&kop), csv_regel(rij));
    std::fs::write(map.join(format!("{}.csv", t.tabel.name())), tekst).expect("write");
}

fn voorbeeld(t: &Tabelformaat) -> Vec<String> {
    t.velden.iter().map(|v| v.voorbeeld_voor(JAAR)).collect()
}

/// `vth check` on a folder: exit code and the findings (file, rule) → count.
fn check(
    map: &Path,
    partij: &str,
    extra: &[&str],
) -> (i32, BTreeMap<(String, String), u64>, String) {
    check_met_pagina(map, partij, &map.with_extension("html"), extra)
}

fn check_met_pagina(
    map: &Path,
    partij: &str,
    pagina: &Path,
    extra: &[&str],
) -> (i32, BTreeMap<(String, String), u64>, String) {
    let mut args = vec!["--pagina", pagina.to_str().expect("utf-8 path")];
    args.extend(extra);
    check_jaar(map, partij, JAAR, &args)
}

/// `vth check` of a folder as the delivery of (partij, jaar): the exit code, the
/// findings per (file, rule) from its table, and what it printed.
fn check_jaar(
    map: &Path,
    partij: &str,
    jaar: i32,
    args: &[&str],
) -> (i32, BTreeMap<(String, String), u64>, String) {
    let o = vth()
        .args(["check", "--partij", partij, "--jaar", &jaar.to_string()])
        .arg(map)
        .args(args)
        .output()
        .expect("check");
    let stdout = String::from_utf8_lossy(&o.stdout).to_string();
    let mut bevindingen = BTreeMap::new();
    let tabel = stdout
        .lines()
        .skip_while(|l| !l.starts_with("file\trule"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty());
    for l in tabel {
        let v: Vec<&str> = l.split('\t').collect();
        bevindingen.insert(
            (v[0].to_string(), v[1].to_string()),
            v[3].parse().expect("count"),
        );
    }
    (o.status.code().unwrap_or(-1), bevindingen, stdout)
}

/// A value the column's description forbids, and the rule the contract gives it.
fn overtredingen_van(v: &Veld) -> Vec<(String, &'static str)> {
    let mut uit = Vec::new();
    if v.verplicht {
        uit.push((String::new(), "verplicht_leeg"));
    }
    match v.soort {
        Soort::Datum => uit.push(("2025-13-45".into(), "datum_ongeldig")),
        Soort::Decimaal | Soort::Geheel => uit.push(("veel".into(), "getal_ongeldig")),
        Soort::JaNee => uit.push(("misschien".into(), "ja_nee_ongeldig")),
        Soort::Code(_) => uit.push(("geen_code".into(), "code_onbekend")),
        Soort::Referentie(Referentielijst::Gemeente) => {
            uit.push(("GM9999".into(), "gemeente_onbekend"))
        }
        Soort::Referentie(Referentielijst::BevoegdGezag) => {
            uit.push(("XX01".into(), "bevoegd_gezag_onbekend"))
        }
        Soort::Referentie(_) => uit.push(("geen_partij".into(), "code_onbekend")),
        Soort::Tekst => {}
    }
    for r in v.regels {
        match r.code() {
            "controledatum_buiten_jaar" => {
                uit.push(("2024-06-01".into(), "controledatum_buiten_jaar"))
            }
            "datum_na_peildatum" => uit.push(("2026-04-01".into(), "datum_na_peildatum")),
            "instroom_na_jaar" => uit.push(("2026-01-02".into(), "instroom_na_jaar")),
            "jaar_organisatie" => uit.push(("2024".into(), "jaar_organisatie")),
            _ => {}
        }
    }
    uit
}

#[test]
fn every_example_passes_the_contract_and_every_forbidden_value_gives_its_rule() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut gevallen = 0;
    for t in format::TABELLEN {
        let partij = partij_voor(t);
        let schoon = tmp.path().join(format!("{}-schoon", t.tabel.name()));
        std::fs::create_dir_all(&schoon).expect("dir");
        for r in met_verwijzingen(t) {
            schrijf_tabel(&schoon, r, &voorbeeld(r));
        }
        schrijf_tabel(&schoon, t, &voorbeeld(t));
        let (code, bevindingen, out) = check(&schoon, partij, &[]);
        assert_eq!(
            (code, bevindingen.len()),
            (0, 0),
            "the example of {}:\n{out}",
            t.tabel.name()
        );
        for (i, v) in t.velden.iter().enumerate() {
            for (waarde, regel) in overtredingen_van(v) {
                let map = tmp
                    .path()
                    .join(format!("{}-{}-{regel}", t.tabel.name(), v.naam));
                std::fs::create_dir_all(&map).expect("dir");
                for r in met_verwijzingen(t) {
                    schrijf_tabel(&map, r, &voorbeeld(r));
                }
                let mut rij = voorbeeld(t);
                rij[i] = waarde.clone();
                schrijf_tabel(&map, t, &rij);
                let (code, bevindingen, out) = check(&map, partij, &[]);
                let bestand = format!("{JAAR}/{partij}/{}.csv", t.tabel.name());
                assert_eq!(
                    bevindingen.get(&(bestand, regel.to_string())),
                    Some(&1),
                    "{}.{} = {waarde:?} should give {regel}:\n{out}",
                    t.tabel.name(),
                    v.naam
                );
                assert_eq!(
                    code,
                    3,
                    "{}.{} = {waarde:?}: a row set aside",
                    t.tabel.name(),
                    v.naam
                );
                gevallen += 1;
            }
        }
    }
    // Counted in contract/format.rs: 30 required columns, 53 typed or listed ones
    // and 14 date or year limits, over its 69 columns.
    assert_eq!(gevallen, 97);
}

#[test]
fn check_leaves_the_folder_alone_and_writes_the_page_beside_it() {
    let tmp = tempfile::tempdir().expect("tmp");
    let map = tmp.path().join("PV27");
    std::fs::create_dir_all(&map).expect("dir");
    for e in std::fs::read_dir(project().join("data-samples/2025/PV27")).expect("samples") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, map.join(p.file_name().expect("name"))).expect("copy");
    }
    let voor: Vec<_> = std::fs::read_dir(&map)
        .expect("dir")
        .map(|e| e.expect("e").file_name())
        .collect();
    let o = vth()
        .args(["check", "--partij", "PV27", "--jaar", "2025"])
        .arg(&map)
        .output()
        .expect("check");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let na: Vec<_> = std::fs::read_dir(&map)
        .expect("dir")
        .map(|e| e.expect("e").file_name())
        .collect();
    assert_eq!(voor, na, "nothing is written into the folder");
    let pagina = tmp.path().join("terugkoppeling-PV27-2025.html");
    let html = std::fs::read_to_string(&pagina).expect("the page beside the folder");
    assert!(html.contains("vth check"));
    assert!(html.contains("2025&#x2f;PV27&#x2f;controles.csv"));
    assert!(!tmp.path().join("manifest.json").exists());
}

#[test]
fn check_a_dialect_with_its_profile_and_a_delivery_the_batch_would_refuse() {
    // GM0344 delivers tab-separated .txt files under other names (its profile).
    let tmp = tempfile::tempdir().expect("tmp");
    let samples = project().join("data-samples");
    let (code, bevindingen, out) = check_met_pagina(
        &samples.join("2025/GM0344"),
        "GM0344",
        &tmp.path().join("GM0344.html"),
        &["--eerder", &samples.display().to_string()],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("2025/GM0344/inspecties.txt"), "{out}");
    assert_eq!(
        bevindingen.get(&(
            "2025/GM0344/inspecties.txt".into(),
            "scheidingsteken".into()
        )),
        Some(&1),
        "{out}"
    );
    // Without controle_id the delivery is refused: exit 4, the reason on the page.
    let map = tmp.path().join("odh");
    std::fs::create_dir_all(&map).expect("dir");
    let t = &format::CONTROLES;
    let kop: Vec<&str> = t.velden.iter().skip(1).map(|v| v.naam).collect();
    let rij: Vec<String> = t
        .velden
        .iter()
        .skip(1)
        .map(|v| v.voorbeeld_voor(JAAR))
        .collect();
    std::fs::write(
        map.join("controles.csv"),
        format!("{}\n{}\n", kop.join(","), rij.join(",")),
    )
    .expect("write");
    let (code, bevindingen, out) = check(&map, "odh", &[]);
    assert_eq!(code, 4, "{out}");
    assert_eq!(
        bevindingen.get(&("2025/odh/controles.csv".into(), "kolom_ontbreekt".into())),
        Some(&1)
    );
    assert!(out.contains("refused 2025 odh"), "{out}");
    let html = std::fs::read_to_string(map.with_extension("html")).expect("page");
    assert!(html.contains("Reden van weigering"));
}

/// The batch's findings per (file, rule) of one delivery, from its manifest.
fn batch_bevindingen(manifest: &Value, partij: &str, jaar: i32) -> BTreeMap<(String, String), u64> {
    let mut uit = BTreeMap::new();
    for deel in ["bevindingen", "waarschuwingen"] {
        for b in manifest[deel].as_array().expect(deel) {
            if b["partij"] == partij && b["jaar"] == jaar {
                uit.insert(
                    (
                        b["bestand"].as_str().expect("bestand").to_string(),
                        b["regel"].as_str().expect("regel").to_string(),
                    ),
                    b["aantal"].as_u64().expect("aantal"),
                );
            }
        }
    }
    uit
}

#[test]
fn check_finds_what_the_batch_finds_for_every_sample_delivery() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    vth_run_with_key(&project().join("data-samples"), &out)
        .assert()
        .success();
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("manifest.json")).expect("manifest"),
    )
    .expect("json");
    let samples = project().join("data-samples");
    let mut vergeleken = 0;
    for (jaar, eerder) in [(2024, false), (2025, true)] {
        for e in std::fs::read_dir(samples.join(jaar.to_string())).expect("year") {
            let map = e.expect("entry").path();
            let partij = map.file_name().expect("name").to_string_lossy().to_string();
            let pagina = tmp.path().join(format!("{partij}-{jaar}.html"));
            let (pagina, boom) = (pagina.display().to_string(), samples.display().to_string());
            let mut args = vec!["--pagina", pagina.as_str()];
            if eerder {
                args.extend(["--eerder", boom.as_str()]);
            }
            let (code, gevonden, stdout) = check_jaar(&map, &partij, jaar, &args);
            let mut batch = batch_bevindingen(&manifest, &partij, jaar);
            // A case the OM delivers again in 2025 is marked on its 2024 row: a
            // later year, which a check of 2024 does not have (it says so).
            if jaar == 2024 && partij == "OM" {
                assert!(stdout.contains("strafzaak_bijgewerkt"), "{stdout}");
                batch.remove(&(
                    "2024/OM/strafzaken.csv".to_string(),
                    "strafzaak_bijgewerkt".to_string(),
                ));
            }
            assert_eq!(gevonden, batch, "{jaar} {partij}:\n{stdout}");
            let quarantaine = manifest["reconciliatie"]
                .as_array()
                .expect("reconciliatie")
                .iter()
                .filter(|r| r["partij"] == partij.as_str() && r["jaar"] == jaar)
                .any(|r| r["quarantaine"].as_u64() > Some(0));
            assert_eq!(code, if quarantaine { 3 } else { 0 }, "{jaar} {partij}");
            vergeleken += 1;
        }
    }
    assert_eq!(vergeleken, 24);
}

#[test]
fn the_pages_for_the_parties_are_accessible_and_escape_what_was_delivered() {
    let tmp = tempfile::tempdir().expect("tmp");
    let site = tmp.path().join("paginas");
    schema(JAAR, &site);
    // A party's own file trying to inject markup, as the batch's report is tested.
    let map = tmp.path().join("GM0014");
    std::fs::create_dir_all(&map).expect("dir");
    let kop: Vec<&str> = format::CONTROLES.velden.iter().map(|v| v.naam).collect();
    std::fs::write(
        map.join("controles.csv"),
        format!(
            "{}\nK1,OBJ1,GM0014,GM0014,2025-03-01,<script>alert(1)</script>,,,nageleefd\n",
            kop.join(",")
        ),
    )
    .expect("write");
    let (code, _, out) = check_met_pagina(
        &map,
        "GM0014",
        &site.join("terugkoppeling-GM0014-2025.html"),
        &[],
    );
    assert_eq!(code, 3, "{out}");
    let page = std::fs::read_to_string(site.join("terugkoppeling-GM0014-2025.html")).expect("page");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
    assert!(!page.to_lowercase().contains("<script"));
    let o = std::process::Command::new("node")
        .arg(report_checks())
        .arg(&site)
        .output()
        .expect("node");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let r: Value = serde_json::from_slice(&o.stdout).expect("json report");
    for key in ["violations", "vnu", "outside", "overflow"] {
        assert_eq!(
            r[key].as_array().map(Vec::len),
            Some(0),
            "{key}: {:#}",
            r[key]
        );
    }
    assert_eq!(r["pages"].as_u64(), Some(2), "{r:#}");
}
