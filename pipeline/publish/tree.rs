//! The output tree of a run: the datasets of both releases with their
//! descriptions, the report and the manifest, written into a staging folder that
//! replaces the previous tree in one rename. `run` hands over what the stages
//! computed; everything from here on is writing.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::clock::Clock;
use crate::config::Config;
use crate::datasets::{self, Release};
use crate::error::{Error, Result};
use crate::indicators::datakwaliteit::KwaliteitRij;
use crate::indicators::randvoorwaarden;
use crate::indicators::{self, IndicatorRij};
use crate::ingest::{Bestand, Overgeslagen};
use crate::model::uitvoer::status;
use crate::model::Levering;
use crate::queries::Queries;
use crate::validate::Uitkomst;

use super::datapackage::Geschreven;
use super::pseudonym::Pseudonimiseerder;
use super::{manifest, release, report, Herkomst, Staging};

/// The files of the batch as ingest found them.
pub struct Bronnen<'a> {
    pub bestanden: &'a [Bestand],
    pub overgeslagen: &'a [Overgeslagen],
    /// Per delivery, the files `vth fetch` could not collect whole.
    pub tekorten: &'a BTreeMap<Levering, Vec<String>>,
    /// Where each file was fetched from (`fetch.json`), when it was.
    pub ophaling: Vec<serde_json::Value>,
}

/// The indicator rows of both releases.
pub struct Indicatoren<'a> {
    pub open: &'a [IndicatorRij],
    pub restricted: &'a [IndicatorRij],
    pub onderdrukking: indicators::disclosure::Onderdrukking,
}

/// Everything the stages computed that goes into the tree.
pub struct Publicatie<'a> {
    pub config: &'a Config,
    pub q: &'a Queries,
    pub bronnen: Bronnen<'a>,
    pub uitkomst: &'a Uitkomst,
    /// The accepted controles, overtredingen and maatregelen, as columns.
    pub tabellen: &'a datasets::RecordTabellen,
    pub dq: &'a [KwaliteitRij],
    pub indicatoren: Indicatoren<'a>,
    pub randvoorwaarden: &'a randvoorwaarden::ConditieUitkomst,
    pub jaren: &'a [i32],
    /// The report's structure (`report-templates/rapport.toml`), read at the start.
    pub opzet: &'a report::opzet::Opzet,
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
    pub rijen: manifest::Rijtelling,
    pub waarschuwingen: u64,
    /// No pseudonymisation key was set: the restricted release used the development key.
    pub ontwikkelsleutel: bool,
    pub output: std::path::PathBuf,
    /// Wall time per stage (never written to the output tree).
    pub tijden: Vec<crate::clock::Step>,
}

/// What identifies the run: the inputs' hashes, the queries' hashes and the id
/// both give.
struct Identiteit {
    invoer: Vec<manifest::Bestandshash>,
    queries: Vec<manifest::Bestandshash>,
    herkomst: Herkomst,
}

/// Write the whole tree and put it in place of the previous one.
pub fn publish_tree(p: &Publicatie, mut clock: Clock) -> Result<Samenvatting> {
    let id = identiteit(p)?;
    let staging = Staging::new(&p.config.output)?;
    let pseudo = Pseudonimiseerder::uit_omgeving();
    let methode = pseudo.beschrijving();
    // The open datasets first: the report reads them back. Its pages are then
    // rendered beside the restricted release, whose record datasets are most of
    // the writing ("publish"); the dataset index, the descriptions and DCAT list
    // every dataset, so they follow ("report").
    let open = write_open(p, &staging, &id.herkomst)?;
    // One environment and one account of the run for every page.
    let env = report::environment(&p.config.templates);
    let verantwoording = verantwoording(p, &id.herkomst.run_id);
    let (beperkt, paginas) = rayon::join(
        || write_restricted(p, &staging, &id.herkomst, &pseudo),
        || write_report(p, &staging, &env, &verantwoording),
    );
    let geschreven = [open, beperkt?].concat();
    paginas?;
    clock.step("publish");
    write_dataset_index(p, &staging, &env, &verantwoording, &geschreven)?;
    let extra = write_descriptions(p, &staging, &geschreven, &id.herkomst, &methode)?;
    let dcat = super::dcat::dcat(&geschreven, &id.herkomst, &extra);
    let json = serde_json::to_string_pretty(&dcat).map_err(|fout| Error::Json {
        wat: "dcat.jsonld",
        fout,
    })? + "\n";
    super::write_text(&staging, "data/dcat.jsonld", &json)?;
    clock.step("report");
    let rijen = write_manifest(p, &staging, &geschreven, id, &methode)?;
    let run_id = rijen.0;
    staging.commit()?;
    clock.step("manifest");
    let (u, b) = (p.uitkomst, &p.bronnen);
    Ok(Samenvatting {
        tijden: clock.steps,
        overgeslagen: b
            .overgeslagen
            .iter()
            .map(|o| format!("{}: {}", o.relatief, o.reden))
            .collect(),
        run_id,
        bestanden: b.bestanden.len(),
        leveringen: u.leveringen.len(),
        geweigerd: u
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
        rijen: rijen.1,
        waarschuwingen: u.bevindingen.waarschuwingen(),
        ontwikkelsleutel: !pseudo.echt,
        output: p.config.output.clone(),
    })
}

fn identiteit(p: &Publicatie) -> Result<Identiteit> {
    let bestanden = p.bronnen.bestanden;
    let invoer: Vec<manifest::Bestandshash> = p
        .uitkomst
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
    let queries = manifest::hash_tree(&p.config.queries, "queries/")?;
    // What did not arrive changes D1, so it is part of what the run id covers;
    // where files came from does not, so a fetched tree and the same files read
    // locally give the same run.
    let tekorten: Vec<String> = p
        .bronnen
        .tekorten
        .iter()
        .flat_map(|(l, t)| {
            t.iter()
                .map(move |x| format!("{} {} {x}", l.jaar, l.partij))
        })
        .collect();
    let run_id = manifest::run_id(&p.config.file_text, &invoer, &queries, &tekorten);
    Ok(Identiteit {
        invoer,
        queries,
        herkomst: Herkomst {
            schema_versie: super::SCHEMA_VERSIE,
            editie: p.config.file.editie.clone(),
            jaren: p.jaren.to_vec(),
            tool_versie: super::TOOL_VERSIE,
            run_id,
        },
    })
}

/// How a dataset is built: whole, or (the record datasets, millions of rows) one
/// row group at a time.
enum Bouw<'x> {
    Geheel(Box<dyn Fn() -> crate::engine::Frame + Send + Sync + 'x>),
    Delen(
        usize,
        Box<dyn Fn(Range<usize>) -> Result<crate::engine::Frame> + Send + Sync + 'x>,
    ),
}

/// A dataset to write and how it is built.
type Taak<'x> = (&'static datasets::Dataset, Release, Bouw<'x>);

fn taak<'x>(
    ds: &'static datasets::Dataset,
    rel: Release,
    bouw: impl Fn() -> crate::engine::Frame + Send + Sync + 'x,
) -> Taak<'x> {
    (ds, rel, Bouw::Geheel(Box::new(bouw)))
}

fn in_delen<'x>(
    ds: &'static datasets::Dataset,
    hoogte: usize,
    deel: impl Fn(Range<usize>) -> Result<crate::engine::Frame> + Send + Sync + 'x,
) -> Taak<'x> {
    (ds, Release::Restricted, Bouw::Delen(hoogte, Box::new(deel)))
}

/// The open release's datasets; the list keeps its order.
fn write_open(p: &Publicatie, staging: &Staging, herkomst: &Herkomst) -> Result<Vec<Geschreven>> {
    let ind = &p.indicatoren;
    let rv = p.randvoorwaarden;
    let open = Release::Open;
    let taken = [
        taak(&datasets::INDICATOREN, open, || {
            datasets::indicatoren(ind.open)
        }),
        taak(&datasets::ROBUUSTHEID, open, || {
            datasets::robuustheid(&rv.robuustheid)
        }),
        taak(&datasets::STELSEL, open, || datasets::stelsel(&rv.stelsel)),
        taak(&datasets::DATAKWALITEIT, open, || {
            datasets::datakwaliteit(p.dq)
        }),
    ];
    write_datasets(&taken, staging, herkomst)
}

/// The restricted release's datasets, the records pseudonymised; the list keeps
/// its order.
fn write_restricted(
    p: &Publicatie,
    staging: &Staging,
    herkomst: &Herkomst,
    pseudo: &Pseudonimiseerder,
) -> Result<Vec<Geschreven>> {
    let beperkt = release::beperkt(
        p.tabellen,
        &p.uitkomst.records,
        &p.uitkomst.quarantaine,
        pseudo,
    )?;
    let restricted = Release::Restricted;
    let taken = [
        taak(&datasets::INDICATOREN, restricted, || {
            datasets::indicatoren(p.indicatoren.restricted)
        }),
        in_delen(&datasets::CONTROLES, beperkt.controles.len(), |r| {
            beperkt.controles(r)
        }),
        in_delen(&datasets::OVERTREDINGEN, beperkt.overtredingen.len(), |r| {
            beperkt.overtredingen(r)
        }),
        in_delen(&datasets::MAATREGELEN, beperkt.maatregelen.len(), |r| {
            beperkt.maatregelen(r)
        }),
        taak(&datasets::STRAFZAKEN, restricted, || {
            datasets::strafzaken(&beperkt.strafzaken, datasets::Lineage::Mee)
        }),
        taak(&datasets::QUARANTAINE, restricted, || {
            datasets::quarantaine(&beperkt.quarantaine)
        }),
    ];
    write_datasets(&taken, staging, herkomst)
}

/// Datasets two at a time (the record datasets dominate at national scale); the
/// list keeps its order.
fn write_datasets(
    taken: &[Taak],
    staging: &Staging,
    herkomst: &Herkomst,
) -> Result<Vec<Geschreven>> {
    use rayon::prelude::*;
    taken
        .par_iter()
        .map(|(ds, rel, bouw)| {
            let geheel;
            let inhoud = match bouw {
                Bouw::Geheel(bouw) => {
                    geheel = bouw();
                    crate::engine::Inhoud::Geheel(&geheel)
                }
                Bouw::Delen(hoogte, deel) => crate::engine::Inhoud::Delen(*hoogte, deel),
            };
            super::write_dataset(staging, ds, *rel, &inhoud, herkomst)
        })
        .collect()
}

/// datapackage.json and codebook.md of each release; returns the open release's,
/// which DCAT lists beside the datasets.
fn write_descriptions(
    p: &Publicatie,
    staging: &Staging,
    geschreven: &[Geschreven],
    herkomst: &Herkomst,
    methode: &str,
) -> Result<Vec<(&'static str, &'static str, u64, String)>> {
    let mut extra = Vec::new();
    for rel in [Release::Open, Release::Restricted] {
        let pakket =
            super::datapackage::datapackage(rel, geschreven, &p.q.codelijsten, herkomst, methode);
        let json = serde_json::to_string_pretty(&pakket).map_err(|fout| Error::Json {
            wat: "datapackage.json",
            fout,
        })? + "\n";
        let dp = super::write_text(staging, &format!("{}/datapackage.json", rel.map()), &json)?;
        let md = super::codebook::codebook(
            &p.config.templates,
            rel,
            geschreven,
            &p.q.codelijsten,
            herkomst,
            methode,
            &p.indicatoren.onderdrukking,
        )?;
        let cb = super::write_text(staging, &format!("{}/codebook.md", rel.map()), &md)?;
        if rel == Release::Open {
            extra.push(("datapackage.json", "application/json", dp.0, dp.1));
            extra.push(("codebook.md", "text/markdown", cb.0, cb.1));
        }
    }
    Ok(extra)
}

/// The previous edition's name: the trend compares with it only when its figures
/// are given.
fn vorige_editie_naam(config: &Config) -> Option<&str> {
    config
        .file
        .vorige_editie
        .as_ref()
        .filter(|v| v.indicatoren.is_some())
        .map(|v| v.editie.as_str())
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
    datasets::indicatoren_uit(&frame).ok_or_else(|| Error::Config {
        path: pad,
        message: "[vorige_editie] indicatoren is not an indicatoren.parquet of this pipeline"
            .into(),
    })
}

/// The open release as published, read back: the report shows what was published.
struct Gepubliceerd {
    rijen: Vec<crate::model::uitvoer::IndicatorRij>,
    dq: Vec<crate::model::uitvoer::KwaliteitRij>,
    robuustheid: Vec<crate::model::uitvoer::RobuustheidRij>,
    stelsel: Vec<crate::model::uitvoer::StelselRij>,
}

impl Gepubliceerd {
    fn read(staging: &Staging) -> Result<Gepubliceerd> {
        let terug = |d: &datasets::Dataset| {
            crate::engine::read_parquet(&staging.pad(Release::Open, d.bestand))
        };
        let fout = |d: &datasets::Dataset, wat: &'static str| Error::ReadBack {
            path: staging.pad(Release::Open, d.bestand),
            wat,
        };
        Ok(Gepubliceerd {
            rijen: datasets::indicatoren_uit(&terug(&datasets::INDICATOREN)?)
                .ok_or_else(|| fout(&datasets::INDICATOREN, "indicatoren"))?,
            dq: datasets::datakwaliteit_uit(&terug(&datasets::DATAKWALITEIT)?)
                .ok_or_else(|| fout(&datasets::DATAKWALITEIT, "datakwaliteit"))?,
            robuustheid: datasets::robuustheid_uit(&terug(&datasets::ROBUUSTHEID)?)
                .ok_or_else(|| fout(&datasets::ROBUUSTHEID, "robuustheid"))?,
            stelsel: datasets::stelsel_uit(&terug(&datasets::STELSEL)?)
                .ok_or_else(|| fout(&datasets::STELSEL, "stelsel"))?,
        })
    }
}

/// The account of the run the report gives: edition, years, peildata, deliveries,
/// rows and the thresholds of disclosure control.
fn verantwoording(p: &Publicatie, run_id: &str) -> report::Verantwoording {
    let (gelezen, geaccepteerd, quarantaine) = p.uitkomst.totalen();
    report::Verantwoording {
        editie: p.config.file.editie.clone(),
        jaren: p.jaren.to_vec(),
        peildata: p
            .jaren
            .iter()
            .map(|&j| (j, p.config.peildatum(j).format("%d-%m-%Y").to_string()))
            .collect(),
        run_id: run_id.to_string(),
        tool_versie: super::TOOL_VERSIE.to_string(),
        partijen: p
            .uitkomst
            .leveringen
            .iter()
            .map(|l| {
                (
                    l.jaar.to_string(),
                    p.q.referentie.partij_naam(&l.partij),
                    l.status.to_string(),
                )
            })
            .collect(),
        gelezen: report::getal(gelezen as f64, 0),
        geaccepteerd: report::getal(geaccepteerd as f64, 0),
        quarantaine: report::getal(quarantaine as f64, 0),
        min_celwaarde: p.config.file.openbaarheid.min_celwaarde,
        min_noemer: p.config.file.openbaarheid.min_noemer,
        onderdrukking: p.indicatoren.onderdrukking,
        vorige_editie: vorige_editie_naam(p.config).map(str::to_string),
    }
}

/// The report's index of the published datasets, once every dataset is written.
fn write_dataset_index(
    p: &Publicatie,
    staging: &Staging,
    env: &minijinja::Environment,
    verantwoording: &report::Verantwoording,
    geschreven: &[Geschreven],
) -> Result<()> {
    let datasets: Vec<report::DatasetView> = geschreven.iter().map(datasetview).collect();
    report::render_datasets(
        env,
        &staging.tmp.join("rapport"),
        p.opzet,
        verantwoording,
        &datasets,
    )
}

/// The report but its dataset index, from the open release as published (read
/// back, so it shows what was published).
fn write_report(
    p: &Publicatie,
    staging: &Staging,
    env: &minijinja::Environment,
    verantwoording: &report::Verantwoording,
) -> Result<()> {
    let uitkomst = p.uitkomst;
    let Gepubliceerd {
        rijen,
        dq: dq_gepubliceerd,
        robuustheid: robuustheid_gepubliceerd,
        stelsel: stelsel_gepubliceerd,
    } = Gepubliceerd::read(staging)?;
    let feedback = super::report::feedback::FeedbackInvoer {
        opzet: p.opzet,
        jaren: p.jaren,
        dq: &dq_gepubliceerd,
        uitkomst,
        indicatoren: &rijen,
        referentie: &p.q.referentie,
        waarde_tekens: p.config.file.grenzen.rapport_waarde_tekens,
    };
    let met_terugkoppeling = super::report::feedback::partijen(&feedback);
    // One environment for the words the figures ask for and the pages.
    let woorden = report::bijschriften::Bijschriften::new(env);
    let ods = super::report::omgevingsdiensten::ProfielInvoer {
        woorden,
        jaren: p.jaren,
        robuustheid: &robuustheid_gepubliceerd,
        stelsel: &stelsel_gepubliceerd,
        condities: &p.q.condities,
        codelijsten: &p.q.codelijsten,
        indicatoren: &rijen,
        dq: &dq_gepubliceerd,
        catalogus: &p.q.catalogus,
        referentie: &p.q.referentie,
        drempels: &p.config.file.robuustheid,
        deadline: p.config.deadline(),
        terugkoppeling: &met_terugkoppeling,
    };
    let vorige = vorige_editie(p.config)?;
    let kaart = super::report::kaart::Topologie::laad(
        &p.config.queries.join("referentie/gemeenten-2025.topojson"),
    )?;
    let (aanleverformaat, descriptor) = aanleverformaat(p)?;
    let index = report::RijIndex::van(&rijen);
    let site = report::Site {
        aanleverformaat,
        descriptor,
        opzet: p.opzet,
        verantwoording,
        hoofdstukken: report::hoofdstukken::Hoofdstukbron {
            woorden,
            opzet: p.opzet,
            jaren: p.jaren,
            rijen: &rijen,
            index: &index,
            vorige: &vorige,
            vorige_editie: vorige_editie_naam(p.config),
            editie: &p.config.file.editie,
            catalogus: &p.q.catalogus,
            referentie: &p.q.referentie,
            kaart: &kaart,
        },
        feedback: &feedback,
        omgevingsdiensten: &ods,
        regels: regelviews(p),
        lhso: p
            .q
            .codelijsten
            .lhso_ernst
            .iter()
            .map(|((g, d), e)| (g.clone(), d.clone(), e.clone()))
            .collect(),
        mappings: p
            .q
            .mappings
            .tabellen
            .iter()
            .map(|(n, r)| (n.clone(), r.len()))
            .collect(),
        profielen: p
            .q
            .profielen
            .values()
            .map(|p| (p.partij.clone(), p.omschrijving.clone()))
            .collect(),
    };
    report::render_site(
        env,
        &p.config.templates,
        &staging.tmp.join("rapport"),
        &site,
    )
}

/// What each stage did, as the manifest's `stappen` records it.
fn stappen(p: &Publicatie, geschreven: &[Geschreven]) -> serde_json::Value {
    let uitkomst = p.uitkomst;
    let r = &uitkomst.records;
    let (gelezen, geaccepteerd, quarantaine) = uitkomst.totalen();
    let per_release = |rel: Release| {
        geschreven
            .iter()
            .filter(|g| g.release == rel)
            .map(|g| (g.dataset.naam.to_string(), g.rijen))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    serde_json::json!({
        "ingest": {
            "bestanden": p.bronnen.bestanden.len(),
            "overgeslagen": p.bronnen.overgeslagen.len(),
            "rijen_gelezen": gelezen,
        },
        "harmonise_validate": {
            "geaccepteerd": geaccepteerd,
            "quarantaine": quarantaine,
            "leveringen_aangeleverd": uitkomst.leveringen.iter().filter(|l| l.status == "aangeleverd").count(),
            "leveringen_geweigerd": uitkomst.leveringen.iter().filter(|l| l.status == "geweigerd").count(),
            "waarden_vertaald": uitkomst.vertaald.values().sum::<u64>(),
            "controles": p.tabellen.controles.hoogte(),
            "overtredingen": p.tabellen.overtredingen.hoogte(),
            "handhavingsmaatregelen": p.tabellen.maatregelen.hoogte(),
            "organisatie": r.organisaties.len(),
            "strafzaken": r.strafzaken.len(),
            "implementatie": r.implementaties.len(),
            "robuustheid_oordelen": r.oordelen.len(),
            "aanbevelingen": r.aanbevelingen.len(),
        },
        "indicators": {
            "rijen": p.indicatoren.restricted.len(),
            "onderdrukt_in_open": p.indicatoren.open.iter().filter(|x| x.status == status::ONDERDRUKT).count(),
            "onderdrukking": p.indicatoren.onderdrukking,
            "datakwaliteit": p.dq.len(),
            "robuustheid": p.randvoorwaarden.robuustheid.len(),
            "stelsel": p.randvoorwaarden.stelsel.len(),
        },
        "publish": {
            "open": per_release(Release::Open),
            "restricted": per_release(Release::Restricted),
        },
    })
}

/// The contract's rules with this configuration's severities, for the methode page.
fn regelviews(p: &Publicatie) -> Vec<report::RegelView> {
    crate::contract::rules::Regel::ALL
        .iter()
        .map(|r| report::RegelView {
            code: r.code(),
            omschrijving: r.omschrijving(),
            zwaarte: p.config.zwaarte(*r).code(),
        })
        .collect()
}

/// A written dataset as the datasets page lists it.
fn datasetview(g: &Geschreven) -> report::DatasetView {
    report::DatasetView {
        naam: g.dataset.naam,
        release: g.release.code(),
        pad: format!("{}/{}", g.release.map(), g.dataset.bestand),
        omschrijving: g.dataset.omschrijving,
        rijen: report::getal(g.rijen as f64, 0),
        kolommen: g.typen.len(),
        bytes: report::getal(g.bytes as f64, 0),
        sha256: g.sha256[..16].to_string(),
    }
}

/// The exchange format of the last reporting year, for the report: its page and
/// its Frictionless descriptor.
fn aanleverformaat(p: &Publicatie) -> Result<(report::aanleverformaat::Aanleverformaat, String)> {
    let jaar = p.jaren.iter().copied().max().unwrap_or_default();
    let schema = crate::contract::schema::Schemainvoer {
        jaar,
        peildatum: p.config.peildatum(jaar),
        max_waarde_tekens: p.config.file.grenzen.max_waarde_tekens,
        codelijsten: &p.q.codelijsten,
        referentie: &p.q.referentie,
    };
    Ok((
        report::aanleverformaat::Aanleverformaat::bouw(
            &schema,
            p.config,
            report::aanleverformaat::DESCRIPTOR_IN_RAPPORT,
        ),
        report::aanleverformaat::descriptor_tekst(&schema)?,
    ))
}

/// The datasets' hashes as written, by their path in the tree: the manifest does
/// not read them again (at national scale they are most of the tree's bytes).
fn al_gehasht(geschreven: &[Geschreven]) -> BTreeMap<String, (u64, String)> {
    geschreven
        .iter()
        .map(|g| {
            (
                format!("{}/{}", g.release.map(), g.dataset.bestand),
                (g.bytes, g.sha256.clone()),
            )
        })
        .collect()
}

/// manifest.json: what went in, what came out, and every count in between;
/// returns the run id and the row counts for the summary.
fn write_manifest(
    p: &Publicatie,
    staging: &Staging,
    geschreven: &[Geschreven],
    id: Identiteit,
    methode: &str,
) -> Result<(String, manifest::Rijtelling)> {
    let uitkomst = p.uitkomst;
    let r = &uitkomst.records;
    let (gelezen, geaccepteerd, quarantaine) = uitkomst.totalen();
    let run_id = id.herkomst.run_id.clone();
    let rijen_telling = manifest::Rijtelling {
        gelezen,
        geaccepteerd,
        quarantaine,
        controles: p.tabellen.controles.hoogte() as u64,
        overtredingen: p.tabellen.overtredingen.hoogte() as u64,
        handhavingsmaatregelen: p.tabellen.maatregelen.hoogte() as u64,
        organisatie: r.organisaties.len() as u64,
        indicatorrijen: p.indicatoren.open.len() as u64,
    };
    let (waarschuwingen, bevindingen) = manifest::bevindingen(&uitkomst.bevindingen);
    let stappen = stappen(p, geschreven);
    let m = manifest::Manifest {
        staat_van_vth: id.herkomst,
        configuratie: serde_json::to_value(&p.config.file).map_err(|fout| Error::Json {
            wat: "the configuration",
            fout,
        })?,
        invoer: id.invoer,
        ophaling: p.bronnen.ophaling.clone(),
        queries: id.queries,
        overgeslagen: p
            .bronnen
            .overgeslagen
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
        pseudonimisering: methode.to_string(),
        reconciliatie: uitkomst.reconciliatie.clone(),
        leveringen: uitkomst.leveringen.clone(),
        waarschuwingen,
        bevindingen,
        extra_kolommen: uitkomst.extra_kolommen.clone(),
        vertalingen: manifest::vertalingen(&uitkomst.vertaald),
        uitvoer: manifest::hash_tree_met(&staging.tmp, "", &al_gehasht(geschreven))?,
    };
    let json = serde_json::to_string_pretty(&m).map_err(|fout| Error::Json {
        wat: "manifest.json",
        fout,
    })?;
    let pad = staging.tmp.join("manifest.json");
    std::fs::write(&pad, json + "\n").map_err(|e| crate::error::Error::write(&pad, e))?;
    Ok((run_id, rijen_telling))
}
