//! Golden tests of the strafrechtketen (K1–K6, `pipeline/spec/strafrechtketen.md`) on a small
//! batch of odh and the OM, worked out by hand. Peildatum 2024 = 2025-03-31.
//!
//! odh 2024: zware overtredingen V1–V5, V7, V8 and licht V6 (all 2024-02-01, GM0518);
//! proces-verbaal P1–P5, P7, P8 on V1–V5, V7, V8 and a waarschuwing W6 on V6, all
//! imposed 2024-03-01. PVs of 2024: 7.
//! OM 2024 (and the 2025 versions that replace three of them):
//!   Z1  P1  in 04-01  strafbeschikking 2024-06-01 (sanctie)
//!   Z2a P2  in 05-01  sepot_beleid 2024-07-01      } P2 has two cases: the
//!   Z2b P2  in 06-01  transactie 2024-08-01         } earliest (Z2a) counts
//!   Z3  P3  in 09-01  dagvaarding 2024-10-01, veroordeling 2025-02-01
//!   Z4  P4  in 10-01  dagvaarding 2024-11-01; 2025: vrijspraak 2025-05-01 (after the peildatum)
//!   Z5  P5  in 12-01  open; 2025: transactie 2025-02-15 (known only from the 2025 delivery)
//!   Z7  P7  in 11-01  open; 2025: strafbeschikking 2025-06-01 (after the peildatum)
//!   Z8  PX (no such measure)           → niet_gekoppeld
//!   Z9  W6 (a waarschuwing)            → geen_pv
//!   Z10 overig (police), no measure    → niet_gekoppeld
//!   P8 has no case.

use crate::helpers::*;

pub fn keten() -> tempfile::TempDir {
    let mut c = String::from(C_KOP);
    let mut v = String::from(V_KOP);
    let mut m = String::from(M_KOP);
    for k in [1, 2, 3, 4, 5, 6, 7, 8] {
        c.push_str(&format!(
            "C{k},OBJ{k},GM0518,GM0518,2024-02-01,,,,overtreden\n"
        ));
        let ernst = if k == 6 { "licht" } else { "zwaar" };
        v.push_str(&format!("V{k},C{k},2024-02-01,,,,{ernst},,,\n"));
        if k == 6 {
            m.push_str("W6,V6,waarschuwing,2024-03-01,,opgelegd,\n");
        } else {
            m.push_str(&format!("P{k},V{k},proces_verbaal,2024-03-01,,opgelegd,\n"));
        }
    }
    let z24 = format!(
        "{Z_KOP}Z1,odh,P1,2024-04-01,strafbeschikking,2024-06-01,,,500\n\
         Z2a,odh,P2,2024-05-01,sepot_beleid,2024-07-01,,,\n\
         Z2b,odh,P2,2024-06-01,transactie,2024-08-01,,,250\n\
         Z3,odh,P3,2024-09-01,dagvaarding,2024-10-01,veroordeling,2025-02-01,\n\
         Z4,odh,P4,2024-10-01,dagvaarding,2024-11-01,,,\n\
         Z5,odh,P5,2024-12-01,,,,,\n\
         Z7,odh,P7,2024-11-01,,,,,\n\
         Z8,odh,PX,2024-03-15,,,,,\n\
         Z9,odh,W6,2024-04-15,,,,,\n\
         Z10,overig,,2024-05-15,sepot_technisch,2024-06-15,,,\n"
    );
    let z25 = format!(
        "{Z_KOP}Z4,odh,P4,2024-10-01,dagvaarding,2024-11-01,vrijspraak,2025-05-01,\n\
         Z5,odh,P5,2024-12-01,transactie,2025-02-15,,,300\n\
         Z7,odh,P7,2024-11-01,strafbeschikking,2025-06-01,,,400\n"
    );
    tree(&[
        ("2024/odh/controles.csv", &c),
        ("2024/odh/overtredingen.csv", &v),
        ("2024/odh/handhavingsmaatregelen.csv", &m),
        ("2024/OM/strafzaken.csv", &z24),
        ("2025/OM/strafzaken.csv", &z25),
    ])
}

#[test]
fn the_cases_are_versioned_and_linked() {
    let dir = keten();
    let c = compute(dir.path());
    let zaken = &c.uitkomst.records.strafzaken;
    // 13 rows read; the three 2024 versions of Z4, Z5, Z7 are replaced by 2025's.
    let mut ids: Vec<(&str, i32, &str)> = zaken
        .iter()
        .map(|z| (z.parketnummer.as_str(), z.jaar, z.koppeling))
        .collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            ("Z1", 2024, "gekoppeld"),
            ("Z10", 2024, "niet_gekoppeld"),
            ("Z2a", 2024, "gekoppeld"),
            ("Z2b", 2024, "gekoppeld"),
            ("Z3", 2024, "gekoppeld"),
            ("Z4", 2025, "gekoppeld"),
            ("Z5", 2025, "gekoppeld"),
            ("Z7", 2025, "gekoppeld"),
            ("Z8", 2024, "niet_gekoppeld"),
            ("Z9", 2024, "geen_pv"),
        ]
    );
    assert_eq!(
        c.uitkomst
            .bevindingen
            .aantal(vth::validate::rules::Regel::StrafzaakBijgewerkt),
        3
    );
    // Nothing set aside: unlinked cases are kept, replaced versions are accepted.
    assert!(
        c.uitkomst.quarantaine.is_empty(),
        "{:?}",
        c.uitkomst.quarantaine
    );
    let gelezen: u64 = c.uitkomst.reconciliatie.iter().map(|r| r.gelezen).sum();
    let geaccepteerd: u64 = c
        .uitkomst
        .reconciliatie
        .iter()
        .map(|r| r.geaccepteerd)
        .sum();
    assert_eq!((gelezen, geaccepteerd), (8 + 8 + 8 + 10 + 3, 37));
}

#[test]
fn k1_pvs_at_the_om() {
    let c = compute(keten().path());
    // P1–P5 and P7 have a gekoppelde case in by the peildatum; P8 has none.
    assert_share(c.nl("K1", 2024), 6, 7);
    assert_share(c.get("K1", 2024, "partij", "odh", None), 6, 7);
    assert_share(
        c.get("K1", 2024, "omgevingsdienst_regio", "odh", None),
        6,
        7,
    );
}

#[test]
fn k2_decided_by_the_peildatum() {
    let c = compute(keten().path());
    // P1 (Z1), P2 (Z2a, the earliest), P3 and P4 (dagvaarding), P5 (transactie of
    // 2025-02-15, from the 2025 delivery); P7's strafbeschikking is after the
    // peildatum.
    assert_share(c.nl("K2", 2024), 5, 6);
}

#[test]
fn k3_the_afdoening_mix() {
    let c = compute(keten().path());
    assert_count(c.nl("K3", 2024), 5);
    for (code, n) in [
        ("strafbeschikking", 1),
        ("sepot_beleid", 1),
        ("dagvaarding", 2),
        ("transactie", 1),
        ("sepot_technisch", 0),
        ("voeging", 0),
    ] {
        assert_count(c.nl_dim("K3", 2024, "afdoening", code), n);
    }
    for (code, n) in [("sanctie", 2), ("sepot", 1), ("rechter", 2), ("overig", 0)] {
        assert_count(c.nl_dim("K3", 2024, "categorie_afdoening", code), n);
    }
}

#[test]
fn k4_lead_time_from_pv_to_afdoening() {
    let c = compute(keten().path());
    // From 2024-03-01: 92 (06-01), 122 (07-01), 214 (10-01), 245 (11-01), 351
    // (2025-02-15) days; the median of five is 214.
    let r = c.nl("K4", 2024);
    assert_eq!((r.waarde, r.noemer), (Some(214.0), Some(5)));
}

#[test]
fn k5_sanction_for_zware_overtredingen() {
    let c = compute(keten().path());
    // Zwaar: V1–V5, V7, V8 = 7 (the noemer of H7). Sanction by the peildatum: V1
    // (strafbeschikking), V3 (veroordeling), V5 (transactie). Not V2 (its earliest
    // case was a sepot), V4 (vrijspraak after the peildatum), V7, V8.
    assert_share(c.nl("K5", 2024), 3, 7);
    assert_eq!(c.nl("H7", 2024).noemer, Some(7));
}

#[test]
fn k6_unlinked_cases_per_verbalisant() {
    let c = compute(keten().path());
    assert_count(c.nl("K6", 2024), 3);
    assert_count(c.nl_dim("K6", 2024, "koppeling", "niet_gekoppeld"), 2);
    assert_count(c.nl_dim("K6", 2024, "koppeling", "geen_pv"), 1);
    assert_count(c.get("K6", 2024, "partij", "odh", None), 2);
    assert_count(c.get("K6", 2024, "partij", "overig", None), 1);
}

#[test]
fn without_the_oms_delivery_k1_to_k5_have_no_observations() {
    let dir = keten();
    std::fs::remove_dir_all(dir.path().join("2024/OM")).unwrap();
    std::fs::remove_dir_all(dir.path().join("2025/OM")).unwrap();
    let c = compute(dir.path());
    for id in ["K1", "K2", "K5"] {
        let r = c.nl(id, 2024);
        assert_eq!((r.waarde, r.status), (None, "geen_waarnemingen"), "{id}");
    }
    assert_eq!(c.nl("K4", 2024).status, "geen_waarnemingen");
    assert_count(c.nl("K3", 2024), 0);
}

#[test]
fn versions_that_disagree_on_the_case_are_all_set_aside() {
    // Z1 again in 2025, but with another instroom: which is right cannot be told.
    let dir = keten();
    let pad = dir.path().join("2025/OM/strafzaken.csv");
    let tekst = std::fs::read_to_string(&pad).unwrap()
        + "Z1,odh,P1,2024-04-02,strafbeschikking,2024-06-01,,,500\n";
    std::fs::write(&pad, tekst).unwrap();
    let c = compute(dir.path());
    let weg: Vec<(&str, u64, &str)> = c
        .uitkomst
        .quarantaine
        .iter()
        .map(|q| (q.bestand.as_str(), q.regel, q.reden))
        .collect();
    assert_eq!(
        weg,
        [
            ("2024/OM/strafzaken.csv", 2, "dubbel_id"),
            ("2025/OM/strafzaken.csv", 5, "dubbel_id")
        ]
    );
    assert!(c
        .uitkomst
        .records
        .strafzaken
        .iter()
        .all(|z| z.parketnummer != "Z1"));
    // P1 lost its case: K1 5 of 7.
    assert_share(c.nl("K1", 2024), 5, 7);
}

#[test]
fn strafzaken_from_another_party_are_not_read_and_said_so() {
    let dir = keten();
    std::fs::write(
        dir.path().join("2024/odh/strafzaken.csv"),
        format!("{Z_KOP}Z99,odh,P8,2024-04-01,,,,,\n"),
    )
    .unwrap();
    let c = compute(dir.path());
    assert!(c
        .uitkomst
        .records
        .strafzaken
        .iter()
        .all(|z| z.parketnummer != "Z99"));
    let odh = c
        .uitkomst
        .leveringen
        .iter()
        .find(|l| l.jaar == 2024 && l.partij == "odh")
        .unwrap();
    assert_eq!(odh.status, "gedeeltelijk_gelezen");
    assert_eq!(
        odh.reden.as_deref(),
        Some("niet gelezen: strafzaken.csv (strafzaken are delivered by the OM only (spec/strafrechtketen.md))")
    );
}

#[test]
fn k3_two_cases_of_one_day_the_lowest_parketnummer_counts() {
    // One PV (P1 on a zware overtreding) with two gekoppelde cases that entered the
    // OM on the same day: Z2 (a transactie) is listed before Z1 (a sepot), and Z1
    // has the lower parketnummer, so Z1's afdoening is the PV's (spec: "ties:
    // lowest parketnummer"). K1 and K2: 1 of 1; K3: one sepot_beleid, no transactie.
    let dir = tree(&[
        (
            "2024/odh/controles.csv",
            &format!("{C_KOP}C1,OBJ1,GM0518,GM0518,2024-02-01,,,,overtreden\n"),
        ),
        (
            "2024/odh/overtredingen.csv",
            &format!("{V_KOP}V1,C1,2024-02-01,,,,zwaar,,,\n"),
        ),
        (
            "2024/odh/handhavingsmaatregelen.csv",
            &format!("{M_KOP}P1,V1,proces_verbaal,2024-03-01,,opgelegd,\n"),
        ),
        (
            "2024/OM/strafzaken.csv",
            &format!(
                "{Z_KOP}Z2,odh,P1,2024-05-01,transactie,2024-08-01,,,250\n\
                 Z1,odh,P1,2024-05-01,sepot_beleid,2024-07-01,,,\n"
            ),
        ),
    ]);
    let c = compute(dir.path());
    assert_share(c.nl("K1", 2024), 1, 1);
    assert_share(c.nl("K2", 2024), 1, 1);
    assert_count(c.nl("K3", 2024), 1);
    assert_count(c.nl_dim("K3", 2024, "afdoening", "sepot_beleid"), 1);
    assert_count(c.nl_dim("K3", 2024, "afdoening", "transactie"), 0);
    assert_count(c.nl_dim("K3", 2024, "categorie_afdoening", "sepot"), 1);
    // K4 from the PV (2024-03-01) to Z1's afdoening (2024-07-01): 122 days.
    let r = c.nl("K4", 2024);
    assert_eq!((r.waarde, r.noemer), (Some(122.0), Some(1)));
}
