//! Golden tests: every T and H indicator on `tests/fixtures/golden`, with the
//! expected numbers worked out by hand below. Peildatum 2024 = 2025-03-31.
//!
//! Accepted 2024 records (after quarantine of C7's repeat, C10, V7, both M9, M14):
//!   controles  C1 C2 C3 C4 C5 C6 C7 C8 C11 C12           (10, all dated 2024)
//!   overtredingen (object, date, ernst):
//!     V1  OB1 01-10 zwaar (delivered)       V6  OB1 01-10 middelzwaar
//!     V2  OB2 02-01 middelzwaar (3B)        V3  OB2 05-02 zwaar (old LHS A4 → 4A)
//!     V4  OB3 03-01 onbekend (indicatie false)
//!     V5  OB6 12-20 licht (2A)              V8  OB7 08-01 zwaar
//!     V9  OB7 08-01 middelzwaar             V10 OB8 09-10 middelzwaar
//!   maatregelen ≤ peildatum: M1 M2 (V1), M3 M8 (V2), M4 M5 (V3), M6 (V5), M10 (V8),
//!     M11 (V9), M12 M13 (V10), M15 (V4). M7 (V6, 2025-04-15) is after the peildatum.

use crate::helpers::*;

fn golden() -> Computed {
    compute(&fixture("golden"))
}

#[test]
fn t1_controles() {
    let c = golden();
    // 2024: C1 C2 C3 C4 C5 C6 C7 C8 C11 C12 = 10 (C7 once; C10 is dated 2023 and
    // set aside). 2025: C9, C20.
    assert_count(c.nl("T1", 2024), 10);
    assert_count(c.nl("T1", 2025), 2);
}

#[test]
fn every_niveau_gets_the_same_single_party_figures() {
    let c = golden();
    for (niveau, eenheid) in [
        ("nationaal", "NL"),
        ("provincie", "PV28"),
        ("omgevingsdienst_regio", "odh"),
        ("partij", "odh"),
    ] {
        assert_count(c.get("T1", 2024, niveau, eenheid, None), 10);
        assert_share(c.get("H3", 2024, niveau, eenheid, None), 6, 7);
    }
}

#[test]
fn t2_controles_met_overtreding() {
    let c = golden();
    // Linked: C1 (V1, V6), C3, C4, C5, C8, C11 (V8, V9), C12 = 7 of 10.
    assert_share(c.nl("T2", 2024), 7, 10);
    // 2025: C9 and C20 have no overtreding: 0 of 2 is a real 0%.
    assert_share(c.nl("T2", 2025), 0, 2);
}

#[test]
fn t3_hercontrole_binnen_90_dagen() {
    let c = golden();
    // Noemer: V1 V2 V3 V4 V5 V6 V8 V9 V10 (all + 90 days ≤ 2025-03-31) = 9.
    // Teller: V1 and V6 (C2 on day 90 at OB1), V5 (C9 on 2025-01-15, from the 2025
    // delivery). V2: C4 is day 91, outside. = 3.
    let r = c.nl("T3", 2024);
    assert_share(r, 3, 9);
    assert_eq!(r.status, "definitief", "the 2025 delivery is present");
    // 2025 has no overtredingen: no observations, and no 2026 delivery either.
    let r = c.nl("T3", 2025);
    assert_eq!(
        (r.waarde, r.noemer, r.status),
        (None, Some(0), "geen_waarnemingen")
    );
}

#[test]
fn t3_is_voorlopig_without_the_next_years_delivery() {
    // Without 2025, C9 is missing: only V1 and V6 count, and the figure is provisional.
    let dir = copy_fixture("golden");
    std::fs::remove_dir_all(dir.path().join("2025")).expect("rm 2025");
    let c = compute(dir.path());
    let r = c.nl("T3", 2024);
    assert_share(r, 2, 9);
    assert_eq!(r.status, "voorlopig");
    assert_eq!(
        c.nl("T1", 2024).status,
        "definitief",
        "T1 does not need the next year"
    );
}

#[test]
fn t4_controles_brzo() {
    // brzo = true: C3, C4. C7 has no value and is not counted.
    assert_count(golden().nl("T4", 2024), 2);
}

#[test]
fn t5_resultaat_inconsistent() {
    // C5 'nageleefd' with V4 linked; C6 'overtreden' without an overtreding.
    assert_count(golden().nl("T5", 2024), 2);
}

#[test]
fn h1_overtredingen_naar_ernst() {
    let c = golden();
    assert_count(c.nl("H1", 2024), 9);
    // licht: V5; middelzwaar: V2 V6 V9 V10; zwaar: V1 V3 V8; onbekend: V4.
    for (ernst, n) in [
        ("licht", 1),
        ("middelzwaar", 4),
        ("zwaar", 3),
        ("onbekend", 1),
    ] {
        assert_count(c.nl_dim("H1", 2024, "ernst", ernst), n);
    }
    // 2025 has none: zero rows exist for every ernst (completed from the code list).
    assert_count(c.nl("H1", 2025), 0);
    assert_count(c.nl_dim("H1", 2025, "ernst", "zwaar"), 0);
}

#[test]
fn ernst_harmonisation_paths() {
    let c = golden();
    let ov = |id: &str| {
        c.uitkomst
            .records
            .overtredingen
            .iter()
            .find(|o| o.overtreding_id == id)
            .unwrap_or_else(|| panic!("{id} accepted"))
    };
    assert_eq!(
        (ov("V1").ernst, ov("V1").ernst_bron.code()),
        ("zwaar", "geleverd")
    );
    assert_eq!(
        (ov("V2").ernst, ov("V2").ernst_bron.code()),
        ("middelzwaar", "afgeleid_lhso")
    );
    // Old LHS: gevolg A, gedrag 4 → swapped to gevolg 4, gedrag A → zwaar.
    let v3 = ov("V3");
    assert_eq!((v3.gevolg, v3.gedrag), (Some("4"), Some("A")));
    assert_eq!(
        (v3.ernst, v3.ernst_bron.code()),
        ("zwaar", "afgeleid_lhs_omgedraaid")
    );
    assert_eq!(
        (ov("V4").ernst, ov("V4").ernst_bron.code()),
        ("onbekend", "onbekend")
    );
    // The location of an overtreding is its controle's.
    assert_eq!(
        (ov("V3").object_id, ov("V3").gemeente_code),
        ("OB2", "GM0518")
    );
}

#[test]
fn h2_ernst_onbekend() {
    // V4 of 9.
    assert_share(golden().nl("H2", 2024), 1, 9);
    let r = golden().nl("H2", 2025).clone();
    assert_eq!(
        (r.waarde, r.status),
        (None, "geen_waarnemingen"),
        "noemer 0 is null, never 0 or NaN"
    );
}

#[test]
fn h3_opvolging() {
    // Noemer: middelzwaar/zwaar V1 V2 V3 V6 V8 V9 V10 = 7. Teller: a non-informal
    // measure by the peildatum: all but V6 (its only measure, M7, is informal and
    // after the peildatum) = 6.
    assert_share(golden().nl("H3", 2024), 6, 7);
}

#[test]
fn h4_opvolging_onbekend() {
    // Of the 7: no measure at all by the peildatum and indicatie not false: V6 = 1.
    assert_share(golden().nl("H4", 2024), 1, 7);
}

#[test]
fn h5_doorlooptijd_mediaan() {
    // Days to the earliest measure: V1 10 (M1), V2 12 (M3), V3 15 (M4), V4 3 (M15),
    // V5 1 (M6), V8 9 (M10), V9 11 (M11), V10 5 (M12). Sorted 1 3 5 9 10 11 12 15:
    // an even count, so the mean of 9 and 10 = 9.5, over 8 observations.
    let r = golden().nl("H5", 2024).clone();
    assert_eq!((r.waarde, r.noemer, r.teller), (Some(9.5), Some(8), None));
}

#[test]
fn h6_maatregelen_naar_instrument_en_categorie() {
    let c = golden();
    // M1 M2 M3 M4 M5 M6 M8 M10 M11 M12 M13 M15 = 12 (M7 after the peildatum).
    assert_count(c.nl("H6", 2024), 12);
    for (instrument, n) in [
        ("last_onder_dwangsom", 3),      // M1 M8 M12
        ("last_onder_bestuursdwang", 2), // M2 M13
        ("waarschuwing", 2),             // M3 M11
        ("bestuurlijke_boete", 2),       // M4 M10
        ("proces_verbaal", 1),
        ("informeren", 1),
        ("bestuurlijk_gesprek", 1),
        ("exploitatieverbod", 0),
    ] {
        assert_count(c.nl_dim("H6", 2024, "handhavingsinstrument", instrument), n);
    }
    for (categorie, n) in [
        ("bestuursrechtelijk_herstellend", 7),
        ("bestuursrechtelijk_bestraffend", 2),
        ("strafrechtelijk", 1),
        ("informeel", 2),
        ("bestuursrechtelijk_ingrijpend", 0),
    ] {
        assert_count(c.nl_dim("H6", 2024, "categorie", categorie), n);
    }
}

#[test]
fn h7_strafrechtelijk() {
    // Zwaar: V1 V3 V8; with a strafrechtelijke measure: V3 (proces-verbaal).
    assert_share(golden().nl("H7", 2024), 1, 3);
}

#[test]
fn h8_escalatie_bij_herhaling() {
    // Pairs with ≥ 2 overtredingen that each have a measure:
    //   OB2: V2 (max zwaarte 3: waarschuwing 2, dwangsom 3) then V3 (boete 4, PV 5):
    //        5 > 3, escalation.
    //   OB7: V8 and V9 on the same day; V8 first by id: V8 boete 4, V9 waarschuwing 2:
    //        no escalation (in the other order it would be).
    //   OB1: V6 has no measure, so only V1 counts: not a pair.
    assert_share(golden().nl("H8", 2024), 1, 2);
}

#[test]
fn h9_dwangsom_uitgewerkt() {
    // Dwangsommen of H6: M1 (uitgewerkt), M8 (opgelegd), M12 (uitgevoerd).
    assert_share(golden().nl("H9", 2024), 1, 3);
}

#[test]
fn h10_combinatieregel() {
    // V1: dwangsom [01-20, 03-01] overlaps bestuursdwang [02-15, open].
    // V3: bestuurlijke boete with a proces-verbaal.
    // V10: dwangsom [09-15, 09-30] then bestuursdwang [10-01, 10-10]: no overlap.
    assert_count(golden().nl("H10", 2024), 2);
}

#[test]
fn two_parties_fan_out_over_niveaus() {
    // odh in GM0518 (PV28, region odh) and the gemeente Amsterdam (GM0363: PV27,
    // region odnzkg), one controle each with one overtreding for Amsterdam.
    let k = C_KOP;
    let o = "overtreding_id,controle_id,overtredingsdatum,handhavingsstrategie,gevolg,gedrag,ernst,indicatie_handhaving,reden_geen_handhaving,hersteldatum\n";
    let dir = tree(&[
        ("2024/odh/controles.csv", &format!("{k}A1,X,GM0518,GM0518,2024-05-01,periodieke_controle,,,nageleefd\nA2,Y,GM0518,GM0518,2024-06-01,periodieke_controle,,,nageleefd\n")),
        ("2024/GM0363/controles.csv", &format!("{k}B1,Z,GM0363,GM0363,2024-05-01,periodieke_controle,,,overtreden\n")),
        ("2024/GM0363/overtredingen.csv", &format!("{o}BO1,B1,2024-05-01,LHSO,,,licht,,,\n")),
    ]);
    let c = compute(dir.path());
    assert_count(c.nl("T1", 2024), 3);
    assert_count(c.get("T1", 2024, "provincie", "PV28", None), 2);
    assert_count(c.get("T1", 2024, "provincie", "PV27", None), 1);
    assert_count(
        c.get("T1", 2024, "omgevingsdienst_regio", "odnzkg", None),
        1,
    );
    assert_count(c.get("T1", 2024, "partij", "GM0363", None), 1);
    assert_share(c.nl("T2", 2024), 1, 3);
    assert_share(c.get("T2", 2024, "partij", "odh", None), 0, 2);
}

/// A year's queries see only what `queries/indicatoren/jaarinvoer/` selects for it.
/// On the samples (two years, every dialect, follow-up that crosses the year
/// boundary: hercontroles, measures and cases of the next year) every figure equals
/// the figure computed with every year visible; and the folder is really used: a
/// year input that keeps no controle of the year empties T1.
#[test]
fn the_year_input_changes_no_figure_and_is_used() {
    let samples = project().join("data-samples");
    let met = compute(&samples);
    let tmp = tempfile::tempdir().expect("tempdir");
    let zonder = tmp.path().join("queries");
    copy_dir(&project().join("queries"), &zonder);
    std::fs::remove_dir_all(zonder.join("indicatoren/jaarinvoer")).expect("remove");
    let alles = compute_with(&samples, |c| c.queries = zonder.clone());
    assert!(met.rijen.len() > 1000, "{} rows", met.rijen.len());
    assert_eq!(met.rijen, alles.rijen);

    let leeg = tmp.path().join("leeg");
    copy_dir(&project().join("queries"), &leeg);
    std::fs::write(
        leeg.join("indicatoren/jaarinvoer/1_controles.sql"),
        "SELECT * FROM alle_controles WHERE controledatum < DATE('{{ begin }}')\n",
    )
    .expect("write");
    let zonder_controles = compute_with(&samples, |c| c.queries = leeg.clone());
    for jaar in [2024, 2025] {
        assert!(met.nl("T1", jaar).waarde.is_some_and(|w| w > 0.0));
        assert_eq!(
            zonder_controles.nl("T1", jaar).waarde,
            Some(0.0),
            "T1 {jaar}"
        );
    }
}
