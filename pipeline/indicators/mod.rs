//! Stage 4 — indicators: every SQL file of the catalogue, run by the engine for each
//! reporting year over the harmonised records, shaped into the long format of
//! `spec/outputs.md`. The SQL holds the meaning; this module holds the rules that
//! hold for all indicators (levels, completion, shares, status).

pub mod catalogue;
pub mod datakwaliteit;
pub mod dekking;
pub mod disclosure;
pub mod randvoorwaarden;
pub mod sql;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::datasets::{self, Lineage, RecordTabellen};
use crate::engine::{EngineTable, Frame, Nummers, SqlEngine, Values};
use crate::error::{Error, Result};
use crate::model::uitvoer::status;
use crate::model::Records;
use crate::reference::{Codelijsten, Referentie};
use catalogue::{Indicator, Soort};

pub const NIVEAUS: [&str; 4] = ["nationaal", "provincie", "omgevingsdienst_regio", "partij"];

pub use crate::model::uitvoer::IndicatorRij;

/// The units of each niveau for each (party, gemeente) pair: the `indeling` table,
/// and the number of the pair (`gebied_nr`) of each of its rows.
fn indeling(mut paren: Vec<(&str, &str, u32)>, referentie: &Referentie) -> (Frame, Vec<u32>) {
    // Sorted: the frame does not depend on the order the pairs were found in.
    paren.sort_unstable();
    let (mut partij, mut gemeente, mut niveau, mut eenheid) = (vec![], vec![], vec![], vec![]);
    let mut gebied = Vec::new();
    for (p, g, nr) in paren {
        let regio = referentie.gemeenten.get(g);
        let units = [
            ("nationaal", Some("NL".to_string())),
            ("provincie", regio.map(|r| r.provincie_code.clone())),
            (
                "omgevingsdienst_regio",
                regio.map(|r| r.omgevingsdienst_code.clone()),
            ),
            ("partij", Some(p.to_string())),
        ];
        for (n, e) in units {
            if let Some(e) = e {
                partij.push(Some(p.to_string()));
                gemeente.push(Some(g.to_string()));
                gebied.push(nr);
                niveau.push(Some(n.to_string()));
                eenheid.push(Some(e));
            }
        }
    }
    let mut f = Frame::default();
    f.push("partij", Values::Str(partij));
    f.push("gemeente_code", Values::Str(gemeente));
    f.push("niveau", Values::Str(niveau));
    f.push("eenheid", Values::Str(eenheid));
    (f, gebied)
}

/// Everything a computation needs besides the records.
pub struct Context<'a> {
    pub codelijsten: &'a Codelijsten,
    pub referentie: &'a Referentie,
    pub peildatum: &'a (dyn Fn(i32) -> NaiveDate + Sync),
    /// Years for which the batch holds at least one delivery.
    pub geleverde_jaren: BTreeSet<i32>,
    /// (year, party) of every delivery with rows in the batch.
    pub geleverd: BTreeSet<(i32, String)>,
    /// D1–D7 per party and year, the table the D indicators aggregate.
    pub datakwaliteit: &'a [datakwaliteit::KwaliteitRij],
    /// What a year's queries see of each table (`queries/indicatoren/jaarinvoer/`).
    pub jaarinvoer: &'a [catalogue::JaarInvoer],
    /// Who delivered controles in which year: coverage and the panels.
    pub dekking: &'a dekking::Dekking,
}

/// The template variables of a year, the same for every query of that year;
/// `buiten_panel`: a comparable-years run, without the parties in the table of
/// that name.
fn variabelen(
    jaar: i32,
    peildatum: NaiveDate,
    ctx: &Context,
    buiten_panel: bool,
) -> minijinja::Value {
    let partijen_geleverd: Vec<&str> = ctx
        .geleverd
        .iter()
        .filter(|(j, _)| *j == jaar)
        .map(|(_, p)| p.as_str())
        .collect();
    let vorig = jaar - 1;
    minijinja::context! {
        jaar => jaar,
        begin => format!("{jaar:04}-01-01"),
        eind => format!("{jaar:04}-12-31"),
        peildatum => peildatum.to_string(),
        vorig_begin => format!("{vorig:04}-01-01"),
        vorig_eind => format!("{vorig:04}-12-31"),
        vorig_jaar_in_batch => ctx.geleverde_jaren.contains(&vorig),
        partijen_geleverd => partijen_geleverd,
        buiten_panel => buiten_panel,
    }
}

/// Values of a dimension's code list, to complete breakdowns.
fn dimensie_codes(spec: &str, codelijsten: &Codelijsten) -> Vec<String> {
    let (lijst, kolom) = match spec.split_once('.') {
        Some((l, k)) => (l, Some(k)),
        None => (spec, None),
    };
    let Some(l) = codelijsten.lijst(lijst) else {
        return Vec::new();
    };
    let codes: BTreeSet<String> = match kolom {
        None => l.codes.keys().cloned().collect(),
        Some(k) => l.codes.values().filter_map(|r| r.get(k).cloned()).collect(),
    };
    codes.into_iter().collect()
}

/// Compute every indicator for every year, then the comparable years of the
/// indicators with coverage, and fill in the coverage (`spec/dekking.md`).
pub fn compute(
    records: &Records,
    tabellen: &RecordTabellen,
    catalogus: &[Indicator],
    jaren: &[i32],
    ctx: &Context,
) -> Result<Vec<IndicatorRij>> {
    let mut engine = SqlEngine::new();
    register_records(&mut engine, records, tabellen)?;
    tracing::debug!("record tables registered");
    let gebieden = Gebieden::register(&mut engine, tabellen, ctx.referentie)?;
    engine.register("datakwaliteit", &datasets::datakwaliteit(ctx.datakwaliteit))?;
    tracing::debug!("indeling and datakwaliteit registered");
    // Years side by side, each with its own year inputs (`SqlEngine::detached`). A
    // query's time in the debug log then includes the work its thread picks up
    // while it waits for polars: only the stage's time says what this costs.
    let mut out = Vec::new();
    let per_jaar: Vec<Result<Vec<IndicatorRij>>> = jaren
        .par_iter()
        .map(|&jaar| jaar_berekenen(&engine, catalogus, jaar, &gebieden, ctx, false))
        .collect();
    for r in per_jaar {
        out.extend(r?);
    }
    // Coverage and the comparable years (spec/dekking.md).
    tracing::debug!("every year computed");
    let panelen = ctx.dekking.panelen(jaren);
    let met_dekking: Vec<Indicator> = catalogus
        .iter()
        .filter(|i| i.meta.dekking)
        .cloned()
        .collect();
    let ids: BTreeSet<&str> = met_dekking.iter().map(|i| i.meta.id.as_str()).collect();
    let mut vergelijkbaar = Vec::new();
    for panel in &panelen {
        // The parties outside the panel as a table the year inputs leave out, once
        // for both years; none outside: the year's own rows serve.
        let engine = match panel.buiten.is_empty() {
            true => None,
            false => Some(panel_engine(&engine, panel)?),
        };
        let p = Paneljaren {
            engine: engine.as_ref(),
            catalogus: &met_dekking,
            ids: &ids,
            gebieden: &gebieden,
            ctx,
            panel,
        };
        for jaar in [panel.vorig, panel.jaar] {
            vergelijkbaar.extend(p.bereken(jaar, &out)?);
        }
    }
    out.extend(vergelijkbaar);
    tracing::debug!(panelen = panelen.len(), "comparable years computed");
    dekking::vul(&mut out, &ids, ctx.dekking, &panelen, ctx.referentie);
    sort(&mut out, &catalogue::Volgorde::van(catalogus));
    Ok(out)
}

/// The engine of a panel's run: the batch's tables and `buiten_panel`.
fn panel_engine(engine: &SqlEngine, panel: &dekking::Panel) -> Result<SqlEngine> {
    let mut engine = engine.detached();
    let mut buiten = Frame::default();
    buiten.push(
        "partij",
        Values::Str(panel.buiten.iter().cloned().map(Some).collect()),
    );
    engine.register("buiten_panel", &buiten)?;
    Ok(engine)
}

/// One panel's run of the indicators with coverage.
struct Paneljaren<'a> {
    /// With `buiten_panel`; `None` when every party is in the panel.
    engine: Option<&'a SqlEngine>,
    catalogus: &'a [Indicator],
    /// The ids of `catalogus`.
    ids: &'a BTreeSet<&'a str>,
    gebieden: &'a Gebieden,
    ctx: &'a Context<'a>,
    panel: &'a dekking::Panel,
}

impl Paneljaren<'_> {
    /// The national rows without a breakdown of `jaar` over the panel, as rows of
    /// dimensie `vergelijkbaar`. With every party in the panel the inputs are the
    /// year's own, so are the rows: they are taken from `alle` instead of computed
    /// again.
    fn bereken(&self, jaar: i32, alle: &[IndicatorRij]) -> Result<Vec<IndicatorRij>> {
        let nationaal = |r: &IndicatorRij| {
            r.jaar == jaar
                && r.niveau == NIVEAUS[0]
                && r.dimensie.is_none()
                && self.ids.contains(r.indicator_id.as_str())
        };
        let rijen: Vec<IndicatorRij> = match self.engine {
            None => alle.iter().filter(|r| nationaal(r)).cloned().collect(),
            Some(engine) => {
                jaar_berekenen(engine, self.catalogus, jaar, self.gebieden, self.ctx, true)?
                    .into_iter()
                    .filter(nationaal)
                    .collect()
            }
        };
        let naam = self.panel.naam();
        Ok(rijen
            .into_iter()
            .map(|r| IndicatorRij {
                dimensie: Some(crate::model::uitvoer::VERGELIJKBAAR.to_string()),
                dimensie_waarde: Some(naam.clone()),
                ..r
            })
            .collect())
    }
}

/// Every year's records as `alle_<tabel>`; each year's queries see `<tabel>` as its
/// year input defines it (the whole table where no file defines it). Besides their
/// columns, the tables carry their keys as row numbers (`controle_nr`,
/// `overtreding_nr`, `object_nr`, `gebied_nr`): joins on one number instead of two
/// texts.
fn register_records(
    engine: &mut SqlEngine,
    records: &Records,
    tabellen: &RecordTabellen,
) -> Result<()> {
    let s = &tabellen.sleutels;
    for (naam, tabel, nummers) in [
        (
            "controles",
            &tabellen.controles,
            vec![
                ("controle_nr", Nummers::Rij),
                ("object_nr", Nummers::Elk(&s.object_van_controle)),
                ("gebied_nr", Nummers::Elk(&s.gebied_van_controle)),
            ],
        ),
        (
            "overtredingen",
            &tabellen.overtredingen,
            vec![
                ("overtreding_nr", Nummers::Rij),
                ("controle_nr", Nummers::Van(&s.controle_van_overtreding)),
                ("object_nr", Nummers::Elk(&s.object_van_overtreding)),
                ("gebied_nr", Nummers::Van(&s.gebied_van_overtreding)),
            ],
        ),
        (
            "handhavingsmaatregelen",
            &tabellen.maatregelen,
            vec![("overtreding_nr", Nummers::Van(&s.overtreding_van_maatregel))],
        ),
    ] {
        engine.register_tabel(
            &[&format!("alle_{naam}"), naam],
            tabel,
            &datasets::LINEAGE,
            &nummers,
        )?;
    }
    let strafzaken = datasets::strafzaken(&records.strafzaken, Lineage::Zonder);
    engine.register_as(&["alle_strafzaken", "strafzaken"], &strafzaken)?;
    Ok(())
}

/// The (partij, gemeente) areas with controles and the niveaus they belong to
/// (`indeling`, registered for the queries), with the areas active per year.
struct Gebieden {
    indeling: Frame,
    /// The area of each row of `indeling`.
    gebied_van_indeling: Vec<u32>,
    /// Per year, for each area (by its number) whether it has controles.
    actief_per_jaar: BTreeMap<i32, Vec<bool>>,
}

impl Gebieden {
    /// One pass over the controles: the areas with controles per year, by their
    /// numbers; then `indeling` over them.
    fn register(
        engine: &mut SqlEngine,
        tabellen: &RecordTabellen,
        referentie: &Referentie,
    ) -> Result<Gebieden> {
        let s = &tabellen.sleutels;
        let c = &tabellen.controles;
        let (partij, gemeente) = (c.tekst("partij")?, c.tekst("gemeente_code")?);
        let jaar_van = c.jaren("controledatum")?;
        // A flag per area and year: a row costs an index, not a hash.
        let aantal = s.gebied_rij.len();
        let mut actief_per_jaar: BTreeMap<i32, Vec<bool>> = BTreeMap::new();
        for (&g, j) in s.gebied_van_controle.iter().zip(jaar_van) {
            if let Some(j) = j {
                let actief = actief_per_jaar
                    .entry(j)
                    .or_insert_with(|| vec![false; aantal]);
                if let Some(a) = actief.get_mut(g as usize) {
                    *a = true;
                }
            }
        }
        let gebieden: BTreeSet<u32> = (0..aantal as u32)
            .filter(|&g| actief_per_jaar.values().any(|a| a[g as usize]))
            .collect();
        let paren: Vec<(&str, &str, u32)> = gebieden
            .into_iter()
            .map(|g| {
                let k = s.gebied_rij[g as usize] as usize;
                (
                    partij.get(k).unwrap_or(""),
                    gemeente.get(k).unwrap_or(""),
                    g,
                )
            })
            .collect();
        let (indeling, gebied_van_indeling) = indeling(paren, referentie);
        engine.register_tabel(
            &["indeling"],
            &EngineTable::uit(&indeling)?,
            &[],
            &[("gebied_nr", Nummers::Elk(&gebied_van_indeling))],
        )?;
        Ok(Gebieden {
            indeling,
            gebied_van_indeling,
            actief_per_jaar,
        })
    }

    /// The units (niveau, eenheid) with controles in `jaar`: the grid every
    /// indicator of the year is completed on.
    fn eenheden(&self, jaar: i32) -> BTreeSet<(String, String)> {
        let actief = self
            .actief_per_jaar
            .get(&jaar)
            .map_or(&[][..], Vec::as_slice);
        let mut eenheden: BTreeSet<(String, String)> = BTreeSet::new();
        let (inv, ie) = (
            self.indeling.str("niveau").unwrap_or_default(),
            self.indeling.str("eenheid").unwrap_or_default(),
        );
        for (k, g) in self.gebied_van_indeling.iter().enumerate() {
            if actief.get(*g as usize) == Some(&true) {
                eenheden.insert((
                    inv[k].clone().unwrap_or_default(),
                    ie[k].clone().unwrap_or_default(),
                ));
            }
        }
        eenheden
    }
}

/// Every indicator of one year: the year's input tables materialised once, then
/// the queries two at a time, each on a clone of the engine that shares the year's
/// tables. Results keep catalogue order.
fn jaar_berekenen(
    engine: &SqlEngine,
    catalogus: &[Indicator],
    jaar: i32,
    gebieden: &Gebieden,
    ctx: &Context,
    buiten_panel: bool,
) -> Result<Vec<IndicatorRij>> {
    let eenheden = gebieden.eenheden(jaar);
    let voorlopig = !ctx.geleverde_jaren.contains(&(jaar + 1));
    let variabelen = variabelen(jaar, (ctx.peildatum)(jaar), ctx, buiten_panel);
    // The year inputs are this year's own; the tables of all years are shared.
    let mut engine = engine.detached();
    for j in ctx.jaarinvoer {
        let sql = sql::render(
            &sql::omgeving(None),
            &j.tabel,
            &j.bron,
            &j.sql,
            variabelen.clone(),
        )?;
        let rijen = engine
            .materialise(&j.tabel, &sql)
            .map_err(|e| Error::Indicator {
                indicator: j.tabel.clone(),
                message: format!("{} (jaar {jaar}): {e}", j.bron),
            })?;
        tracing::debug!(tabel = %j.tabel, jaar, rijen, "jaarinvoer");
    }
    let per_indicator: Vec<Result<Vec<IndicatorRij>>> = catalogus
        .par_iter()
        .map(|ind| -> Result<Vec<IndicatorRij>> {
            let sql = sql::render(
                &sql::omgeving(ind.pad.parent()),
                &ind.meta.id,
                &ind.bron,
                &ind.sql,
                variabelen.clone(),
            )?;
            let start = std::time::Instant::now();
            let frame = engine.query(&sql).map_err(|e| Error::Indicator {
                indicator: ind.meta.id.clone(),
                message: format!("{} (jaar {jaar}): {e}", ind.bron),
            })?;
            tracing::debug!(indicator = %ind.meta.id, jaar, ms = start.elapsed().as_millis() as u64, "query");
            let mut rijen = shape(ind, jaar, &frame)?;
            complete(ind, jaar, &mut rijen, &eenheden, ctx.codelijsten);
            for r in &mut rijen {
                if r.status == status::DEFINITIEF && ind.meta.volgjaar_nodig && voorlopig {
                    r.status = status::VOORLOPIG;
                }
            }
            Ok(rijen)
        })
        .collect();
    let mut out = Vec::new();
    for r in per_indicator {
        out.extend(r?);
    }
    Ok(out)
}

pub fn sort(rijen: &mut [IndicatorRij], volgorde: &catalogue::Volgorde) {
    let niveau = |n: &str| NIVEAUS.iter().position(|x| *x == n).unwrap_or(9);
    // Stable on both cores, as `sort_by`; most pairs compared are rows of one
    // indicator, whose place in the catalogue need not be looked up.
    rijen.par_sort_by(|a, b| {
        let indicator = match a.indicator_id == b.indicator_id {
            true => std::cmp::Ordering::Equal,
            false => volgorde
                .plaats(&a.indicator_id)
                .cmp(&volgorde.plaats(&b.indicator_id)),
        };
        indicator.then_with(|| {
            (
                a.jaar,
                niveau(&a.niveau),
                &a.eenheid,
                &a.dimensie,
                &a.dimensie_waarde,
            )
                .cmp(&(
                    b.jaar,
                    niveau(&b.niveau),
                    &b.eenheid,
                    &b.dimensie,
                    &b.dimensie_waarde,
                ))
        })
    });
}

/// Turn a query's result into indicator rows, checking the query's contract.
fn shape(ind: &Indicator, jaar: i32, f: &Frame) -> Result<Vec<IndicatorRij>> {
    let err = |m: String| Error::Indicator {
        indicator: ind.meta.id.clone(),
        message: format!("{}: {m}", ind.bron),
    };
    let text = |name: &str, required: bool| -> Result<Vec<Option<String>>> {
        match f.column(name) {
            Some(Values::Str(v)) => Ok(v.clone()),
            Some(_) => Err(err(format!("column `{name}` must be text"))),
            None if required => Err(err(format!("the query must return a column `{name}`"))),
            None => Ok(vec![None; f.height()]),
        }
    };
    let number = |name: &str| -> Result<Vec<Option<f64>>> {
        match f.column(name) {
            Some(_) => f
                .getallen(name)
                .ok_or_else(|| err(format!("column `{name}` must be numeric"))),
            None => Err(err(format!(
                "the query must return a column `{name}` (soort {:?})",
                ind.meta.soort
            ))),
        }
    };
    let whole = |name: &str| -> Result<Vec<Option<i64>>> {
        number(name).map(|v| v.into_iter().map(|x| x.map(|x| x as i64)).collect())
    };
    let niveau = text("niveau", true)?;
    let eenheid = text("eenheid", true)?;
    let dimensie = text("dimensie", false)?;
    let dimensie_waarde = text("dimensie_waarde", false)?;
    let (waarde, teller, noemer) = match ind.meta.soort {
        Soort::Aantal => (
            number("waarde")?,
            vec![None; f.height()],
            vec![None; f.height()],
        ),
        Soort::Aandeel => (vec![None; f.height()], whole("teller")?, whole("noemer")?),
        Soort::Mediaan => (number("waarde")?, vec![None; f.height()], whole("noemer")?),
    };
    let mut out = Vec::with_capacity(f.height());
    for k in 0..f.height() {
        let n = niveau[k]
            .clone()
            .ok_or_else(|| err("niveau is null".into()))?;
        if !NIVEAUS.contains(&n.as_str()) {
            return Err(err(format!("unknown niveau `{n}`")));
        }
        let mut rij = IndicatorRij {
            indicator_id: ind.meta.id.clone(),
            indicator: ind.meta.naam.clone(),
            jaar,
            niveau: n,
            eenheid: eenheid[k]
                .clone()
                .ok_or_else(|| err("eenheid is null".into()))?,
            dimensie: dimensie[k].clone(),
            dimensie_waarde: dimensie_waarde[k].clone(),
            waarde: waarde[k],
            teller: teller[k],
            noemer: noemer[k],
            gemeenten_gedekt: None,
            gemeenten_totaal: None,
            status: status::DEFINITIEF,
        };
        finish(ind.meta.soort, &mut rij);
        out.push(rij);
    }
    Ok(out)
}

/// The rules for every share and median: waarde from teller/noemer, and no
/// observations → null with `geen_waarnemingen` (never 0, never NaN).
fn finish(soort: Soort, r: &mut IndicatorRij) {
    match soort {
        Soort::Aantal => {
            r.waarde = Some(r.waarde.unwrap_or(0.0));
        }
        Soort::Aandeel => {
            let (t, n) = (r.teller.unwrap_or(0), r.noemer.unwrap_or(0));
            r.teller = Some(t);
            r.noemer = Some(n);
            r.waarde = (n > 0).then(|| 100.0 * t as f64 / n as f64);
        }
        Soort::Mediaan => {
            r.noemer = Some(r.noemer.unwrap_or(0));
            if r.noemer == Some(0) {
                r.waarde = None;
            }
        }
    }
    if r.waarde.is_none() {
        r.status = status::GEEN_WAARNEMINGEN;
    }
}

/// Add rows for units (and breakdown codes) the query returned nothing for.
fn complete(
    ind: &Indicator,
    jaar: i32,
    rijen: &mut Vec<IndicatorRij>,
    eenheden: &BTreeSet<(String, String)>,
    codelijsten: &Codelijsten,
) {
    let mut have: BTreeSet<(String, String, Option<String>, Option<String>)> = rijen
        .iter()
        .map(|r| {
            (
                r.niveau.clone(),
                r.eenheid.clone(),
                r.dimensie.clone(),
                r.dimensie_waarde.clone(),
            )
        })
        .collect();
    let mut combinaties: Vec<(Option<String>, Option<String>)> = Vec::new();
    if ind.meta.totaal {
        combinaties.push((None, None));
    }
    for (dim, lijst) in &ind.meta.dimensies {
        for code in dimensie_codes(lijst, codelijsten) {
            combinaties.push((Some(dim.clone()), Some(code)));
        }
    }
    let niveaus = ind.meta.niveaus.as_deref();
    for (niveau, eenheid) in eenheden {
        if niveaus.is_some_and(|ns| !ns.contains(niveau)) {
            continue;
        }
        for (dim, waarde) in &combinaties {
            let key = (niveau.clone(), eenheid.clone(), dim.clone(), waarde.clone());
            if have.insert(key) {
                let mut r = IndicatorRij {
                    indicator_id: ind.meta.id.clone(),
                    indicator: ind.meta.naam.clone(),
                    jaar,
                    niveau: niveau.clone(),
                    eenheid: eenheid.clone(),
                    dimensie: dim.clone(),
                    dimensie_waarde: waarde.clone(),
                    waarde: None,
                    teller: None,
                    noemer: None,
                    gemeenten_gedekt: None,
                    gemeenten_totaal: None,
                    status: status::DEFINITIEF,
                };
                finish(ind.meta.soort, &mut r);
                rijen.push(r);
            }
        }
    }
}
