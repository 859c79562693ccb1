//! Golden tests of C1–C3 (herhaling en concentratie) on a small delivery of odh,
//! worked out by hand. An object is (partij, object_id); an overtreding lies in the
//! gemeente of its controle (GM0518: odh, PV28; GM0363: odnzkg, PV27).
//!
//! 2025, overtredingen per object:  A 4 (GM0518)   B 2 (GM0518) + 1 (GM0363)
//!                                  C … K 1 each (GM0518; nine objects)
//!   nationally 11 objects, H1 = 16; in GM0518 11 objects, 15 overtredingen;
//!   in GM0363 one object (B), 1 overtreding.
//! 2024: A 1 (GM0363), C 1, Z 1 (GM0518): 3 objects, H1 = 3. No 2023 in the batch.

use crate::helpers::*;

fn levering() -> tempfile::TempDir {
    // 2025: controle per (object, gemeente); overtredingen per controle.
    let mut c25 = String::from(C_KOP);
    let mut v25 = String::from(V_KOP);
    let mut w = 0;
    let mut controle =
        |id: &str, object: &str, gemeente: &str, n: usize, c: &mut String, v: &mut String| {
            c.push_str(&format!(
                "{id},{object},GM0518,{gemeente},2025-03-01,,,,overtreden\n"
            ));
            for _ in 0..n {
                w += 1;
                v.push_str(&format!("W{w},{id},2025-03-01,,,,licht,,,\n"));
            }
        };
    controle("K1", "A", "GM0518", 4, &mut c25, &mut v25);
    controle("K2", "B", "GM0518", 2, &mut c25, &mut v25);
    controle("K3", "B", "GM0363", 1, &mut c25, &mut v25);
    for (k, object) in ["C", "D", "E", "F", "G", "H", "I", "J", "K"]
        .iter()
        .enumerate()
    {
        controle(
            &format!("K{}", k + 4),
            object,
            "GM0518",
            1,
            &mut c25,
            &mut v25,
        );
    }
    let c24 = format!(
        "{C_KOP}L1,A,GM0518,GM0363,2024-05-01,,,,overtreden\nL2,C,GM0518,GM0518,2024-05-02,,,,overtreden\nL3,Z,GM0518,GM0518,2024-05-03,,,,overtreden\n"
    );
    let v24 = format!(
        "{V_KOP}X1,L1,2024-05-01,,,,licht,,,\nX2,L2,2024-05-02,,,,licht,,,\nX3,L3,2024-05-03,,,,licht,,,\n"
    );
    tree(&[
        ("2025/odh/controles.csv", &c25),
        ("2025/odh/overtredingen.csv", &v25),
        ("2025/odh/handhavingsmaatregelen.csv", M_KOP),
        ("2024/odh/controles.csv", &c24),
        ("2024/odh/overtredingen.csv", &v24),
        ("2024/odh/handhavingsmaatregelen.csv", M_KOP),
    ])
}

#[test]
fn c1_concentration_at_the_top_tenth_of_objects() {
    let dir = levering();
    let c = compute(dir.path());
    assert_count(c.nl("H1", 2025), 16);
    // 11 objects: 10 % rounded up is 2 objects, A (4) and B (3): 7 of 16.
    assert_share(c.nl("C1", 2025), 7, 16);
    assert_share(c.get("C1", 2025, "partij", "odh", None), 7, 16);
    // In odh's region B has only the 2 found in GM0518: A 4 + B 2 of 15.
    assert_share(
        c.get("C1", 2025, "omgevingsdienst_regio", "odh", None),
        6,
        15,
    );
    assert_share(c.get("C1", 2025, "provincie", "PV28", None), 6, 15);
    // In GM0363 B is the only object: 1 object is the top 10 %.
    assert_share(
        c.get("C1", 2025, "omgevingsdienst_regio", "odnzkg", None),
        1,
        1,
    );
    assert_share(c.get("C1", 2025, "provincie", "PV27", None), 1, 1);
    // 2024: 3 objects with 1 each; the top object holds 1 of 3.
    assert_share(c.nl("C1", 2024), 1, 3);
}

#[test]
fn c1_takes_exactly_a_tenth_of_ten_objects() {
    // Ten objects of 1 overtreding each (C … K and Z): 10 % is exactly 1 object.
    let dir = levering();
    let pad = dir.path().join("2025/odh");
    let c = std::fs::read_to_string(pad.join("controles.csv")).unwrap();
    let v = std::fs::read_to_string(pad.join("overtredingen.csv")).unwrap();
    // Keep only the controles of C … K and add Z: ten objects.
    let c: String = c
        .lines()
        .filter(|l| !l.starts_with("K1,") && !l.starts_with("K2,") && !l.starts_with("K3,"))
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        + "K20,Z,GM0518,GM0518,2025-03-01,,,,overtreden\n";
    let v: String = v
        .lines()
        .filter(|l| !([",K1,", ",K2,", ",K3,"].iter().any(|k| l.contains(k))))
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        + "W99,K20,2025-03-01,,,,licht,,,\n";
    std::fs::write(pad.join("controles.csv"), c).unwrap();
    std::fs::write(pad.join("overtredingen.csv"), v).unwrap();
    let c = compute(dir.path());
    assert_share(c.nl("C1", 2025), 1, 10);
}

#[test]
fn c2_repeat_offenders_need_the_previous_year() {
    let dir = levering();
    let c = compute(dir.path());
    // Of the 11 objects of 2025, A (2024 in GM0363, counted anywhere) and C had an
    // overtreding in 2024.
    assert_share(c.nl("C2", 2025), 2, 11);
    assert_share(
        c.get("C2", 2025, "omgevingsdienst_regio", "odh", None),
        2,
        11,
    );
    // In GM0363 only B, who had none in 2024.
    assert_share(
        c.get("C2", 2025, "omgevingsdienst_regio", "odnzkg", None),
        0,
        1,
    );
    // 2023 is not in the batch.
    let r = c.nl("C2", 2024);
    assert_eq!((r.waarde, r.status), (None, "geen_waarnemingen"));
}

#[test]
fn c3_deciles_of_a_small_set() {
    let dir = levering();
    let c = compute(dir.path());
    // 2025, ranks: A 1, B 2, then C … K by object_id 3 … 11; deciel ⌈10 r / 11⌉:
    // 1 → 1, 2 → 2, 3 → 3, …, 9 → 9, 10 and 11 → 10.
    let verwacht = [
        (1, 4),
        (2, 3),
        (3, 1),
        (4, 1),
        (5, 1),
        (6, 1),
        (7, 1),
        (8, 1),
        (9, 1),
        (10, 2),
    ];
    for (d, n) in verwacht {
        assert_share(c.nl_dim("C3", 2025, "deciel", &d.to_string()), n, 16);
    }
    // 2024: A, C, Z (one each) at ranks 1, 2, 3: decielen 4, 7 and 10; the others
    // hold no object, 0 of 3.
    for d in 1..=10 {
        let n = if [4, 7, 10].contains(&d) { 1 } else { 0 };
        assert_share(c.nl_dim("C3", 2024, "deciel", &d.to_string()), n, 3);
    }
    assert!(c
        .rijen
        .iter()
        .all(|r| r.indicator_id != "C3" || r.niveau == "nationaal"));
}
