//! Coverage and comparable years (`pipeline/spec/dekking.md`), worked out by hand
//! on small batches: who covers which gemeenten, the panel of every two
//! consecutive years, the panel rows' values and their disclosure control.

use std::collections::BTreeMap;

use vth::indicators::IndicatorRij;
use vth::model::uitvoer::status;

use crate::helpers::*;

/// Gemeenten per omgevingsdienst and per provincie, read from the reference list
/// (independently of the pipeline's code).
fn gemeenten() -> (BTreeMap<String, i64>, BTreeMap<String, i64>) {
    let t = std::fs::read_to_string(project().join("queries/referentie/gemeenten.csv"))
        .expect("gemeenten.csv");
    let (mut od, mut pv) = (BTreeMap::new(), BTreeMap::new());
    for l in t.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let v: Vec<&str> = l.split(',').collect();
        *pv.entry(v[2].to_string()).or_insert(0) += 1;
        *od.entry(v[3].to_string()).or_insert(0) += 1;
    }
    (od, pv)
}

/// `n` controles of a party in a year, each with an overtreding on every second one.
fn controles(partij: &str, jaar: i32, gemeente: &str, n: usize) -> (String, String) {
    let mut c = C_KOP.to_string();
    let mut o = V_KOP.to_string();
    for i in 0..n {
        c.push_str(&format!(
            "{partij}-{jaar}-{i},OBJ{i},{gemeente},{gemeente},{jaar}-03-{:02},,,,\n",
            1 + i % 28
        ));
        if i % 2 == 0 {
            o.push_str(&format!(
                "V-{partij}-{jaar}-{i},{partij}-{jaar}-{i},{jaar}-03-{:02},LHSO,2,B,,true,,\n",
                1 + i % 28
            ));
        }
    }
    (c, o)
}

fn batch(leveringen: &[(&str, i32, &str, usize)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    for (partij, jaar, gemeente, n) in leveringen {
        let d = dir.path().join(jaar.to_string()).join(partij);
        std::fs::create_dir_all(&d).expect("mkdir");
        let (c, o) = controles(partij, *jaar, gemeente, *n);
        std::fs::write(d.join("controles.csv"), c).expect("write");
        std::fs::write(d.join("overtredingen.csv"), o).expect("write");
    }
    dir
}

fn panel<'a>(c: &'a Computed, id: &str, jaar: i32, paar: &str) -> &'a IndicatorRij {
    c.nl_dim(id, jaar, "vergelijkbaar", paar)
}

fn dekking(r: &IndicatorRij) -> (Option<i64>, Option<i64>) {
    (r.gemeenten_gedekt, r.gemeenten_totaal)
}

/// Three years. odh delivers all three; omwb only from its second year (2024); the
/// gemeente Amsterdam (GM0363) delivers 2024 and 2025 without its omgevingsdienst
/// (odnzkg), so it covers nothing; ILT delivers 3 controles in 2025 only.
#[test]
fn coverage_and_the_panels_of_three_years_by_hand() {
    let dir = batch(&[
        ("odh", 2023, "GM0518", 10),
        ("odh", 2024, "GM0518", 12),
        ("odh", 2025, "GM0518", 14),
        ("omwb", 2024, "GM0855", 20),
        ("omwb", 2025, "GM0855", 22),
        ("GM0363", 2024, "GM0363", 6),
        ("GM0363", 2025, "GM0363", 8),
        ("ILT", 2025, "GM0518", 3),
    ]);
    let c = compute_with(dir.path(), |cfg| cfg.file.jaren = vec![2023, 2024, 2025]);
    let (od, pv) = gemeenten();
    let nl: i64 = od.values().sum();
    assert_eq!(nl, 342);

    // National counts: the parties that delivered, with what they cover.
    assert_count(c.nl("T1", 2023), 10);
    assert_count(c.nl("T1", 2024), 12 + 20 + 6);
    assert_count(c.nl("T1", 2025), 14 + 22 + 8 + 3);
    assert_eq!(dekking(c.nl("T1", 2023)), (Some(od["odh"]), Some(nl)));
    assert_eq!(
        dekking(c.nl("T1", 2024)),
        (Some(od["odh"] + od["omwb"]), Some(nl))
    );
    assert_eq!(
        dekking(c.nl("T1", 2025)),
        (Some(od["odh"] + od["omwb"]), Some(nl))
    );
    // A share carries it too.
    assert_share(c.nl("T2", 2024), 6 + 10 + 3, 38);
    assert_eq!(
        dekking(c.nl("T2", 2024)),
        (Some(od["odh"] + od["omwb"]), Some(nl))
    );
    // Regions: odh's region is covered whole; Amsterdam's region not at all, though
    // Amsterdam delivered; a province by the gemeenten of its covered regions.
    let r = c.get("T1", 2024, "omgevingsdienst_regio", "odh", None);
    assert_eq!(dekking(r), (Some(od["odh"]), Some(od["odh"])));
    let r = c.get("T1", 2024, "omgevingsdienst_regio", "odnzkg", None);
    assert_count(r, 6);
    assert_eq!(dekking(r), (Some(0), Some(od["odnzkg"])));
    let r = c.get("T1", 2024, "provincie", "PV28", None);
    assert_eq!(dekking(r), (Some(od["odh"]), Some(pv["PV28"])));
    // Party rows and the D indicators carry no coverage.
    assert_eq!(
        dekking(c.get("T1", 2024, "partij", "odh", None)),
        (None, None)
    );
    assert!(c
        .rijen
        .iter()
        .filter(|r| r.indicator_id.starts_with('D'))
        .all(|r| r.gemeenten_gedekt.is_none()));

    // 2023/2024: only odh delivered both years.
    assert_count(panel(&c, "T1", 2023, "2023/2024"), 10);
    assert_count(panel(&c, "T1", 2024, "2023/2024"), 12);
    assert_share(panel(&c, "T2", 2024, "2023/2024"), 6, 12);
    assert_eq!(
        dekking(panel(&c, "T1", 2024, "2023/2024")),
        (Some(od["odh"]), Some(nl))
    );
    // 2024/2025: odh, omwb and Amsterdam; ILT (2025 only) is outside. The middle
    // year has both panels.
    assert_count(panel(&c, "T1", 2024, "2024/2025"), 38);
    assert_count(panel(&c, "T1", 2025, "2024/2025"), 44);
    assert_share(panel(&c, "T2", 2025, "2024/2025"), 7 + 11 + 4, 44);
    assert_eq!(
        dekking(panel(&c, "T1", 2025, "2024/2025")),
        (Some(od["odh"] + od["omwb"]), Some(nl))
    );
    // No panel for 2022/2023: 2022 is no reporting year; no breakdown of a panel.
    assert!(c
        .rijen
        .iter()
        .all(|r| r.dimensie_waarde.as_deref() != Some("2022/2023")));
    assert!(!c
        .rijen
        .iter()
        .any(|r| r.dimensie.as_deref() == Some("vergelijkbaar") && r.niveau != "nationaal"));

    // Disclosure: T1 2025 on the panel differs from the national row by ILT's 3
    // controles (below min_celwaarde 5), so the panel row is suppressed; the same
    // row of 2024 (difference 0) and the 2023/2024 rows (difference 26: omwb and
    // Amsterdam) stay published, as does the national row.
    let tabellen = vth::datasets::RecordTabellen::uit(&c.uitkomst.records).expect("tables");
    let cfg = config(dir.path(), &dir.path().join("out"));
    let mut cfg = cfg;
    cfg.file.jaren = vec![2023, 2024, 2025];
    let q = vth::run::load_queries(&cfg).expect("queries");
    let open = vth::run::openbaar(&cfg, &q, &c.uitkomst, &tabellen, &c.rijen).expect("open");
    let o = |id: &str, jaar: i32, paar: Option<&str>| {
        let dim = paar.map(|p| ("vergelijkbaar", p));
        vth::publish::report::rij(&open.rijen, id, jaar, "nationaal", "NL", dim).expect("row")
    };
    assert_eq!(o("T1", 2025, Some("2024/2025")).status, status::ONDERDRUKT);
    assert_eq!(o("T1", 2025, Some("2024/2025")).waarde, None);
    // Coverage is never suppressed.
    assert_eq!(
        dekking(o("T1", 2025, Some("2024/2025"))),
        (Some(od["odh"] + od["omwb"]), Some(nl))
    );
    assert_eq!(o("T1", 2024, Some("2024/2025")).waarde, Some(38.0));
    assert_eq!(o("T1", 2023, Some("2023/2024")).waarde, Some(10.0));
    assert_eq!(o("T1", 2025, None).waarde, Some(47.0));
    // ILT's own row is primary (3 < 5); national − panel − the others outside the
    // panel (none) would give it back, so the panel row is what went.
    assert_eq!(
        vth::publish::report::rij(&open.rijen, "T1", 2025, "partij", "ILT", None)
            .expect("ILT")
            .status,
        status::ONDERDRUKT
    );
}

/// Every party delivered both years: the panel rows equal the national rows, and
/// are still written.
#[test]
fn with_every_party_in_the_panel_the_rows_equal_the_national_ones() {
    let dir = batch(&[
        ("odh", 2024, "GM0518", 12),
        ("odh", 2025, "GM0518", 14),
        ("omwb", 2024, "GM0855", 20),
        ("omwb", 2025, "GM0855", 22),
    ]);
    let c = compute(dir.path());
    let panel: Vec<&IndicatorRij> = c
        .rijen
        .iter()
        .filter(|r| r.dimensie.as_deref() == Some("vergelijkbaar"))
        .collect();
    // 23 T, H, K and C indicators with a total row (C3 has deciles only), two years.
    assert_eq!(panel.len(), 2 * 23);
    for p in panel {
        let n = c.get(&p.indicator_id, p.jaar, "nationaal", "NL", None);
        assert_eq!(
            IndicatorRij {
                dimensie: None,
                dimensie_waarde: None,
                ..p.clone()
            },
            *n
        );
        assert_eq!(p.dimensie_waarde.as_deref(), Some("2024/2025"));
    }
}

/// The samples with one omgevingsdienst (omwb) missing 2024 and one gemeente
/// (Amsterdam) missing 2025: DuckDB recomputes every coverage value and the
/// comparable-years rows of T2, H3, K1, K2 and K5 from the published records
/// (tests/crosscheck/recompute.py), and the attacker recovers nothing from the
/// open release, the panel's relation included (tests/python/aanvaller.py).
#[test]
fn duckdb_recomputes_coverage_and_panels_and_the_attacker_gets_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in");
    copy_dir(&project().join("data-samples"), &input);
    std::fs::remove_dir_all(input.join("2024/omwb")).expect("omwb 2024");
    std::fs::remove_dir_all(input.join("2025/GM0363")).expect("GM0363 2025");
    let out = tmp.path().join("out");
    run(&input, &out);
    let o = std::process::Command::new(python())
        .arg(project().join("tests/crosscheck/recompute.py"))
        .arg(&out)
        .output()
        .expect("recompute.py");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let r: serde_json::Value = serde_json::from_str(stdout.trim()).expect("json");
    // Five shares, two years, one panel (2024/2025).
    assert_eq!(r["panel_compared"], 10, "{r}");
    // Every national and regional row of the 24 T, H, K and C indicators.
    assert!(r["dekking_compared"].as_u64() > Some(4000), "{r}");
    let o = std::process::Command::new(python())
        .arg(project().join("tests/python/aanvaller.py"))
        .arg(&out)
        .output()
        .expect("aanvaller.py");
    assert!(
        o.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    // The samenvatting answers with coverage and, the panel not being every party,
    // the change on it: T1 5,801 → 5,886 controles of the parties in both years
    // (counted from the records without omwb and Amsterdam), +1.5 %.
    let index = std::fs::read_to_string(out.join("rapport/index.html")).expect("index");
    assert!(
        index.contains("Controles: 7.084 in 2025, tegen 6.181 in 2024 (totaal van de partijen die leverden; dekking: 62 van de 342 gemeenten; bij de partijen die beide jaren leverden (2024&#x2f;2025): +1,5%)"),
        "{index}"
    );
    // The robustness headline is IenW's judgement (S4), not the pipeline's reading.
    assert!(
        index.contains("Robuust volgens het oordeel van IenW"),
        "{index}"
    );
    assert!(
        !index.contains("Robuuste omgevingsdiensten in 2025"),
        "{index}"
    );
    // The datakwaliteit chapter maps the covered gemeenten of each year.
    let dq = std::fs::read_to_string(out.join("rapport/datakwaliteit.html")).expect("dq");
    assert!(
        dq.contains("Gedekte gemeenten in 2024: 37 van de 342"),
        "coverage map 2024"
    );
    assert!(
        dq.contains("Gedekte gemeenten in 2025: 62 van de 342"),
        "coverage map 2025"
    );
    // A map has no reference line to speak of.
    let toezicht = std::fs::read_to_string(out.join("rapport/toezicht.html")).expect("toezicht");
    let kaart = &toezicht[toezicht
        .find("id=\"fig-T2-omgevingsdienst_regio-kaart\"")
        .expect("map")..];
    let kaart = &kaart[..kaart.find("</figcaption>").expect("caption")];
    assert!(!kaart.contains("de lijn is"), "{kaart}");
    // Panel rows whose difference to the national row is a small count are
    // suppressed (secondary) in the open release.
    let open = vth::datasets::indicatoren_uit(
        &vth::engine::read_parquet(&out.join("data/indicatoren.parquet")).expect("parquet"),
    )
    .expect("rows");
    let restricted = vth::datasets::indicatoren_uit(
        &vth::engine::read_parquet(&out.join("restricted/indicatoren.parquet")).expect("parquet"),
    )
    .expect("rows");
    let mut gecontroleerd = 0;
    for (p, w) in restricted.iter().zip(&open) {
        if p.dimensie.as_deref() != Some("vergelijkbaar")
            || p.teller.is_some()
            || p.noemer.is_some()
        {
            continue;
        }
        let n = vth::publish::report::rij(
            &restricted,
            &p.indicator_id,
            p.jaar,
            "nationaal",
            "NL",
            None,
        )
        .expect("national");
        let verschil = n.waarde.unwrap_or(0.0) - p.waarde.unwrap_or(0.0);
        if (1.0..5.0).contains(&verschil) {
            assert_eq!(w.status, "onderdrukt", "{p:?}");
            gecontroleerd += 1;
        }
    }
    assert!(gecontroleerd > 0);
}
