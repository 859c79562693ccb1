//! The stelsel conditions S4–S7 (`pipeline/spec/stelsel.md`): each query at its boundaries
//! and with missing inputs, values worked out by hand; and the samples, which carry
//! the state of April 2025 as parliament was told it (`pipeline/spec/stelsel-2025-04.md`).

use chrono::NaiveDate;
use vth::config::Robuustheid;
use vth::indicators::randvoorwaarden::{self, Dienst, StelselRij};
use vth::model::{Aanbeveling, Bron, Implementatie, Oordeel, Records};

use crate::helpers::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn oordeel(od: &str, datum: &str, soort: &str, oordeel: &str) -> Oordeel {
    Oordeel {
        partij: "IenW".into(),
        jaar: 2024,
        omgevingsdienst_code: od.into(),
        peildatum_oordeel: d(datum),
        soort: soort.into(),
        oordeel: oordeel.into(),
        bron_document: "brief".into(),
        toelichting: None,
        sleutel: format!("{od}|{datum}|{soort}"),
        bron: Bron::default(),
    }
}

fn stap(od: &str, product: &str, status: &str, datum: &str) -> Implementatie {
    Implementatie {
        partij: od.into(),
        jaar: 2024,
        product: product.into(),
        status: status.into(),
        datum: d(datum),
        gemeenten_besloten: None,
        bron_document: "AB-besluit".into(),
        toelichting: None,
        sleutel: format!("{product}|{datum}"),
        bron: Bron::default(),
    }
}

fn status(nummer: i64, datum: &str, status: &str) -> Aanbeveling {
    Aanbeveling {
        partij: "IenW".into(),
        jaar: 2024,
        nummer,
        peildatum_status: d(datum),
        status: status.into(),
        verantwoordelijk: "IPO, VNG".into(),
        toelichting: "wat resteert".into(),
        bron_document: "brief".into(),
        sleutel: format!("{nummer}|{datum}"),
        bron: Bron::default(),
    }
}

/// Two services: a (10 gemeenten) and b (30 gemeenten); jaar 2024 with peildatum
/// 2025-03-31, the previous year's 2024-03-31.
fn bereken(records: &Records, vorige_editie: Option<&str>) -> Vec<StelselRij> {
    let q = project().join("queries");
    let condities = randvoorwaarden::load(&q.join("randvoorwaarden")).expect("conditions");
    let codes = vth::reference::Codelijsten::load(&q.join("codelijsten")).expect("code lists");
    let diensten = vec![
        Dienst {
            code: "a".into(),
            naam: "A".into(),
            gemeenten: 10,
        },
        Dienst {
            code: "b".into(),
            naam: "B".into(),
            gemeenten: 30,
        },
    ];
    let invoer = randvoorwaarden::ConditieInvoer {
        records,
        diensten,
        codelijsten: &codes,
        drempels: &Robuustheid::default(),
        jaren: &[2024],
        peildatum: &|j| NaiveDate::from_ymd_opt(j + 1, 3, 31).expect("date"),
        vorige_editie: vorige_editie.map(d),
    };
    randvoorwaarden::bereken(&condities, &invoer)
        .expect("conditions run")
        .stelsel
}

fn vind<'a>(
    rijen: &'a [StelselRij],
    id: &str,
    eenheid: &str,
    dimensie: Option<&str>,
    waarde: Option<&str>,
) -> Vec<&'a StelselRij> {
    rijen
        .iter()
        .filter(|r| r.conditie_id == id && r.eenheid == eenheid)
        .filter(|r| r.dimensie.as_deref() == dimensie && r.dimensie_waarde.as_deref() == waarde)
        .collect()
}

fn uitkomst(rijen: &[StelselRij], id: &str, eenheid: &str) -> Option<String> {
    vind(rijen, id, eenheid, None, None)
        .first()
        .and_then(|r| r.uitkomst.clone())
}

fn telling(rijen: &[StelselRij], id: &str, dimensie: &str, code: &str) -> f64 {
    rijen
        .iter()
        .find(|r| {
            r.conditie_id == id
                && r.niveau == "nationaal"
                && r.dimensie.as_deref() == Some(dimensie)
                && r.uitkomst.as_deref() == Some(code)
                && (dimensie != "traject"
                    || r.datum.is_none()
                    || r.dimensie_waarde.as_deref() == Some(code))
        })
        .and_then(|r| r.waarde)
        .unwrap_or(-1.0)
}

#[test]
fn s4_the_latest_judgement_up_to_the_peildatum() {
    let records = Records {
        oordelen: vec![
            oordeel("a", "2023-12-31", "beoordeling_ienw", "onzeker"),
            // On the peildatum itself: counts.
            oordeel("a", "2025-03-31", "voortgang", "naar_verwachting_robuust"),
            // Same day, earlier step of the trajectory: the later step counts.
            oordeel("a", "2025-03-31", "zelftoets", "niet_aannemelijk"),
            oordeel("b", "2024-03-31", "beoordeling_ienw", "robuust"),
            // One day after the peildatum: not yet.
            oordeel("b", "2025-04-01", "voortgang", "onzeker"),
        ],
        ..Default::default()
    };
    let r = bereken(&records, None);
    assert_eq!(
        uitkomst(&r, "S4", "a").as_deref(),
        Some("naar_verwachting_robuust")
    );
    assert_eq!(uitkomst(&r, "S4", "b").as_deref(), Some("robuust"));
    let a = vind(&r, "S4", "a", None, None)[0];
    assert_eq!(
        (a.datum, a.soort.as_deref(), a.vorig.as_deref()),
        (Some(d("2025-03-31")), Some("voortgang"), Some("onzeker"))
    );
    // b's previous-year judgement (2024-03-31, on that peildatum) is the same: gelijk;
    // a had onzeker then and is better now: omhoog.
    assert_eq!(
        vind(&r, "S4", "b", None, None)[0].vorig.as_deref(),
        Some("robuust")
    );
    assert_eq!(telling(&r, "S4", "beweging", "omhoog"), 1.0);
    assert_eq!(telling(&r, "S4", "beweging", "gelijk"), 1.0);
    assert_eq!(telling(&r, "S4", "oordeel", "robuust"), 1.0);
    assert_eq!(
        telling(&r, "S4", "oordeel", "onzeker"),
        0.0,
        "completed with zeros"
    );
    // The trajectory: on 2024-03-31 a still onzeker, b robust.
    let op = |datum: &str, code: &str| {
        r.iter()
            .find(|x| {
                x.conditie_id == "S4"
                    && x.niveau == "nationaal"
                    && x.dimensie.as_deref() == Some("traject")
                    && x.datum == Some(d(datum))
                    && x.uitkomst.as_deref() == Some(code)
            })
            .and_then(|x| x.waarde)
    };
    assert_eq!(op("2023-12-31", "onzeker"), Some(1.0));
    assert_eq!(op("2023-12-31", "geen_oordeel"), Some(1.0));
    assert_eq!(op("2024-03-31", "robuust"), Some(1.0));
    assert_eq!(op("2025-03-31", "naar_verwachting_robuust"), Some(1.0));
    assert_eq!(op("2025-04-01", "onzeker"), None, "after the peildatum");
    // Every judgement up to the peildatum on the service's own time line.
    assert_eq!(
        vind(&r, "S4", "a", Some("traject"), Some("voortgang")).len(),
        1
    );
    assert_eq!(
        r.iter()
            .filter(|x| x.conditie_id == "S4"
                && x.niveau == "omgevingsdienst"
                && x.dimensie.as_deref() == Some("traject"))
            .count(),
        4
    );

    // Without any judgement: geen_oordeel, and S7 counts S4 as onbekend.
    let leeg = bereken(&Records::default(), None);
    assert_eq!(uitkomst(&leeg, "S4", "a").as_deref(), Some("geen_oordeel"));
    assert_eq!(telling(&leeg, "S4", "oordeel", "geen_oordeel"), 2.0);
    let s7 = vind(&leeg, "S7", "a", Some("conditie"), Some("S4"));
    assert_eq!(s7[0].uitkomst.as_deref(), Some("onbekend"));
}

#[test]
fn s5_status_per_product_and_the_municipalities() {
    let records = Records {
        implementaties: vec![
            stap("a", "modelmandaat", "in_voorbereiding", "2024-01-10"),
            stap("a", "modelmandaat", "besloten", "2025-03-31"),
            stap("b", "modelmandaat", "besloten", "2024-06-01"),
            // After the peildatum: b stays besloten.
            stap("b", "modelmandaat", "niet_gestart", "2025-04-01"),
            stap(
                "b",
                "regionale_beleidscyclus",
                "in_voorbereiding",
                "2024-06-01",
            ),
        ],
        ..Default::default()
    };
    let r = bereken(&records, None);
    let van = |od: &str, product: &str| {
        vind(&r, "S5", od, Some("product"), Some(product))[0]
            .uitkomst
            .clone()
    };
    assert_eq!(van("a", "modelmandaat").as_deref(), Some("besloten"));
    assert_eq!(van("b", "modelmandaat").as_deref(), Some("besloten"));
    assert_eq!(
        van("b", "regionale_beleidscyclus").as_deref(),
        Some("in_voorbereiding")
    );
    assert_eq!(
        van("a", "financieringssystematiek").as_deref(),
        Some("onbekend"),
        "never niet_gestart"
    );
    // 10 + 30 gemeenten of services with besloten: 100%; beleidscyclus none.
    let aandeel = |product: &str| {
        r.iter()
            .find(|x| {
                x.conditie_id == "S5"
                    && x.niveau == "nationaal"
                    && x.dimensie_waarde.as_deref() == Some(product)
                    && x.uitkomst.as_deref() == Some("aandeel_gemeenten")
            })
            .map(|x| (x.teller, x.noemer, x.waarde))
            .expect("share")
    };
    assert_eq!(aandeel("modelmandaat"), (Some(40), Some(40), Some(100.0)));
    assert_eq!(
        aandeel("regionale_beleidscyclus"),
        (Some(0), Some(40), Some(0.0))
    );
    let n = |product: &str, s: &str| {
        r.iter()
            .find(|x| {
                x.conditie_id == "S5"
                    && x.niveau == "nationaal"
                    && x.dimensie_waarde.as_deref() == Some(product)
                    && x.uitkomst.as_deref() == Some(s)
            })
            .and_then(|x| x.waarde)
    };
    assert_eq!(n("regionale_beleidscyclus", "in_voorbereiding"), Some(1.0));
    assert_eq!(n("regionale_beleidscyclus", "onbekend"), Some(1.0));
    assert_eq!(n("modelmandaat", "niet_gestart"), Some(0.0));
    // S7: a product in voorbereiding makes S5 nee for b; a has products unknown.
    assert_eq!(
        vind(&r, "S7", "b", Some("conditie"), Some("S5"))[0]
            .uitkomst
            .as_deref(),
        Some("nee")
    );
    assert_eq!(
        vind(&r, "S7", "a", Some("conditie"), Some("S5"))[0]
            .uitkomst
            .as_deref(),
        Some("onbekend")
    );
}

#[test]
fn s6_latest_status_and_the_change_since_the_previous_edition() {
    let records = Records {
        aanbevelingen: vec![
            status(5, "2024-06-30", "in_uitvoering"),
            status(5, "2025-03-31", "opgevolgd"),
            status(7, "2024-06-30", "in_onderzoek"),
            status(7, "2025-04-01", "in_uitvoering"),
        ],
        ..Default::default()
    };
    let r = bereken(&records, Some("2024-12-31"));
    let a = |n: &str| vind(&r, "S6", n, None, None)[0];
    assert_eq!(
        (a("5").uitkomst.as_deref(), a("5").vorig.as_deref()),
        (Some("opgevolgd"), Some("in_uitvoering"))
    );
    assert_eq!(
        (a("7").uitkomst.as_deref(), a("7").vorig.as_deref()),
        (Some("in_onderzoek"), Some("in_onderzoek")),
        "2025-04-01 is after the peildatum"
    );
    assert_eq!(
        (a("1").uitkomst.as_deref(), a("1").vorig.as_deref()),
        (Some("onbekend"), None)
    );
    assert_eq!(a("5").verantwoordelijk.as_deref(), Some("IPO, VNG"));
    assert_eq!(telling(&r, "S6", "status", "onbekend"), 8.0);
    assert_eq!(telling(&r, "S6", "status", "opgevolgd"), 1.0);
    // Without a previous edition: no change is claimed.
    let zonder = bereken(&records, None);
    assert_eq!(vind(&zonder, "S6", "5", None, None)[0].vorig, None);
}

#[test]
fn s7_counts_unknown_apart() {
    let records = Records {
        oordelen: vec![oordeel("a", "2024-06-01", "voortgang", "robuust")],
        ..Default::default()
    };
    let r = bereken(&records, None);
    // a: S4 ja; R, S1–S3 onbekend (no organisatie.csv), S5 onbekend.
    let a = vind(&r, "S7", "a", None, None)[0];
    assert_eq!((a.teller, a.noemer), (Some(1), Some(6)));
    assert_eq!(
        a.toelichting.as_deref(),
        Some("1 voldaan, 0 niet voldaan, 5 onbekend")
    );
    let n = |c: &str, v: &str| {
        r.iter()
            .find(|x| {
                x.conditie_id == "S7"
                    && x.niveau == "nationaal"
                    && x.dimensie.as_deref() == Some("conditie")
                    && x.dimensie_waarde.as_deref() == Some(c)
                    && x.uitkomst.as_deref() == Some(v)
            })
            .and_then(|x| x.waarde)
    };
    assert_eq!(
        (n("S4", "ja"), n("S4", "nee"), n("S4", "onbekend")),
        (Some(1.0), Some(0.0), Some(1.0))
    );
    assert_eq!(
        (n("R", "ja"), n("R", "nee"), n("R", "onbekend")),
        (Some(0.0), Some(0.0), Some(2.0))
    );
}

#[test]
fn the_samples_carry_the_state_of_april_2025() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    run(&project().join("data-samples"), &out);
    let rijen = vth::datasets::stelsel_uit(
        &vth::engine::read_parquet(&out.join("data/stelsel.parquet")).expect("parquet"),
    )
    .expect("rows");
    let op = |code: &str| {
        rijen
            .iter()
            .find(|x| {
                x.conditie_id == "S4"
                    && x.jaar == 2025
                    && x.niveau == "nationaal"
                    && x.dimensie.as_deref() == Some("traject")
                    && x.datum == Some(d("2025-04-01"))
                    && x.uitkomst.as_deref() == Some(code)
            })
            .and_then(|x| x.waarde)
    };
    assert_eq!(
        [
            op("robuust"),
            op("naar_verwachting_robuust"),
            op("onzeker"),
            op("niet_aannemelijk"),
            op("geen_oordeel")
        ],
        [Some(3.0), Some(12.0), Some(9.0), Some(3.0), Some(1.0)]
    );
    for od in ["odnzkg", "odbn", "odzob"] {
        assert_eq!(
            uitkomst(
                &rijen
                    .iter()
                    .filter(|x| x.jaar == 2025)
                    .cloned()
                    .collect::<Vec<_>>(),
                "S4",
                od
            )
            .as_deref(),
            Some("robuust"),
            "{od}"
        );
    }
    let html = std::fs::read_to_string(out.join("rapport/stelsel.html")).expect("stelsel");
    assert!(
        html.contains("<tr><th scope=\"row\">1 april 2025</th><td class=\"getal\">3</td><td class=\"getal\">12</td><td class=\"getal\">9</td><td class=\"getal\">3</td><td class=\"getal\">0</td><td class=\"getal\">1</td></tr>"),
        "the national trajectory table"
    );
    assert!(
        html.find("Wordt aan de randvoorwaarden voldaan?") < html.find("Robuustheid: het traject"),
        "the answer first"
    );
    assert!(
        html.contains("in uitvoering → opgevolgd"),
        "recommendation 5 since the previous edition"
    );
    // odru's implementatie.csv reports a modelmandaat its organisatie.csv does not.
    let fb =
        std::fs::read_to_string(out.join("rapport/terugkoppeling-odru.html")).expect("feedback");
    assert!(
        fb.contains("modelmandaat_strijdig"),
        "warning on odru's feedback page"
    );
    let ienw = std::fs::read_to_string(out.join("rapport/terugkoppeling-IenW.html"))
        .expect("IenW feedback");
    assert!(ienw.contains("robuustheid_oordelen.csv") && ienw.contains("aanbevelingen.csv"));
    let odh = std::fs::read_to_string(out.join("rapport/omgevingsdienst-odh.html")).expect("odh");
    assert!(odh.contains("fig-S4-odh") && odh.contains("modelmandaat en -verordening"));
}
