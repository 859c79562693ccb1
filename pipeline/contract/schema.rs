//! The exchange format of one delivery year as a Frictionless data package
//! (`vth schema`): one tabular resource per table, `<tabel>.csv` in one delivery
//! folder, built from [`super::format`] and the lists the contract checks with, so
//! a party's tools check what the batch checks. What a Table Schema cannot say
//! (references to earlier years, uniqueness over years, LHSO combinations, rules
//! between columns) is named in each field's description.

use chrono::NaiveDate;
use serde_json::{json, Map, Value};

use super::format::{self, Referentielijst, Soort, Tabelformaat, Veld};
use super::rules::Regel;
use crate::reference::{Codelijsten, Referentie, OVERIG};

/// What the descriptor needs besides the format.
pub struct Schemainvoer<'a> {
    pub jaar: i32,
    pub peildatum: NaiveDate,
    /// Characters a value may have (`waarde_te_lang`).
    pub max_waarde_tekens: usize,
    pub codelijsten: &'a Codelijsten,
    pub referentie: &'a Referentie,
}

/// The booleans a canonical file may write (`spec/exchange-format.md`).
pub const WAAR: [&str; 2] = ["true", "ja"];
pub const ONWAAR: [&str; 2] = ["false", "nee"];

/// The codes a value of `soort` must be one of, sorted; `None`: any value.
pub fn toegestaan(soort: Soort, invoer: &Schemainvoer) -> Option<Vec<String>> {
    let r = invoer.referentie;
    match soort {
        Soort::Code(lijsten) => {
            let mut codes: Vec<String> = lijsten
                .iter()
                .filter_map(|l| invoer.codelijsten.lijst(l))
                .flat_map(|l| l.codes.keys().cloned())
                .collect();
            codes.sort();
            codes.dedup();
            Some(codes)
        }
        // The same predicates the contract's column checks use.
        Soort::Referentie(lijst) => {
            let mut codes: Vec<String> = match lijst {
                Referentielijst::Gemeente => r.gemeenten.keys().cloned().collect(),
                Referentielijst::Omgevingsdienst => r.omgevingsdiensten.keys().cloned().collect(),
                Referentielijst::BevoegdGezag => r
                    .partijcodes()
                    .into_iter()
                    .filter(|c| r.is_bevoegd_gezag(c))
                    .collect(),
                Referentielijst::Partij => r
                    .partijcodes()
                    .into_iter()
                    .chain([OVERIG.to_string()])
                    .collect(),
            };
            codes.sort();
            Some(codes)
        }
        _ => None,
    }
}

/// The range of a date column the contract enforces in year `jaar`.
pub fn datumgrenzen(veld: &Veld, invoer: &Schemainvoer) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let (begin, eind) = (
        NaiveDate::from_ymd_opt(invoer.jaar, 1, 1),
        NaiveDate::from_ymd_opt(invoer.jaar, 12, 31),
    );
    let mut min = None;
    let mut max: Option<NaiveDate> = None;
    let mut hoogstens = |d: Option<NaiveDate>| {
        max = match (max, d) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    };
    for r in veld.regels {
        match r {
            Regel::ControledatumBuitenJaar => {
                min = begin;
                hoogstens(eind);
            }
            Regel::InstroomNaJaar => hoogstens(eind),
            Regel::DatumNaPeildatum => hoogstens(Some(invoer.peildatum)),
            _ => {}
        }
    }
    (min, max)
}

/// The rules on a field that its constraints do not express, for its description.
fn niet_uitgedrukt(veld: &Veld) -> Vec<Regel> {
    veld.regels
        .iter()
        .copied()
        .filter(|r| {
            !matches!(
                r,
                Regel::ControledatumBuitenJaar
                    | Regel::InstroomNaJaar
                    | Regel::DatumNaPeildatum
                    | Regel::JaarOrganisatie
                    | Regel::CodeOnbekend
            )
        })
        .collect()
}

fn beschrijving(veld: &Veld) -> String {
    let mut s = veld.omschrijving.to_string();
    let rest = niet_uitgedrukt(veld);
    let (deels, alleen): (Vec<Regel>, Vec<Regel>) = rest
        .into_iter()
        .partition(|r| matches!(r, Regel::DubbelId | Regel::Wees));
    let lijst = |v: &[Regel]| {
        v.iter()
            .map(|r| format!("[{}] {}", r.code(), r.omschrijving()))
            .collect::<Vec<_>>()
            .join(" ")
    };
    if !deels.is_empty() {
        s.push_str(" Binnen deze map via de sleutels van dit schema, over eerdere leveringen alleen in de batch: ");
        s.push_str(&lijst(&deels));
    }
    if !alleen.is_empty() {
        s.push_str(" Alleen in de batch (over kolommen, tabellen, jaren of partijen): ");
        s.push_str(&lijst(&alleen));
    }
    s
}

fn veld(veld: &Veld, invoer: &Schemainvoer) -> Value {
    let type_naam = match veld.soort {
        Soort::Datum => "date",
        Soort::Decimaal => "number",
        Soort::Geheel => "integer",
        Soort::JaNee => "boolean",
        Soort::Tekst | Soort::Code(_) | Soort::Referentie(_) => "string",
    };
    let mut c = Map::new();
    if veld.verplicht {
        c.insert("required".into(), json!(true));
    }
    if type_naam == "string" {
        c.insert("maxLength".into(), json!(invoer.max_waarde_tekens));
    }
    if let Some(codes) = toegestaan(veld.soort, invoer) {
        c.insert("enum".into(), json!(codes));
    }
    if veld.soort == Soort::Datum {
        let (min, max) = datumgrenzen(veld, invoer);
        if let Some(d) = min {
            c.insert("minimum".into(), json!(d.to_string()));
        }
        if let Some(d) = max {
            c.insert("maximum".into(), json!(d.to_string()));
        }
    }
    if veld.regels.contains(&Regel::JaarOrganisatie) {
        c.insert("minimum".into(), json!(invoer.jaar));
        c.insert("maximum".into(), json!(invoer.jaar));
    }
    let mut f = Map::new();
    f.insert("name".into(), json!(veld.naam));
    f.insert("type".into(), json!(type_naam));
    if type_naam == "date" {
        f.insert("format".into(), json!("default"));
    }
    if type_naam == "boolean" {
        f.insert("trueValues".into(), json!(WAAR));
        f.insert("falseValues".into(), json!(ONWAAR));
    }
    if type_naam == "number" {
        f.insert("decimalChar".into(), json!("."));
        f.insert("bareNumber".into(), json!(true));
    }
    f.insert("description".into(), json!(beschrijving(veld)));
    if !c.is_empty() {
        f.insert("constraints".into(), Value::Object(c));
    }
    Value::Object(f)
}

fn resource(t: &Tabelformaat, invoer: &Schemainvoer) -> Value {
    let naam = t.tabel.name();
    let mut schema = Map::new();
    schema.insert(
        "fields".into(),
        Value::Array(t.velden.iter().map(|v| veld(v, invoer)).collect()),
    );
    schema.insert("missingValues".into(), json!([""]));
    if !t.sleutel.is_empty() {
        schema.insert("primaryKey".into(), json!(t.sleutel));
    }
    if !t.verwijzingen.is_empty() {
        let fk: Vec<Value> = t
            .verwijzingen
            .iter()
            .map(|v| {
                json!({
                    "fields": [v.kolom],
                    "reference": {"resource": v.tabel.name(), "fields": [v.naar]},
                })
            })
            .collect();
        schema.insert("foreignKeys".into(), Value::Array(fk));
    }
    let mut omschrijving = t.omschrijving.to_string();
    if let Some((_, wie, _)) = t.tabel.alleen_van() {
        omschrijving.push_str(&format!(" Alleen geleverd door {wie}."));
    }
    json!({
        "name": naam,
        "path": format!("{naam}.csv"),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": omschrijving,
        "dialect": {"delimiter": ",", "quoteChar": "\"", "doubleQuote": true, "header": true},
        "schema": Value::Object(schema),
    })
}

/// The descriptor of one delivery folder for year `jaar`.
pub fn datapackage(invoer: &Schemainvoer) -> Value {
    let jaar = invoer.jaar;
    json!({
        "profile": "tabular-data-package",
        "name": format!("staat-van-vth-aanlevering-{jaar}"),
        "title": format!("Staat van VTH: aanleverformaat voor de levering over {jaar}"),
        "description": format!(
            "Eén aanlevermap (<jaar>/<partij>/) met de tabellen van het landelijke aanleverformaat over {jaar}, peildatum {}. \
             Canoniek: UTF-8, komma als scheidingsteken, kopregel, ISO-datums, punt als decimaalteken, true/false of ja/nee. \
             Verwijzingen naar eerdere leveringen van dezelfde partij en de regels over meer jaren of partijen controleert alleen de batch; \
             elke kolom noemt ze in haar beschrijving.",
            invoer.peildatum
        ),
        "version": env!("CARGO_PKG_VERSION"),
        "resources": format::TABELLEN.iter().map(|t| resource(t, invoer)).collect::<Vec<_>>(),
    })
}
