//! The data contract: quarantine reasons, D7, refused deliveries, dialects.

use crate::helpers::*;

fn reasons(c: &Computed) -> Vec<(String, u64, &'static str)> {
    c.uitkomst
        .quarantaine
        .iter()
        .map(|q| (q.bestand.clone(), q.regel, q.reden))
        .collect()
}

#[test]
fn golden_quarantine_and_reconciliation() {
    let c = compute(&fixture("golden"));
    assert_eq!(
        reasons(&c),
        vec![
            ("2024/odh/controles.csv".to_string(), 9, "dubbel_id"), // identical repeat of C7
            (
                "2024/odh/controles.csv".to_string(),
                11,
                "controledatum_buiten_jaar"
            ), // C10
            (
                "2024/odh/handhavingsmaatregelen.csv".to_string(),
                8,
                "dubbel_id"
            ), // M9, conflicting: both
            (
                "2024/odh/handhavingsmaatregelen.csv".to_string(),
                9,
                "dubbel_id"
            ),
            (
                "2024/odh/handhavingsmaatregelen.csv".to_string(),
                14,
                "wees"
            ), // M14 on quarantined V7
            ("2024/odh/overtredingen.csv".to_string(), 8, "wees"), // V7 → CX
        ]
    );
    let d7: Vec<(String, u64, u64, u64)> = c
        .uitkomst
        .reconciliatie
        .iter()
        .map(|r| (r.bestand.clone(), r.gelezen, r.geaccepteerd, r.quarantaine))
        .collect();
    assert_eq!(
        d7,
        vec![
            ("2024/odh/controles.csv".into(), 12, 10, 2),
            ("2024/odh/handhavingsmaatregelen.csv".into(), 14, 11, 3),
            ("2024/odh/overtredingen.csv".into(), 10, 9, 1),
            ("2025/odh/controles.csv".into(), 2, 2, 0),
            ("2025/odh/handhavingsmaatregelen.csv".into(), 2, 2, 0),
            ("2025/odh/overtredingen.csv".into(), 0, 0, 0),
        ]
    );
    let wees = c
        .uitkomst
        .quarantaine
        .iter()
        .find(|q| q.regel == 14)
        .expect("M14");
    assert!(
        wees.melding.contains("V7") && wees.melding.contains("niet geaccepteerd"),
        "{}",
        wees.melding
    );
    assert!(
        wees.ruwe_rij.contains("\"maatregel_id\":\"M14\""),
        "{}",
        wees.ruwe_rij
    );
}

#[test]
fn a_refused_delivery_does_not_stop_the_batch() {
    // GM0363 forgets the gemeente_code column: its delivery is refused as a whole,
    // every row is accounted for in quarantine, and odh is still published.
    let dir = tree(&[
        ("2024/odh/controles.csv", &format!("{C_KOP}A1,X,GM0518,GM0518,2024-05-01,periodieke_controle,,,nageleefd\n")),
        (
            "2024/GM0363/controles.csv",
            "controle_id,object_id,bevoegd_gezag,controledatum\nB1,Z,GM0363,2024-05-01\nB2,Z,GM0363,2024-05-02\n",
        ),
    ]);
    let c = compute(dir.path());
    let l = c
        .uitkomst
        .leveringen
        .iter()
        .find(|l| l.partij == "GM0363")
        .expect("GM0363");
    assert_eq!(l.status, "geweigerd");
    let reden = l.reden.clone().unwrap_or_default();
    assert!(
        reden.contains("gemeente_code") && reden.contains("2024/GM0363/controles.csv"),
        "{reden}"
    );
    assert_eq!(c.uitkomst.quarantaine.len(), 2);
    assert!(c
        .uitkomst
        .quarantaine
        .iter()
        .all(|q| q.reden == "kolom_ontbreekt"));
    assert_count(c.nl("T1", 2024), 1);
}

#[test]
fn windows_1252_semicolons_and_dutch_dates_are_handled_with_warnings() {
    let text = "controle_id;object_id;bevoegd_gezag;gemeente_code;controledatum;controletype;taak;brzo;resultaat\r\n\
                C1;Café ’t Hoekje;GM0518;GM0518;05-03-2024; Hercontrole ;basistaak;Ja;nageleefd\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("2024/odh");
    std::fs::create_dir_all(&p).expect("mkdir");
    std::fs::write(p.join("controles.csv"), &bytes).expect("write");
    let c = compute(dir.path());
    let ctl = &c.uitkomst.records.controles.rij(0);
    assert_eq!(ctl.object_id, "Café ’t Hoekje");
    assert_eq!(ctl.controledatum.to_string(), "2024-03-05");
    assert_eq!(ctl.controletype, Some("hercontrole"));
    assert_eq!(ctl.brzo, Some(true));
    use vth::validate::rules::Regel;
    for (regel, n) in [
        (Regel::Windows1252, 1),
        (Regel::Scheidingsteken, 1),
        (Regel::DatumNl, 1),
        (Regel::CodeSchrijfwijze, 1),
        (Regel::JaNeeVariant, 1),
    ] {
        assert_eq!(c.uitkomst.bevindingen.aantal(regel), n, "{regel:?}");
    }
}

/// Windows exports end lines with CRLF; a blank line may sit between records.
/// Each row keeps its physical line, in quarantine and in its lineage.
#[test]
fn a_crlf_file_names_the_physical_line_of_each_row() {
    let tekst = format!(
        "{C_KOP}C1,X,GM0518,GM0518,2024-05-01,,,,\n\nC2,X,GM0518,GM9999,2024-05-01,,,,\nC3,X,GM0518,GM0518,2024-05-02,,,,\n"
    )
    .replace('\n', "\r\n");
    let dir = tree(&[("2024/odh/controles.csv", &tekst)]);
    let c = compute(dir.path());
    assert_eq!(c.quarantaine_regels(), [(4, "gemeente_onbekend")]);
    let bronnen: Vec<(&str, u64)> = c
        .uitkomst
        .records
        .controles
        .iter()
        .map(|r| (r.controle_id, r.bron.regel))
        .collect();
    assert_eq!(bronnen, [("C1", 2), ("C3", 5)]);
}

#[test]
fn bytes_that_fit_no_encoding_refuse_the_file_naming_the_line() {
    let mut bytes = format!("{C_KOP}C1,X,GM0518,GM0518,2024-05-01,,,,\n").into_bytes();
    bytes.extend_from_slice(b"C2,\x81,GM0518,GM0518,2024-05-02,,,,\n");
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("2024/odh");
    std::fs::create_dir_all(&p).expect("mkdir");
    std::fs::write(p.join("controles.csv"), &bytes).expect("write");
    let c = compute(dir.path());
    let l = &c.uitkomst.leveringen[0];
    assert_eq!(l.status, "geweigerd");
    let reden = l.reden.clone().unwrap_or_default();
    assert!(
        reden.contains("regel 3") && reden.contains("0x81"),
        "{reden}"
    );
    let r = &c.uitkomst.reconciliatie[0];
    assert_eq!((r.gelezen, r.geaccepteerd, r.quarantaine), (2, 0, 2));
}

/// The contract is checked column by column, yet a row's reason is the first of
/// its findings in the contract's order (controle_id before the date, gemeente
/// before the spelling of a code), and the warnings on a row set aside still count.
#[test]
fn a_rows_reason_is_its_first_finding_in_the_contracts_order() {
    let dir = tree(&[(
        "2024/odh/controles.csv",
        &format!(
            "{C_KOP}C1,X,GM0518,GM9999,05-03-2024, Hercontrole ,,,\n,X,GM0518,GM0518,2024-13-01,,,,\nC3,X,GM0518,GM0518,2024-05-01,,,ja,\n"
        ),
    )]);
    let c = compute(dir.path());
    let q: Vec<(u64, &str, Option<&str>, Option<&str>)> = c
        .uitkomst
        .quarantaine
        .iter()
        .map(|q| (q.regel, q.reden, q.kolom.as_deref(), q.waarde.as_deref()))
        .collect();
    assert_eq!(
        q,
        vec![
            (
                2,
                "gemeente_onbekend",
                Some("gemeente_code"),
                Some("GM9999")
            ),
            (3, "verplicht_leeg", Some("controle_id"), None),
        ]
    );
    use vth::validate::rules::Regel;
    for (regel, n) in [
        (Regel::GemeenteOnbekend, 1),
        (Regel::VerplichtLeeg, 1),
        (Regel::DatumOngeldig, 1),
        (Regel::DatumNl, 1),
        (Regel::CodeSchrijfwijze, 1),
        (Regel::JaNeeVariant, 0),
    ] {
        assert_eq!(c.uitkomst.bevindingen.aantal(regel), n, "{regel:?}");
    }
    let ids: Vec<&str> = c
        .uitkomst
        .records
        .controles
        .iter()
        .map(|r| r.controle_id)
        .collect();
    assert_eq!(ids, ["C3"]);
}

#[test]
fn unknown_codes_go_to_quarantine_with_the_raw_value() {
    let dir = tree(&[(
        "2024/odh/controles.csv",
        &format!("{C_KOP}C1,X,GM0518,GM0518,2024-05-01,spoedcontrole,,,nageleefd\nC2,X,GM0518,GM9999,2024-05-01,,,,\nC3,X,GM0518,GM0518,2024-05-01,,,,\n"),
    )]);
    let c = compute(dir.path());
    let q: Vec<(&str, Option<&str>, Option<&str>)> = c
        .uitkomst
        .quarantaine
        .iter()
        .map(|q| (q.reden, q.kolom.as_deref(), q.waarde.as_deref()))
        .collect();
    assert_eq!(
        q,
        vec![
            ("code_onbekend", Some("controletype"), Some("spoedcontrole")),
            ("gemeente_onbekend", Some("gemeente_code"), Some("GM9999")),
        ]
    );
    assert_count(c.nl("T1", 2024), 1);
}
