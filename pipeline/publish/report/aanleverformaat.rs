//! The aanleverformaat page: per table its columns, type, whether required, the
//! allowed codes with their meaning, the contract's rules with the severity this
//! batch gives them, and an example row; all from `contract::format`, the code
//! lists and the configuration, as the Frictionless descriptor beside it. Written
//! by `vth schema` beside the descriptor and by `vth run` into the report.

use std::path::Path;

use serde::Serialize;

use crate::config::Config;
use crate::contract::format::{self, Referentielijst, Soort, Tabelformaat, Veld};
use crate::contract::rules::Regel;
use crate::contract::schema::{self, Schemainvoer};
use crate::error::{Error, Result};

/// The descriptor's file name beside the page written by `vth schema`.
pub const DESCRIPTOR: &str = "datapackage.json";
/// The page's file name, in the report and beside the descriptor.
pub const PAGINA: &str = "aanleverformaat.html";
/// The descriptor's file name in the report folder.
pub const DESCRIPTOR_IN_RAPPORT: &str = "aanleverformaat.json";

#[derive(Serialize)]
struct RegelView {
    code: &'static str,
    omschrijving: &'static str,
    zwaarte: &'static str,
}

#[derive(Serialize)]
struct VeldView {
    naam: &'static str,
    /// `tekst`, `datum`, `decimaal`, `geheel`, `ja_nee`, `code` or `referentie`:
    /// the template says it in words.
    soort: &'static str,
    verplicht: bool,
    omschrijving: &'static str,
    /// The national code lists, for a link to each table on the page.
    codelijsten: &'static [&'static str],
    /// The reference list: `gemeente`, `bevoegd_gezag`, `omgevingsdienst`, `partij`.
    referentie: Option<&'static str>,
    /// The number of codes allowed (code list or reference list).
    codes: usize,
    /// The date range the contract enforces for this delivery year.
    vanaf: Option<String>,
    tot_en_met: Option<String>,
    regels: Vec<&'static str>,
}

#[derive(Serialize)]
struct TabelView {
    naam: &'static str,
    omschrijving: &'static str,
    /// Who alone delivers this table (in words), when not every party does.
    alleen: Option<&'static str>,
    sleutel: &'static [&'static str],
    /// (column, table referred to, its column).
    verwijzingen: Vec<(&'static str, &'static str, &'static str)>,
    velden: Vec<VeldView>,
    /// The example as a canonical file writes it: header line and one row.
    voorbeeld: String,
    regels: Vec<RegelView>,
}

#[derive(Serialize)]
struct CodelijstView {
    naam: String,
    /// (code, naam, toelichting)
    codes: Vec<(String, String, String)>,
}

/// Everything the page shows.
#[derive(Serialize)]
pub struct Aanleverformaat {
    jaar: i32,
    peildatum: String,
    max_waarde_tekens: usize,
    waar: [&'static str; 2],
    onwaar: [&'static str; 2],
    tabellen: Vec<TabelView>,
    bestandsregels: Vec<RegelView>,
    codelijsten: Vec<CodelijstView>,
    /// (code, naam) of the omgevingsdiensten.
    omgevingsdiensten: Vec<(String, String)>,
    /// The descriptor's file name, relative to the page.
    descriptor: &'static str,
}

fn soort(s: Soort) -> &'static str {
    match s {
        Soort::Tekst => "tekst",
        Soort::Datum => "datum",
        Soort::Decimaal => "decimaal",
        Soort::Geheel => "geheel",
        Soort::JaNee => "ja_nee",
        Soort::Code(_) => "code",
        Soort::Referentie(_) => "referentie",
    }
}

fn referentie(r: Referentielijst) -> &'static str {
    match r {
        Referentielijst::Gemeente => "gemeente",
        Referentielijst::BevoegdGezag => "bevoegd_gezag",
        Referentielijst::Omgevingsdienst => "omgevingsdienst",
        Referentielijst::Partij => "partij",
    }
}

fn veld(v: &Veld, invoer: &Schemainvoer) -> VeldView {
    let (vanaf, tot_en_met) = if v.soort == Soort::Datum {
        let (a, b) = schema::datumgrenzen(v, invoer);
        (a.map(|d| d.to_string()), b.map(|d| d.to_string()))
    } else {
        (None, None)
    };
    VeldView {
        naam: v.naam,
        soort: soort(v.soort),
        verplicht: v.verplicht,
        omschrijving: v.omschrijving,
        codelijsten: match v.soort {
            Soort::Code(l) => l,
            _ => &[],
        },
        referentie: match v.soort {
            Soort::Referentie(r) => Some(referentie(r)),
            _ => None,
        },
        codes: schema::toegestaan(v.soort, invoer).map_or(0, |c| c.len()),
        vanaf,
        tot_en_met,
        regels: v.alle_regels().iter().map(|r| r.code()).collect(),
    }
}

fn tabel(t: &Tabelformaat, invoer: &Schemainvoer, config: &Config) -> TabelView {
    let kop: Vec<String> = t.velden.iter().map(|v| v.naam.to_string()).collect();
    let rij: Vec<String> = t
        .velden
        .iter()
        .map(|v| v.voorbeeld_voor(invoer.jaar))
        .collect();
    let mut regels: Vec<Regel> = Vec::new();
    for r in t.velden.iter().flat_map(Veld::alle_regels) {
        if !regels.contains(&r) {
            regels.push(r);
        }
    }
    regels.sort();
    TabelView {
        naam: t.tabel.name(),
        omschrijving: t.omschrijving,
        alleen: t.tabel.alleen_van().map(|(_, wie, _)| wie),
        sleutel: t.sleutel,
        verwijzingen: t
            .verwijzingen
            .iter()
            .map(|v| (v.kolom, v.tabel.name(), v.naar))
            .collect(),
        velden: t.velden.iter().map(|v| veld(v, invoer)).collect(),
        voorbeeld: crate::display::csv_voor_mensen([kop, rij]),
        regels: regels.into_iter().map(|r| regel(r, config)).collect(),
    }
}

fn regel(r: Regel, config: &Config) -> RegelView {
    RegelView {
        code: r.code(),
        omschrijving: r.omschrijving(),
        zwaarte: config.zwaarte(r).code(),
    }
}

impl Aanleverformaat {
    pub fn bouw(
        invoer: &Schemainvoer,
        config: &Config,
        descriptor: &'static str,
    ) -> Aanleverformaat {
        let mut lijsten: Vec<&'static str> = format::TABELLEN
            .iter()
            .flat_map(|t| t.velden.iter())
            .flat_map(|v| match v.soort {
                Soort::Code(l) => l.to_vec(),
                _ => Vec::new(),
            })
            .collect();
        lijsten.sort_unstable();
        lijsten.dedup();
        let codelijsten = lijsten
            .into_iter()
            .filter_map(|l| invoer.codelijsten.lijst(l))
            .map(|l| CodelijstView {
                naam: l.naam.clone(),
                codes: l
                    .codes
                    .iter()
                    .map(|(c, attr)| {
                        let a = |k: &str| attr.get(k).cloned().unwrap_or_default();
                        (c.clone(), a("naam"), a("toelichting"))
                    })
                    .collect(),
            })
            .collect();
        Aanleverformaat {
            jaar: invoer.jaar,
            peildatum: invoer.peildatum.to_string(),
            max_waarde_tekens: invoer.max_waarde_tekens,
            waar: schema::WAAR,
            onwaar: schema::ONWAAR,
            tabellen: format::TABELLEN
                .iter()
                .map(|t| tabel(t, invoer, config))
                .collect(),
            bestandsregels: format::bestandsregels()
                .into_iter()
                .map(|r| regel(r, config))
                .collect(),
            codelijsten,
            omgevingsdiensten: invoer
                .referentie
                .omgevingsdiensten
                .values()
                .map(|o| (o.omgevingsdienst_code.clone(), o.naam.clone()))
                .collect(),
            descriptor,
        }
    }
}

/// The descriptor as its file holds it (pretty, with a final newline).
pub fn descriptor_tekst(invoer: &Schemainvoer) -> Result<String> {
    let mut s =
        serde_json::to_string_pretty(&schema::datapackage(invoer)).map_err(|fout| Error::Json {
            wat: "the exchange format's datapackage.json",
            fout,
        })?;
    s.push('\n');
    Ok(s)
}

/// Write `tekst` to `pad`, naming the file on failure.
pub fn schrijf(pad: &Path, tekst: &str) -> Result<()> {
    std::fs::write(pad, tekst).map_err(|e| Error::write(pad, e))
}
