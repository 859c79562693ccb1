//! The pipeline from start to end: resolved configuration in, output tree out.
//! Each stage is a function so the CLI can stop after any of them.

use std::collections::{BTreeMap, BTreeSet};

use indicatif::{ProgressBar, ProgressStyle};

use crate::config::Config;
use crate::datasets;
use crate::datasets::Release;
use crate::error::Result;
use crate::fetch;
use crate::harmonise::mapping::{self, Mappings, Vertaling};
use crate::harmonise::Harmoniser;
use crate::indicators::datakwaliteit::{self, KwaliteitRij};
use crate::indicators::randvoorwaarden::{self, Conditie};
use crate::indicators::{self, catalogue, IndicatorRij};
use crate::ingest::profile::{self, Profielen};
use crate::ingest::{self, Bestand, Overgeslagen};
use crate::klok::Klok;
use crate::publish::pseudonym::Pseudonimiseerder;
use crate::publish::{self, manifest, release, report, Herkomst, Staging};
use crate::reference::{Codelijsten, Referentie};
use crate::validate::{self, Uitkomst};

/// Everything in `queries/` that gives the data its meaning.
pub struct Queries {
    pub referentie: Referentie,
    pub codelijsten: Codelijsten,
    pub catalogus: Vec<catalogue::Indicator>,
    /// What a year's indicator queries see: `queries/indicatoren/jaarinvoer/`.
    pub jaarinvoer: Vec<catalogue::JaarInvoer>,
    /// R1–R6, R and S1–S7: `queries/randvoorwaarden/`.
    pub condities: Vec<Conditie>,
    pub mappings: Mappings,
    pub profielen: Profielen,
    pub vertalingen: BTreeMap<String, Vertaling>,
}

pub fn load_queries(config: &Config) -> Result<Queries> {
    let b = load_basis(&config.queries)?;
    let vertalingen = b
        .profielen
        .iter()
        .map(|(p, profiel)| Ok((p.clone(), Vertaling::nieuw(p, Some(profiel), &b.mappings)?)))
        .collect::<Result<_>>()?;
    Ok(Queries {
        referentie: b.referentie,
        codelijsten: b.codelijsten,
        catalogus: catalogue::load(&config.queries.join("indicatoren"))?,
        jaarinvoer: catalogue::load_jaarinvoer(&config.queries.join("indicatoren/jaarinvoer"))?,
        condities: randvoorwaarden::load(&config.queries.join("randvoorwaarden"))?,
        mappings: b.mappings,
        profielen: b.profielen,
        vertalingen,
    })
}

/// The parts of `queries/` that describe the parties and their codes: reference
/// lists, code lists, mapping tables and party profiles, each checked against the
/// ones before. Commands without a batch configuration (fetch, generate, bench)
/// need only these.
pub struct Basis {
    pub referentie: Referentie,
    pub codelijsten: Codelijsten,
    pub mappings: Mappings,
    pub profielen: Profielen,
}

pub fn load_basis(queries: &std::path::Path) -> Result<Basis> {
    let codelijsten = Codelijsten::load(&queries.join("codelijsten"))?;
    let mappings = mapping::load(&queries.join("mappings"), &codelijsten)?;
    let profielen = profile::load(&queries.join("profielen"), &mappings.namen())?;
    Ok(Basis {
        referentie: Referentie::load(&queries.join("referentie"))?,
        codelijsten,
        mappings,
        profielen,
    })
}

/// The delivery files of a batch, and what `vth fetch` recorded about them.
pub struct Invoer {
    pub bestanden: Vec<Bestand>,
    pub overgeslagen: Vec<Overgeslagen>,
    /// `fetch.json` of the input tree, when `vth fetch` made it.
    pub ophaling: Option<fetch::record::Record>,
    /// Per delivery, the files that did not arrive whole or changed since.
    pub tekorten: BTreeMap<crate::model::Levering, Vec<String>>,
}

pub fn ingest(config: &Config, q: &Queries) -> Result<Invoer> {
    let (bestanden, mut overgeslagen) = ingest::discover(
        &config.input,
        &q.profielen,
        &config.file.grenzen,
        &q.referentie,
    )?;
    let Some(record) = fetch::record::Record::load(&config.input)? else {
        return Ok(Invoer {
            bestanden,
            overgeslagen,
            ophaling: None,
            tekorten: BTreeMap::new(),
        });
    };
    let c = record.controleer(&config.input, bestanden);
    overgeslagen.extend(c.overgeslagen);
    overgeslagen.sort_by(|a, b| a.relatief.cmp(&b.relatief));
    Ok(Invoer {
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

/// Harmonise and validate every file of the batch.
pub fn validate(config: &Config, q: &Queries, invoer: &Invoer) -> Result<Uitkomst> {
    let h = Harmoniser {
        config,
        codelijsten: &q.codelijsten,
        referentie: &q.referentie,
        profielen: &q.profielen,
        vertalingen: &q.vertalingen,
    };
    // Row totals are unknown before reading; count bytes would mislead, so count rows.
    let pb = bar(0, "validating");
    let mut uitkomst = validate::run(&invoer.bestanden, &h, &|n| {
        pb.inc_length(n);
        pb.inc(n);
    })?;
    pb.finish_and_clear();
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

/// The open indicators of the previous edition, for the trend in the report.
fn vorige_editie(config: &Config) -> Result<Vec<IndicatorRij>> {
    let Some(indicatoren) = config
        .file
        .vorige_editie
        .as_ref()
        .and_then(|v| v.indicatoren.as_ref())
    else {
        return Ok(Vec::new());
    };
    let pad = config.queries.join(indicatoren);
    let frame = crate::engine::read_parquet(&pad)?;
    datasets::indicatoren_uit(&frame).ok_or_else(|| crate::error::Error::Config {
        path: pad,
        message: "[vorige_editie] indicatoren is not an indicatoren.parquet of this pipeline"
            .into(),
    })
}

/// R1–R6, R and S1–S7 per omgevingsdienst and year (and S6 per recommendation).
pub fn randvoorwaarden(
    config: &Config,
    q: &Queries,
    uitkomst: &Uitkomst,
) -> Result<randvoorwaarden::Uitkomst> {
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
        &randvoorwaarden::Invoer {
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
    datakwaliteit::compute(uitkomst, config, &q.referentie, &jaren(config, uitkomst))
}

pub fn indicators(
    config: &Config,
    q: &Queries,
    uitkomst: &Uitkomst,
    dq: &[KwaliteitRij],
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
    };
    indicators::compute(
        &uitkomst.records,
        &q.catalogus,
        &jaren(config, uitkomst),
        &ctx,
    )
}

/// What a finished run reports to the user.
#[derive(Debug, Clone)]
pub struct Samenvatting {
    pub run_id: String,
    pub bestanden: usize,
    pub leveringen: usize,
    pub geweigerd: Vec<String>,
    /// Files found in the input tree and not read, with the reason.
    pub overgeslagen: Vec<String>,
    pub rijen: manifest::Rijen,
    pub waarschuwingen: u64,
    /// No pseudonymisation key was set: the restricted release used the development key.
    pub ontwikkelsleutel: bool,
    pub output: std::path::PathBuf,
    /// Wall time per stage (never written to the output tree).
    pub tijden: Vec<crate::klok::Stap>,
}

/// The whole pipeline: ingest → harmonise → validate → indicators → publish.
pub fn run(config: &Config) -> Result<Samenvatting> {
    let mut klok = Klok::default();
    // A previous run killed during publication is repaired first, whatever happens
    // to this one; then a missing template folder stops the run before the work.
    publish::herstel_doel(&config.output)?;
    config.check_templates()?;
    let q = load_queries(config)?;
    let invoer = ingest(config, &q)?;
    klok.stap("discover");
    tracing::info!(files = invoer.bestanden.len(), "ingest");
    let uitkomst = validate(config, &q, &invoer)?;
    klok.neem_over(&uitkomst.tijden);
    tracing::info!(quarantined = uitkomst.quarantaine.len(), "validate");
    let dq = datakwaliteit(config, &q, &uitkomst);
    klok.stap("datakwaliteit");
    let restricted = indicators(config, &q, &uitkomst, &dq)?;
    klok.stap("indicators");
    let relaties =
        indicators::disclosure::Relaties::uit(&q.catalogus, &q.referentie, &q.codelijsten);
    let open = indicators::disclosure::open(
        &restricted,
        &q.catalogus,
        config.file.openbaarheid,
        &relaties,
    );
    klok.stap("disclosure");
    let indicatoren = Indicatoren {
        open: &open.rijen,
        restricted: &restricted,
        onderdrukking: open.onderdrukking,
    };
    publish_tree(config, &q, &invoer, &uitkomst, &dq, &indicatoren, klok)
}

/// The indicator rows of both releases.
struct Indicatoren<'a> {
    open: &'a [IndicatorRij],
    restricted: &'a [IndicatorRij],
    onderdrukking: indicators::disclosure::Onderdrukking,
}

fn publish_tree(
    config: &Config,
    q: &Queries,
    invoer: &Invoer,
    uitkomst: &Uitkomst,
    dq: &[KwaliteitRij],
    ind: &Indicatoren,
    mut klok: Klok,
) -> Result<Samenvatting> {
    let bestanden = &invoer.bestanden;
    let hashes: Vec<manifest::Bestandshash> = uitkomst
        .reconciliatie
        .iter()
        .map(|r| manifest::Bestandshash {
            bestand: r.bestand.clone(),
            sha256: r.sha256.clone(),
            bytes: bestanden
                .iter()
                .find(|b| b.relatief == r.bestand)
                .and_then(|b| std::fs::metadata(&b.pad).ok())
                .map_or(0, |m| m.len()),
        })
        .collect();
    let overgeslagen = &invoer.overgeslagen;
    let queries_hashes = manifest::hash_tree(&config.queries, "queries/")?;
    // What did not arrive changes D1, so it is part of what the run id covers;
    // where files came from does not, so a fetched tree and the same files read
    // locally give the same run.
    let tekorten: Vec<String> = invoer
        .tekorten
        .iter()
        .flat_map(|(l, t)| {
            t.iter()
                .map(move |x| format!("{} {} {x}", l.jaar, l.partij))
        })
        .collect();
    let run_id = manifest::run_id(&config.file_text, &hashes, &queries_hashes, &tekorten);
    let jaren = jaren(config, uitkomst);
    let herkomst = Herkomst {
        schema_versie: publish::SCHEMA_VERSIE,
        editie: config.file.editie.clone(),
        jaren: jaren.clone(),
        tool_versie: publish::TOOL_VERSIE,
        run_id: run_id.clone(),
    };

    let staging = Staging::new(&config.output)?;
    let pseudo = Pseudonimiseerder::uit_omgeving();
    let beperkt = release::beperkt(&uitkomst.records, &uitkomst.quarantaine, &pseudo);
    let rv = randvoorwaarden(config, q, uitkomst)?;
    let (open, restricted) = (Release::Open, Release::Restricted);
    let w = |ds: &'static datasets::Dataset, rel: Release, frame: crate::engine::Frame| {
        publish::write_dataset(&staging, ds, rel, &frame, &herkomst)
    };
    // The datasets are independent: build and write them two at a time (the record
    // datasets dominate at national scale). The list keeps its order.
    type Bouw<'x> = Box<dyn Fn() -> crate::engine::Frame + Send + Sync + 'x>;
    let taken: Vec<(&'static datasets::Dataset, Release, Bouw)> = vec![
        (
            &datasets::INDICATOREN,
            open,
            Box::new(|| datasets::indicatoren(ind.open)),
        ),
        (
            &datasets::ROBUUSTHEID,
            open,
            Box::new(|| datasets::robuustheid(&rv.robuustheid)),
        ),
        (
            &datasets::STELSEL,
            open,
            Box::new(|| datasets::stelsel(&rv.stelsel)),
        ),
        (
            &datasets::DATAKWALITEIT,
            open,
            Box::new(|| datasets::datakwaliteit(dq)),
        ),
        (
            &datasets::INDICATOREN,
            restricted,
            Box::new(|| datasets::indicatoren(ind.restricted)),
        ),
        (
            &datasets::CONTROLES,
            restricted,
            Box::new(|| beperkt.controles()),
        ),
        (
            &datasets::OVERTREDINGEN,
            restricted,
            Box::new(|| beperkt.overtredingen()),
        ),
        (
            &datasets::MAATREGELEN,
            restricted,
            Box::new(|| datasets::maatregelen(&beperkt.maatregelen)),
        ),
        (
            &datasets::STRAFZAKEN,
            restricted,
            Box::new(|| datasets::strafzaken(&beperkt.strafzaken)),
        ),
        (
            &datasets::QUARANTAINE,
            restricted,
            Box::new(|| datasets::quarantaine(&beperkt.quarantaine)),
        ),
    ];
    let geschreven = {
        use rayon::prelude::*;
        taken
            .par_iter()
            .map(|(ds, rel, bouw)| w(ds, *rel, bouw()))
            .collect::<Result<Vec<_>>>()?
    };
    let methode = pseudo.beschrijving();
    let mut extra = Vec::new();
    for rel in [open, restricted] {
        let pakket = publish::datapackage::datapackage(
            rel,
            &geschreven,
            &q.codelijsten,
            &herkomst,
            &methode,
        );
        let json = serde_json::to_string_pretty(&pakket)
            .map_err(|e| crate::error::Error::Output(e.to_string()))?
            + "\n";
        let dp = publish::write_text(&staging, &format!("{}/datapackage.json", rel.map()), &json)?;
        let md = publish::codebook::codebook(
            rel,
            &geschreven,
            &q.codelijsten,
            &herkomst,
            &methode,
            &ind.onderdrukking,
        );
        let cb = publish::write_text(&staging, &format!("{}/codebook.md", rel.map()), &md)?;
        if rel == open {
            extra.push(("datapackage.json", "application/json", dp.0, dp.1));
            extra.push(("codebook.md", "text/markdown", cb.0, cb.1));
        }
    }
    klok.stap("publish");
    let dcat = publish::dcat::dcat(&geschreven, &herkomst, &extra);
    let json = serde_json::to_string_pretty(&dcat)
        .map_err(|e| crate::error::Error::Output(e.to_string()))?
        + "\n";
    publish::write_text(&staging, "data/dcat.jsonld", &json)?;
    let r = &uitkomst.records;

    let gelezen: u64 = uitkomst.reconciliatie.iter().map(|x| x.gelezen).sum();
    let geaccepteerd: u64 = uitkomst.reconciliatie.iter().map(|x| x.geaccepteerd).sum();
    let quarantaine: u64 = uitkomst.reconciliatie.iter().map(|x| x.quarantaine).sum();

    // The report reads the published indicator file back: it shows what was published.
    // The report is built from the open release only, read back as published.
    let gepubliceerd =
        crate::engine::read_parquet(&staging.pad(open, datasets::INDICATOREN.bestand))?;
    let rijen = datasets::indicatoren_uit(&gepubliceerd).ok_or_else(|| {
        crate::error::Error::Output("indicatoren.parquet could not be read back".into())
    })?;
    let terug = |d: &datasets::Dataset| crate::engine::read_parquet(&staging.pad(open, d.bestand));
    let dq_gepubliceerd = datasets::datakwaliteit_uit(&terug(&datasets::DATAKWALITEIT)?)
        .ok_or_else(|| {
            crate::error::Error::Output("datakwaliteit.parquet could not be read back".into())
        })?;
    let robuustheid_gepubliceerd = datasets::robuustheid_uit(&terug(&datasets::ROBUUSTHEID)?)
        .ok_or_else(|| {
            crate::error::Error::Output("robuustheid.parquet could not be read back".into())
        })?;
    let stelsel_gepubliceerd =
        datasets::stelsel_uit(&terug(&datasets::STELSEL)?).ok_or_else(|| {
            crate::error::Error::Output("stelsel.parquet could not be read back".into())
        })?;
    let verantwoording = report::Verantwoording {
        editie: config.file.editie.clone(),
        jaren: jaren.clone(),
        peildata: jaren
            .iter()
            .map(|&j| (j, config.peildatum(j).format("%d-%m-%Y").to_string()))
            .collect(),
        run_id: run_id.clone(),
        tool_versie: publish::TOOL_VERSIE.to_string(),
        partijen: uitkomst
            .leveringen
            .iter()
            .map(|l| {
                (
                    l.jaar.to_string(),
                    q.referentie.partij_naam(&l.partij),
                    l.status.to_string(),
                )
            })
            .collect(),
        gelezen: report::getal(gelezen as f64, 0),
        geaccepteerd: report::getal(geaccepteerd as f64, 0),
        quarantaine: report::getal(quarantaine as f64, 0),
        min_celwaarde: config.file.openbaarheid.min_celwaarde,
        min_noemer: config.file.openbaarheid.min_noemer,
        onderdrukking: ind.onderdrukking,
        // The trend compares with the previous edition only when its figures are given.
        vorige_editie: config
            .file
            .vorige_editie
            .as_ref()
            .filter(|v| v.indicatoren.is_some())
            .map(|v| v.editie.clone()),
    };
    let feedback = publish::report::feedback::Invoer {
        jaren: &jaren,
        dq: &dq_gepubliceerd,
        uitkomst,
        indicatoren: &rijen,
        referentie: &q.referentie,
        waarde_tekens: config.file.grenzen.rapport_waarde_tekens,
    };
    let met_terugkoppeling = publish::report::feedback::partijen(&feedback);
    let ods = publish::report::omgevingsdiensten::Invoer {
        jaren: &jaren,
        robuustheid: &robuustheid_gepubliceerd,
        stelsel: &stelsel_gepubliceerd,
        condities: &q.condities,
        codelijsten: &q.codelijsten,
        indicatoren: &rijen,
        dq: &dq_gepubliceerd,
        catalogus: &q.catalogus,
        referentie: &q.referentie,
        drempels: &config.file.robuustheid,
        deadline: config.deadline(),
        terugkoppeling: &met_terugkoppeling,
    };
    let vorige = vorige_editie(config)?;
    let kaart = publish::report::kaart::Topologie::laad(
        &config.queries.join("referentie/gemeenten-2025.topojson"),
    )?;
    let site = report::Site {
        verantwoording: &verantwoording,
        hoofdstukken: report::hoofdstukken::Bron {
            jaren: &jaren,
            rijen: &rijen,
            vorige: &vorige,
            vorige_editie: config
                .file
                .vorige_editie
                .as_ref()
                .filter(|v| v.indicatoren.is_some())
                .map(|v| v.editie.as_str()),
            editie: &config.file.editie,
            catalogus: &q.catalogus,
            referentie: &q.referentie,
            kaart: &kaart,
        },
        feedback: &feedback,
        omgevingsdiensten: &ods,
        regels: crate::validate::rules::Regel::ALL
            .iter()
            .map(|r| report::RegelView {
                code: r.code(),
                omschrijving: r.omschrijving(),
                zwaarte: config.zwaarte(*r).code(),
            })
            .collect(),
        datasets: geschreven
            .iter()
            .map(|g| report::DatasetView {
                naam: g.dataset.naam,
                release: g.release.code(),
                pad: format!("{}/{}", g.release.map(), g.dataset.bestand),
                omschrijving: g.dataset.omschrijving,
                rijen: report::getal(g.rijen as f64, 0),
                kolommen: g.typen.len(),
                bytes: report::getal(g.bytes as f64, 0),
                sha256: g.sha256[..16].to_string(),
            })
            .collect(),
        lhso: q
            .codelijsten
            .lhso_ernst
            .iter()
            .map(|((g, d), e)| (g.clone(), d.clone(), e.clone()))
            .collect(),
        mappings: q
            .mappings
            .tabellen
            .iter()
            .map(|(n, r)| (n.clone(), r.len()))
            .collect(),
        profielen: q
            .profielen
            .values()
            .map(|p| (p.partij.clone(), p.omschrijving.clone()))
            .collect(),
    };
    report::render_site(&config.templates, &staging.tmp.join("rapport"), &site)?;
    klok.stap("report");

    let rijen_telling = manifest::Rijen {
        gelezen,
        geaccepteerd,
        quarantaine,
        controles: r.controles.len() as u64,
        overtredingen: r.overtredingen.len() as u64,
        handhavingsmaatregelen: r.maatregelen.len() as u64,
        organisatie: r.organisaties.len() as u64,
        indicatorrijen: ind.open.len() as u64,
    };
    let (waarschuwingen, bevindingen) = manifest::bevindingen(&uitkomst.bevindingen);
    let per_release = |rel: Release| {
        geschreven
            .iter()
            .filter(|g| g.release == rel)
            .map(|g| (g.dataset.naam.to_string(), g.rijen))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let stappen = serde_json::json!({
        "ingest": {
            "bestanden": bestanden.len(),
            "overgeslagen": overgeslagen.len(),
            "rijen_gelezen": gelezen,
        },
        "harmonise_validate": {
            "geaccepteerd": geaccepteerd,
            "quarantaine": quarantaine,
            "leveringen_aangeleverd": uitkomst.leveringen.iter().filter(|l| l.status == "aangeleverd").count(),
            "leveringen_geweigerd": uitkomst.leveringen.iter().filter(|l| l.status == "geweigerd").count(),
            "waarden_vertaald": uitkomst.vertaald.values().sum::<u64>(),
            "controles": r.controles.len(),
            "overtredingen": r.overtredingen.len(),
            "handhavingsmaatregelen": r.maatregelen.len(),
            "organisatie": r.organisaties.len(),
            "strafzaken": r.strafzaken.len(),
            "implementatie": r.implementaties.len(),
            "robuustheid_oordelen": r.oordelen.len(),
            "aanbevelingen": r.aanbevelingen.len(),
        },
        "indicators": {
            "rijen": ind.restricted.len(),
            "onderdrukt_in_open": ind.open.iter().filter(|x| x.status == "onderdrukt").count(),
            "onderdrukking": ind.onderdrukking,
            "datakwaliteit": dq.len(),
            "robuustheid": rv.robuustheid.len(),
            "stelsel": rv.stelsel.len(),
        },
        "publish": {
            "open": per_release(Release::Open),
            "restricted": per_release(Release::Restricted),
        },
    });
    let m = manifest::Manifest {
        staat_van_vth: herkomst,
        configuratie: serde_json::to_value(&config.file)
            .map_err(|e| crate::error::Error::Output(e.to_string()))?,
        invoer: hashes,
        ophaling: invoer
            .ophaling
            .as_ref()
            .map(|r| r.herkomst())
            .unwrap_or_default(),
        queries: queries_hashes,
        overgeslagen: overgeslagen
            .iter()
            .map(|o| {
                [
                    ("bestand".to_string(), o.relatief.clone()),
                    ("reden".to_string(), o.reden.clone()),
                ]
                .into()
            })
            .collect(),
        rijen: rijen_telling.clone(),
        stappen,
        pseudonimisering: methode.clone(),
        reconciliatie: uitkomst.reconciliatie.clone(),
        leveringen: uitkomst.leveringen.clone(),
        waarschuwingen,
        bevindingen,
        extra_kolommen: uitkomst.extra_kolommen.clone(),
        vertalingen: manifest::vertalingen(&uitkomst.vertaald),
        uitvoer: manifest::hash_tree(&staging.tmp, "")?,
    };
    let json =
        serde_json::to_string_pretty(&m).map_err(|e| crate::error::Error::Output(e.to_string()))?;
    let pad = staging.tmp.join("manifest.json");
    std::fs::write(&pad, json + "\n").map_err(|e| crate::error::Error::write(&pad, e))?;
    staging.commit()?;
    klok.stap("manifest");

    Ok(Samenvatting {
        tijden: klok.stappen,
        overgeslagen: overgeslagen
            .iter()
            .map(|o| format!("{}: {}", o.relatief, o.reden))
            .collect(),
        run_id,
        bestanden: bestanden.len(),
        leveringen: uitkomst.leveringen.len(),
        geweigerd: uitkomst
            .leveringen
            .iter()
            .filter(|l| l.status == "geweigerd")
            .map(|l| {
                format!(
                    "{} {}: {}",
                    l.jaar,
                    l.partij,
                    l.reden.clone().unwrap_or_default()
                )
            })
            .collect(),
        rijen: rijen_telling,
        waarschuwingen: uitkomst.bevindingen.waarschuwingen(),
        ontwikkelsleutel: !pseudo.echt,
        output: config.output.clone(),
    })
}
