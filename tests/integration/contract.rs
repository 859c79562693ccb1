//! The data contract, rule by rule: for every rule a delivery that breaks it and the
//! exact counts that follow (findings, accepted, quarantined, delivery status).
//! A rule without a case here fails `every_rule_has_a_case`.

use std::collections::BTreeMap;

use vth::validate::rules::{Regel, Zwaarte};

use crate::helpers::*;

pub(crate) const C1: &str =
    "C1,OBJ1,GM0518,GM0518,2024-05-01,periodieke_controle,basistaak,false,overtreden\n";
pub(crate) const V1: &str = "V1,C1,2024-05-01,LHSO,2,B,,true,,\n";
pub(crate) const M1: &str = "M1,V1,waarschuwing,2024-05-10,,opgelegd,\n";

/// One valid odh 2024 delivery (one controle, overtreding, maatregel), with extra
/// lines appended per table, or a table's whole content replaced.
pub(crate) struct Levering {
    controles: Vec<u8>,
    overtredingen: Vec<u8>,
    maatregelen: Vec<u8>,
    organisatie: Option<Vec<u8>>,
    /// The OM's strafzaken.csv per delivery year.
    strafzaken: Vec<(i32, String)>,
    extra: Vec<(String, String)>,
    partij: &'static str,
}

impl Levering {
    pub(crate) fn new() -> Levering {
        Levering {
            controles: format!("{C_KOP}{C1}").into_bytes(),
            overtredingen: format!("{V_KOP}{V1}").into_bytes(),
            maatregelen: format!("{M_KOP}{M1}").into_bytes(),
            organisatie: None,
            strafzaken: Vec::new(),
            extra: Vec::new(),
            partij: "odh",
        }
    }
    pub(crate) fn c(mut self, regels: &str) -> Self {
        self.controles.extend_from_slice(regels.as_bytes());
        self
    }
    pub(crate) fn v(mut self, regels: &str) -> Self {
        self.overtredingen.extend_from_slice(regels.as_bytes());
        self
    }
    pub(crate) fn m(mut self, regels: &str) -> Self {
        self.maatregelen.extend_from_slice(regels.as_bytes());
        self
    }
    pub(crate) fn controles(mut self, bytes: Vec<u8>) -> Self {
        self.controles = bytes;
        self
    }
    pub(crate) fn organisatie(mut self, text: &str) -> Self {
        self.organisatie = Some(text.as_bytes().to_vec());
        self
    }
    pub(crate) fn strafzaken(mut self, jaar: i32, regels: &str) -> Self {
        self.strafzaken.push((jaar, format!("{Z_KOP}{regels}")));
        self
    }
    /// Any further file: `<jaar>/<partij>/<naam>`.
    pub(crate) fn bestand(mut self, jaar: i32, partij: &str, naam: &str, tekst: &str) -> Self {
        self.extra
            .push((format!("{jaar}/{partij}/{naam}"), tekst.to_string()));
        self
    }
    pub(crate) fn partij(mut self, p: &'static str) -> Self {
        self.partij = p;
        self
    }
    pub(crate) fn write(&self) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tmp");
        let d = dir.path().join("2024").join(self.partij);
        std::fs::create_dir_all(&d).expect("mkdir");
        let mut files = vec![
            ("controles.csv", &self.controles),
            ("overtredingen.csv", &self.overtredingen),
            ("handhavingsmaatregelen.csv", &self.maatregelen),
        ];
        if let Some(o) = &self.organisatie {
            files.push(("organisatie.csv", o));
        }
        for (naam, bytes) in files {
            std::fs::write(d.join(naam), bytes).expect("write");
        }
        for (pad, tekst) in &self.extra {
            let pad = dir.path().join(pad);
            std::fs::create_dir_all(pad.parent().expect("folder")).expect("mkdir");
            std::fs::write(pad, tekst).expect("write");
        }
        for (jaar, tekst) in &self.strafzaken {
            let om = dir.path().join(jaar.to_string()).join("OM");
            std::fs::create_dir_all(&om).expect("mkdir");
            std::fs::write(om.join("strafzaken.csv"), tekst).expect("write");
        }
        dir
    }
}

struct Case {
    regel: Regel,
    levering: Levering,
    /// Findings of the rule, over the whole batch.
    bevindingen: u64,
    geaccepteerd: u64,
    quarantaine: u64,
    status: &'static str,
}

fn cases() -> Vec<Case> {
    let ok = |regel, levering, bevindingen, geaccepteerd, quarantaine| Case {
        regel,
        levering,
        bevindingen,
        geaccepteerd,
        quarantaine,
        status: "aangeleverd",
    };
    let weg = |regel, levering, bevindingen, gelezen| Case {
        regel,
        levering,
        bevindingen,
        geaccepteerd: 0,
        quarantaine: gelezen,
        status: "geweigerd",
    };
    let cp1252 = encoding_rs::WINDOWS_1252
        .encode(&format!(
            "{C_KOP}C1,Café ’t Hoekje,GM0518,GM0518,2024-05-01,,,,\n"
        ))
        .0
        .into_owned();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            format!("{C_KOP}{C1}")
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    // UTF-8 (the é of Café) with one stray Windows-1252 byte in the row of C2.
    let mut los = format!("{C_KOP}C1,Café,GM0518,GM0518,2024-05-01,,,,\n").into_bytes();
    los.extend_from_slice(b"C2,Caf\xE9,GM0518,GM0518,2024-05-02,,,,\n");
    let mut ongeldig = format!("{C_KOP}{C1}").into_bytes();
    ongeldig.extend_from_slice(b"C2,\x81,GM0518,GM0518,2024-05-02,,,,\n");
    vec![
        ok(Regel::Utf8Bom, Levering::new().controles(format!("\u{feff}{C_KOP}{C1}").into_bytes()), 1, 3, 0),
        ok(Regel::Windows1252, Levering::new().controles(cp1252), 1, 3, 0),
        ok(Regel::Scheidingsteken, Levering::new().controles(format!("{}{}", C_KOP.replace(',', ";"), C1.replace(',', ";")).into_bytes()), 1, 3, 0),
        // Excel's delimiter line before the header: read, reported, the rows kept.
        ok(Regel::ExcelSep, Levering::new().controles(format!("sep=,\r\n{C_KOP}{C1}").into_bytes()), 1, 3, 0),
        ok(Regel::DatumNl, Levering::new().c("C2,OBJ2,GM0518,GM0518,01-06-2024,,,,\n"), 1, 4, 0),
        ok(Regel::DecimaleKomma, Levering::new().m("M2,V1,last_onder_dwangsom,2024-06-01,,opgelegd,\"1250,50\"\n"), 1, 4, 0),
        ok(Regel::JaNeeVariant, Levering::new().c("C2,OBJ2,GM0518,GM0518,2024-06-01,,,J,\n"), 1, 4, 0),
        ok(Regel::CodeSchrijfwijze, Levering::new().c("C2,OBJ2,GM0518,GM0518,2024-06-01, Periodieke_Controle ,,,\n"), 1, 4, 0),
        ok(Regel::OnbekendeKolom, Levering::new().controles(format!("{}opmerking\n{}extra\n", C_KOP.trim_end().to_string() + ",", C1.trim_end().to_string() + ",").into_bytes()), 1, 3, 0),
        // A file that cannot be read refuses the delivery: every row of every file is in quarantine.
        weg(Regel::Tekenset, Levering::new().controles(ongeldig), 1, 4),
        // Only the row with the stray byte; the valid text is not decoded twice.
        ok(Regel::Tekenset, Levering::new().controles(los), 1, 3, 1),
        ok(Regel::Utf16, Levering::new().controles(utf16), 1, 3, 0),
        // GM0344's profile names inspecties.txt and others; it delivered the
        // exchange format's own files: all three read, each with a warning.
        ok(Regel::ProfielNietGevolgd, Levering::new().partij("GM0344"), 3, 3, 0),
        weg(Regel::KolomOntbreekt, Levering::new().controles(b"controle_id,object_id,bevoegd_gezag,controledatum\nC1,OBJ1,GM0518,2024-05-01\n".to_vec()), 1, 3),
        weg(Regel::BestandOnleesbaar, Levering::new().controles(Vec::new()), 1, 2),
        weg(Regel::PartijOnbekend, Levering::new().partij("GM9999"), 1, 3),
        // The other files of a refused delivery: 2 rows with reason levering_geweigerd,
        // counted as quarantine reasons (see the check below), not as findings.
        weg(Regel::LeveringGeweigerd, Levering::new().controles(b"controle_id\nC1\n".to_vec()), 0, 3),
        ok(Regel::AantalVelden, Levering::new().c("C2,OBJ2,GM0518,GM0518,2024-06-01,,,,,\n"), 1, 3, 1),
        ok(Regel::WaardeTeLang, Levering::new().c(&format!("C2,{},GM0518,GM0518,2024-06-01,,,,\n", "x".repeat(4001))), 1, 3, 1),
        ok(Regel::VerplichtLeeg, Levering::new().c("C2,,GM0518,GM0518,2024-06-01,,,,\n"), 1, 3, 1),
        ok(Regel::CodeOnbekend, Levering::new().c("C2,OBJ2,GM0518,GM0518,2024-06-01,steekproef,,,\n"), 1, 3, 1),
        ok(Regel::DatumOngeldig, Levering::new().c("C2,OBJ2,GM0518,GM0518,2024-13-01,,,,\n"), 1, 3, 1),
        ok(Regel::JaNeeOngeldig, Levering::new().c("C2,OBJ2,GM0518,GM0518,2024-06-01,,,misschien,\n"), 1, 3, 1),
        ok(Regel::GetalOngeldig, Levering::new().m("M2,V1,last_onder_dwangsom,2024-06-01,,opgelegd,veel\n"), 1, 3, 1),
        ok(Regel::GemeenteOnbekend, Levering::new().c("C2,OBJ2,GM0518,GM9999,2024-06-01,,,,\n"), 1, 3, 1),
        ok(Regel::BevoegdGezagOnbekend, Levering::new().c("C2,OBJ2,XYZ,GM0518,2024-06-01,,,,\n"), 1, 3, 1),
        ok(Regel::ControledatumBuitenJaar, Levering::new().c("C2,OBJ2,GM0518,GM0518,2023-12-31,,,,\n"), 1, 3, 1),
        // Peildatum of 2024 is 31 March 2025.
        ok(Regel::DatumNaPeildatum, Levering::new().v("V2,C1,2024-06-01,,,,zwaar,,,2025-04-01\n"), 1, 3, 1),
        ok(Regel::JaarOrganisatie, Levering::new().organisatie(&format!("{O_KOP}2023,1000,10,8\n")), 1, 3, 1),
        // Conflicting repeat: both rows out (identical repeats: see below).
        ok(Regel::DubbelId, Levering::new().c("C2,OBJ2,GM0518,GM0518,2024-06-01,,,,\nC2,OBJ3,GM0518,GM0518,2024-06-01,,,,\n"), 2, 3, 2),
        ok(Regel::Wees, Levering::new().v("V2,CX,2024-06-01,,,,zwaar,,,\n"), 1, 3, 1),
        // The OM's strafzaken (the OM's delivery sorts before odh's: its status is
        // the one checked). Dates in order, an uitspraak only after a dagvaarding, no
        // case from after the delivery year; a case delivered again a year later is
        // replaced by that version (both rows accepted, one record).
        ok(Regel::DatumVolgorde, Levering::new().strafzaken(2024, "Z1,odh,M1,2024-06-01,transactie,2024-05-01,,,\nZ2,odh,M1,2024-06-02,,,,,\n"), 1, 4, 1),
        ok(Regel::UitspraakZonderDagvaarding, Levering::new().strafzaken(2024, "Z1,odh,M1,2024-06-01,transactie,2024-07-01,vrijspraak,2024-09-01,\nZ2,odh,M1,2024-06-02,,,,,\n"), 1, 4, 1),
        ok(Regel::InstroomNaJaar, Levering::new().strafzaken(2024, "Z1,odh,M1,2025-01-05,,,,,\nZ2,odh,M1,2024-06-02,,,,,\n"), 1, 4, 1),
        ok(Regel::OordeelVoorDeadline, Levering::new().bestand(2024, "IenW", "robuustheid_oordelen.csv", &format!("{OORDEEL_KOP}odbn,2025-01-01,voortgang,niet_robuust,brief,\n")), 1, 3, 1),
        // A corrected judgement in the later file: accepted, the later one counts.
        ok(Regel::VersieVervangen, Levering::new().bestand(2024, "IenW", "robuustheid_oordelen.csv", &format!("{OORDEEL_KOP}odbn,2024-09-30,beoordeling_ienw,onzeker,brief,\n")).bestand(2025, "IenW", "robuustheid_oordelen.csv", &format!("{OORDEEL_KOP}odbn,2024-09-30,beoordeling_ienw,robuust,brief,\n")), 1, 5, 0),
        ok(Regel::ModelmandaatStrijdig, Levering::new().organisatie("jaar,modelmandaat_vastgesteld\n2024,true\n").bestand(2024, "odh", "implementatie.csv", "product,status,datum,gemeenten_besloten,bron,toelichting\nmodelmandaat,in_voorbereiding,2024-06-01,,AB-besluit,\n"), 1, 5, 0),
        ok(Regel::StrafzaakBijgewerkt, Levering::new().strafzaken(2024, "Z1,odh,M1,2024-06-01,,,,,\n").strafzaken(2025, "Z1,odh,M1,2024-06-01,transactie,2025-02-01,,,300\n"), 1, 5, 0),
        // 4 × D is zwaar; delivered licht wins and is reported.
        ok(Regel::ErnstTegenstrijdig, Levering::new().v("V2,C1,2024-06-01,LHSO,4,D,licht,,,\n"), 1, 4, 0),
        ok(Regel::RedenGeenHandhaving, Levering::new().v("V2,C1,2024-06-01,,,,licht,false,,\n"), 1, 4, 0),
        // Both measures of each pair are reported.
        ok(Regel::LhsoDwangsomBestuursdwang, Levering::new().m("M2,V1,last_onder_dwangsom,2024-06-01,2024-08-01,uitgevoerd,\nM3,V1,last_onder_bestuursdwang,2024-08-01,,opgelegd,\n"), 2, 5, 0),
        ok(Regel::LhsoBoeteStrafrecht, Levering::new().m("M2,V1,bestuurlijke_boete,2024-06-01,,opgelegd,5000\nM3,V1,proces_verbaal,2024-07-01,,opgelegd,\n"), 2, 5, 0),
    ]
}

fn tel(c: &Computed) -> (u64, u64) {
    c.uitkomst
        .reconciliatie
        .iter()
        .fold((0, 0), |(a, q), r| (a + r.geaccepteerd, q + r.quarantaine))
}

#[test]
fn every_rule_breaks_with_exact_counts() {
    for case in cases() {
        let dir = case.levering.write();
        let c = compute(dir.path());
        let label = case.regel.code();
        assert_eq!(
            c.uitkomst.bevindingen.aantal(case.regel),
            case.bevindingen,
            "{label}: findings"
        );
        assert_eq!(
            tel(&c),
            (case.geaccepteerd, case.quarantaine),
            "{label}: (accepted, quarantined)"
        );
        assert_eq!(c.uitkomst.leveringen[0].status, case.status, "{label}");
        // A rule that sets rows aside names itself as the reason of at least one row.
        if case.quarantaine > 0 {
            let redenen: BTreeMap<&str, usize> =
                c.uitkomst
                    .quarantaine
                    .iter()
                    .fold(BTreeMap::new(), |mut m, q| {
                        *m.entry(q.reden).or_default() += 1;
                        m
                    });
            // (An empty file has no row of its own: its delivery's rows carry
            // levering_geweigerd.)
            let eigen = if case.regel == Regel::BestandOnleesbaar {
                Regel::LeveringGeweigerd.code()
            } else {
                label
            };
            assert!(redenen.contains_key(eigen), "{label}: {redenen:?}");
            // D6 in datakwaliteit matches the quarantine list, reason by reason.
            for (reden, n) in &redenen {
                let d6: f64 =
                    c.dq.iter()
                        .filter(|r| {
                            r.indicator_id == "D6" && r.dimensie_waarde.as_deref() == Some(*reden)
                        })
                        .filter_map(|r| r.waarde)
                        .sum();
                assert_eq!(d6 as usize, *n, "{label}: D6 {reden}");
            }
        }
    }
}

#[test]
fn every_rule_has_a_case() {
    let covered: Vec<Regel> = cases().iter().map(|c| c.regel).collect();
    for r in Regel::ALL {
        assert!(
            covered.contains(r),
            "no contract case for rule {}",
            r.code()
        );
    }
}

#[test]
fn refusal_reasons_per_row() {
    // kolom_ontbreekt in controles: that file's row carries the cause, the rows of
    // the other files carry levering_geweigerd with the cause in the message.
    let dir = Levering::new()
        .controles(b"controle_id\nC1\n".to_vec())
        .write();
    let c = compute(dir.path());
    let r: Vec<(&str, &str)> = c
        .uitkomst
        .quarantaine
        .iter()
        .map(|q| (q.bestand.as_str(), q.reden))
        .collect();
    assert_eq!(
        r,
        vec![
            ("2024/odh/controles.csv", "kolom_ontbreekt"),
            ("2024/odh/handhavingsmaatregelen.csv", "levering_geweigerd"),
            ("2024/odh/overtredingen.csv", "levering_geweigerd"),
        ]
    );
    let m = &c.uitkomst.quarantaine[2].melding;
    assert!(
        m.contains("2024/odh/controles.csv") && m.contains("object_id"),
        "{m}"
    );
}

#[test]
fn an_identical_repeat_keeps_the_first_row() {
    let dir = Levering::new()
        .c("C2,OBJ2,GM0518,GM0518,2024-06-01,,,,\nC2,OBJ2,GM0518,GM0518,2024-06-01,,,,\n")
        .write();
    let c = compute(dir.path());
    assert_eq!(c.uitkomst.bevindingen.aantal(Regel::DubbelId), 1);
    assert_eq!(tel(&c), (4, 1));
    assert_eq!(c.uitkomst.quarantaine[0].regel, 4);
    // D5 counts every occurrence of a repeated id.
    let d5: Vec<(Option<&str>, Option<f64>)> =
        c.dq.iter()
            .filter(|r| r.indicator_id == "D5")
            .map(|r| (r.tabel.as_deref(), r.waarde))
            .collect();
    assert_eq!(
        d5,
        vec![
            (Some("controles"), Some(2.0)),
            (Some("handhavingsmaatregelen"), Some(0.0)),
            (Some("overtredingen"), Some(0.0)),
        ]
    );
}

fn met_zwaarte(regel: Regel, z: Zwaarte) -> impl FnOnce(&mut vth::config::Config) {
    move |c| {
        c.file.regels.insert(regel.code().to_string(), z);
    }
}

#[test]
fn severity_is_configurable_per_rule() {
    let levering = || Levering::new().c("C2,OBJ2,GM0518,GM9999,2024-06-01,,,,\n");
    // warn: the row is kept and counted at the national and party level.
    let dir = levering().write();
    let c = compute_with(
        dir.path(),
        met_zwaarte(Regel::GemeenteOnbekend, Zwaarte::Waarschuwing),
    );
    assert_eq!(tel(&c), (4, 0));
    assert_eq!(c.uitkomst.bevindingen.aantal(Regel::GemeenteOnbekend), 1);
    assert_count(c.nl("T1", 2024), 2);
    // quarantine (the default): the row is set aside.
    let c = compute(dir.path());
    assert_eq!(tel(&c), (3, 1));
    assert_count(c.nl("T1", 2024), 1);
    // fail: the delivery is refused, with the cause as the reason.
    let c = compute_with(
        dir.path(),
        met_zwaarte(Regel::GemeenteOnbekend, Zwaarte::Weigeren),
    );
    assert_eq!(tel(&c), (0, 4));
    let l = &c.uitkomst.leveringen[0];
    assert_eq!(l.status, "geweigerd");
    let reden = l.reden.clone().unwrap_or_default();
    assert!(
        reden.contains("regel 3")
            && reden.contains("GM9999")
            && reden.contains("gemeente_onbekend"),
        "{reden}"
    );

    // The LHSO rules are warnings by default and can set the measures aside.
    let dir = Levering::new()
        .m("M2,V1,bestuurlijke_boete,2024-06-01,,opgelegd,5000\nM3,V1,strafbeschikking_om,2024-07-01,,opgelegd,\n")
        .write();
    let c = compute_with(
        dir.path(),
        met_zwaarte(Regel::LhsoBoeteStrafrecht, Zwaarte::Quarantaine),
    );
    assert_eq!(tel(&c), (3, 2));
    assert_count(c.nl("H10", 2024), 0);
}

#[test]
fn english_severity_names_and_floors_in_the_configuration() {
    let dir = tempfile::tempdir().expect("tmp");
    let base = std::fs::read_to_string(project().join("queries/config.toml")).expect("config");
    let load = |extra: &str| {
        let p = dir.path().join("config.toml");
        std::fs::write(&p, format!("{base}\n{extra}\n")).expect("write");
        vth::config::Config::load(dir.path().into(), dir.path().join("out"), p, None)
    };
    let c = load("gemeente_onbekend = \"fail\"\nlhso_boete_en_strafrecht = \"quarantine\"\nernst_tegenstrijdig = \"warn\"")
        .expect("English names load");
    assert_eq!(c.zwaarte(Regel::GemeenteOnbekend), Zwaarte::Weigeren);
    assert_eq!(c.zwaarte(Regel::LhsoBoeteStrafrecht), Zwaarte::Quarantaine);
    assert_eq!(c.zwaarte(Regel::ErnstTegenstrijdig), Zwaarte::Waarschuwing);
    let e = load("verplicht_leeg = \"warn\"").expect_err("cannot keep a row without its id");
    assert!(
        e.to_string().contains("verplicht_leeg") && e.to_string().contains("quarantaine"),
        "{e}"
    );
    let e = load("tekenset = \"quarantine\"").expect_err("an unreadable file refuses");
    assert!(e.to_string().contains("weigeren"), "{e}");
    let e = load("bestaat_niet = \"warn\"").expect_err("unknown rule");
    assert!(e.to_string().contains("unknown rule `bestaat_niet`"), "{e}");
}
