//! `vth fetch` against a local HTTP server on 127.0.0.1: every kind of failure a
//! party's endpoint can show, the outcome recorded for each, nothing partial left
//! behind, and `run` on the fetched tree equal to `run` on the same files locally.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

use crate::helpers::*;

/// How the server answers one path.
#[derive(Clone)]
enum Gedrag {
    Goed(Vec<u8>),
    /// `n` times this status, then the file.
    EerstStatus(u32, u16, Vec<u8>),
    /// Accepts, reads the request and never answers.
    Hangt,
    /// Announces the whole length, sends half, closes; no ranges.
    Afgekapt(Vec<u8>),
    /// Like `Afgekapt` the first time, but offers ranges and then resumes.
    AfgekaptHervat(Vec<u8>),
    /// The file without Content-Length, ended by closing the connection.
    ZonderLengte(Vec<u8>),
    Status(u16),
}

/// Each request the server received: (path, Range header).
type Verzoeken = Mutex<Vec<(String, Option<String>)>>;

struct Server {
    adres: String,
    verzoeken: Arc<Verzoeken>,
}

fn serve(routes: BTreeMap<String, Gedrag>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let adres = format!("http://{}", listener.local_addr().expect("addr"));
    let verzoeken: Arc<Verzoeken> = Arc::default();
    let teller: Arc<Mutex<BTreeMap<String, u32>>> = Arc::default();
    let routes = Arc::new(routes);
    let v = verzoeken.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (routes, v, teller) = (routes.clone(), v.clone(), teller.clone());
            std::thread::spawn(move || antwoord(stream, &routes, &v, &teller));
        }
    });
    Server { adres, verzoeken }
}

fn antwoord(
    mut s: TcpStream,
    routes: &BTreeMap<String, Gedrag>,
    verzoeken: &Verzoeken,
    teller: &Mutex<BTreeMap<String, u32>>,
) {
    let mut buf = Vec::new();
    let mut b = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        match s.read(&mut b) {
            Ok(1) => buf.push(b[0]),
            _ => return,
        }
    }
    let kop = String::from_utf8_lossy(&buf).to_string();
    let pad = kop.split_whitespace().nth(1).unwrap_or("/").to_string();
    let range = kop
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("range:"))
        .map(|l| l[6..].trim().to_string());
    verzoeken.lock().unwrap().push((pad.clone(), range.clone()));
    let n = {
        let mut t = teller.lock().unwrap();
        let e = t.entry(pad.clone()).or_default();
        *e += 1;
        *e
    };
    let status = |s: &mut TcpStream, code: u16| {
        let _ = write!(
            s,
            "HTTP/1.1 {code} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
    };
    let heel = |s: &mut TcpStream, body: &[u8], ranges: bool| {
        let extra = if ranges {
            "Accept-Ranges: bytes\r\n"
        } else {
            ""
        };
        let _ = write!(
            s,
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n",
            body.len()
        );
        let _ = s.write_all(body);
    };
    match routes.get(&pad) {
        None => status(&mut s, 404),
        Some(Gedrag::Goed(body)) => heel(&mut s, body, false),
        Some(Gedrag::EerstStatus(k, code, body)) => {
            if n <= *k {
                status(&mut s, *code)
            } else {
                heel(&mut s, body, false)
            }
        }
        Some(Gedrag::Hangt) => std::thread::sleep(Duration::from_secs(120)),
        Some(Gedrag::Afgekapt(body)) => {
            let _ = write!(
                s,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = s.write_all(&body[..body.len() / 2]);
        }
        Some(Gedrag::AfgekaptHervat(body)) => match range {
            Some(r) => {
                let start: usize = r
                    .trim_start_matches("bytes=")
                    .trim_end_matches('-')
                    .parse()
                    .unwrap_or(0);
                let _ = write!(
                    s,
                    "HTTP/1.1 206 Partial Content\r\nContent-Length: {}\r\nContent-Range: bytes {start}-{}/{}\r\nAccept-Ranges: bytes\r\nConnection: close\r\n\r\n",
                    body.len() - start,
                    body.len() - 1,
                    body.len()
                );
                let _ = s.write_all(&body[start..]);
            }
            None => {
                let _ = write!(
                    s,
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nAccept-Ranges: bytes\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = s.write_all(&body[..body.len() / 3]);
            }
        },
        Some(Gedrag::ZonderLengte(body)) => {
            let _ = write!(s, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
            let _ = s.write_all(body);
        }
        Some(Gedrag::Status(code)) => status(&mut s, *code),
    }
    let _ = s.flush();
}

fn sample(pad: &str) -> Vec<u8> {
    std::fs::read(project().join("data-samples").join(pad)).expect("sample file")
}

fn sha(b: &[u8]) -> String {
    vth::ingest::sha256_hex(b)
}

/// Every file under `root`, relative, with `/`.
fn files(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(
                    p.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    out.sort();
    out
}

fn fetch(manifest: &Path, output: &Path) -> String {
    let a = vth()
        .args(["fetch", "--manifest"])
        .arg(manifest)
        .arg("--output")
        .arg(output)
        .assert()
        .success();
    String::from_utf8_lossy(&a.get_output().stdout).to_string()
}

fn record(output: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(output.join("fetch.json")).expect("fetch.json"))
        .expect("json")
}

/// The recorded file of a party and table.
fn bestand<'a>(r: &'a Value, jaar: i64, partij: &str, tabel: &str) -> &'a Value {
    r["ophalingen"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["jaar"] == jaar)
        .and_then(|o| {
            o["partijen"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["code"] == partij)
        })
        .and_then(|p| {
            p["bestanden"]
                .as_array()
                .unwrap()
                .iter()
                .find(|b| b["tabel"] == tabel)
        })
        .unwrap_or_else(|| panic!("no record for {jaar} {partij} {tabel}"))
}

#[test]
fn every_failure_is_recorded_per_party_and_nothing_partial_is_left() {
    let c = |p: &str| sample(&format!("2025/{p}"));
    let groot = vec![b'x'; 600 * 1024];
    let mut routes = BTreeMap::new();
    for t in [
        "controles",
        "overtredingen",
        "handhavingsmaatregelen",
        "organisatie",
    ] {
        routes.insert(
            format!("/odh/{t}.csv"),
            Gedrag::Goed(c(&format!("odh/{t}.csv"))),
        );
    }
    routes.insert(
        "/odru/controles.csv".into(),
        Gedrag::EerstStatus(2, 500, c("odru/controles.csv")),
    );
    routes.insert(
        "/odru/overtredingen.csv".into(),
        Gedrag::EerstStatus(1, 429, c("odru/overtredingen.csv")),
    );
    routes.insert("/rud/controles.csv".into(), Gedrag::Hangt);
    routes.insert(
        "/rud/overtredingen.csv".into(),
        Gedrag::Goed(c("rud-zeeland/overtredingen.csv")),
    );
    routes.insert(
        "/omwb/controles.csv".into(),
        Gedrag::Afgekapt(c("omwb/controles.csv")),
    );
    routes.insert(
        "/gm0363/controles.csv".into(),
        Gedrag::Goed(c("GM0363/controles.csv")),
    );
    routes.insert("/pv27/controles.csv".into(), Gedrag::Goed(groot.clone()));
    routes.insert(
        "/pv27/overtredingen.csv".into(),
        Gedrag::ZonderLengte(groot),
    );
    routes.insert(
        "/ilt/controles.csv".into(),
        Gedrag::AfgekaptHervat(c("ILT/controles.csv")),
    );
    routes.insert("/ws15/controles.json".into(), Gedrag::Status(503));
    let server = serve(routes);
    let a = &server.adres;
    let tmp = tempfile::tempdir().expect("tmp");
    let odh_sha = sha(&c("odh/controles.csv"));
    let manifest = format!(
        r#"jaar = 2025

[instellingen]
verbindingstijd_s = 1
leestijd_s = 0.5
pogingen = 3
wachttijd_s = 0.05
max_mb = 0.5

[[partij]]
code = "odh"
[[partij.bestand]]
tabel = "controles"
url = "{a}/odh/controles.csv"
sha256 = "{odh_sha}"
[[partij.bestand]]
tabel = "overtredingen"
url = "{a}/odh/overtredingen.csv"
[[partij.bestand]]
tabel = "handhavingsmaatregelen"
url = "{a}/odh/handhavingsmaatregelen.csv"
[[partij.bestand]]
tabel = "organisatie"
url = "{a}/odh/organisatie.csv"

[[partij]]
code = "odru"
[[partij.bestand]]
tabel = "controles"
url = "{a}/odru/controles.csv"
[[partij.bestand]]
tabel = "overtredingen"
url = "{a}/odru/overtredingen.csv"

[[partij]]
code = "rud-zeeland"
[[partij.bestand]]
tabel = "controles"
url = "{a}/rud/controles.csv"
[[partij.bestand]]
tabel = "overtredingen"
url = "{a}/rud/overtredingen.csv"

[[partij]]
code = "omwb"
[[partij.bestand]]
tabel = "controles"
url = "{a}/omwb/controles.csv"

[[partij]]
code = "GM0363"
[[partij.bestand]]
tabel = "controles"
url = "{a}/gm0363/controles.csv"
sha256 = "{wrong}"

[[partij]]
code = "PV27"
[[partij.bestand]]
tabel = "controles"
url = "{a}/pv27/controles.csv"
[[partij.bestand]]
tabel = "overtredingen"
url = "{a}/pv27/overtredingen.csv"

[[partij]]
code = "ILT"
[[partij.bestand]]
tabel = "controles"
url = "{a}/ilt/controles.csv"

[[partij]]
code = "WS15"
[[partij.bestand]]
tabel = "controles"
url = "{a}/ws15/controles.json"
[[partij.bestand]]
tabel = "overtredingen"
url = "{a}/ws15/bestaat-niet.json"

[[partij]]
code = "GM0344"
[[partij.bestand]]
tabel = "controles"
path = "{lokaal}"
"#,
        wrong = "0".repeat(64),
        lokaal = project()
            .join("data-samples/2025/GM0344/inspecties.txt")
            .display()
    );
    let batch = tmp.path().join("batch-2025.toml");
    std::fs::write(&batch, manifest).unwrap();
    let out = tmp.path().join("leveringen");
    let stdout = fetch(&batch, &out);
    assert!(
        stdout.contains("fetched 9 of 16 files for 2025"),
        "{stdout}"
    );

    let r = record(&out);
    let check = |partij: &str, tabel: &str, uitkomst: &str, http: Option<u64>, pogingen: u64| {
        let b = bestand(&r, 2025, partij, tabel);
        assert_eq!(b["uitkomst"], uitkomst, "{partij} {tabel}: {b}");
        assert_eq!(b["http_status"].as_u64(), http, "{partij} {tabel}: {b}");
        assert_eq!(b["pogingen"], pogingen, "{partij} {tabel}: {b}");
        b
    };
    // Good files, one checked against its sha256.
    let b = check("odh", "controles", "ontvangen", Some(200), 1);
    assert_eq!(b["sha256"], odh_sha.as_str());
    assert_eq!(b["bytes"], c("odh/controles.csv").len());
    assert_eq!(b["bron"], format!("{a}/odh/controles.csv"));
    // 500 twice, then the file; 429 once, then the file.
    check("odru", "controles", "ontvangen", Some(200), 3);
    check("odru", "overtredingen", "ontvangen", Some(200), 2);
    // A hung connection: every attempt times out.
    let b = check("rud-zeeland", "controles", "niet_bereikbaar", None, 3);
    assert!(
        b["melding"].as_str().unwrap().starts_with("3 pogingen"),
        "{b}"
    );
    check("rud-zeeland", "overtredingen", "ontvangen", Some(200), 1);
    // A body cut short each time, with no ranges to resume from.
    let b = check("omwb", "controles", "onvolledig", None, 3);
    assert!(b["melding"].as_str().unwrap().contains("bytes"), "{b}");
    // A wrong checksum: what arrived is named, the file is not stored.
    let b = check("GM0363", "controles", "checksum_onjuist", Some(200), 1);
    assert_eq!(b["sha256"], sha(&c("GM0363/controles.csv")).as_str());
    // Too large: announced (no download), and found while reading.
    let b = check("PV27", "controles", "te_groot", None, 1);
    assert!(
        b["melding"]
            .as_str()
            .unwrap()
            .contains("614400 bytes aangekondigd, de grens is 524288"),
        "{b}"
    );
    check("PV27", "overtredingen", "te_groot", None, 1);
    // Cut short once, then resumed from where it stopped.
    check("ILT", "controles", "ontvangen", Some(206), 2);
    let resumed = server.verzoeken.lock().unwrap().clone();
    let ilt: Vec<&Option<String>> = resumed
        .iter()
        .filter(|(p, _)| p == "/ilt/controles.csv")
        .map(|(_, r)| r)
        .collect();
    let derde = c("ILT/controles.csv").len() / 3;
    assert_eq!(ilt, [&None, &Some(format!("bytes={derde}-"))]);
    // A 503 that persists, and a 404 that is not retried.
    check("WS15", "controles", "geweigerd", Some(503), 3);
    check("WS15", "overtredingen", "geweigerd", Some(404), 1);
    // A local path, stored under the name the party's profile expects.
    let b = check("GM0344", "controles", "ontvangen", None, 1);
    assert_eq!(b["bestand"], "2025/GM0344/inspecties.txt");

    // Only whole, verified files are in the tree; no partial file anywhere.
    assert_eq!(
        files(&out),
        [
            "2025/GM0344/inspecties.txt",
            "2025/ILT/controles.csv",
            "2025/odh/controles.csv",
            "2025/odh/handhavingsmaatregelen.csv",
            "2025/odh/organisatie.csv",
            "2025/odh/overtredingen.csv",
            "2025/odru/controles.csv",
            "2025/odru/overtredingen.csv",
            "2025/rud-zeeland/overtredingen.csv",
            "fetch.json",
        ]
    );
    assert_eq!(
        std::fs::read(out.join("2025/ILT/controles.csv")).unwrap(),
        c("ILT/controles.csv")
    );

    // The run reads fetch.json: D1 per party.
    let d = compute(&out);
    let d1 = |p: &str| {
        d.dq.iter()
            .find(|r| r.indicator_id == "D1" && r.jaar == 2025 && r.partij == p)
            .unwrap_or_else(|| panic!("D1 for {p}"))
    };
    for p in ["odh", "odru", "ILT"] {
        assert_eq!(d1(p).dimensie_waarde.as_deref(), Some("aangeleverd"), "{p}");
        assert_eq!(d1(p).waarde, Some(1.0));
    }
    for (p, reden) in [
        ("rud-zeeland", "controles.csv: niet bereikbaar (3 pogingen"),
        ("omwb", "controles.csv: onvolledig ontvangen"),
        ("GM0363", "controles.csv: checksum onjuist (verwacht 0000"),
        ("PV27", "overtredingen.csv: te groot"),
        (
            "WS15",
            "overtredingen.json: geweigerd door de bron (HTTP 404)",
        ),
    ] {
        let r = d1(p);
        assert_eq!(
            r.dimensie_waarde.as_deref(),
            Some("niet_volledig_aangeleverd"),
            "{p}"
        );
        assert_eq!(r.waarde, Some(0.0));
        let t = r.toelichting.as_deref().unwrap_or("");
        assert!(t.starts_with("niet (volledig) aangeleverd: "), "{t}");
        assert!(t.contains(reden), "{p}: {t}");
    }
    // Every file the batch listed for GM0344 (only one) arrived.
    assert_eq!(d1("GM0344").dimensie_waarde.as_deref(), Some("aangeleverd"));

    // And the report says so, in the chapter and on the party's feedback page.
    let rapport = tmp.path().join("out");
    vth()
        .args(["run", "--input"])
        .arg(&out)
        .arg("--output")
        .arg(&rapport)
        .assert()
        .success();
    let html = |p: &str| std::fs::read_to_string(rapport.join("rapport").join(p)).expect(p);
    let dq = html("datakwaliteit.html");
    assert!(
        dq.contains("2 niet (volledig) aangeleverd"),
        "chapter count: only rud-zeeland and omwb are expected parties"
    );
    assert!(dq.contains("<td>niet (volledig) aangeleverd</td>"));
    let rud = html("terugkoppeling-rud-zeeland.html");
    assert!(rud.contains("Levering over 2025: niet (volledig) aangeleverd"));
    assert!(rud.contains("<strong>Niet ontvangen:</strong> niet (volledig) aangeleverd: controles.csv: niet bereikbaar"));
    // The rows that did arrive are read, not lost: rud-zeeland's overtredingen
    // (orphans without their controles) are accounted for in D7.
    let rud: u64 = d
        .uitkomst
        .reconciliatie
        .iter()
        .filter(|x| x.partij == "rud-zeeland")
        .map(|x| x.gelezen)
        .sum();
    assert!(rud > 0);
}

/// The files of `data-samples/<jaar>` as a batch manifest served by `server`:
/// tables named after the party's profile where it has one.
fn sample_batch(jaar: i32, adres: &str, routes: &mut BTreeMap<String, Gedrag>) -> String {
    let profielen = vth::run::load_basis(&project().join("queries"))
        .expect("queries")
        .profielen;
    let mut s = format!("jaar = {jaar}\n");
    let root = project().join("data-samples").join(jaar.to_string());
    let mut partijen: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    partijen.sort();
    for p in partijen {
        let code = p.file_name().unwrap().to_string_lossy().to_string();
        s.push_str(&format!("\n[[partij]]\ncode = \"{code}\"\n"));
        let mut namen: Vec<String> = std::fs::read_dir(&p)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        namen.sort();
        for naam in namen {
            let body = std::fs::read(p.join(&naam)).unwrap();
            let tabel = match profielen.get(&code) {
                Some(pr) if pr.formaat == vth::ingest::profile::Formaat::Xlsx => {
                    "controles".to_string()
                }
                Some(pr) => vth::model::Tabel::ALL
                    .iter()
                    .find(|t| pr.bestand(**t) == naam)
                    .map(|t| t.name().to_string())
                    .expect("profile names the file"),
                None => naam.split('.').next().unwrap().to_string(),
            };
            let url = format!("/{jaar}/{code}/{naam}");
            s.push_str(&format!(
                "[[partij.bestand]]\ntabel = \"{tabel}\"\nurl = \"{adres}{url}\"\nsha256 = \"{}\"\n",
                sha(&body)
            ));
            routes.insert(url, Gedrag::Goed(body));
        }
    }
    s
}

#[test]
fn run_on_fetched_deliveries_equals_run_on_the_same_files_locally() {
    let tmp = tempfile::tempdir().expect("tmp");
    // Two years, two batch manifests, one delivery tree: the second fetch adds its
    // year to fetch.json.
    let mut routes = BTreeMap::new();
    let placeholder = "http://ADRES";
    let b24 = sample_batch(2024, placeholder, &mut routes);
    let b25 = sample_batch(2025, placeholder, &mut routes);
    let server = serve(routes);
    let fetched = tmp.path().join("leveringen");
    for (jaar, b) in [(2024, b24), (2025, b25)] {
        let pad = tmp.path().join(format!("batch-{jaar}.toml"));
        std::fs::write(&pad, b.replace(placeholder, &server.adres)).unwrap();
        let stdout = fetch(&pad, &fetched);
        assert!(
            stdout.contains(&format!("fetched 39 of 39 files for {jaar}")),
            "{stdout}"
        );
    }
    let r = record(&fetched);
    assert_eq!(r["ophalingen"].as_array().unwrap().len(), 2);

    let run = |input: &Path, output: &Path| {
        vth()
            .args(["run", "--input"])
            .arg(input)
            .arg("--output")
            .arg(output)
            .env("VTH_PSEUDONIEM_SLEUTEL", "test-sleutel")
            .assert()
            .success();
    };
    let (lokaal, opgehaald) = (
        tmp.path().join("out-lokaal"),
        tmp.path().join("out-opgehaald"),
    );
    run(&project().join("data-samples"), &lokaal);
    run(&fetched, &opgehaald);

    let bestanden = files(&lokaal);
    assert_eq!(bestanden, files(&opgehaald));
    for f in bestanden.iter().filter(|f| *f != "manifest.json") {
        assert!(
            std::fs::read(lokaal.join(f)).unwrap() == std::fs::read(opgehaald.join(f)).unwrap(),
            "{f} differs between the local and the fetched run"
        );
    }
    // The manifests differ only in where the input came from.
    let m = |p: &Path| -> Value {
        serde_json::from_str(&std::fs::read_to_string(p.join("manifest.json")).unwrap()).unwrap()
    };
    let (mut ml, mut mo) = (m(&lokaal), m(&opgehaald));
    let herkomst = mo
        .as_object_mut()
        .unwrap()
        .remove("ophaling")
        .expect("ophaling");
    assert!(ml.as_object_mut().unwrap().remove("ophaling").is_none());
    assert_eq!(ml, mo);
    let herkomst = herkomst.as_array().unwrap();
    assert_eq!(herkomst.len(), 78);
    let odh = herkomst
        .iter()
        .find(|h| h["bestand"] == "2025/odh/controles.csv")
        .unwrap();
    assert_eq!(
        odh["bron"],
        format!("{}/2025/odh/controles.csv", server.adres)
    );
    assert_eq!(odh["uitkomst"], "ontvangen");
    assert_eq!(
        odh["sha256"],
        sha(&sample("2025/odh/controles.csv")).as_str()
    );
}

#[test]
fn a_stored_copy_changed_after_fetching_is_not_read_as_the_delivery() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut routes = BTreeMap::new();
    let placeholder = "http://ADRES";
    let b = sample_batch(2025, placeholder, &mut routes);
    let server = serve(routes);
    let pad = tmp.path().join("batch.toml");
    std::fs::write(&pad, b.replace(placeholder, &server.adres)).unwrap();
    let out = tmp.path().join("leveringen");
    fetch(&pad, &out);
    // Edited by hand afterwards, and a file nobody fetched.
    let odh = out.join("2025/odh/controles.csv");
    let mut t = std::fs::read_to_string(&odh).unwrap();
    t.push_str("extra,regel\n");
    std::fs::write(&odh, t).unwrap();
    std::fs::write(out.join("2025/odh/extra.csv"), "a\n").unwrap();
    std::fs::create_dir_all(out.join("2025/NVWA")).unwrap();
    std::fs::write(out.join("2025/NVWA/controles.csv"), "controle_id\n").unwrap();

    let config = config(&out, &tmp.path().join("out"));
    let q = vth::run::load_queries(&config).unwrap();
    let invoer = vth::run::ingest(&config, &q).unwrap();
    let over: BTreeMap<&str, &str> = invoer
        .overgeslagen
        .iter()
        .map(|o| (o.relatief.as_str(), o.reden.as_str()))
        .collect();
    assert!(over["2025/odh/controles.csv"].starts_with("changed since it was fetched"));
    assert!(over["2025/odh/extra.csv"].starts_with("not a table"));
    assert!(over["2025/NVWA/controles.csv"].starts_with("not received in the fetch of 2025"));
    assert!(!invoer
        .bestanden
        .iter()
        .any(|b| b.relatief == "2025/odh/controles.csv"));
    let d = compute(&out);
    let d1 =
        d.dq.iter()
            .find(|r| r.indicator_id == "D1" && r.jaar == 2025 && r.partij == "odh")
            .unwrap();
    assert_eq!(
        d1.dimensie_waarde.as_deref(),
        Some("niet_volledig_aangeleverd")
    );
    assert_eq!(
        d1.toelichting.as_deref(),
        Some("niet (volledig) aangeleverd: controles.csv: gewijzigd na het ophalen; niet gelezen: extra.csv (not a table of the exchange format; a party profile in queries/profielen/ can describe it)")
    );
}

#[test]
fn a_batch_manifest_with_a_mistake_stops_before_anything_is_fetched() {
    let vth::run::Basis {
        referentie,
        profielen,
        ..
    } = vth::run::load_basis(&project().join("queries")).expect("queries");
    let tmp = tempfile::tempdir().expect("tmp");
    let fout = |body: &str| {
        let pad = tmp.path().join("batch.toml");
        std::fs::write(&pad, format!("jaar = 2025\n{body}")).unwrap();
        vth::fetch::load(&pad, &referentie, &profielen)
            .expect_err("must be refused")
            .to_string()
    };
    let bestand = |code: &str, regel: &str| {
        format!(
            "[[partij]]\ncode = \"{code}\"\n[[partij.bestand]]\ntabel = \"controles\"\n{regel}\n"
        )
    };
    let e = fout(&bestand("odh", "url = \"http://example.org/c.csv\""));
    assert!(
        e.contains("is not https; plain http is only allowed to this machine"),
        "{e}"
    );
    let e = fout(&bestand("GM9999", "url = \"https://example.org/c.csv\""));
    assert!(e.contains("code = \"GM9999\": not a party code"), "{e}");
    let e = fout(&bestand(
        "odh",
        "url = \"https://example.org/c.csv\"\nsha256 = \"abc\"",
    ));
    assert!(
        e.contains("sha256 = \"abc\" is not 64 hexadecimal characters"),
        "{e}"
    );
    let e = fout(&bestand("odh", "url = \"https://example.org/export\""));
    assert!(e.contains("cannot tell the format of \"export\""), "{e}");
    let e = fout(&bestand(
        "odh",
        "path = \"a.csv\"\nurl = \"https://example.org/a.csv\"",
    ));
    assert!(e.contains("give either url or path"), "{e}");
    let e = fout("[[partij]]\ncode = \"odh\"\nprofiel = \"GM0599\"\n");
    assert!(e.contains("profiles are kept per party"), "{e}");
    let e = fout("[instellingen]\npogingen = 0\n");
    assert!(e.contains("pogingen must be at least 1"), "{e}");
    // Allowed: https anywhere, http to loopback.
    for u in [
        "https://example.org/c.csv",
        "http://127.0.0.1:8080/c.csv",
        "http://[::1]/c.csv",
        "http://localhost/c.csv",
    ] {
        let pad = tmp.path().join("ok.toml");
        std::fs::write(
            &pad,
            format!("jaar = 2025\n{}", bestand("odh", &format!("url = \"{u}\""))),
        )
        .unwrap();
        vth::fetch::load(&pad, &referentie, &profielen).unwrap_or_else(|e| panic!("{u}: {e}"));
    }
}

#[test]
fn fetch_refuses_to_write_into_a_folder_it_did_not_make() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("bestaand");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("iets.txt"), "x").unwrap();
    let pad = tmp.path().join("batch.toml");
    std::fs::write(&pad, "jaar = 2025\n").unwrap();
    let a = vth()
        .args(["fetch", "--manifest"])
        .arg(&pad)
        .arg("--output")
        .arg(&out)
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert!(
        err.contains("is not empty and holds no fetch.json"),
        "{err}"
    );
}
