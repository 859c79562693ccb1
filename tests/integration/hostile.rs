//! Real export habits and hostile values (issue: nothing skipped, guessed or
//! corrupted in silence). One test per case, each on its own small delivery.

use std::path::Path;

use crate::contract::{Levering, C1};
use crate::helpers::*;

fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

fn d1<'a>(c: &'a Computed, partij: &str) -> &'a vth::indicators::datakwaliteit::KwaliteitRij {
    c.dq.iter()
        .find(|r| r.indicator_id == "D1" && r.partij == partij)
        .unwrap_or_else(|| panic!("no D1 row for {partij}"))
}

/// Case 1: A party with a profile that delivers the exchange format's own files is read
/// (with a warning), a file that is no table is named everywhere, and a party folder
/// with nothing readable is in D1 as `niet_gelezen`.
#[test]
fn a_party_that_delivers_canonical_files_despite_its_profile_is_read() {
    let dir = Levering::new().partij("GM0344").write();
    let gm = dir.path().join("2024/GM0344");
    std::fs::write(gm.join("notities.txt"), "zie bijlage\n").unwrap();
    let leeg = dir.path().join("2024/GM0363");
    std::fs::create_dir_all(&leeg).unwrap();
    std::fs::write(leeg.join("export.docx"), "geen tabel").unwrap();

    let c = compute(dir.path());
    let gelezen: u64 = c
        .uitkomst
        .reconciliatie
        .iter()
        .map(|r| r.geaccepteerd)
        .sum();
    assert_eq!(
        gelezen, 3,
        "one controle, overtreding and maatregel of GM0344"
    );
    assert_eq!(
        c.uitkomst
            .bevindingen
            .aantal(vth::validate::rules::Regel::ProfielNietGevolgd),
        3
    );
    let gm0344 = d1(&c, "GM0344");
    assert_eq!(
        gm0344.dimensie_waarde.as_deref(),
        Some("gedeeltelijk_gelezen")
    );
    assert_eq!(
        gm0344.toelichting.as_deref(),
        Some("niet gelezen: notities.txt (not a table of the exchange format; a party profile in queries/profielen/ can describe it)")
    );
    let gm0363 = d1(&c, "GM0363");
    assert_eq!(gm0363.dimensie_waarde.as_deref(), Some("niet_gelezen"));
    assert_eq!(gm0363.verwacht, Some(false));

    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let a = vth_run_with_key(dir.path(), &out).assert().success();
    let s = stdout(&a);
    assert!(s.contains("2 files not read"), "{s}");
    assert!(
        s.contains("not read: 2024/GM0344/notities.txt: not a table"),
        "{s}"
    );
    assert!(
        s.contains("not read: 2024/GM0363/export.docx: not a table"),
        "{s}"
    );
    let pagina = std::fs::read_to_string(out.join("rapport/terugkoppeling-GM0344.html")).unwrap();
    assert!(pagina.contains("Niet gelezen:"), "feedback page");
    assert!(pagina.contains("notities.txt"), "feedback page");
    assert!(pagina.contains("profiel_niet_gevolgd"), "feedback page");
}

/// Case 2: Excel's "Unicode text": UTF-16 LE with BOM, tab separated.
#[test]
fn excel_unicode_text_is_read() {
    let tekst =
        format!("{C_KOP}C1,Café ’t Hoekje,GM0518,GM0518,2024-05-01,,,,\n").replace(',', "\t");
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(tekst.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let dir = Levering::new().controles(bytes).write();
    let c = compute(dir.path());
    assert_eq!(c.uitkomst.leveringen[0].status, "aangeleverd");
    assert_eq!(c.uitkomst.records.controles.len(), 1);
    assert_eq!(
        c.uitkomst.records.controles.rij(0).object_id,
        "Café ’t Hoekje"
    );
    assert_eq!(
        c.uitkomst
            .bevindingen
            .aantal(vth::validate::rules::Regel::Utf16),
        1
    );
}

/// Case 3: One stray Windows-1252 byte in a UTF-8 file touches only its own row; the
/// correct "één" elsewhere stays "één".
#[test]
fn a_stray_byte_sets_aside_only_its_row() {
    let mut bytes = format!("{C_KOP}C1,één,GM0518,GM0518,2024-05-01,,,,\n").into_bytes();
    bytes.extend_from_slice(b"C2,caf\xE9,GM0518,GM0518,2024-05-02,,,,\n");
    bytes.extend_from_slice("C3,twée,GM0518,GM0518,2024-05-03,,,,\n".as_bytes());
    let dir = Levering::new().controles(bytes).write();
    let c = compute(dir.path());
    let objecten: Vec<&str> = c
        .uitkomst
        .records
        .controles
        .iter()
        .map(|r| r.object_id)
        .collect();
    assert_eq!(objecten, ["één", "twée"]);
    let q = &c.uitkomst.quarantaine;
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!((q[0].regel, q[0].reden), (3, "tekenset"));
    assert_eq!(q[0].waarde.as_deref(), Some("0xE9"));
    assert!(q[0]
        .melding
        .contains("regel 3 bevat bytes die geen UTF-8 zijn"));
    assert_eq!(c.uitkomst.leveringen[0].status, "aangeleverd");
}

/// Case 4: The same column twice (with other letter case and spaces) makes the file
/// unreadable, naming both positions.
#[test]
fn the_same_column_twice_is_refused() {
    let kop = C_KOP.trim_end().to_string() + ", Gemeente_Code \n";
    let rij = C1.trim_end().to_string() + ",GM0344\n";
    let dir = Levering::new()
        .controles(format!("{kop}{rij}").into_bytes())
        .write();
    let c = compute(dir.path());
    let l = &c.uitkomst.leveringen[0];
    assert_eq!(l.status, "geweigerd");
    let reden = l.reden.as_deref().unwrap_or_default();
    assert!(
        reden.contains(
            "de kolom `gemeente_code` staat twee keer in de kopregel (kolom 4 en kolom 10)"
        ),
        "{reden}"
    );
    assert!(c.uitkomst.records.controles.is_empty());
}

/// 4b. A corrupt export with a header of 200,000 column names costs time in
/// proportion to its bytes. Before, every name was compared with every earlier one:
/// 40,000 names took 86 s, so 200,000 would take over half an hour and this test
/// would not finish in the suite's time. A duplicate at the very end is found and
/// named; without a required column the message names 30 columns and how many more.
#[test]
fn a_header_of_200000_names_is_read_or_refused_with_its_reason() {
    let n = 200_000;
    let namen: Vec<String> = (0..n).map(|i| format!("extra_{i}")).collect();
    let kop = format!("{},{}", C_KOP.trim_end(), namen.join(","));
    let rij = format!("{},{}", C1.trim_end(), vec!["v"; n].join(","));
    let dir = Levering::new()
        .controles(format!("{kop}\n{rij}\n").into_bytes())
        .write();
    let c = compute(dir.path());
    assert_eq!(c.uitkomst.leveringen[0].status, "aangeleverd");
    assert_eq!(c.uitkomst.records.controles.len(), 1);
    assert_eq!(
        c.uitkomst
            .extra_kolommen
            .values()
            .map(Vec::len)
            .sum::<usize>(),
        n
    );

    let dubbel = format!("{kop},Extra_7\n{rij},v\n");
    let dir = Levering::new().controles(dubbel.into_bytes()).write();
    let c = compute(dir.path());
    let reden = c.uitkomst.leveringen[0].reden.clone().unwrap_or_default();
    assert!(
        reden.contains(
            "de kolom `extra_7` staat twee keer in de kopregel (kolom 17 en kolom 200010)"
        ),
        "{reden}"
    );

    let zonder_id = kop.replacen("controle_id,", "", 1);
    let rij_zonder_id = rij
        .split_once(',')
        .map(|(_, r)| r.to_string())
        .unwrap_or_default();
    let dir = Levering::new()
        .controles(format!("{zonder_id}\n{rij_zonder_id}\n").into_bytes())
        .write();
    let c = compute(dir.path());
    let reden = c.uitkomst.leveringen[0].reden.clone().unwrap_or_default();
    assert!(
        reden.contains("verplichte kolom(men) controle_id ontbreken"),
        "{reden}"
    );
    assert!(
        reden.contains("… en nog 199978 kolommen"),
        "{}",
        &reden[..reden.len().min(600)]
    );
    assert!(reden.len() < 2_000, "{}", reden.len());
}

/// 4c. Rows wider or narrower than the header cost their own fields. Before, every
/// column a row opened held a value for every row before it in its piece, and
/// every narrower row one in every column it lacked: the wide last row below
/// filled 2 × 10^10 values (80 GB) and the narrow rows as many again; a file read
/// in pieces under a header of 200,000 names reserved a piece's size for every
/// name in every piece, and the run aborted.
#[test]
fn rows_much_wider_or_narrower_than_the_header_cost_their_own_fields() {
    let n = 100_000;
    let rij = |k: usize| format!("W{k},OBJ{k},GM0518,GM0518,2024-05-01,,,,\n");
    let regels = |tekst: &str| {
        let c = compute(
            Levering::new()
                .controles(tekst.as_bytes().to_vec())
                .write()
                .path(),
        );
        let r = c
            .uitkomst
            .reconciliatie
            .iter()
            .find(|r| r.bestand.ends_with("controles.csv"))
            .cloned()
            .expect("controles.csv reconciled");
        // The delivery's other files hold rows that name these controles.
        let reden: Vec<(u64, &str)> = c
            .uitkomst
            .quarantaine
            .iter()
            .filter(|q| q.bestand.ends_with("controles.csv"))
            .map(|q| (q.regel, q.reden))
            .collect();
        (
            r.gelezen,
            r.geaccepteerd,
            reden.len(),
            reden.first().copied(),
        )
    };

    // After 100,000 rows, one of 200,000 fields more than the header: set aside
    // on its line (the header is line 1).
    let mut tekst = String::from(C_KOP);
    tekst.extend((0..n).map(rij));
    tekst.push_str(&format!(
        "{},{}\n",
        C1.trim_end(),
        vec!["v"; 200_000].join(",")
    ));
    assert_eq!(
        regels(&tekst),
        (
            n as u64 + 1,
            n as u64,
            1,
            Some((n as u64 + 2, "aantal_velden"))
        )
    );

    // Under a header of 200,000 names more, the same 100,000 rows are each
    // narrower than it: every one set aside, the first on line 2.
    let namen: Vec<String> = (0..200_000).map(|i| format!("extra_{i}")).collect();
    let kop = format!("{},{}\n", C_KOP.trim_end(), namen.join(","));
    let mut tekst = kop.clone();
    tekst.extend((0..n).map(rij));
    assert_eq!(regels(&tekst), (n as u64, 0, n, Some((2, "aantal_velden"))));

    // A file read in pieces (over 16 MiB) whose 100 rows fill the 200,009
    // columns: every row a controle.
    let mut tekst = kop;
    for k in 0..100 {
        tekst.push_str(&format!(
            "W{k},OBJ{k},GM0518,GM0518,2024-05-01,,,,,{}\n",
            vec!["v"; 200_000].join(",")
        ));
    }
    assert!(tekst.len() > 32 << 20, "{} bytes", tekst.len());
    assert_eq!(regels(&tekst), (100, 100, 0, None));
}

/// 4d. JSON records with many keys cost their bytes. Before, every new key was
/// compared with every earlier one, every key of a record with the record's
/// earlier keys, and every record got a field for every key of the file: 20,000
/// records with a key of their own took 5.7 s and a record of 50,000 keys 2.2 s,
/// each growing with the square (the cases below would not finish).
#[test]
fn json_records_with_many_keys_cost_their_bytes() {
    let n = 100_000;
    let record = |k: usize| {
        format!(
            r#"{{"controle_id": "W{k}", "object_id": "O{k}", "bevoegd_gezag": "WS15", "gemeente_code": "GM0599", "controledatum": "2024-04-02", "extra_{k}": "v{k}"}}"#
        )
    };
    // Each record brings a key of its own: 100,000 extra columns, and every
    // record a controle on its own line (the array opens on line 1).
    let json = format!(
        "[\n{}\n]\n",
        (0..n).map(record).collect::<Vec<_>>().join(",\n")
    );
    let c = compute(tree(&[("2024/WS15/controles.json", json.as_str())]).path());
    let controles = &c.uitkomst.records.controles;
    assert_eq!(controles.len(), n);
    let laatste = controles.rij(n - 1);
    assert_eq!(
        (laatste.controle_id, laatste.bron.regel),
        ("W99999", 100_001)
    );
    let extra = &c.uitkomst.extra_kolommen["2024/WS15/controles.json"];
    assert_eq!(extra.len(), n);
    assert_eq!(extra[n - 1], "extra_99999");

    // One record of 200,000 keys, the last a repeat of the first extra key in
    // other capitals: refused, naming both spellings.
    let sleutels: Vec<String> = (0..200_000).map(|i| format!(r#""extra_{i}": 1"#)).collect();
    let json = format!(
        r#"[{{"controle_id": "W1", "object_id": "O1", "bevoegd_gezag": "WS15", "gemeente_code": "GM0599", "controledatum": "2024-04-02", {}, "EXTRA_0": 2}}]"#,
        sleutels.join(", ")
    );
    let c = compute(tree(&[("2024/WS15/controles.json", json.as_str())]).path());
    let reden = c.uitkomst.leveringen[0].reden.clone().unwrap_or_default();
    assert!(
        reden.contains(
            "de sleutel `extra_0` staat twee keer in het record (als `extra_0` en `EXTRA_0`)"
        ),
        "{reden}"
    );
}

/// Case 5: A 3 MB value goes to quarantine, and no page shows more than 200 characters
/// of it.
#[test]
fn a_huge_value_is_set_aside_and_cut_on_every_page() {
    let groot = "x".repeat(3_000_000);
    let dir = Levering::new()
        .c(&format!("C2,OBJ2,GM0518,GM0518,2024-06-01,{groot},,,\n"))
        .write();
    let c = compute(dir.path());
    let q = &c.uitkomst.quarantaine;
    assert_eq!(q.len(), 1);
    assert_eq!(
        (q[0].reden, q[0].kolom.as_deref()),
        ("waarde_te_lang", Some("controletype"))
    );
    assert_eq!(
        q[0].waarde.as_deref(),
        Some(format!("{}…", "x".repeat(200)).as_str())
    );
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    vth_run_with_key(dir.path(), &out).assert().success();
    for e in std::fs::read_dir(out.join("rapport")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "html") {
            let html = std::fs::read_to_string(&p).unwrap();
            assert!(!html.contains(&"x".repeat(201)), "{}", p.display());
        }
    }
    let pagina = std::fs::read_to_string(out.join("rapport/terugkoppeling-odh.html")).unwrap();
    assert!(pagina.contains(&format!("{}…", "x".repeat(200))));
    assert!(pagina.len() < 100_000, "{} bytes", pagina.len());
}

/// Case 6: Spreadsheet formulas as local codes are neutralised in `vth unmapped`, and
/// the filled-in table still matches the raw values.
#[test]
fn formulas_in_local_codes_do_not_run_in_a_spreadsheet() {
    let formules = [
        "=HYPERLINK(\"http://x\";\"klik\")",
        "+cmd|' /C calc'!A0",
        "@SUM(A1:A9)",
    ];
    let mut m = String::new();
    for (i, f) in formules.iter().enumerate() {
        let cel = format!("\"{}\"", f.replace('"', "\"\""));
        m.push_str(&format!("M{},V1,{cel},2024-06-01,,opgelegd,\n", i + 2));
    }
    let dir = Levering::new().m(&m).write();
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("te-mappen.csv");
    vth()
        .args(["unmapped", "--input"])
        .arg(dir.path())
        .arg("--to")
        .arg(&csv)
        .assert()
        .success();
    let tekst = std::fs::read_to_string(&csv).unwrap();
    let mut rdr = csv::Reader::from_reader(tekst.as_bytes());
    let lokaal: Vec<String> = rdr.records().map(|r| r.unwrap()[2].to_string()).collect();
    let mut verwacht: Vec<String> = formules.iter().map(|f| format!("'{f}")).collect();
    verwacht.sort();
    assert_eq!(lokaal, verwacht);
    // The team fills in the codes and saves the table as a mapping table.
    let mappings = tmp.path().join("mappings");
    std::fs::create_dir_all(&mappings).unwrap();
    let gevuld = tekst.replace(",,kies een code", ",waarschuwing,kies een code");
    std::fs::write(mappings.join("formules.csv"), gevuld).unwrap();
    let codelijsten =
        vth::reference::Codelijsten::load(&project().join("queries/codelijsten")).unwrap();
    let tabellen = vth::harmonise::mapping::load(&mappings, &codelijsten).unwrap();
    let profiel = vth::ingest::profile::Profiel {
        partij: "odh".into(),
        mappings: vec!["formules".into()],
        ..Default::default()
    };
    let v = vth::harmonise::mapping::Vertaling::nieuw("odh", Some(&profiel), &tabellen).unwrap();
    for f in formules {
        assert_eq!(
            v.vertaal("handhavingsinstrument", f),
            Some(("waarschuwing", "formules")),
            "{f}"
        );
    }
}

/// odh's 2024 delivery as a workbook: a sheet `controles` of `n` rows like C1 (ids
/// C1…Cn), `extra` writing more cells in each row, and empty overtredingen and
/// maatregelen.
fn werkboek(n: u32, extra: impl Fn(&mut rust_xlsxwriter::Worksheet, u32)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("2024/odh");
    std::fs::create_dir_all(&d).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let blad = wb.add_worksheet().set_name("controles").unwrap();
    for (k, kol) in C_KOP.trim_end().split(',').enumerate() {
        blad.write_string(0, k as u16, kol).unwrap();
    }
    for r in 1..=n {
        for (k, v) in C1.trim_end().split(',').enumerate() {
            let v = if k == 0 {
                format!("C{r}")
            } else {
                v.to_string()
            };
            blad.write_string(r, k as u16, v).unwrap();
        }
        extra(blad, r);
    }
    wb.save(d.join("levering.xlsx")).unwrap();
    std::fs::write(d.join("overtredingen.csv"), V_KOP).unwrap();
    std::fs::write(d.join("handhavingsmaatregelen.csv"), M_KOP).unwrap();
    dir
}

/// Case 7: A workbook sheet over the row limit, or a part that inflates beyond the
/// limit, is refused before it is read whole (limits lowered in the configuration
/// so the fixture stays small; the defaults are Excel's 1,048,576 rows and 1 GiB).
#[test]
fn a_workbook_beyond_the_limits_is_refused_unread() {
    let dir = werkboek(20, |_, _| {});

    let ruim = compute(dir.path());
    assert_eq!(ruim.uitkomst.records.controles.len(), 20);

    let rijen = compute_with(dir.path(), |c| c.file.grenzen.max_blad_rijen = 10);
    let l = &rijen.uitkomst.leveringen[0];
    assert_eq!(l.status, "geweigerd");
    let reden = l.reden.as_deref().unwrap_or_default();
    assert!(
        reden.contains("blad `controles` heeft meer dan 10 rijen"),
        "{reden}"
    );

    // The workbook is not opened at all, so its tables are unknown: it is listed
    // as not read, with the reason, and the delivery is partly read.
    let zip = compute_with(dir.path(), |c| c.file.grenzen.max_zip_deel_mb = 0);
    assert!(zip.uitkomst.records.controles.is_empty());
    let l = &zip.uitkomst.leveringen[0];
    assert_eq!(l.status, "gedeeltelijk_gelezen");
    let reden = l.reden.as_deref().unwrap_or_default();
    assert!(
        reden.contains("levering.xlsx (workbook not read: het onderdeel"),
        "{reden}"
    );
    assert!(
        reden.contains("pakt uit tot 0 MiB, meer dan de grens van 0 MiB"),
        "{reden}"
    );
}

/// 7b. A cell far to the right costs itself, not a field for every column before
/// it: 50,000 rows each with a cell in Excel's last column (XFD). Before, each row
/// was held 16,384 fields wide (8 × 10^8 fields in all) and the run did not
/// finish. A filled far cell makes its row 16,384 wide, set aside; a blank one is
/// dropped, as a sheet's trailing empty cells are.
#[test]
fn a_cell_in_excels_last_column_costs_itself() {
    let n = 50_000u32;
    let dir = werkboek(n, |blad, r| {
        let ver = if r % 2 == 0 { "x" } else { " " };
        blad.write_string(r, 16_383, ver).unwrap();
    });

    let c = compute(dir.path());
    assert_eq!(c.uitkomst.records.controles.len(), n as usize / 2);
    let breed: Vec<(u64, Option<&str>)> = c
        .uitkomst
        .quarantaine
        .iter()
        .filter(|q| q.reden == "aantal_velden")
        .map(|q| (q.regel, q.waarde.as_deref()))
        .collect();
    assert_eq!(breed.len(), n as usize / 2);
    // Excel's row 3 (the sheet's second data row) is the first with an `x`.
    assert_eq!(breed[0], (3, Some("16384")));
    // Its raw row: the header's nine names, then the one cell beyond them.
    let ruw = &c
        .uitkomst
        .quarantaine
        .iter()
        .find(|q| q.reden == "aantal_velden")
        .map(|q| q.ruwe_rij.clone())
        .unwrap_or_default();
    assert!(ruw.starts_with(r#"{"controle_id":"C2","#), "{ruw}");
    assert!(
        ruw.ends_with(r#""resultaat":"overtreden","veld_16384":"x"}"#),
        "{ruw}"
    );
}

/// Case 8: The README's test command sets itself up: the report checks install Debian's
/// chromium when it is missing (apt-get is a stub here that records its call).
#[test]
fn the_report_checks_install_chromium_when_it_is_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let bin = tmp.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let log = tmp.path().join("calls.log");
    for tool in ["bash", "cp", "cmp", "id", "mkdir", "dirname", "cat"] {
        let echt = which(tool);
        std::os::unix::fs::symlink(echt, bin.join(tool)).unwrap();
    }
    for stub in ["apt-get", "sudo", "npm"] {
        let p = bin.join(stub);
        std::fs::write(
            &p,
            format!(
                "#!{}\necho \"{stub} $*\" >> '{}'\n",
                which("bash").display(),
                log.display()
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let st = std::process::Command::new(bin.join("bash"))
        .arg(project().join("tests/report/setup.sh"))
        .arg(tmp.path().join("tools"))
        .env_clear()
        .env("PATH", &bin)
        .status()
        .unwrap();
    assert!(st.success());
    let calls = std::fs::read_to_string(&log).unwrap();
    assert!(calls.contains("apt-get install -y -qq chromium"), "{calls}");
}

fn which(tool: &str) -> std::path::PathBuf {
    for d in ["/usr/bin", "/bin", "/usr/local/bin"] {
        let p = Path::new(d).join(tool);
        if p.exists() {
            return p;
        }
    }
    panic!("{tool} not found")
}

/// Case 9: Outside the repository root the error names the path tried and the flag,
/// and prints the OS error once; a --config elsewhere without templates beside it
/// names --templates before any work is done.
#[test]
fn outside_the_repository_the_messages_name_the_path_and_the_flag() {
    let tmp = tempfile::tempdir().unwrap();
    let a = vth()
        .current_dir(tmp.path())
        .args(["run", "--input"])
        .arg(project().join("data-samples"))
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    let pad = tmp.path().join("queries/config.toml");
    assert!(
        err.contains(&format!(
            "the batch configuration not found at {}",
            pad.display()
        )),
        "{err}"
    );
    assert!(err.contains("pass --config"), "{err}");

    let queries = tmp.path().join("elders/queries");
    copy_dir(&project().join("queries"), &queries);
    let a = vth()
        .current_dir(tmp.path())
        .args(["run", "--input"])
        .arg(project().join("data-samples"))
        .arg("--config")
        .arg(queries.join("config.toml"))
        .arg("--output")
        .arg(tmp.path().join("out"))
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(err.contains("the report templates not found at"), "{err}");
    assert!(
        err.contains("elders/report-templates; pass --templates"),
        "{err}"
    );
    assert!(!tmp.path().join("out").exists());

    // A write that fails says so, with the OS error once.
    let bestand = tmp.path().join("geen-map");
    std::fs::write(&bestand, "").unwrap();
    let a = vth()
        .current_dir(project())
        .args(["unmapped", "--input"])
        .arg(project().join("data-samples"))
        .arg("--to")
        .arg(bestand.join("te-mappen.csv"))
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(err.contains("cannot write"), "{err}");
    assert_eq!(err.matches("Not a directory").count(), 1, "{err}");
}

/// A templates folder without a file the run renders from by name (the figures'
/// words, the codebook) is refused before any data is read, naming the file.
#[test]
fn a_templates_folder_without_the_figures_words_is_refused_up_front() {
    let tmp = tempfile::tempdir().expect("tmp");
    let templates = tmp.path().join("templates");
    copy_dir(&project().join("report-templates"), &templates);
    std::fs::remove_file(templates.join("bijschriften.txt")).expect("remove");
    let a = vth()
        .args(["run", "--input"])
        .arg(project().join("data-samples"))
        .arg("--output")
        .arg(tmp.path().join("out"))
        .arg("--templates")
        .arg(&templates)
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(
        err.contains("a template the run renders from not found at"),
        "{err}"
    );
    assert!(err.contains("templates/bijschriften.txt"), "{err}");
    assert!(!tmp.path().join("out").exists());
}
