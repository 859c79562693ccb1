//! The research release: the Python suite as a researcher, the pseudonymisation key
//! kept out of every output, `verify`, determinism, and atomic publication when a
//! run is killed.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command as Proc;
use std::time::{Duration, Instant};

use crate::helpers::*;

fn run_samples(out: &Path, sleutel: Option<&str>) -> assert_cmd::assert::Assert {
    let mut c = vth_run(&project().join("data-samples"), out);
    if let Some(k) = sleutel {
        c.env("VTH_PSEUDONIEM_SLEUTEL", k);
    }
    c.assert().success()
}

fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(root).expect("prefix").display().to_string();
                out.insert(rel, std::fs::read(&p).expect("read"));
            }
        }
    }
    out
}

fn sha(b: &[u8]) -> String {
    vth::ingest::sha256_hex(b)
}

#[test]
fn python_release_suite() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    run_samples(&out, None);
    // The exchange format of both sample years, for test_aanleverformaat.py.
    let schema = tmp.path().join("schema");
    for jaar in ["2024", "2025"] {
        vth()
            .args(["schema", "--jaar", jaar, "--to"])
            .arg(schema.join(jaar))
            .assert()
            .success();
    }
    let o = Proc::new(python())
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .arg(project().join("tests/python"))
        .env("VTH_OUT", &out)
        .env("VTH_SCHEMA", &schema)
        .env("VTH_SAMPLES", project().join("data-samples"))
        .env("VTH_PYTHON_PYARROW13", python_pyarrow13())
        .output()
        .expect("pytest");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(stdout.contains("36 passed"), "{stdout}");
}

#[test]
fn the_key_never_appears_in_any_output_and_changes_every_pseudonym() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let sleutel = "Zx81-geheime-sleutel-staat-van-vth";
    let met = run_samples(&a, Some(sleutel));
    assert!(!String::from_utf8_lossy(&met.get_output().stderr).contains("development key"));
    let zonder = run_samples(&b, None);
    assert!(String::from_utf8_lossy(&zonder.get_output().stderr).contains("development key"));
    let hex: String = sleutel.bytes().map(|x| format!("{x:02x}")).collect();
    for (naam, bytes) in files(&a) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(sleutel) && !text.contains(&hex),
            "{naam} leaks the key"
        );
    }
    let ids = |root: &Path| {
        let f =
            vth::engine::read_parquet(&root.join("restricted/controles.parquet")).expect("parquet");
        f.str("object_id").expect("object_id").to_vec()
    };
    let (ia, ib) = (ids(&a), ids(&b));
    assert_eq!(ia.len(), ib.len());
    assert!(
        ia.iter().zip(&ib).all(|(x, y)| x != y),
        "another key, other pseudonyms"
    );
    // The manifest names the method and says whether the key was real; never the key.
    let m = std::fs::read_to_string(a.join("manifest.json")).expect("manifest");
    assert!(m.contains("sleutel uit de omgevingsvariabele VTH_PSEUDONIEM_SLEUTEL"));
    let m = std::fs::read_to_string(b.join("manifest.json")).expect("manifest");
    assert!(m.contains("ONTWIKKELSLEUTEL"));
    // Nothing record-level outside the restricted release.
    for naam in files(&a).keys().filter(|n| n.starts_with("data/")) {
        assert!(
            naam.ends_with(".parquet")
                || naam.ends_with(".json")
                || naam.ends_with(".md")
                || naam.ends_with(".jsonld")
        );
        for verboden in [
            "controles",
            "overtredingen",
            "handhavingsmaatregelen",
            "quarantaine",
        ] {
            assert!(!naam.contains(verboden), "{naam} in the open release");
        }
    }
}

#[test]
fn two_runs_on_the_samples_give_the_same_bytes() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    run_samples(&a, Some("k"));
    run_samples(&b, Some("k"));
    let (fa, fb) = (files(&a), files(&b));
    assert!(fa.len() > 50, "{}", fa.len());
    let ha: BTreeMap<_, _> = fa.iter().map(|(k, v)| (k.clone(), sha(v))).collect();
    let hb: BTreeMap<_, _> = fb.iter().map(|(k, v)| (k.clone(), sha(v))).collect();
    assert_eq!(ha, hb);
}

#[test]
fn verify_finds_changed_missing_and_extra_files() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    run_samples(&out, None);
    let ok = vth()
        .args(["verify", "--output"])
        .arg(&out)
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&ok.get_output().stdout).contains("files match manifest.json"));
    std::fs::write(out.join("data/codebook.md"), "geknoeid").expect("tamper");
    std::fs::remove_file(out.join("restricted/quarantaine.parquet")).expect("rm");
    std::fs::write(out.join("rapport/extra.html"), "x").expect("extra");
    let bad = vth()
        .args(["verify", "--output"])
        .arg(&out)
        .assert()
        .failure();
    let stdout = String::from_utf8_lossy(&bad.get_output().stdout).into_owned();
    assert!(stdout.contains("changed: data/codebook.md"), "{stdout}");
    assert!(
        stdout.contains("missing: restricted/quarantaine.parquet"),
        "{stdout}"
    );
    assert!(
        stdout.contains("not in the manifest: rapport/extra.html"),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&bad.get_output().stderr).contains("3 of"));
}

/// The staging folders of runs beside `out`.
fn staging(parent: &Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .expect("read_dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".out.tmp-"))
        .collect()
}

#[test]
fn a_killed_run_leaves_the_earlier_output_intact_and_verify_clean() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    // A batch large enough that publication takes a while.
    vth()
        .args(["generate", "--schaal", "6", "--output"])
        .arg(&input)
        .arg("--queries")
        .arg(project().join("queries"))
        .assert()
        .success();
    vth()
        .args(["run", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&out)
        .assert()
        .success();
    let voor = files(&out);

    // Change the input so the next run would publish something else, then kill it
    // as soon as it starts writing its staging folder.
    let extra = input.join("2025/GM0363/controles.csv");
    let mut text = std::fs::read_to_string(&extra).expect("csv");
    text.push_str("C-EXTRA,X,GM0363,GM0363,2025-06-01,audit,,,nageleefd\n");
    std::fs::write(&extra, text).expect("write");
    let mut child = vth_process()
        .args(["run", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    let mut gezien = false;
    while start.elapsed() < Duration::from_secs(120) {
        if !staging(tmp.path()).is_empty() {
            gezien = true;
            break;
        }
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().expect("kill");
    child.wait().expect("wait");
    assert!(
        gezien,
        "the run finished before it could be killed mid-publication"
    );
    assert_eq!(files(&out), voor, "the earlier output is untouched");
    vth()
        .args(["verify", "--output"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(
        staging(tmp.path()).len(),
        1,
        "a killed run leaves its staging folder"
    );

    // The next run removes the dead run's staging folder and publishes the change.
    vth()
        .args(["run", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&out)
        .assert()
        .success();
    assert!(staging(tmp.path()).is_empty());
    assert_ne!(files(&out), voor);
    vth()
        .args(["verify", "--output"])
        .arg(&out)
        .assert()
        .success();
}

#[test]
fn a_run_killed_during_the_final_swap_is_repaired_by_the_next_run() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    run_samples(&out, None);
    let voor = files(&out);
    // The swap moved the old tree aside and died before renaming the new one: the
    // previous output sits beside the target under a dead process id.
    std::fs::rename(&out, tmp.path().join(".out.tmp-4194999.old")).expect("rename");
    // The next run fails (no templates), after it has repaired the tree.
    vth()
        .args(["run", "--input"])
        .arg(project().join("data-samples"))
        .arg("--output")
        .arg(&out)
        .arg("--templates")
        .arg(tmp.path().join("bestaat-niet"))
        .assert()
        .failure();
    assert_eq!(files(&out), voor);
    assert!(staging(tmp.path()).is_empty());
    vth()
        .args(["verify", "--output"])
        .arg(&out)
        .assert()
        .success();
}

/// The attacker of tests/python/aanvaller.py on a generated national year: every
/// additive group and linked teller/noemer holds, while primary suppression alone
/// on the same figures gives cells back.
#[test]
fn the_attacker_recovers_no_suppressed_cell_of_a_national_batch() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (input, out) = (tmp.path().join("in"), tmp.path().join("out"));
    vth()
        .current_dir(project())
        .args([
            "generate",
            "--partijen",
            "landelijk",
            "--jaren",
            "2024,2025",
            "--output",
        ])
        .arg(&input)
        .assert()
        .success();
    vth()
        .current_dir(project())
        .args(["run", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&out)
        .env("VTH_PSEUDONIEM_SLEUTEL", "test")
        .assert()
        .success();
    let o = Proc::new(python())
        .arg(project().join("tests/python/aanvaller.py"))
        .arg(&out)
        .output()
        .expect("python");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("verdict");
    assert_eq!(v["open"]["teruggerekend"], 0, "{v}");
    assert_eq!(v["open"]["samen_te_klein"], 0, "{v}");
    assert!(
        v["open"]["onderdrukte_grootheden"].as_u64() > Some(1000),
        "{v}"
    );
    assert!(
        v["alleen_primair"]["teruggerekend_niet_nul"].as_u64() > Some(0),
        "{v}"
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let t = &manifest["stappen"]["indicators"]["onderdrukking"];
    eprintln!("national batch, 2 years: {t}");
    assert!(t["secundair"].as_u64() > Some(0), "{t}");
}
