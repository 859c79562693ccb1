//! The pipeline from start to end: resolved configuration in, output tree out.
//! This module only puts the stages in order; each is a function so the CLI can
//! stop after any of them, and `publish::tree` writes what they computed.

use std::collections::{BTreeMap, BTreeSet};

use indicatif::{ProgressBar, ProgressStyle};

use crate::clock::Clock;
use crate::config::Config;
use crate::datasets::RecordTabellen;
use crate::error::Result;
use crate::fetch;
use crate::harmonise::{self, Harmoniser};
use crate::indicators::datakwaliteit::{self, KwaliteitRij};
use crate::indicators::{self, IndicatorRij};
use crate::indicators::{catalogue, randvoorwaarden};
use crate::ingest::{self, Bestand, Overgeslagen};
use crate::publish::{self, tree};
use crate::validate::{self, Uitkomst};

pub use crate::publish::tree::Samenvatting;
pub use crate::queries::{load_basis, load_queries, Basis, Queries};

/// The delivery files of a batch, and what `vth fetch` recorded about them.
pub struct Batchinvoer {
    pub bestanden: Vec<Bestand>,
    pub overgeslagen: Vec<Overgeslagen>,
    /// `fetch.json` of the input tree, when `vth fetch` made it.
    pub ophaling: Option<fetch::record::Ophaalverslag>,
    /// Per delivery, the files that did not arrive whole or changed since.
    pub tekorten: BTreeMap<crate::model::Levering, Vec<String>>,
}

pub fn ingest(config: &Config, q: &Queries) -> Result<Batchinvoer> {
    let (bestanden, mut overgeslagen) = ingest::discover(
        &config.input,
        &q.profielen,
        &config.file.grenzen,
        &q.referentie,
    )?;
    let Some(record) = fetch::record::Ophaalverslag::load(&config.input)? else {
        return Ok(Batchinvoer {
            bestanden,
            overgeslagen,
            ophaling: None,
            tekorten: BTreeMap::new(),
        });
    };
    let c = record.controleer(&config.input, bestanden);
    overgeslagen.extend(c.overgeslagen);
    overgeslagen.sort_by(|a, b| a.relatief.cmp(&b.relatief));
    Ok(Batchinvoer {
        bestanden: c.bestanden,
        overgeslagen,
        ophaling: Some(record),
        tekorten: c.tekorten,
    })
}

fn bar(len: u64, msg: &'static str) -> ProgressBar {
    let pb = ProgressBar::new(len);
    pb.set_style(
        ProgressStyle::with_template("{msg:>12} [{bar:30}] {pos}/{len} rows ({per_sec})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    pb.set_message(msg);
    pb
}

/// Read, harmonise and validate every file of the batch (for the commands and
/// tests that stop after validation).
pub fn validate(config: &Config, q: &Queries, invoer: &Batchinvoer) -> Result<Uitkomst> {
    read_harmonise_validate(config, q, invoer, &mut Clock::default())
}

/// The stages between discovery and the indicators, each a step of `clock`:
/// ingest reads every file into columns with file and line, validate counts what
/// it needs of their text (D2, D5), harmonise makes records of them and lets the
/// text go, validate decides every row and reconciles the counts.
fn read_harmonise_validate(
    config: &Config,
    q: &Queries,
    invoer: &Batchinvoer,
    clock: &mut Clock,
) -> Result<Uitkomst> {
    let h = Harmoniser {
        config,
        codelijsten: &q.codelijsten,
        referentie: &q.referentie,
        profielen: &q.profielen,
        vertalingen: &q.vertalingen,
    };
    let (mut gelezen, bevindingen) =
        ingest::read::read_files(&invoer.bestanden, config, &q.profielen)?;
    clock.step("ingest");
    // What validation counts of the text (D2, D5), before harmonise lets it go.
    let telling = validate::tel(&gelezen);
    clock.step("counts");
    // Row totals are unknown before reading; count bytes would mislead, so count rows.
    let pb = bar(0, "harmonising");
    let rijen = harmonise::batch::harmonise(&mut gelezen, &h, &|n| {
        pb.inc_length(n);
        pb.inc(n);
    });
    pb.finish_and_clear();
    clock.step("harmonise");
    let mut uitkomst = validate::run(gelezen, telling, rijen, bevindingen, &h, clock)?;
    uitkomst.niet_volledig(&invoer.tekorten);
    uitkomst.overgeslagen(&invoer.overgeslagen);
    Ok(uitkomst)
}

/// The reporting years: configured, or every year with a delivery.
pub fn jaren(config: &Config, uitkomst: &Uitkomst) -> Vec<i32> {
    if !config.file.jaren.is_empty() {
        return config.file.jaren.clone();
    }
    let set: BTreeSet<i32> = uitkomst.leveringen.iter().map(|l| l.jaar).collect();
    set.into_iter().collect()
}

/// R1–R6, R and S1–S7 per omgevingsdienst and year (and S6 per recommendation).
pub fn randvoorwaarden(
    config: &Config,
    q: &Queries,
    uitkomst: &Uitkomst,
) -> Result<randvoorwaarden::ConditieUitkomst> {
    let diensten = q
        .referentie
        .omgevingsdiensten
        .values()
        .map(|o| randvoorwaarden::Dienst {
            code: o.omgevingsdienst_code.clone(),
            naam: o.naam.clone(),
            gemeenten: q
                .referentie
                .gemeenten
                .values()
                .filter(|g| g.omgevingsdienst_code == o.omgevingsdienst_code)
                .count(),
        })
        .collect();
    let jaren = jaren(config, uitkomst);
    randvoorwaarden::bereken(
        &q.condities,
        &randvoorwaarden::ConditieInvoer {
            records: &uitkomst.records,
            diensten,
            codelijsten: &q.codelijsten,
            drempels: &config.file.robuustheid,
            jaren: &jaren,
            peildatum: &|j| config.peildatum(j),
            vorige_editie: config.vorige_peildatum(),
        },
    )
}

/// D1–D7 per party and year.
pub fn datakwaliteit(config: &Config, q: &Queries, uitkomst: &Uitkomst) -> Vec<KwaliteitRij> {
    datakwaliteit::compute(
        uitkomst,
        config,
        &q.referentie,
        &jaren(config, uitkomst),
        &catalogue::Volgorde::van(&q.catalogus),
    )
}

pub fn indicators(
    config: &Config,
    q: &Queries,
    uitkomst: &Uitkomst,
    dq: &[KwaliteitRij],
) -> Result<Vec<IndicatorRij>> {
    let tabellen = RecordTabellen::uit(&uitkomst.records)?;
    let dekking = indicators::dekking::Dekking::uit(&tabellen)?;
    indicators_over(config, q, uitkomst, &tabellen, dq, &dekking)
}

/// The indicators over record tables already built (`run` lets the records go),
/// with who delivered controles in which year (coverage and the panels).
fn indicators_over(
    config: &Config,
    q: &Queries,
    uitkomst: &Uitkomst,
    tabellen: &RecordTabellen,
    dq: &[KwaliteitRij],
    dekking: &indicators::dekking::Dekking,
) -> Result<Vec<IndicatorRij>> {
    let peildatum = |j: i32| config.peildatum(j);
    let ctx = indicators::Context {
        codelijsten: &q.codelijsten,
        referentie: &q.referentie,
        peildatum: &peildatum,
        geleverde_jaren: uitkomst
            .leveringen
            .iter()
            .filter(|l| l.heeft_gegevens())
            .map(|l| l.jaar)
            .collect(),
        geleverd: uitkomst
            .leveringen
            .iter()
            .filter(|l| l.heeft_gegevens())
            .map(|l| (l.jaar, l.partij.clone()))
            .collect(),
        datakwaliteit: dq,
        jaarinvoer: &q.jaarinvoer,
        dekking,
    };
    indicators::compute(
        &uitkomst.records,
        tabellen,
        &q.catalogus,
        &jaren(config, uitkomst),
        &ctx,
    )
}

/// The open release of the indicator rows: disclosure control over the relations
/// between cells, the comparable years' panels among them.
pub fn openbaar(
    config: &Config,
    q: &Queries,
    uitkomst: &Uitkomst,
    tabellen: &RecordTabellen,
    restricted: &[IndicatorRij],
) -> Result<indicators::disclosure::Openbaar> {
    let dekking = indicators::dekking::Dekking::uit(tabellen)?;
    Ok(openbaar_over(config, q, uitkomst, &dekking, restricted))
}

fn openbaar_over(
    config: &Config,
    q: &Queries,
    uitkomst: &Uitkomst,
    dekking: &indicators::dekking::Dekking,
    restricted: &[IndicatorRij],
) -> indicators::disclosure::Openbaar {
    let mut relaties =
        indicators::disclosure::Relaties::uit(&q.catalogus, &q.referentie, &q.codelijsten);
    relaties.panelen = dekking
        .panelen(&jaren(config, uitkomst))
        .into_iter()
        .map(|p| (p.naam(), p.buiten))
        .collect();
    indicators::disclosure::open(
        restricted,
        &q.catalogus,
        config.file.openbaarheid,
        &relaties,
    )
}

/// What the run computes from the validated batch, each a step of `clock`: data
/// quality and the indicators of both releases.
type Berekend = (
    Vec<KwaliteitRij>,
    Vec<IndicatorRij>,
    indicators::disclosure::Openbaar,
);

fn bereken(
    config: &Config,
    q: &Queries,
    uitkomst: &Uitkomst,
    tabellen: &RecordTabellen,
    clock: &mut Clock,
) -> Result<Berekend> {
    let dq = datakwaliteit(config, q, uitkomst);
    clock.step("datakwaliteit");
    // Who delivered controles in which year: once, for coverage, the panels'
    // figures and their disclosure control.
    let dekking = indicators::dekking::Dekking::uit(tabellen)?;
    let restricted = indicators_over(config, q, uitkomst, tabellen, &dq, &dekking)?;
    clock.step("indicators");
    let open = openbaar_over(config, q, uitkomst, &dekking, &restricted);
    clock.step("disclosure");
    Ok((dq, restricted, open))
}

/// The whole pipeline: ingest → harmonise → validate → indicators → publish.
pub fn run(config: &Config) -> Result<Samenvatting> {
    let mut clock = Clock::default();
    // A previous run killed during publication is repaired first, whatever happens
    // to this one; then a missing template folder stops the run before the work.
    publish::herstel_doel(&config.output)?;
    config.check_templates()?;
    // The report's structure is read before the work: a mistake in it stops the
    // run here, not after every file was read.
    let opzet = publish::report::opzet::Opzet::laad(&config.templates)?;
    let q = load_queries(config)?;
    let invoer = ingest(config, &q)?;
    clock.step("discover");
    tracing::info!(files = invoer.bestanden.len(), "discover");
    let mut uitkomst = read_harmonise_validate(config, &q, &invoer, &mut clock)?;
    tracing::info!(quarantined = uitkomst.quarantaine.len(), "validate");
    // From here on the three large tables are columns: the queries and the
    // restricted release read them, and the records they came from go.
    let tabellen = RecordTabellen::uit_en_laat_gaan(&mut uitkomst.records)?;
    clock.step("kolommen");
    // The randvoorwaarden read only the stelsel tables: they are computed beside
    // the indicators, on the cores the queries leave idle. (The restricted record
    // datasets could be written there too, 0.1 s faster at two years, but held
    // 100–200 MiB more at ten: tests/bench/README.md.)
    let (berekend, rv) = rayon::join(
        || bereken(config, &q, &uitkomst, &tabellen, &mut clock),
        || randvoorwaarden(config, &q, &uitkomst),
    );
    let (dq, restricted, open) = berekend?;
    let rv = rv?;
    // What the queries let go on polars' threads goes back before publish builds
    // its row groups (one file: publish's peak 2,426-2,460 MiB instead of
    // 2,854-2,897, in 0.03-0.05 s).
    crate::memory::release_polars();
    // What the randvoorwaarden still took after the indicators (usually nothing),
    // and the collect above.
    clock.step("randvoorwaarden");
    let jaren = jaren(config, &uitkomst);
    tree::publish_tree(
        &tree::Publicatie {
            config,
            q: &q,
            bronnen: tree::Bronnen {
                bestanden: &invoer.bestanden,
                overgeslagen: &invoer.overgeslagen,
                tekorten: &invoer.tekorten,
                ophaling: invoer
                    .ophaling
                    .as_ref()
                    .map(|r| r.herkomst())
                    .unwrap_or_default(),
            },
            uitkomst: &uitkomst,
            tabellen: &tabellen,
            dq: &dq,
            indicatoren: tree::Indicatoren {
                open: &open.rijen,
                restricted: &restricted,
                onderdrukking: open.onderdrukking,
            },
            randvoorwaarden: &rv,
            jaren: &jaren,
            opzet: &opzet,
        },
        clock,
    )
}
