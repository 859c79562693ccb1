//! `datapackage.json` of a release: a Frictionless tabular data package with a Table
//! Schema per Parquet file (types from the written frame; meaning, constraints,
//! code lists, keys from `datasets.rs`). No clock: the same run gives the same bytes.

use serde_json::{json, Map, Value};

use super::Herkomst;
use crate::datasets::{Dataset, Release};
use crate::reference::Codelijsten;

/// A dataset file as written: what the schema and codebook need to know about it.
#[derive(Debug, Clone)]
pub struct Geschreven {
    pub dataset: &'static Dataset,
    pub release: Release,
    /// Column name → Table Schema type, in file order.
    pub typen: Vec<(String, &'static str)>,
    pub rijen: u64,
    pub bytes: u64,
    pub sha256: String,
}

/// The allowed values of a column: a national code list (`lijst` or
/// `lijst.attribuut`) or a fixed list; typed like the column.
pub fn waarden(
    kolom: &crate::datasets::Kolombeschrijving,
    codelijsten: &Codelijsten,
    type_naam: &str,
) -> Vec<Value> {
    let mut codes: Vec<String> = kolom.waarden.iter().map(|s| s.to_string()).collect();
    if let Some(spec) = kolom.codelijst {
        let (lijst, attr) = match spec.split_once('.') {
            Some((l, a)) => (l, Some(a)),
            None => (spec, None),
        };
        if let Some(l) = codelijsten.lijst(lijst) {
            let mut set: Vec<String> = match attr {
                None => l.codes.keys().cloned().collect(),
                Some(a) => l.codes.values().filter_map(|r| r.get(a).cloned()).collect(),
            };
            set.sort();
            set.dedup();
            codes.extend(set);
        }
    }
    codes
        .into_iter()
        .map(|c| match type_naam {
            "integer" => c.parse::<i64>().map_or(Value::String(c), |n| json!(n)),
            _ => Value::String(c),
        })
        .collect()
}

fn schema(g: &Geschreven, codelijsten: &Codelijsten) -> Value {
    let ds = g.dataset;
    let fields: Vec<Value> = ds
        .kolommen
        .iter()
        .map(|k| {
            let type_naam = g
                .typen
                .iter()
                .find(|(n, _)| n == k.naam)
                .map_or("string", |(_, t)| *t);
            let mut f = Map::new();
            f.insert("name".into(), json!(k.naam));
            f.insert("type".into(), json!(type_naam));
            if type_naam == "date" {
                f.insert("format".into(), json!("default"));
            }
            f.insert("description".into(), json!(k.omschrijving));
            if let Some(e) = k.eenheid {
                f.insert("unit".into(), json!(e));
            }
            if let Some(l) = k.codelijst {
                f.insert("codeList".into(), json!(format!("codelijsten/{}", l)));
            }
            let mut c = Map::new();
            if k.verplicht {
                c.insert("required".into(), json!(true));
            }
            let enums = waarden(k, codelijsten, type_naam);
            if !enums.is_empty() {
                c.insert("enum".into(), Value::Array(enums));
            }
            if !c.is_empty() {
                f.insert("constraints".into(), Value::Object(c));
            }
            Value::Object(f)
        })
        .collect();
    let mut s = Map::new();
    s.insert("fields".into(), Value::Array(fields));
    s.insert("missingValues".into(), json!([""]));
    if !ds.sleutel.is_empty() {
        s.insert("primaryKey".into(), json!(ds.sleutel));
    }
    if !ds.verwijzingen.is_empty() {
        let fks: Vec<Value> = ds
            .verwijzingen
            .iter()
            .map(|v| {
                json!({
                    "fields": v.kolommen,
                    "reference": { "resource": v.dataset, "fields": v.naar }
                })
            })
            .collect();
        s.insert("foreignKeys".into(), Value::Array(fks));
    }
    Value::Object(s)
}

/// The package of one release.
pub fn datapackage(
    release: Release,
    geschreven: &[Geschreven],
    codelijsten: &Codelijsten,
    herkomst: &Herkomst,
    pseudonimisering: &str,
) -> Value {
    let resources: Vec<Value> = geschreven
        .iter()
        .filter(|g| g.release == release)
        .map(|g| {
            let ds = g.dataset;
            let mut r = Map::new();
            r.insert("name".into(), json!(ds.naam));
            r.insert("path".into(), json!(ds.bestand));
            r.insert("profile".into(), json!("tabular-data-resource"));
            r.insert("format".into(), json!("parquet"));
            r.insert("mediatype".into(), json!("application/vnd.apache.parquet"));
            r.insert("description".into(), json!(ds.omschrijving));
            r.insert("bytes".into(), json!(g.bytes));
            r.insert("hash".into(), json!(format!("sha256:{}", g.sha256)));
            r.insert("rows".into(), json!(g.rijen));
            r.insert("schema".into(), schema(g, codelijsten));
            if !ds.uniek.is_empty() {
                r.insert("x-uniqueKey".into(), json!(ds.uniek));
            }
            r.insert("x-sortOrder".into(), json!(ds.sortering));
            Value::Object(r)
        })
        .collect();
    let (titel, licentie, toelichting) = match release {
        Release::Open => (
            "Staat van VTH: open data",
            json!([{ "name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/", "title": "Creative Commons Zero v1.0 Universal" }]),
            "Geaggregeerde indicatoren met onthullingscontrole, robuustheid van de omgevingsdiensten en datakwaliteit per partij. Bevat geen gegevens op recordniveau.",
        ),
        Release::Restricted => (
            "Staat van VTH: beperkte release",
            json!([{ "name": "beperkt", "title": "Alleen voor onderzoek onder voorwaarden van het ministerie van IenW; niet openbaar" }]),
            "Geharmoniseerde controles, overtredingen en handhavingsmaatregelen (object_id gepseudonimiseerd), alle apart gezette regels en de indicatoren zonder onderdrukking.",
        ),
    };
    json!({
        "profile": "tabular-data-package",
        "name": format!("staat-van-vth-{}-{}", herkomst.editie, release.code()),
        "title": format!("{titel}, editie {}", herkomst.editie),
        "description": toelichting,
        "version": format!("{}+{}", herkomst.schema_versie, herkomst.run_id),
        "licenses": licentie,
        "sources": [{ "title": "Leveringen van omgevingsdiensten, gemeenten, provincies, waterschappen en rijksinspecties volgens het aanleverformaat (CIM VTH FLo)" }],
        "contributors": [{ "title": "Ministerie van Infrastructuur en Waterstaat", "role": "publisher" }],
        "keywords": ["VTH", "toezicht", "handhaving", "omgevingsdiensten", "Staat van VTH"],
        "x-staat-van-vth": {
            "release": release.code(),
            "editie": herkomst.editie,
            "jaren": herkomst.jaren,
            "run_id": herkomst.run_id,
            "tool_versie": herkomst.tool_versie,
            "schema_versie": herkomst.schema_versie,
            "pseudonimisering": if release == Release::Restricted { Some(pseudonimisering) } else { None },
        },
        "resources": resources,
    })
}
