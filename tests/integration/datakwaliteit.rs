//! D1–D7: per party in datakwaliteit, aggregated by the D indicator SQL, and the
//! refused delivery that does not stop the batch, end to end through the binary.

use std::path::Path;

use vth::engine::{read_parquet, Values};
use vth::validate::rules::Regel;

use crate::helpers::*;

fn rij<'a>(
    c: &'a Computed,
    id: &str,
    jaar: i32,
    tabel: Option<&str>,
    kolom: Option<&str>,
    dim: Option<&str>,
) -> &'a vth::indicators::datakwaliteit::KwaliteitRij {
    c.dq.iter()
        .find(|r| {
            r.indicator_id == id
                && r.jaar == jaar
                && r.tabel.as_deref() == tabel
                && r.kolom.as_deref() == kolom
                && r.dimensie_waarde.as_deref() == dim
        })
        .unwrap_or_else(|| panic!("no D row {id} {jaar} {tabel:?} {kolom:?} {dim:?}"))
}

#[test]
fn golden_data_quality_by_hand() {
    // tests/fixtures/golden: one odh delivery per year (see validation.rs for its
    // quarantine list). The expected parties are the 28 omgevingsdiensten plus ILT,
    // the OM (strafrechtketen.md: D1 lists the OM as an expected party) and IenW
    // (stelsel.md: its robustness judgements and recommendations).
    let c = compute(&fixture("golden"));

    // D1: odh delivered, 27 other services, ILT, the OM and IenW are missing.
    let d1: Vec<_> =
        c.dq.iter()
            .filter(|r| r.indicator_id == "D1" && r.jaar == 2024)
            .collect();
    assert_eq!(d1.len(), 31);
    assert_eq!(
        d1.iter()
            .filter(|r| r.dimensie_waarde.as_deref() == Some("ontbreekt"))
            .count(),
        30
    );
    assert_share(c.nl("D1", 2024), 1, 31);
    assert_share(
        c.nl_dim("D1", 2024, "partijsoort", "omgevingsdienst"),
        1,
        28,
    );
    assert_share(c.nl_dim("D1", 2024, "partijsoort", "rijk"), 0, 3);

    // D2: overtredingen.ernst is filled for V1, V6, V7, V8, V9, V10: 6 of 10 rows;
    // gevolg for V2, V3, V5; hersteldatum for V5 only.
    let ernst = rij(
        &c,
        "D2",
        2024,
        Some("overtredingen"),
        Some("ernst"),
        Some("nee"),
    );
    assert_eq!(
        (ernst.teller, ernst.noemer, ernst.waarde),
        (Some(6), Some(10), Some(60.0))
    );
    assert_share(c.nl_dim("D2", 2024, "kolom", "overtredingen.gevolg"), 3, 10);
    assert_share(
        c.nl_dim("D2", 2024, "kolom", "overtredingen.hersteldatum"),
        1,
        10,
    );
    // Required columns are all filled: 12 controles × 5 + 10 overtredingen × 3 +
    // 14 maatregelen × 3 = 132 cells.
    assert_share(c.nl("D2", 2024), 132, 132);

    // D3: no unmapped values in the golden delivery.
    assert_count(c.nl("D3", 2024), 0);

    // D4: V7 → CX, and M14 on the quarantined V7.
    assert_count(c.nl("D4", 2024), 2);
    assert_count(c.nl_dim("D4", 2024, "tabel", "overtredingen"), 1);
    assert_count(c.nl_dim("D4", 2024, "tabel", "handhavingsmaatregelen"), 1);

    // D5: C7 twice (identical) and M9 twice (conflicting): every occurrence counts.
    assert_count(
        c.get("D5", 2024, "partij", "odh", Some(("tabel", "controles"))),
        2,
    );
    assert_count(c.nl_dim("D5", 2024, "tabel", "handhavingsmaatregelen"), 2);
    assert_count(c.nl("D5", 2024), 4);

    // D6: 6 rows, by reason.
    assert_count(c.nl("D6", 2024), 6);
    assert_count(c.nl_dim("D6", 2024, "reden", "dubbel_id"), 3);
    assert_count(c.nl_dim("D6", 2024, "reden", "wees"), 2);
    assert_count(
        c.nl_dim("D6", 2024, "reden", "controledatum_buiten_jaar"),
        1,
    );
    assert_count(c.nl("D6", 2025), 0);

    // D7: 12 + 14 + 10 rows read in 2024, all accounted for; 2 + 2 + 0 in 2025.
    assert_share(c.nl("D7", 2024), 36, 36);
    assert_share(c.get("D7", 2025, "partij", "odh", None), 4, 4);
    let d7 = rij(&c, "D7", 2024, Some("controles"), None, Some("quarantaine"));
    assert_eq!(d7.waarde, Some(2.0));

    // D indicators exist nationally and per party only.
    assert!(c
        .rijen
        .iter()
        .filter(|r| r.indicator_id.starts_with('D'))
        .all(|r| r.niveau == "nationaal" || r.niveau == "partij"));

    // The LHSO combination rules warn on both measures of each pair: M1+M2, M4+M5
    // (M12 and M13 follow each other and do not overlap).
    assert_eq!(
        c.uitkomst
            .bevindingen
            .aantal(Regel::LhsoDwangsomBestuursdwang),
        2
    );
    assert_eq!(c.uitkomst.bevindingen.aantal(Regel::LhsoBoeteStrafrecht), 2);
}

#[test]
fn unmapped_values_are_listed_with_the_raw_value() {
    let kop = C_KOP;
    let dir = tree(&[(
        "2024/odh/controles.csv",
        &format!(
            "{kop}C1,X,GM0518,GM0518,2024-05-01,spoedcontrole,,,\nC2,X,GM0518,GM0518,2024-05-01,spoedcontrole,,,\nC3,X,GM0518,GM0518,2024-05-01,,wettelijke_taak,,\nC4,X,GM0518,GM0518,2024-05-01,,,,\n"
        ),
    )]);
    let c = compute(dir.path());
    // (kolom, dimensie_waarde, waarde, noemer) of each D3 row.
    type D3<'a> = (Option<&'a str>, Option<&'a str>, Option<f64>, Option<i64>);
    let d3: Vec<D3> =
        c.dq.iter()
            .filter(|r| r.indicator_id == "D3")
            .map(|r| {
                (
                    r.kolom.as_deref(),
                    r.dimensie_waarde.as_deref(),
                    r.waarde,
                    r.noemer,
                )
            })
            .collect();
    assert_eq!(
        d3,
        vec![
            (
                Some("controletype"),
                Some("spoedcontrole"),
                Some(2.0),
                Some(4)
            ),
            (Some("taak"), Some("wettelijke_taak"), Some(1.0), Some(4)),
        ]
    );
    assert_count(c.nl("D3", 2024), 3);
    assert_count(c.nl_dim("D3", 2024, "kolom", "controles.controletype"), 2);
}

fn column_str(f: &vth::engine::Frame, name: &str) -> Vec<Option<String>> {
    match f.column(name) {
        Some(Values::Str(v)) => v.clone(),
        other => panic!("{name}: {other:?}"),
    }
}

fn read(out: &Path, file: &str) -> vth::engine::Frame {
    read_parquet(&out.join(file)).expect(file)
}

#[test]
fn a_fail_rule_refuses_one_delivery_and_the_batch_is_published() {
    let kop = C_KOP;
    let dir = tree(&[
        (
            "in/2024/odh/controles.csv",
            &format!("{kop}A1,X,GM0518,GM0518,2024-05-01,,,,\nA2,X,GM0518,GM0518,2024-06-01,,,,\n"),
        ),
        // odru's export lost its gemeente column: refused as a whole.
        (
            "in/2024/odru/controles.csv",
            "controle_id,object_id,bevoegd_gezag,controledatum\nB1,Z,GM0344,2024-05-01\n",
        ),
    ]);
    let (input, out) = (dir.path().join("in"), dir.path().join("out"));
    let assert = vth_run(&input, &out).assert().success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(stdout.contains("refused delivery: 2024 odru"), "{stdout}");

    let dq = read(&out, "data/datakwaliteit.parquet");
    let (id, partij, status, toel) = (
        column_str(&dq, "indicator_id"),
        column_str(&dq, "partij"),
        column_str(&dq, "dimensie_waarde"),
        column_str(&dq, "toelichting"),
    );
    let d1 = |p: &str| {
        (0..dq.height())
            .find(|&k| id[k].as_deref() == Some("D1") && partij[k].as_deref() == Some(p))
            .map(|k| {
                (
                    status[k].clone().unwrap_or_default(),
                    toel[k].clone().unwrap_or_default(),
                )
            })
            .expect(p)
    };
    let (s, reden) = d1("odru");
    assert_eq!(s, "geweigerd");
    assert!(
        reden.contains("2024/odru/controles.csv") && reden.contains("gemeente_code"),
        "{reden}"
    );
    assert_eq!(d1("odh").0, "aangeleverd");
    assert_eq!(d1("rud-zeeland").0, "ontbreekt");

    // odh is published: T1 counts its 2 controles (restricted values via the records).
    let ctl = read(&out, "restricted/controles.parquet");
    assert_eq!(column_str(&ctl, "partij"), vec![Some("odh".to_string()); 2]);

    // The feedback page of the refused party says why, naming the file.
    let page = std::fs::read_to_string(out.join("rapport/terugkoppeling-odru.html")).expect("page");
    assert!(
        page.contains("Reden van weigering") && page.contains("gemeente_code"),
        "odru page"
    );
    assert!(page.contains("kolom_ontbreekt"));
    let hoofdstuk =
        std::fs::read_to_string(out.join("rapport/datakwaliteit.html")).expect("chapter");
    assert!(hoofdstuk.contains("href=\"terugkoppeling-odru.html\""));
    assert!(hoofdstuk
        .contains("Van de 31 verwachte partijen hebben er 1 een bruikbare levering gedaan"));

    // D7 in the manifest holds for both files.
    let m: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("manifest.json")).expect("manifest"),
    )
    .expect("json");
    let rec = m["reconciliatie"].as_array().expect("array");
    assert_eq!(rec.len(), 2);
    for r in rec {
        assert_eq!(
            r["gelezen"].as_u64(),
            Some(r["geaccepteerd"].as_u64().unwrap_or(0) + r["quarantaine"].as_u64().unwrap_or(0))
        );
    }
    assert_eq!(m["bevindingen"][0]["regel"], "kolom_ontbreekt");
}
