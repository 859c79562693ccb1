//! Randvoorwaarden: the robustness criteria R1–R6 and R and the stelsel conditions
//! S1–S7 (`spec/indicators.md`, `spec/stelsel.md`). Each is one query file in
//! `queries/randvoorwaarden/` (a TOML header and SQL), run for every reporting year
//! by the same engine as the indicators, with the thresholds of the configuration
//! as template variables. This module holds the shape of the two datasets they
//! fill (`robuustheid.parquet`, `stelsel.parquet`), never a criterion.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::config::Robuustheid;
use crate::datasets;
use crate::engine::{Frame, SqlEngine, Values};
use crate::error::{read_text, Error, Result};
use crate::model::Records;
use crate::reference::Codelijsten;

pub use crate::model::uitvoer::{RobuustheidRij, StelselRij, Voldoet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Doel {
    Robuustheid,
    Stelsel,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ConditieMeta {
    pub id: String,
    /// The condition's place in the catalogue and the datasets (hundreds as in
    /// `spec/indicators.md`: 5 robuustheid, 6 stelsel).
    pub volgorde: u32,
    pub naam: String,
    pub titel: String,
    pub definitie: String,
    /// The dataset its rows go to.
    pub dataset: Doel,
    /// Where the criterion is laid down (robuustheidscriteria, Samenwerkingsafspraken, …).
    #[serde(default)]
    pub herkomst: Option<String>,
    /// The thresholds of `[robuustheid]` the query reads.
    #[serde(default)]
    pub drempels: Vec<String>,
    /// The report's names of the criterion's parts (`onderdeel` → name).
    #[serde(default)]
    pub onderdelen: BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
pub struct Conditie {
    pub meta: ConditieMeta,
    pub sql: String,
    pub pad: PathBuf,
    /// Path as shown in the report and manifest: `queries/randvoorwaarden/<file>`.
    pub bron: String,
}

pub fn load(dir: &Path) -> Result<Vec<Conditie>> {
    let mut out: Vec<Conditie> = Vec::new();
    for pad in crate::error::files_with_extension(dir, "sql")? {
        let text = read_text(&pad)?;
        let (meta, sql) = super::catalogue::kop_en_sql::<ConditieMeta>(&pad, &text)?;
        let naam = pad
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(eerder) = out.iter().find(|c| c.meta.id == meta.id) {
            return Err(Error::Queries {
                path: pad.clone(),
                message: format!(
                    "condition id {} is also defined in {}",
                    meta.id,
                    eerder.pad.display()
                ),
            });
        }
        out.push(Conditie {
            meta,
            sql,
            pad,
            bron: format!("queries/randvoorwaarden/{naam}"),
        });
    }
    out.sort_by_key(|c| c.meta.volgorde);
    check_volgorde(&out)?;
    Ok(out)
}

/// No two conditions share a place: the order would otherwise rest on file names.
fn check_volgorde(condities: &[Conditie]) -> Result<()> {
    match condities
        .windows(2)
        .find(|w| w[0].meta.volgorde == w[1].meta.volgorde)
    {
        None => Ok(()),
        Some(w) => Err(Error::Queries {
            path: w[1].pad.clone(),
            message: format!(
                "volgorde = {} is also the volgorde of {} ({}); give each condition its own place",
                w[1].meta.volgorde,
                w[0].meta.id,
                w[0].pad.display()
            ),
        }),
    }
}

/// The report's title of a condition and of one of its parts.
pub fn titel<'c>(condities: &'c [Conditie], id: &str) -> &'c str {
    condities
        .iter()
        .find(|c| c.meta.id == id)
        .map_or("", |c| c.meta.titel.as_str())
}

pub fn onderdeel_titel<'c>(condities: &'c [Conditie], id: &str, onderdeel: &'c str) -> &'c str {
    condities
        .iter()
        .find(|c| c.meta.id == id)
        .and_then(|c| c.meta.onderdelen.get(onderdeel))
        .map_or(onderdeel, String::as_str)
}

/// An omgevingsdienst of the reference list and its number of gemeenten.
#[derive(Debug, Clone)]
pub struct Dienst {
    pub code: String,
    pub naam: String,
    pub gemeenten: usize,
}

/// Everything the conditions read.
pub struct ConditieInvoer<'a> {
    pub records: &'a Records,
    pub diensten: Vec<Dienst>,
    pub codelijsten: &'a Codelijsten,
    pub drempels: &'a Robuustheid,
    pub jaren: &'a [i32],
    pub peildatum: &'a dyn Fn(i32) -> NaiveDate,
    /// The peildatum of the previous edition (S6), when configured.
    pub vorige_editie: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default)]
pub struct ConditieUitkomst {
    pub robuustheid: Vec<RobuustheidRij>,
    pub stelsel: Vec<StelselRij>,
}

/// The day `jaren` years before `datum` (29 February: the 28th), for "no more than
/// four years before the peildatum".
fn jaren_voor(datum: String, jaren: f64) -> std::result::Result<String, minijinja::Error> {
    let fout = |m: String| minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, m);
    let d = NaiveDate::parse_from_str(&datum, "%Y-%m-%d")
        .map_err(|e| fout(format!("jaren_voor: {datum} is not a date: {e}")))?;
    let j = d.year() - jaren.round() as i32;
    let uit = NaiveDate::from_ymd_opt(j, d.month(), d.day())
        .or_else(|| NaiveDate::from_ymd_opt(j, d.month(), 28))
        .ok_or_else(|| fout(format!("jaren_voor: no date {jaren} years before {datum}")))?;
    Ok(uit.to_string())
}

/// A text as an SQL string literal.
fn tekst(s: String) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn render(c: &Conditie, jaar: i32, invoer: &ConditieInvoer) -> Result<String> {
    let mut env = super::sql::omgeving(c.pad.parent());
    env.add_function("jaren_voor", jaren_voor);
    env.add_filter("tekst", tekst);
    let drempel: BTreeMap<&str, minijinja::Value> = invoer
        .drempels
        .drempels
        .iter()
        .map(|(k, d)| {
            (
                k.as_str(),
                minijinja::context! { waarde => d.waarde, bron => d.bron.clone() },
            )
        })
        .collect();
    let ctx = minijinja::context! {
        jaar => jaar,
        peildatum => (invoer.peildatum)(jaar).to_string(),
        vorige_peildatum => (invoer.peildatum)(jaar - 1).to_string(),
        deadline => invoer.drempels.deadline.clone(),
        vorige_editie => invoer.vorige_editie.map(|d| d.to_string()),
        drempel => drempel,
    };
    super::sql::render(&env, &c.meta.id, &c.bron, &c.sql, ctx)
}

fn str_col(v: Vec<Option<String>>) -> Values {
    Values::Str(v)
}

fn organisaties(o: &[crate::model::Organisatie]) -> Frame {
    let mut f = Frame::default();
    let tekst = |g: fn(&crate::model::Organisatie) -> String| {
        str_col(o.iter().map(|x| Some(g(x))).collect())
    };
    let getal =
        |g: fn(&crate::model::Organisatie) -> Option<f64>| Values::F64(o.iter().map(g).collect());
    let geheel =
        |g: fn(&crate::model::Organisatie) -> Option<i64>| Values::I64(o.iter().map(g).collect());
    let janee =
        |g: fn(&crate::model::Organisatie) -> Option<bool>| Values::Bool(o.iter().map(g).collect());
    f.push("partij", tekst(|x| x.partij.clone()));
    f.push(
        "jaar",
        Values::I32(o.iter().map(|x| Some(x.jaar)).collect()),
    );
    f.push(
        "vth_uren_werkprogramma",
        geheel(|x| x.vth_uren_werkprogramma),
    );
    f.push("fte_totaal", getal(|x| x.fte_totaal));
    f.push("fte_eigen_dienst", getal(|x| x.fte_eigen_dienst));
    f.push("voldoet_kc_basistaken", janee(|x| x.voldoet_kc_basistaken));
    f.push("voldoet_kc_plustaken", janee(|x| x.voldoet_kc_plustaken));
    f.push("innovatieagenda", janee(|x| x.innovatieagenda));
    f.push("innovatiebudget_eur", getal(|x| x.innovatiebudget_eur));
    f.push("begroting_eur", getal(|x| x.begroting_eur));
    f.push(
        "weerstandsvermogen_eur",
        getal(|x| x.weerstandsvermogen_eur),
    );
    f.push(
        "benodigd_weerstandsvermogen_eur",
        getal(|x| x.benodigd_weerstandsvermogen_eur),
    );
    f.push("informatiegestuurd", janee(|x| x.informatiegestuurd));
    f.push("werkgebied_coherent", janee(|x| x.werkgebied_coherent));
    f.push(
        "gemeenten_basistaken_volledig",
        geheel(|x| x.gemeenten_basistaken_volledig),
    );
    f.push(
        "modelmandaat_vastgesteld",
        janee(|x| x.modelmandaat_vastgesteld),
    );
    f.push(
        "laatste_visitatie",
        Values::Date(o.iter().map(|x| x.laatste_visitatie).collect()),
    );
    f
}

/// The inputs as tables: organisatie, implementatie, robuustheid_oordelen,
/// aanbevelingen, omgevingsdiensten, and every code list as `codelijst_<naam>`.
fn tabellen(invoer: &ConditieInvoer) -> Result<SqlEngine> {
    let mut engine = SqlEngine::new();
    let r = invoer.records;
    engine.register("organisatie", &organisaties(&r.organisaties))?;
    engine.register("implementatie", &implementatie_tabel(&r.implementaties))?;
    engine.register("robuustheid_oordelen", &oordelen_tabel(&r.oordelen))?;
    engine.register("aanbevelingen", &aanbevelingen_tabel(&r.aanbevelingen))?;
    engine.register("omgevingsdiensten", &diensten_tabel(&invoer.diensten))?;
    for (naam, lijst) in &invoer.codelijsten.lijsten {
        engine.register(&format!("codelijst_{naam}"), &codelijst_tabel(lijst))?;
    }
    Ok(engine)
}

/// `implementatie`: the IBP products' status per service (S5).
fn implementatie_tabel(i: &[crate::model::Implementatie]) -> Frame {
    let mut f = Frame::default();
    f.push(
        "partij",
        str_col(i.iter().map(|x| Some(x.partij.clone())).collect()),
    );
    f.push(
        "jaar",
        Values::I32(i.iter().map(|x| Some(x.jaar)).collect()),
    );
    f.push(
        "product",
        str_col(i.iter().map(|x| Some(x.product.clone())).collect()),
    );
    f.push(
        "status",
        str_col(i.iter().map(|x| Some(x.status.clone())).collect()),
    );
    f.push(
        "datum",
        Values::Date(i.iter().map(|x| Some(x.datum)).collect()),
    );
    f.push(
        "gemeenten_besloten",
        Values::I64(i.iter().map(|x| x.gemeenten_besloten).collect()),
    );
    f.push(
        "bron",
        str_col(i.iter().map(|x| Some(x.bron_document.clone())).collect()),
    );
    f.push(
        "toelichting",
        str_col(i.iter().map(|x| x.toelichting.clone()).collect()),
    );
    f
}

/// `robuustheid_oordelen`: IenW's judgements of the services (S4).
fn oordelen_tabel(o: &[crate::model::Oordeel]) -> Frame {
    let mut f = Frame::default();
    f.push(
        "partij",
        str_col(o.iter().map(|x| Some(x.partij.clone())).collect()),
    );
    f.push(
        "jaar",
        Values::I32(o.iter().map(|x| Some(x.jaar)).collect()),
    );
    f.push(
        "omgevingsdienst_code",
        str_col(
            o.iter()
                .map(|x| Some(x.omgevingsdienst_code.clone()))
                .collect(),
        ),
    );
    f.push(
        "peildatum_oordeel",
        Values::Date(o.iter().map(|x| Some(x.peildatum_oordeel)).collect()),
    );
    f.push(
        "soort",
        str_col(o.iter().map(|x| Some(x.soort.clone())).collect()),
    );
    f.push(
        "oordeel",
        str_col(o.iter().map(|x| Some(x.oordeel.clone())).collect()),
    );
    f.push(
        "bron",
        str_col(o.iter().map(|x| Some(x.bron_document.clone())).collect()),
    );
    f.push(
        "toelichting",
        str_col(o.iter().map(|x| x.toelichting.clone()).collect()),
    );
    f
}

/// `aanbevelingen`: the recommendations' status (S6).
fn aanbevelingen_tabel(a: &[crate::model::Aanbeveling]) -> Frame {
    let mut f = Frame::default();
    f.push(
        "partij",
        str_col(a.iter().map(|x| Some(x.partij.clone())).collect()),
    );
    f.push(
        "jaar",
        Values::I32(a.iter().map(|x| Some(x.jaar)).collect()),
    );
    f.push(
        "nummer",
        Values::I64(a.iter().map(|x| Some(x.nummer)).collect()),
    );
    f.push(
        "peildatum_status",
        Values::Date(a.iter().map(|x| Some(x.peildatum_status)).collect()),
    );
    f.push(
        "status",
        str_col(a.iter().map(|x| Some(x.status.clone())).collect()),
    );
    f.push(
        "verantwoordelijk",
        str_col(a.iter().map(|x| Some(x.verantwoordelijk.clone())).collect()),
    );
    f.push(
        "toelichting",
        str_col(a.iter().map(|x| Some(x.toelichting.clone())).collect()),
    );
    f.push(
        "bron",
        str_col(a.iter().map(|x| Some(x.bron_document.clone())).collect()),
    );
    f
}

/// `omgevingsdiensten`: code, naam and number of gemeenten of each service.
fn diensten_tabel(d: &[Dienst]) -> Frame {
    let mut f = Frame::default();
    f.push(
        "code",
        str_col(d.iter().map(|x| Some(x.code.clone())).collect()),
    );
    f.push(
        "naam",
        str_col(d.iter().map(|x| Some(x.naam.clone())).collect()),
    );
    f.push(
        "gemeenten",
        Values::I64(d.iter().map(|x| Some(x.gemeenten as i64)).collect()),
    );
    f
}

/// `codelijst_<naam>`: a code list's codes and every attribute, as text.
fn codelijst_tabel(lijst: &crate::reference::Codelijst) -> Frame {
    let attrs: std::collections::BTreeSet<&String> =
        lijst.codes.values().flat_map(|r| r.keys()).collect();
    let mut f = Frame::default();
    f.push(
        "code",
        str_col(lijst.codes.keys().map(|c| Some(c.clone())).collect()),
    );
    for a in attrs {
        f.push(
            a,
            str_col(lijst.codes.values().map(|r| r.get(a).cloned()).collect()),
        );
    }
    f
}

/// A column read as text whatever its type (numbers without a trailing `.0`).
fn tekst_kolom(f: &Frame, naam: &str) -> Vec<Option<String>> {
    let n = f.height();
    match f.column(naam) {
        None => vec![None; n],
        Some(Values::Str(v)) => v.clone(),
        Some(Values::Tekst(v)) => v.iter().map(|x| x.map(str::to_string)).collect(),
        Some(Values::Woorden(v)) => v.tekst().iter().map(|x| x.map(str::to_string)).collect(),
        Some(Values::I32(v)) => v.iter().map(|x| x.map(|x| x.to_string())).collect(),
        Some(Values::I64(v)) => v.iter().map(|x| x.map(|x| x.to_string())).collect(),
        Some(Values::F64(v)) => v.iter().map(|x| x.map(|x| x.to_string())).collect(),
        Some(Values::Bool(v)) => v.iter().map(|x| x.map(|x| x.to_string())).collect(),
        Some(Values::Date(v)) => v.iter().map(|x| x.map(|x| x.to_string())).collect(),
    }
}

fn getal_kolom(f: &Frame, naam: &str) -> Vec<Option<f64>> {
    f.getallen(naam).unwrap_or_else(|| vec![None; f.height()])
}

fn geheel_kolom(f: &Frame, naam: &str) -> Vec<Option<i64>> {
    let n = f.height();
    match f.column(naam) {
        Some(Values::I64(v)) => v.clone(),
        Some(Values::I32(v)) => v.iter().map(|x| x.map(i64::from)).collect(),
        Some(Values::F64(v)) => v.iter().map(|x| x.map(|x| x.round() as i64)).collect(),
        _ => vec![None; n],
    }
}

fn datum_kolom(f: &Frame, naam: &str) -> Vec<Option<NaiveDate>> {
    let n = f.height();
    match f.column(naam) {
        Some(Values::Date(v)) => v.clone(),
        Some(Values::Str(v)) => v
            .iter()
            .map(|x| {
                x.as_deref()
                    .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            })
            .collect(),
        _ => vec![None; n],
    }
}

fn fout(c: &Conditie, jaar: i32, m: String) -> Error {
    Error::Indicator {
        indicator: c.meta.id.clone(),
        message: format!("{} (jaar {jaar}): {m}", c.bron),
    }
}

/// A query's result as robuustheid rows; `volgorde` orders the parts of a criterion.
fn robuustheid_rijen(c: &Conditie, jaar: i32, f: &Frame) -> Result<Vec<(i64, RobuustheidRij)>> {
    if f.column("omgevingsdienst").is_none() || f.column("voldoet").is_none() {
        return Err(fout(
            c,
            jaar,
            "the query must return omgevingsdienst and voldoet".into(),
        ));
    }
    let (od, ond, verg, eenh, vold, bron, toel) = (
        tekst_kolom(f, "omgevingsdienst"),
        tekst_kolom(f, "onderdeel"),
        tekst_kolom(f, "vergelijking"),
        tekst_kolom(f, "eenheid"),
        tekst_kolom(f, "voldoet"),
        tekst_kolom(f, "drempel_bron"),
        tekst_kolom(f, "toelichting"),
    );
    let (waarde, drempel, volg) = (
        getal_kolom(f, "waarde"),
        getal_kolom(f, "drempel"),
        geheel_kolom(f, "volgorde"),
    );
    let mut out = Vec::with_capacity(f.height());
    for k in 0..f.height() {
        let voldoet = vold[k]
            .as_deref()
            .and_then(Voldoet::from_code)
            .ok_or_else(|| {
                fout(
                    c,
                    jaar,
                    format!(
                        "row {}: voldoet is {:?}; expected ja, nee or onbekend",
                        k + 1,
                        vold[k]
                    ),
                )
            })?;
        let Some(od) = od[k].clone() else {
            return Err(fout(
                c,
                jaar,
                format!("row {}: omgevingsdienst is empty", k + 1),
            ));
        };
        out.push((
            volg[k].unwrap_or(0),
            RobuustheidRij {
                omgevingsdienst: od,
                jaar,
                criterium_id: c.meta.id.clone(),
                criterium: c.meta.naam.clone(),
                onderdeel: ond[k].clone(),
                waarde: waarde[k].filter(|w| w.is_finite()),
                drempel: drempel[k],
                vergelijking: verg[k].clone(),
                eenheid: eenh[k].clone(),
                voldoet,
                drempel_bron: bron[k].clone(),
                toelichting: toel[k].clone(),
            },
        ));
    }
    Ok(out)
}

const NIVEAUS: [&str; 3] = ["nationaal", "omgevingsdienst", "aanbeveling"];

fn stelsel_rijen(c: &Conditie, jaar: i32, f: &Frame) -> Result<Vec<StelselRij>> {
    if f.column("niveau").is_none() || f.column("eenheid").is_none() {
        return Err(fout(
            c,
            jaar,
            "the query must return niveau and eenheid".into(),
        ));
    }
    let t = |n: &str| tekst_kolom(f, n);
    let (niveau, eenheid, dim, dimw, uitk, vorig, soort, verantw, bron, toel) = (
        t("niveau"),
        t("eenheid"),
        t("dimensie"),
        t("dimensie_waarde"),
        t("uitkomst"),
        t("vorig"),
        t("soort"),
        t("verantwoordelijk"),
        t("bron"),
        t("toelichting"),
    );
    let (waarde, teller, noemer, datum) = (
        getal_kolom(f, "waarde"),
        geheel_kolom(f, "teller"),
        geheel_kolom(f, "noemer"),
        datum_kolom(f, "datum"),
    );
    let mut out = Vec::with_capacity(f.height());
    for k in 0..f.height() {
        let n = niveau[k].clone().unwrap_or_default();
        if !NIVEAUS.contains(&n.as_str()) {
            return Err(fout(
                c,
                jaar,
                format!(
                    "row {}: niveau {n:?}; expected {}",
                    k + 1,
                    NIVEAUS.join(", ")
                ),
            ));
        }
        out.push(StelselRij {
            conditie_id: c.meta.id.clone(),
            conditie: c.meta.naam.clone(),
            jaar,
            niveau: n,
            eenheid: eenheid[k].clone().unwrap_or_default(),
            dimensie: dim[k].clone(),
            dimensie_waarde: dimw[k].clone(),
            uitkomst: uitk[k].clone(),
            vorig: vorig[k].clone(),
            waarde: waarde[k].filter(|w| w.is_finite()),
            teller: teller[k],
            noemer: noemer[k],
            datum: datum[k],
            soort: soort[k].clone(),
            verantwoordelijk: verantw[k].clone(),
            bron: bron[k].clone(),
            toelichting: toel[k].clone(),
        });
    }
    Ok(out)
}

/// A recommendation's nummer sorts as a number, other units as text.
fn eenheid_sleutel(e: &str) -> (u8, i64, &str) {
    match e.parse::<i64>() {
        Ok(n) => (0, n, ""),
        Err(_) => (1, 0, e),
    }
}

/// Every condition for every reporting year.
pub fn bereken(condities: &[Conditie], invoer: &ConditieInvoer) -> Result<ConditieUitkomst> {
    let mut engine = tabellen(invoer)?;
    let mut uit = ConditieUitkomst::default();
    for &jaar in invoer.jaren {
        let mut robuust: Vec<RobuustheidRij> = Vec::new();
        // The order of each robuustheid row among the parts of its criterion.
        let mut volgorden: Vec<i64> = Vec::new();
        let mut stelsel: Vec<StelselRij> = Vec::new();
        for c in condities {
            // What the earlier conditions of this year gave: R combines R1–R6, S7 all.
            engine.register("robuustheid", &datasets::robuustheid(&robuust))?;
            engine.register("stelsel", &datasets::stelsel(&stelsel))?;
            let sql = render(c, jaar, invoer)?;
            let f = engine
                .query(&sql)
                .map_err(|e| fout(c, jaar, e.to_string()))?;
            match c.meta.dataset {
                Doel::Robuustheid => {
                    for (v, r) in robuustheid_rijen(c, jaar, &f)? {
                        volgorden.push(v);
                        robuust.push(r);
                    }
                }
                Doel::Stelsel => stelsel.extend(stelsel_rijen(c, jaar, &f)?),
            }
        }
        // Per omgevingsdienst: each criterion first, then its parts in their order.
        let plaats = |id: &str| condities.iter().position(|c| c.meta.id == id);
        let mut robuust: Vec<(i64, RobuustheidRij)> = volgorden.into_iter().zip(robuust).collect();
        robuust.sort_by(|(va, a), (vb, b)| {
            (
                &a.omgevingsdienst,
                plaats(&a.criterium_id),
                a.onderdeel.is_some(),
                va,
            )
                .cmp(&(
                    &b.omgevingsdienst,
                    plaats(&b.criterium_id),
                    b.onderdeel.is_some(),
                    vb,
                ))
        });
        let niveau = |n: &str| NIVEAUS.iter().position(|x| *x == n);
        stelsel.sort_by(|a, b| {
            (
                plaats(&a.conditie_id),
                niveau(&a.niveau),
                eenheid_sleutel(&a.eenheid),
                &a.dimensie,
                a.dimensie_waarde.as_deref().map(eenheid_sleutel),
                a.datum,
                &a.uitkomst,
            )
                .cmp(&(
                    plaats(&b.conditie_id),
                    niveau(&b.niveau),
                    eenheid_sleutel(&b.eenheid),
                    &b.dimensie,
                    b.dimensie_waarde.as_deref().map(eenheid_sleutel),
                    b.datum,
                    &b.uitkomst,
                ))
        });
        uit.robuustheid.extend(robuust.into_iter().map(|(_, r)| r));
        uit.stelsel.extend(stelsel);
    }
    Ok(uit)
}

/// R1–R6, R and S1–S3 of one omgevingsdienst in one year, from its organisatie row
/// alone: the golden tests of the condition queries at their boundaries.
pub fn criteria(
    condities: &[Conditie],
    codelijsten: &Codelijsten,
    dienst: Dienst,
    jaar: i32,
    organisatie: Option<&crate::model::Organisatie>,
    drempels: &Robuustheid,
    peildatum: NaiveDate,
) -> Result<Vec<RobuustheidRij>> {
    let records = Records {
        organisaties: organisatie.into_iter().cloned().collect(),
        ..Default::default()
    };
    let invoer = ConditieInvoer {
        records: &records,
        diensten: vec![dienst],
        codelijsten,
        drempels,
        jaren: &[jaar],
        peildatum: &|_| peildatum,
        vorige_editie: None,
    };
    Ok(bereken(condities, &invoer)?.robuustheid)
}
