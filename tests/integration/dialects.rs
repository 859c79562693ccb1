//! Real deliveries: JSON, Excel, party profiles and mapping tables. Each dialect and
//! each mapping path on a small fixture, asserting harmonised values and warnings.

use vth::model::ErnstBron;
use vth::validate::rules::Regel;

use crate::helpers::*;

#[test]
fn json_records_with_typed_values_and_their_lines() {
    let json = r#"[
  {"controle_id": "W1", "object_id": "Gemaal De Bonte", "bevoegd_gezag": "WS15",
   "gemeente_code": "GM0599", "controledatum": "2024-04-02", "controletype": "periodieke_controle",
   "brzo": false, "resultaat": "overtreden"},
  {"controle_id": "W2", "object_id": "Lozing 7", "bevoegd_gezag": "WS15",
   "gemeente_code": "GM0599", "controledatum": "2024-05-06", "brzo": null, "resultaat": "nageleefd",
   "opmerking": "extra veld"}
]
"#;
    let maatregelen = r#"[{"maatregel_id": "M1", "overtreding_id": "V1", "handhavingsinstrument": "last_onder_dwangsom",
  "datum_opleggen": "2024-04-20", "status": "opgelegd", "bedrag_eur": 2500.5}]"#;
    let overtredingen = r#"[{"overtreding_id": "V1", "controle_id": "W1", "overtredingsdatum": "2024-04-02", "gevolg": 3, "gedrag": "C"}]"#;
    let dir = tree(&[
        ("2024/WS15/controles.json", json),
        ("2024/WS15/overtredingen.json", overtredingen),
        ("2024/WS15/handhavingsmaatregelen.json", maatregelen),
    ]);
    let c = compute(dir.path());
    let r = &c.uitkomst.records;
    assert_eq!(r.controles.len(), 2);
    let w1 = &r.controles.rij(0);
    assert_eq!((w1.controle_id, w1.brzo), ("W1", Some(false)));
    assert_eq!(w1.bron.regel, 2, "lineage: the line the record starts on");
    assert_eq!(r.controles.rij(1).bron.regel, 5);
    assert_eq!(r.controles.rij(1).brzo, None);
    assert_eq!(r.maatregelen.rij(0).bedrag_eur, Some(2500.5));
    // A JSON number for gevolg reads as the LHSO code 3; 3 × C is zwaar.
    assert_eq!(r.overtredingen.rij(0).ernst, "zwaar");
    assert_eq!(r.overtredingen.rij(0).ernst_bron, ErnstBron::AfgeleidLhso);
    assert_eq!(c.uitkomst.bevindingen.aantal(Regel::OnbekendeKolom), 1);
    assert_eq!(
        c.uitkomst.extra_kolommen.get("2024/WS15/controles.json"),
        Some(&vec!["opmerking".to_string()])
    );
}

/// `[]` is a table of zero records (a service with nothing to report that year), not
/// a file without its required columns: the delivery stays accepted.
#[test]
fn an_empty_json_array_is_a_table_without_rows() {
    let controles = r#"[{"controle_id": "W1", "object_id": "O1", "bevoegd_gezag": "WS15",
  "gemeente_code": "GM0599", "controledatum": "2024-04-02", "resultaat": "nageleefd"}]"#;
    let dir = tree(&[
        ("2024/WS15/controles.json", controles),
        ("2024/WS15/overtredingen.json", "[]\n"),
    ]);
    let c = compute(dir.path());
    let l = &c.uitkomst.leveringen[0];
    assert_eq!((l.status, l.reden.as_deref()), ("aangeleverd", None));
    assert_eq!(c.uitkomst.records.controles.len(), 1);
    let leeg = c
        .uitkomst
        .reconciliatie
        .iter()
        .find(|r| r.bestand == "2024/WS15/overtredingen.json")
        .expect("the empty file is reconciled");
    assert_eq!(
        (leeg.gelezen, leeg.geaccepteerd, leeg.quarantaine),
        (0, 0, 0)
    );
    assert_eq!(c.uitkomst.bevindingen.aantal(Regel::KolomOntbreekt), 0);
}

#[test]
fn invalid_json_refuses_the_delivery_naming_the_line() {
    let dir = tree(&[(
        "2024/WS15/controles.json",
        "[\n {\"controle_id\": \"W1\"},\n {\"controle_id\": }\n]\n",
    )]);
    let c = compute(dir.path());
    let l = &c.uitkomst.leveringen[0];
    assert_eq!(l.status, "geweigerd");
    let reden = l.reden.clone().unwrap_or_default();
    assert!(
        reden.contains("regel 3") && reden.contains("bestand_onleesbaar"),
        "{reden}"
    );
}

/// A Squit XO workbook as Rotterdam exports it (see queries/profielen/GM0599.toml).
fn rotterdam_workbook(inspecties_blad: &str) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let datum = Format::new().set_num_format("dd-mm-yyyy");
    let d = |m: u8, dag: u8| ExcelDateTime::from_ymd(2024, m, dag).expect("date");
    {
        let ws = wb.add_worksheet();
        ws.set_name(inspecties_blad).expect("name");
        // The export starts with a title row and a blank row; the header is on row 3.
        ws.write_string(0, 0, "Export inspecties 2024").expect("w");
        let kop = [
            "Zaaknummer",
            "Object",
            "Bevoegd gezag",
            "Gemeente",
            "Datum inspectie",
            "Soort inspectie",
            "BRZO",
            "Uitkomst",
        ];
        for (c, k) in kop.iter().enumerate() {
            ws.write_string(2, c as u16, *k).expect("w");
        }
        for (r, (id, soort, uitkomst)) in [
            ("Z-1", "Periodiek", "Overtreding"),
            ("Z-2", "Klacht", "Geen overtreding"),
            ("Z-3", "Steekproef", "Overtreding"),
        ]
        .into_iter()
        .enumerate()
        {
            let r = r as u32 + 3;
            ws.write_string(r, 0, id).expect("w");
            ws.write_string(r, 1, "Kade 1").expect("w");
            ws.write_string(r, 2, "GM0599").expect("w");
            ws.write_string(r, 3, "GM0599").expect("w");
            ws.write_datetime_with_format(r, 4, d(3, 4 + r as u8), &datum)
                .expect("w");
            ws.write_string(r, 5, soort).expect("w");
            ws.write_boolean(r, 6, false).expect("w");
            ws.write_string(r, 7, uitkomst).expect("w");
        }
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("Overtredingen").expect("name");
        for (c, k) in [
            "Overtredingnummer",
            "Zaaknummer",
            "Datum overtreding",
            "Classificatie",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(0, c as u16, *k).expect("w");
        }
        ws.write_string(1, 0, "OV-1").expect("w");
        ws.write_string(1, 1, "Z-1").expect("w");
        ws.write_datetime_with_format(1, 2, d(3, 7), &datum)
            .expect("w");
        ws.write_string(1, 3, "categorie 1").expect("w");
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("Maatregelen").expect("name");
        for (c, k) in [
            "Maatregelnummer",
            "Overtredingnummer",
            "Instrument",
            "Datum opgelegd",
            "Status",
            "Bedrag",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(0, c as u16, *k).expect("w");
        }
        for (r, (id, instr, status)) in [("MR-1", "LOD", "Verbeurd"), ("MR-2", " bsb ", "Loopt")]
            .into_iter()
            .enumerate()
        {
            let r = r as u32 + 1;
            ws.write_string(r, 0, id).expect("w");
            ws.write_string(r, 1, "OV-1").expect("w");
            ws.write_string(r, 2, instr).expect("w");
            ws.write_datetime_with_format(r, 3, d(4, 1), &datum)
                .expect("w");
            ws.write_string(r, 4, status).expect("w");
            ws.write_number(r, 5, 12500.0).expect("w");
        }
    }
    wb.save_to_buffer().expect("xlsx")
}

fn write(dir: &std::path::Path, rel: &str, bytes: &[u8]) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, bytes).expect("write");
}

#[test]
fn excel_workbook_through_a_profile_and_mapping_tables() {
    let dir = tempfile::tempdir().expect("tmp");
    write(
        dir.path(),
        "2024/GM0599/squit-export.xlsx",
        &rotterdam_workbook("Inspecties"),
    );
    let c = compute(dir.path());
    let r = &c.uitkomst.records;
    // Z-3's "Steekproef" is in no table: quarantined with the raw value, never guessed.
    assert_eq!(r.controles.len(), 2);
    let z1 = &r.controles.rij(0);
    assert_eq!(z1.controle_id, "Z-1");
    assert_eq!(z1.controletype, Some("periodieke_controle"));
    assert_eq!(z1.resultaat, Some("overtreden"));
    assert_eq!(z1.controledatum.to_string(), "2024-03-07");
    assert_eq!(z1.brzo, Some(false));
    // Lineage: the Excel row number, after the title rows.
    assert_eq!(z1.bron.bestand, "2024/GM0599/squit-export.xlsx#Inspecties");
    assert_eq!(z1.bron.regel, 4);
    assert_eq!(
        r.controles.rij(1).controletype,
        Some("incidentele_controle")
    );
    assert_eq!(r.controles.rij(1).resultaat, Some("nageleefd"));
    let q = &c.uitkomst.quarantaine;
    assert_eq!(q.len(), 1);
    assert_eq!(
        (
            q[0].reden,
            q[0].kolom.as_deref(),
            q[0].waarde.as_deref(),
            q[0].regel
        ),
        ("code_onbekend", Some("controletype"), Some("Steekproef"), 6)
    );
    // Rotterdam's categorie 1 is zwaar (a party-specific row).
    assert_eq!(r.overtredingen.rij(0).ernst, "zwaar");
    assert_eq!(r.overtredingen.rij(0).ernst_bron, ErnstBron::Geleverd);
    // (maatregel_id, handhavingsinstrument, status, bedrag) of each measure.
    type Maatregel<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<f64>);
    let instr: Vec<Maatregel> = r
        .maatregelen
        .iter()
        .map(|m| {
            (
                m.maatregel_id,
                m.handhavingsinstrument,
                m.status,
                m.bedrag_eur,
            )
        })
        .collect();
    assert_eq!(
        instr,
        vec![
            (
                "MR-1",
                Some("last_onder_dwangsom"),
                Some("uitgewerkt"),
                Some(12500.0)
            ),
            (
                "MR-2",
                Some("bestuurlijke_strafbeschikking"),
                Some("in_uitvoering"),
                Some(12500.0)
            ),
        ]
    );
    // Profile-described structure is no deviation: no warnings at all.
    let waarschuwingen: u64 = c.uitkomst.bevindingen.waarschuwingen();
    assert_eq!(waarschuwingen, 0);
    // Every translation is counted for the audit trail (manifest and feedback page).
    let vertaald: Vec<(&str, &str, &str, &str, u64)> = c
        .uitkomst
        .vertaald
        .iter()
        .map(|((_, _, kolom, lokaal, landelijk, tabel), n)| {
            (
                kolom.as_str(),
                lokaal.as_str(),
                landelijk.as_str(),
                tabel.as_str(),
                *n,
            )
        })
        .collect();
    assert_eq!(
        vertaald,
        vec![
            (
                "controletype",
                "Klacht",
                "incidentele_controle",
                "instrumenten-squit",
                1
            ),
            (
                "controletype",
                "Periodiek",
                "periodieke_controle",
                "instrumenten-squit",
                1
            ),
            (
                "resultaat",
                "Geen overtreding",
                "nageleefd",
                "instrumenten-squit",
                1
            ),
            (
                "resultaat",
                "Overtreding",
                "overtreden",
                "instrumenten-squit",
                2
            ),
            (
                "handhavingsinstrument",
                "LOD",
                "last_onder_dwangsom",
                "instrumenten-squit",
                1
            ),
            (
                "handhavingsinstrument",
                "bsb",
                "bestuurlijke_strafbeschikking",
                "instrumenten-squit",
                1
            ),
            ("status", "Loopt", "in_uitvoering", "instrumenten-squit", 1),
            ("status", "Verbeurd", "uitgewerkt", "instrumenten-squit", 1),
            ("ernst", "categorie 1", "zwaar", "ernst-categorie-123", 1),
        ]
    );
    // The unmapped value is listed for the mapping table.
    assert_eq!(
        vth::harmonise::mapping::te_vullen(&c.uitkomst.niet_gemapt),
        "partij,kolom,lokale_waarde,aantal,landelijke_code,toelichting\nGM0599,controletype,Steekproef,1,,kies een code uit codelijsten/controletype.csv\n"
    );
}

#[test]
fn a_sheet_named_in_the_profile_that_is_missing_refuses_the_delivery() {
    let dir = tempfile::tempdir().expect("tmp");
    write(
        dir.path(),
        "2024/GM0599/squit-export.xlsx",
        &rotterdam_workbook("Blad1"),
    );
    let c = compute(dir.path());
    let l = &c.uitkomst.leveringen[0];
    assert_eq!(l.status, "geweigerd");
    let reden = l.reden.clone().unwrap_or_default();
    assert!(
        reden.contains("Inspecties") && reden.contains("Blad1"),
        "{reden}"
    );
    // The sheets that exist are counted and set aside with the refusal.
    let d7: Vec<(String, u64, u64)> = c
        .uitkomst
        .reconciliatie
        .iter()
        .map(|r| (r.bestand.clone(), r.gelezen, r.quarantaine))
        .collect();
    assert_eq!(
        d7,
        vec![
            ("2024/GM0599/squit-export.xlsx#Inspecties".into(), 0, 0),
            ("2024/GM0599/squit-export.xlsx#Maatregelen".into(), 2, 2),
            ("2024/GM0599/squit-export.xlsx#Overtredingen".into(), 1, 1),
        ]
    );
}

#[test]
fn a_workbook_with_sheets_named_after_the_tables_needs_no_profile() {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Controles").expect("name");
    for (c, k) in C_KOP.trim().split(',').enumerate() {
        ws.write_string(0, c as u16, k).expect("w");
    }
    for (c, v) in [
        "C1",
        "X",
        "GM0363",
        "GM0363",
        "2024-06-01",
        "audit",
        "",
        "",
        "nageleefd",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(1, c as u16, *v).expect("w");
    }
    ws.write_number(2, 0, 12345.0).expect("w");
    for (c, v) in ["X", "GM0363", "GM0363", "01-07-2024"].iter().enumerate() {
        ws.write_string(2, c as u16 + 1, *v).expect("w");
    }
    let dir = tempfile::tempdir().expect("tmp");
    write(
        dir.path(),
        "2024/GM0363/levering 2024.xlsx",
        &wb.save_to_buffer().expect("xlsx"),
    );
    let c = compute(dir.path());
    let ids: Vec<&str> = c
        .uitkomst
        .records
        .controles
        .iter()
        .map(|c| c.controle_id)
        .collect();
    // A whole number in a numeric cell is an id without ".0".
    assert_eq!(ids, vec!["C1", "12345"]);
    assert_eq!(c.uitkomst.bevindingen.aantal(Regel::DatumNl), 1);
}

#[test]
fn tab_separated_with_a_party_date_format_renames_and_local_words() {
    // Utrecht (queries/profielen/GM0344.toml): .txt files, d/m/y dates, own column
    // names, "Dwangsom" and "Middel zwaar" through the mapping tables.
    let c_kop = "inspectie\tlocatie\tbevoegd_gezag\tgemeente_code\tcontroledatum\tcontroletype\ttaak\tbrzo\tresultaat\n";
    let dir = tree(&[
        ("2024/GM0344/inspecties.txt", &format!("{c_kop}U1\tOudegracht 1\tGM0344\tGM0344\t04/03/2024\tperiodieke_controle\t\tNee\tovertreden\nU2\tNeude 2\tGM0344\tGM0344\t2024-03-05\tHercontrole\t\t\tnageleefd\n")),
        ("2024/GM0344/overtredingen.txt", "overtreding_id\tcontrole_id\tovertredingsdatum\ternst\nUV1\tU1\t04/03/2024\tMiddel zwaar\nUV2\tU1\t04/03/2024\tcategorie 1\n"),
        ("2024/GM0344/maatregelen.txt", "maatregel_id\tovertreding_id\thandhavingsinstrument\tdatum_opleggen\tbedrag_eur\nUM1\tUV1\tDwangsom\t15/03/2024\t1.500,00\nUM2\tUV1\tVooraankondiging\t10/03/2024\t\n"),
    ]);
    let c = compute(dir.path());
    let r = &c.uitkomst.records;
    assert_eq!(
        r.controles
            .iter()
            .map(|c| (c.controle_id, c.object_id, c.controledatum.to_string()))
            .collect::<Vec<_>>(),
        vec![
            ("U1", "Oudegracht 1", "2024-03-04".to_string()),
            ("U2", "Neude 2", "2024-03-05".to_string())
        ]
    );
    assert_eq!(r.overtredingen.len(), 1);
    assert_eq!(r.overtredingen.rij(0).ernst, "middelzwaar");
    // The same words as Rotterdam's, but Utrecht has no categorie scale: never guessed.
    let q: Vec<(&str, Option<&str>)> = c
        .uitkomst
        .quarantaine
        .iter()
        .map(|q| (q.reden, q.waarde.as_deref()))
        .collect();
    assert_eq!(q, vec![("code_onbekend", Some("categorie 1"))]);
    let m: Vec<(Option<&str>, Option<f64>)> = r
        .maatregelen
        .iter()
        .map(|m| (m.handhavingsinstrument, m.bedrag_eur))
        .collect();
    assert_eq!(
        m,
        vec![
            (Some("last_onder_dwangsom"), Some(1500.0)),
            (Some("waarschuwing"), None)
        ]
    );
    // Safe automatic handling is still reported: tab (3 files), Nee, Hercontrole,
    // decimal comma. The profile's own date format is no deviation.
    for (regel, n) in [
        (Regel::Scheidingsteken, 3),
        (Regel::JaNeeVariant, 1),
        (Regel::CodeSchrijfwijze, 1),
        (Regel::DecimaleKomma, 1),
        (Regel::DatumNl, 0),
    ] {
        assert_eq!(c.uitkomst.bevindingen.aantal(regel), n, "{regel:?}");
    }
}

#[test]
fn without_a_profile_local_words_stay_unmapped() {
    // omwb has no profile: "Dwangsom" maps for Utrecht, not for omwb.
    let dir = tree(&[
        ("2024/omwb/controles.csv", &format!("{C_KOP}B1,X,GM0855,GM0855,2024-02-01,,,,\n")),
        ("2024/omwb/overtredingen.csv", "overtreding_id,controle_id,overtredingsdatum,ernst\nBV1,B1,2024-02-01,zwaar\n"),
        ("2024/omwb/handhavingsmaatregelen.csv", "maatregel_id,overtreding_id,handhavingsinstrument,datum_opleggen\nBM1,BV1,Dwangsom,2024-02-10\nBM2,BV1,last_onder_dwangsom,2024-02-11\n"),
    ]);
    let c = compute(dir.path());
    let q: Vec<(&str, Option<&str>, Option<&str>)> = c
        .uitkomst
        .quarantaine
        .iter()
        .map(|q| (q.reden, q.kolom.as_deref(), q.waarde.as_deref()))
        .collect();
    assert_eq!(
        q,
        vec![(
            "code_onbekend",
            Some("handhavingsinstrument"),
            Some("Dwangsom")
        )]
    );
    assert_eq!(c.uitkomst.records.maatregelen.len(), 1);
}

#[test]
fn mapping_tables_and_profiles_are_checked_when_the_run_starts() {
    let project = project();
    let codelijsten =
        vth::reference::Codelijsten::load(&project.join("queries/codelijsten")).expect("codes");
    let dir = tempfile::tempdir().expect("tmp");
    let check = |naam: &str, inhoud: &str| {
        let d = dir.path().join(naam);
        std::fs::create_dir_all(&d).expect("mkdir");
        std::fs::write(d.join("t.csv"), inhoud).expect("write");
        vth::harmonise::mapping::load(&d, &codelijsten)
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    let e = check(
        "a",
        "kolom,lokale_waarde,landelijke_code\nhandhavingsinstrument,LOD,dwangsom\n",
    )
    .expect_err("unknown code");
    assert!(
        e.contains("line 2") && e.contains("`dwangsom`") && e.contains("handhavingsinstrument"),
        "{e}"
    );
    let e = check(
        "b",
        "kolom,lokale_waarde,landelijke_code\nernst,Cat 1,zwaar\nernst, cat  1 ,licht\n",
    )
    .expect_err("two ways");
    assert!(e.contains("line 3") && e.contains("line 2"), "{e}");
    let e = check("c", "kolom,lokale_waarde,landelijke_code\nobject_id,X,Y\n")
        .expect_err("not mappable");
    assert!(e.contains("cannot be mapped"), "{e}");
    // An empty national code is a row still to be decided: it maps nothing.
    check("d", "partij,kolom,lokale_waarde,aantal,landelijke_code,toelichting\nomwb,handhavingsinstrument,Dwangsom,3,,\n").expect("loads");

    let p = dir.path().join("profielen");
    std::fs::create_dir_all(&p).expect("mkdir");
    std::fs::write(
        p.join("GM0014.toml"),
        "partij = \"GM0014\"\nmappings = [\"bestaat-niet\"]\n",
    )
    .expect("write");
    let e = vth::ingest::profile::load(&p, &["instrumenten-squit".to_string()])
        .expect_err("unknown table")
        .to_string();
    assert!(
        e.contains("GM0014.toml") && e.contains("bestaat-niet"),
        "{e}"
    );
    std::fs::write(
        p.join("GM0014.toml"),
        "partij = \"GM0014\"\n[kolommen.controles]\n\"Zaak\" = \"zaak_id\"\n",
    )
    .expect("write");
    let e = vth::ingest::profile::load(&p, &[])
        .expect_err("unknown column")
        .to_string();
    assert!(e.contains("zaak_id"), "{e}");
}

#[test]
fn an_unknown_code_runs_to_the_end_and_is_listed() {
    let dir = tree(&[
        (
            "in/2024/odh/controles.csv",
            &format!("{C_KOP}A1,X,GM0518,GM0518,2024-05-01,spoedcontrole,,,\nA2,X,GM0518,GM0518,2024-06-01,audit,,,\nA3,X,GM0518,GM0518,2024-06-02,spoedcontrole,,,\n"),
        ),
        ("in/2024/odru/controles.csv", &format!("{C_KOP}B1,Y,GM0344,GM0344,2024-05-01,,,,\n")),
    ]);
    let (input, out) = (dir.path().join("in"), dir.path().join("out"));
    vth_run(&input, &out).assert().success();
    let q = vth::engine::read_parquet(&out.join("restricted/quarantaine.parquet")).expect("q");
    assert_eq!(
        q.str("waarde"),
        Some(
            &[
                Some("spoedcontrole".to_string()),
                Some("spoedcontrole".to_string())
            ][..]
        )
    );
    let ctl = vth::engine::read_parquet(&out.join("restricted/controles.parquet")).expect("c");
    assert_eq!(
        ctl.str("controle_id"),
        Some(&[Some("A2".to_string()), Some("B1".to_string())][..])
    );
    let lijst = dir.path().join("te-mappen.csv");
    let assert = vth()
        .args(["unmapped", "--input"])
        .arg(&input)
        .arg("--to")
        .arg(&lijst)
        .assert()
        .success();
    assert!(
        String::from_utf8_lossy(&assert.get_output().stdout).contains("1 unmapped values written")
    );
    assert_eq!(
        std::fs::read_to_string(&lijst).expect("listing"),
        "partij,kolom,lokale_waarde,aantal,landelijke_code,toelichting\nodh,controletype,spoedcontrole,2,,kies een code uit codelijsten/controletype.csv\n"
    );
    // The listing is a valid mapping table as it stands (empty codes map nothing).
    let codelijsten =
        vth::reference::Codelijsten::load(&project().join("queries/codelijsten")).expect("codes");
    let d = dir.path().join("mappings");
    std::fs::create_dir_all(&d).expect("mkdir");
    std::fs::copy(&lijst, d.join("odh.csv")).expect("copy");
    vth::harmonise::mapping::load(&d, &codelijsten).expect("loads as a mapping table");
}

/// Excel's `sep=;` first line declares the delimiter: the header follows on line 2,
/// every row keeps its physical line, and the line is reported as a warning.
#[test]
fn excels_sep_line_declares_the_delimiter() {
    let tekst = "sep=;\r\ncontrole_id;object_id;bevoegd_gezag;gemeente_code;controledatum;controletype;taak;brzo;resultaat\r\nC1;X;GM0518;GM0518;2024-05-01;;;;\r\nC2;X;GM0518;GM9999;2024-05-02;;;;\r\n";
    let dir = tree(&[("2024/odh/controles.csv", tekst)]);
    let c = compute(dir.path());
    let r = &c.uitkomst.reconciliatie[0];
    assert_eq!((r.gelezen, r.geaccepteerd, r.quarantaine), (2, 1, 1));
    assert_eq!(c.quarantaine_regels(), [(4, "gemeente_onbekend")]);
    assert_eq!(c.uitkomst.records.controles.rij(0).bron.regel, 3);
    assert_eq!(c.uitkomst.bevindingen.aantal(Regel::ExcelSep), 1);
    assert_eq!(c.uitkomst.bevindingen.aantal(Regel::Scheidingsteken), 1);
    assert_eq!(c.uitkomst.leveringen[0].status, "aangeleverd");
}
