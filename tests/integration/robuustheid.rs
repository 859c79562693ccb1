//! Robustness criteria R1–R6, R and S1–S3: each at, just below and just above its
//! threshold and with a missing input; and the chapter and profile pages built from
//! the published robuustheid.parquet.

use chrono::NaiveDate;
use vth::config::Robuustheid;
use vth::indicators::randvoorwaarden::{self, Dienst, RobuustheidRij, Voldoet};
use vth::model::{Bron, Organisatie};

use crate::helpers::*;

/// A robust omgevingsdienst under the default thresholds (150.000 uren, 70% eigen
/// dienst, ratio 1, 100% basistaken, visitatie ≤ 4 jaar), 15 gemeenten.
fn robuust() -> Organisatie {
    Organisatie {
        partij: "odru".into(),
        jaar: 2024,
        vth_uren_werkprogramma: Some(200_000),
        fte_totaal: Some(100.0),
        fte_eigen_dienst: Some(80.0),
        voldoet_kc_basistaken: Some(true),
        voldoet_kc_plustaken: Some(true),
        innovatieagenda: Some(true),
        innovatiebudget_eur: Some(10_000.0),
        begroting_eur: Some(1_000_000.0),
        weerstandsvermogen_eur: Some(600.0),
        benodigd_weerstandsvermogen_eur: Some(500.0),
        informatiegestuurd: Some(true),
        werkgebied_coherent: Some(true),
        gemeenten_basistaken_volledig: Some(15),
        modelmandaat_vastgesteld: Some(true),
        laatste_visitatie: NaiveDate::from_ymd_opt(2023, 1, 1),
        bron: Bron {
            bestand: "2024/odru/organisatie.csv".into(),
            regel: 2,
        },
    }
}

fn peildatum() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 31).expect("date")
}

/// The condition queries of `queries/randvoorwaarden/` for one omgevingsdienst with
/// `gemeenten` municipalities in the reference list.
fn criteria(
    od: &str,
    jaar: i32,
    o: Option<&Organisatie>,
    drempels: &Robuustheid,
    gemeenten: usize,
    peildatum: NaiveDate,
) -> Vec<RobuustheidRij> {
    let q = project().join("queries");
    let condities = randvoorwaarden::load(&q.join("randvoorwaarden")).expect("conditions");
    let codes = vth::reference::Codelijsten::load(&q.join("codelijsten")).expect("code lists");
    let dienst = Dienst {
        code: od.into(),
        naam: od.into(),
        gemeenten,
    };
    randvoorwaarden::criteria(&condities, &codes, dienst, jaar, o, drempels, peildatum)
        .expect("the condition queries run")
}

fn uitkomst(o: &Organisatie) -> Vec<RobuustheidRij> {
    criteria(
        "odru",
        2024,
        Some(o),
        &Robuustheid::default(),
        15,
        peildatum(),
    )
}

/// voldoet of a criterion (or of one of its parts).
fn v(o: &Organisatie, id: &str, onderdeel: Option<&str>) -> Voldoet {
    uitkomst(o)
        .into_iter()
        .find(|r| r.criterium_id == id && r.onderdeel.as_deref() == onderdeel)
        .unwrap_or_else(|| panic!("no row {id} {onderdeel:?}"))
        .voldoet
}

use Voldoet::{Ja, Nee, Onbekend};

fn geval(wijzig: impl Fn(&mut Organisatie)) -> Organisatie {
    let mut o = robuust();
    wijzig(&mut o);
    o
}

#[test]
fn the_reference_case_is_robust() {
    let rijen = uitkomst(&robuust());
    for id in ["R1", "R2", "R3", "R4", "R5", "R6", "R", "S1", "S2", "S3"] {
        assert_eq!(v(&robuust(), id, None), Ja, "{id}");
    }
    // Each criterion comes before its parts.
    let volgorde: Vec<(&str, Option<&str>)> = rijen
        .iter()
        .take(4)
        .map(|r| (r.criterium_id.as_str(), r.onderdeel.as_deref()))
        .collect();
    assert_eq!(
        volgorde,
        vec![
            ("R1", None),
            ("R1", Some("vth_uren_werkprogramma")),
            ("R1", Some("aandeel_eigen_dienst")),
            ("R2", None)
        ]
    );
}

#[test]
fn r1_omvang_at_below_above_and_missing() {
    let uren = |u: Option<i64>| geval(|o| o.vth_uren_werkprogramma = u);
    assert_eq!(v(&uren(Some(150_000)), "R1", None), Ja);
    assert_eq!(v(&uren(Some(149_999)), "R1", None), Nee);
    assert_eq!(v(&uren(Some(150_001)), "R1", None), Ja);
    assert_eq!(v(&uren(None), "R1", None), Onbekend);
    assert_eq!(v(&uren(None), "R", None), Onbekend);
    let eigen = |e: Option<f64>, t: Option<f64>| {
        geval(|o| {
            o.fte_eigen_dienst = e;
            o.fte_totaal = t;
        })
    };
    assert_eq!(
        v(
            &eigen(Some(70.0), Some(100.0)),
            "R1",
            Some("aandeel_eigen_dienst")
        ),
        Ja
    );
    assert_eq!(v(&eigen(Some(69.99), Some(100.0)), "R1", None), Nee);
    assert_eq!(v(&eigen(Some(70.01), Some(100.0)), "R1", None), Ja);
    assert_eq!(v(&eigen(Some(70.0), None), "R1", None), Onbekend);
    assert_eq!(v(&eigen(Some(0.0), Some(0.0)), "R1", None), Onbekend);
    // A missing part with a failing part: nee, not onbekend.
    let o = geval(|o| {
        o.vth_uren_werkprogramma = Some(1);
        o.fte_totaal = None;
    });
    assert_eq!(v(&o, "R1", None), Nee);
    let r = uitkomst(&eigen(Some(70.0), None))
        .into_iter()
        .find(|r| r.onderdeel.as_deref() == Some("aandeel_eigen_dienst"))
        .expect("row");
    assert_eq!(
        r.toelichting.as_deref(),
        Some("fte_totaal ontbreekt in organisatie.csv")
    );
    assert_eq!((r.waarde, r.drempel), (None, Some(0.7)));
}

#[test]
fn r2_r5_r6_s3_yes_no_missing() {
    for (id, zet) in [
        (
            "R2",
            (|o: &mut Organisatie, b| o.voldoet_kc_plustaken = b)
                as fn(&mut Organisatie, Option<bool>),
        ),
        ("R5", |o, b| o.informatiegestuurd = b),
        ("R6", |o, b| o.werkgebied_coherent = b),
        ("S3", |o, b| o.modelmandaat_vastgesteld = b),
    ] {
        assert_eq!(v(&geval(|o| zet(o, Some(true))), id, None), Ja, "{id}");
        assert_eq!(v(&geval(|o| zet(o, Some(false))), id, None), Nee, "{id}");
        assert_eq!(v(&geval(|o| zet(o, None)), id, None), Onbekend, "{id}");
    }
    let o = geval(|o| {
        o.voldoet_kc_basistaken = Some(false);
        o.voldoet_kc_plustaken = None;
    });
    assert_eq!(v(&o, "R2", None), Nee);
}

#[test]
fn r3_innovatie_budget_must_exceed_zero() {
    let budget = |b: Option<f64>| geval(|o| o.innovatiebudget_eur = b);
    assert_eq!(
        v(&budget(Some(0.0)), "R3", None),
        Nee,
        "at the threshold: > 0 fails"
    );
    assert_eq!(v(&budget(Some(-0.01)), "R3", None), Nee);
    assert_eq!(v(&budget(Some(0.01)), "R3", None), Ja);
    assert_eq!(v(&budget(None), "R3", None), Onbekend);
    assert_eq!(
        v(&geval(|o| o.innovatieagenda = Some(false)), "R3", None),
        Nee
    );
}

#[test]
fn r4_weerstandsvermogen_ratio() {
    let w = |w: Option<f64>, n: Option<f64>| {
        geval(|o| {
            o.weerstandsvermogen_eur = w;
            o.benodigd_weerstandsvermogen_eur = n;
        })
    };
    assert_eq!(v(&w(Some(500.0), Some(500.0)), "R4", None), Ja);
    assert_eq!(v(&w(Some(499.99), Some(500.0)), "R4", None), Nee);
    assert_eq!(v(&w(Some(500.01), Some(500.0)), "R4", None), Ja);
    assert_eq!(v(&w(None, Some(500.0)), "R4", None), Onbekend);
    assert_eq!(v(&w(Some(500.0), None), "R4", None), Onbekend);
    assert_eq!(
        v(&w(Some(10.0), Some(0.0)), "R4", None),
        Ja,
        "nothing needed"
    );
}

#[test]
fn s1_basistakenpakket_share_of_the_reference_municipalities() {
    let n = |k: Option<i64>| geval(|o| o.gemeenten_basistaken_volledig = k);
    let rij = |o: &Organisatie| {
        uitkomst(o)
            .into_iter()
            .find(|r| r.criterium_id == "S1")
            .expect("S1")
    };
    assert_eq!(
        (rij(&n(Some(15))).voldoet, rij(&n(Some(15))).waarde),
        (Ja, Some(100.0))
    );
    assert_eq!(rij(&n(Some(14))).voldoet, Nee);
    assert_eq!(rij(&n(Some(16))).voldoet, Ja);
    assert_eq!(rij(&n(None)).voldoet, Onbekend);
    assert_eq!(
        rij(&n(Some(12))).toelichting.as_deref(),
        Some("12 van 15 gemeenten")
    );
    // No municipalities in the reference list: unknown, not a division by zero.
    let r = criteria(
        "odru",
        2024,
        Some(&robuust()),
        &Robuustheid::default(),
        0,
        peildatum(),
    );
    assert_eq!(
        r.iter()
            .find(|r| r.criterium_id == "S1")
            .expect("S1")
            .voldoet,
        Onbekend
    );
}

#[test]
fn s2_visitatie_at_most_four_years_before_the_peildatum() {
    let d = |j, m, dag| geval(|o| o.laatste_visitatie = NaiveDate::from_ymd_opt(j, m, dag));
    assert_eq!(v(&d(2021, 3, 31), "S2", None), Ja, "exactly four years");
    assert_eq!(v(&d(2021, 3, 30), "S2", None), Nee);
    assert_eq!(v(&d(2021, 4, 1), "S2", None), Ja);
    assert_eq!(
        v(&geval(|o| o.laatste_visitatie = None), "S2", None),
        Onbekend
    );
}

#[test]
fn without_organisatie_every_criterion_is_unknown() {
    let r = criteria("odg", 2024, None, &Robuustheid::default(), 10, peildatum());
    assert_eq!(r.len(), 10);
    assert!(r.iter().all(|r| r.voldoet == Onbekend
        && r.toelichting.as_deref() == Some("geen organisatie.csv over 2024 ontvangen")));
}

#[test]
fn robust_needs_all_six() {
    assert_eq!(
        v(&geval(|o| o.informatiegestuurd = Some(false)), "R", None),
        Nee
    );
    // One unknown and one no: no.
    let o = geval(|o| {
        o.informatiegestuurd = None;
        o.werkgebied_coherent = Some(false);
    });
    assert_eq!(v(&o, "R", None), Nee);
    // S1–S3 are conditions of the stelsel, not part of R.
    assert_eq!(
        v(
            &geval(|o| o.modelmandaat_vastgesteld = Some(false)),
            "R",
            None
        ),
        Ja
    );
}

#[test]
fn chapter_and_profile_pages_come_from_the_published_parquet() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    run(&project().join("data-samples"), &out);
    let f = vth::engine::read_parquet(&out.join("data/robuustheid.parquet")).expect("parquet");
    let rijen = vth::datasets::robuustheid_uit(&f).expect("rows");
    // 28 omgevingsdiensten × 2 years × (10 criteria + 6 parts where delivered, else 10).
    let r = |od: &str, jaar: i32, id: &str| {
        rijen
            .iter()
            .find(|x| {
                x.omgevingsdienst == od
                    && x.jaar == jaar
                    && x.criterium_id == id
                    && x.onderdeel.is_none()
            })
            .map(|x| x.voldoet)
            .expect("row")
    };
    // The samples: odh robust, odru not (R1 own staff 66% in 2024, R3 no budget),
    // rud-zeeland and omwb with missing inputs, 24 services without organisatie.csv.
    assert_eq!(
        (
            r("odh", 2024, "R"),
            r("odru", 2024, "R"),
            r("rud-zeeland", 2024, "R"),
            r("omwb", 2024, "R")
        ),
        (Ja, Nee, Onbekend, Onbekend)
    );
    assert_eq!(r("odru", 2025, "R1"), Ja, "232 of 300 fte is 77%");
    assert_eq!(r("odru", 2025, "R"), Nee, "still no innovation budget");
    let tel = |jaar, v| {
        rijen
            .iter()
            .filter(|x| x.jaar == jaar && x.criterium_id == "R" && x.voldoet == v)
            .count()
    };
    assert_eq!(
        (tel(2024, Ja), tel(2024, Nee), tel(2024, Onbekend)),
        (1, 1, 26)
    );
    let index = std::fs::read_to_string(out.join("rapport/stelsel.html")).expect("stelsel");
    assert!(
        index.contains("<tr><th scope=\"row\">2024</th><td class=\"getal\">1</td><td class=\"getal\">1</td><td class=\"getal\">26</td><td class=\"getal\">28</td>"),
        "national counts in the chapter"
    );
    assert!(index.contains("illustratief"));
    let odru =
        std::fs::read_to_string(out.join("rapport/omgevingsdienst-odru.html")).expect("page");
    assert!(
        odru.contains("66,0%") && odru.contains("≥ 70,0%"),
        "R1 part with value and threshold"
    );
    assert!(
        odru.contains("12 van 15 gemeenten"),
        "S1 from the reference list"
    );
    assert!(odru.contains("terugkoppeling-odru.html"));
    let odg = std::fs::read_to_string(out.join("rapport/omgevingsdienst-odg.html")).expect("page");
    assert!(odg.contains("geen organisatie.csv over 2024 ontvangen"));
}
