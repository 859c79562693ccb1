//! The report as parliament and the public read it: opened in Debian's headless
//! Chromium with axe-core, checked by the Nu HTML Checker, no request outside its
//! folder, every chart with a text alternative, a table and a CSV whose numbers are
//! the published Parquet values; delivery strings rendered as text.

use std::path::Path;

use crate::helpers::*;

/// A delivery whose values and column names try to inject markup.
fn kwaadaardig(input: &Path) {
    let kop = "controle_id,object_id,bevoegd_gezag,gemeente_code,controledatum,controletype,taak,brzo,resultaat,<b>\"x\"&amp;</b>\n";
    let rijen = "K1,<script>alert(\"x\")</script> & 'co',GM0014,GM0014,2025-03-01,<script>alert(1)</script>,,,nageleefd,&lt;\nK2,\"Café \"\"De Gouden Leeuw\"\" & Zn\",GM0014,GM0014,2025-03-02,audit,,,nageleefd,x\n";
    let d = input.join("2025/GM0014");
    std::fs::create_dir_all(&d).expect("mkdir");
    std::fs::write(d.join("controles.csv"), format!("{kop}{rijen}")).expect("write");
}

#[test]
fn the_report_is_accessible_valid_self_contained_and_escapes_deliveries() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in");
    copy_dir(&project().join("data-samples"), &input);
    kwaadaardig(&input);
    let out = tmp.path().join("out");
    run(&input, &out);
    let rapport = out.join("rapport");

    let o = std::process::Command::new("node")
        .arg(report_checks())
        .arg(&rapport)
        .output()
        .expect("node");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json report");
    for key in ["violations", "vnu", "outside", "chartProblems", "overflow"] {
        assert_eq!(
            r[key].as_array().map(Vec::len),
            Some(0),
            "{key}: {:#}",
            r[key]
        );
    }
    assert!(r["pages"].as_u64().unwrap_or(0) >= 50, "{}", r["pages"]);
    let csv_files = std::fs::read_dir(rapport.join("csv")).expect("csv").count();
    let charts = r["charts"].as_array().expect("charts");
    assert!(charts.len() >= 25);
    assert_eq!(charts.len(), csv_files, "one CSV per chart");

    // No JavaScript anywhere; the delivery's strings are text.
    for e in std::fs::read_dir(&rapport).expect("dir") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "html") {
            let html = std::fs::read_to_string(&p).expect("html");
            assert!(!html.to_lowercase().contains("<script"), "{}", p.display());
        }
    }
    let page = std::fs::read_to_string(rapport.join("terugkoppeling-GM0014.html")).expect("page");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"),
        "unmapped value as text"
    );
    assert!(
        page.contains("&lt;b&gt;&quot;x&quot;&amp;amp;&lt;&#x2f;b&gt;"),
        "column name as text"
    );
}

fn parquet_rijen(path: &Path) -> Vec<vth::indicators::IndicatorRij> {
    vth::datasets::indicatoren_uit(&vth::engine::read_parquet(path).expect("parquet"))
        .expect("rows")
}

/// Every CSV row equals its row in the given indicatoren.parquet, exactly.
fn csv_gelijk_aan_parquet(
    csv: &Path,
    editie: &str,
    rijen: &[vth::indicators::IndicatorRij],
) -> usize {
    let mut n = 0;
    let mut rdr = csv::Reader::from_path(csv).expect("csv");
    assert_eq!(
        rdr.headers().expect("header").iter().collect::<Vec<_>>(),
        vec![
            "editie",
            "indicator_id",
            "indicator",
            "jaar",
            "niveau",
            "eenheid",
            "dimensie",
            "dimensie_waarde",
            "waarde",
            "teller",
            "noemer",
            "gemeenten_gedekt",
            "gemeenten_totaal",
            "status"
        ]
    );
    for rec in rdr.records() {
        let rec = rec.expect("record");
        if &rec[0] != editie {
            continue;
        }
        let leeg = |s: &str| (!s.is_empty()).then(|| s.to_string());
        let r = rijen
            .iter()
            .find(|r| {
                r.indicator_id == rec[1]
                    && r.jaar.to_string() == rec[3]
                    && r.niveau == rec[4]
                    && r.eenheid == rec[5]
                    && r.dimensie == leeg(&rec[6])
                    && r.dimensie_waarde == leeg(&rec[7])
            })
            .unwrap_or_else(|| panic!("{} row {rec:?} not in the parquet", csv.display()));
        assert_eq!(
            r.waarde,
            leeg(&rec[8]).map(|w| w.parse::<f64>().expect("f64")),
            "{rec:?}"
        );
        assert_eq!(
            r.teller,
            leeg(&rec[9]).map(|w| w.parse::<i64>().expect("i64")),
            "{rec:?}"
        );
        assert_eq!(
            r.noemer,
            leeg(&rec[10]).map(|w| w.parse::<i64>().expect("i64")),
            "{rec:?}"
        );
        assert_eq!(
            (r.gemeenten_gedekt, r.gemeenten_totaal),
            (
                leeg(&rec[11]).map(|w| w.parse::<i64>().expect("i64")),
                leeg(&rec[12]).map(|w| w.parse::<i64>().expect("i64"))
            ),
            "{rec:?}"
        );
        assert_eq!(r.status, &rec[13], "{rec:?}");
        n += 1;
    }
    n
}

#[test]
fn every_csv_download_matches_the_published_parquet() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    run(&project().join("data-samples"), &out);
    let rijen = parquet_rijen(&out.join("data/indicatoren.parquet"));
    let stelsel = vth::datasets::stelsel_uit(
        &vth::engine::read_parquet(&out.join("data/stelsel.parquet")).expect("parquet"),
    )
    .expect("rows");
    let mut totaal = 0;
    for e in std::fs::read_dir(out.join("rapport/csv")).expect("csv dir") {
        let p = e.expect("entry").path();
        let naam = p.file_name().expect("name").to_string_lossy().into_owned();
        // The robustness trajectory (S4): one CSV row per judgement in stelsel.parquet.
        if let Some(od) = naam
            .strip_prefix("fig-S4-")
            .and_then(|n| n.strip_suffix(".csv"))
        {
            let mut rdr = csv::Reader::from_path(&p).expect("csv");
            let csv: Vec<(String, String, String, String)> = rdr
                .records()
                .map(|r| {
                    let r = r.expect("row");
                    (
                        r[0].to_string(),
                        r[1].to_string(),
                        r[2].to_string(),
                        r[3].to_string(),
                    )
                })
                .collect();
            let mut parquet: Vec<(String, String, String, String)> = stelsel
                .iter()
                .filter(|r| {
                    r.conditie_id == "S4" && r.jaar == 2025 && r.niveau == "omgevingsdienst"
                })
                .filter(|r| {
                    r.dimensie.as_deref() == Some("traject") && (od == "traject" || r.eenheid == od)
                })
                .map(|r| {
                    (
                        r.eenheid.clone(),
                        r.datum.expect("datum").to_string(),
                        r.soort.clone().expect("soort"),
                        r.uitkomst.clone().expect("oordeel"),
                    )
                })
                .collect();
            let mut gesorteerd = csv.clone();
            gesorteerd.sort();
            parquet.sort();
            assert!(!csv.is_empty(), "{naam} is empty");
            assert_eq!(gesorteerd, parquet, "{naam}");
            continue;
        }
        // The coverage maps: per omgevingsdienst region its covered and total
        // gemeenten, as on the region's T1 row (no row: nothing covered).
        if let Some(jaar) = naam
            .strip_prefix("fig-dekking-")
            .and_then(|n| n.strip_suffix(".csv"))
        {
            let jaar: i32 = jaar.parse().expect("year");
            let mut rdr = csv::Reader::from_path(&p).expect("csv");
            let mut regios = 0;
            for rec in rdr.records() {
                let rec = rec.expect("row");
                let r = rijen.iter().find(|r| {
                    r.indicator_id == "T1"
                        && r.jaar == jaar
                        && r.niveau == "omgevingsdienst_regio"
                        && r.eenheid == rec[2]
                        && r.dimensie.is_none()
                });
                assert_eq!(
                    rec[4].parse::<i64>().expect("gedekt"),
                    r.and_then(|r| r.gemeenten_gedekt).unwrap_or(0),
                    "{rec:?}"
                );
                if let Some(t) = r.and_then(|r| r.gemeenten_totaal) {
                    assert_eq!(rec[5].parse::<i64>().expect("totaal"), t, "{rec:?}");
                }
                regios += 1;
            }
            assert_eq!(regios, 28, "{naam}");
            continue;
        }
        let n = csv_gelijk_aan_parquet(&p, "2026", &rijen);
        assert!(n > 0, "{} is empty", p.display());
        totaal += n;
    }
    assert!(totaal > 100, "{totaal}");
    // A suppressed figure is a dot in the table and an empty value in the CSV.
    let h10 = std::fs::read_to_string(out.join("rapport/csv/fig-H10.csv")).expect("csv");
    assert!(h10.contains(",onderdrukt"), "{h10}");
}

#[test]
fn the_trend_reaches_back_into_the_previous_edition() {
    let tmp = tempfile::tempdir().expect("tmp");
    let golden = fixture("golden");
    // The previous edition covered 2024 only.
    let mut vorig = config(&golden, &tmp.path().join("vorig"));
    vorig.file.editie = "2025".into();
    vorig.file.jaren = vec![2024];
    vth::run::run(&vorig).expect("previous edition");
    let mut nu = config(&golden, &tmp.path().join("nu"));
    nu.file.jaren = vec![2025];
    nu.file.vorige_editie = Some(vth::config::VorigeEditie {
        editie: "2025".into(),
        indicatoren: Some(
            tmp.path()
                .join("vorig/data/indicatoren.parquet")
                .display()
                .to_string(),
        ),
        peildatum: None,
    });
    vth::run::run(&nu).expect("this edition");
    let csv = tmp.path().join("nu/rapport/csv/fig-T1.csv");
    let vorige = parquet_rijen(&tmp.path().join("vorig/data/indicatoren.parquet"));
    assert_eq!(
        csv_gelijk_aan_parquet(&csv, "2025", &vorige),
        1,
        "2024 from the previous edition"
    );
    let huidige = parquet_rijen(&tmp.path().join("nu/data/indicatoren.parquet"));
    assert_eq!(
        csv_gelijk_aan_parquet(&csv, "2026", &huidige),
        1,
        "2025 from this edition"
    );
    let toezicht =
        std::fs::read_to_string(tmp.path().join("nu/rapport/toezicht.html")).expect("html");
    assert!(toezicht.contains("2024 (vorige editie)"));
    // T1 2024 = 10 and T1 2025 = 2 in the golden fixture (suppressed in the open release).
    assert!(
        toezicht.contains("Controles: onderdrukt in 2025, tegen 10 in 2024"),
        "headline"
    );
    let index = std::fs::read_to_string(tmp.path().join("nu/rapport/index.html")).expect("html");
    assert!(index.contains("vergelijkt met de vorige editie (2025)"));
}

/// The figure with this id on a page: from `<figure … id="…">` to `</figure>`.
fn figuur<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no figure {id}"));
    let eind = html[start..].find("</figure>").expect("end of figure") + start;
    &html[start..eind]
}

/// Regions side by side: each key indicator as a map of the 28 omgevingsdienst
/// regions and of the 12 provinces, each region coloured (a class, hatched for
/// suppressed, grey without observations), with a legend and the same table beside
/// it; every indicator with regional figures as a ranked chart with the national
/// value as a line; the profile pages say where a region stands.
#[test]
fn maps_and_ranked_regions_show_every_region() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    run(&project().join("data-samples"), &out);
    let rapport = out.join("rapport");
    let pagina = |naam: &str| std::fs::read_to_string(rapport.join(naam)).expect("page");
    let (toezicht, handhaving) = (pagina("toezicht.html"), pagina("handhaving.html"));
    for (id, html) in [
        ("T2", &toezicht),
        ("H3", &handhaving),
        ("H4", &handhaving),
        ("C1", &handhaving),
    ] {
        for (niveau, n) in [("omgevingsdienst_regio", 28), ("provincie", 12)] {
            let f = figuur(html, &format!("fig-{id}-{niveau}-kaart"));
            let regios: Vec<&str> = f.split("<path class=\"regio\"").skip(1).collect();
            assert_eq!(regios.len(), n, "{id} {niveau}: regions");
            for r in &regios {
                let fill = r.split("fill=\"").nth(1).and_then(|x| x.split('"').next());
                assert!(
                    fill.is_some_and(|c| c.starts_with('#') || c.starts_with("url(#")),
                    "{id} {niveau}: {}",
                    &r[..r.len().min(80)]
                );
                assert!(
                    r.split(" d=\"").nth(1).is_some_and(|d| d.starts_with('M')),
                    "{id}: a drawn region"
                );
            }
            assert!(
                f.contains(">Legenda</text>") && f.contains(">. onderdrukt</text>"),
                "{id} {niveau}: legend"
            );
            let tabel = f.split("<tbody>").nth(1).expect("table");
            assert_eq!(
                tabel.matches("<tr>").count(),
                n,
                "{id} {niveau}: table rows"
            );
            assert!(
                f.contains("class=\"grens\""),
                "{id} {niveau}: region borders"
            );
        }
    }
    // Ranked charts with the national line, for counts (mean per region) and shares.
    let t1 = figuur(&toezicht, "fig-T1-omgevingsdienst_regio");
    assert!(
        t1.contains("gemiddeld per omgevingsdienstregio:"),
        "T1 reference line"
    );
    let t2 = figuur(&toezicht, "fig-T2-provincie");
    assert!(
        t2.contains("class=\"referentie\">Nederland: "),
        "T2 reference line"
    );
    // Ranked: the table's values descend until the suppressed and empty ones.
    let waarden: Vec<f64> = t2
        .split("<tbody>")
        .nth(1)
        .expect("table")
        .split("<tr><th scope=\"row\">")
        .skip(1)
        .filter_map(|r| r.split("<td class=\"getal\">").nth(1))
        .filter_map(|c| c.split('<').next())
        .filter_map(|c| {
            c.trim_end_matches('%')
                .replace('.', "")
                .replace(',', ".")
                .parse()
                .ok()
        })
        .collect();
    assert_eq!(waarden.len(), 12);
    assert!(waarden.windows(2).all(|w| w[0] >= w[1]), "{waarden:?}");
    // The Lorenz curve and the sentence a member of parliament reads.
    let lorenz = figuur(&handhaving, "fig-C3-lorenz");
    assert!(lorenz.contains("<polyline"), "Lorenz curve");
    assert!(lorenz.contains(
        "van de overtredingen werd in 2025 gevonden bij het tiende deel van de objecten"
    ));
    assert!(handhaving.contains(
        "van de overtredingen gevonden bij de 10% van de objecten met de meeste overtredingen"
    ));
    // Profile pages: the position among the others.
    let odh = pagina("omgevingsdienst-odh.html");
    assert!(
        odh.contains("Positie van de regio") && odh.contains("e van 2"),
        "odh position"
    );
    let pv = pagina("provincie-PV28.html");
    assert!(pv.contains("e van 12"), "PV28 position");
}
