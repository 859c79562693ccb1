//! Command-line interface: parse arguments → a resolved `Config` → a run.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::config::Config;
use crate::error::Result;
use crate::run;

#[derive(Debug, Parser)]
#[command(
    name = "vth",
    version,
    about = "Staat van VTH pipeline: ingest → harmonise → validate → indicators → publish"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run every stage and write the output tree (the default command).
    Run(BatchArgs),
    /// Collect one year's deliveries as a batch manifest lists them (HTTPS or local
    /// paths) into a delivery tree for `run --input`, with every outcome in fetch.json.
    Fetch(FetchArgs),
    /// Stage 1: list the delivery files found in the input tree.
    Ingest(BatchArgs),
    /// Stages 1–3: harmonise and validate; print rows accepted and quarantined per file.
    Validate(BatchArgs),
    /// Stages 1–4: compute the indicators and print the national figures.
    Indicators(BatchArgs),
    /// List every value that maps to no national code, as a mapping table to fill
    /// in (partij, kolom, lokale_waarde, aantal, landelijke_code, toelichting).
    Unmapped(UnmappedArgs),
    /// Re-hash an output tree against its manifest.json.
    Verify(VerifyArgs),
    /// Write a seeded sample batch of deliveries.
    Generate(GenerateArgs),
    /// Benchmark: the whole pipeline on a generated national batch (1, 2 and 10
    /// years) against a DuckDB reference; prints per stage wall time, rows/s and
    /// peak memory (also per row read), the ratio to DuckDB and whether the
    /// indicators agree.
    Bench(BenchArgs),
}

#[derive(Debug, Clone, Args)]
pub struct BatchArgs {
    /// Delivery tree: <input>/<jaar>/<partij>/<tabel>.csv
    #[arg(long, default_value = "data-samples")]
    pub input: PathBuf,
    /// Output tree (replaced atomically).
    #[arg(long, default_value = "out")]
    pub output: PathBuf,
    /// Batch configuration; its folder is the queries/ folder.
    #[arg(long, default_value = "queries/config.toml")]
    pub config: PathBuf,
    /// Report templates (default: report-templates/ beside the queries/ folder).
    #[arg(long)]
    pub templates: Option<PathBuf>,
}

impl Default for BatchArgs {
    fn default() -> Self {
        BatchArgs {
            input: "data-samples".into(),
            output: "out".into(),
            config: "queries/config.toml".into(),
            templates: None,
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct FetchArgs {
    /// The batch manifest (TOML; see spec/batch-manifest.md). Local paths in it are
    /// relative to its folder.
    #[arg(long)]
    pub manifest: PathBuf,
    /// The delivery tree to write: <output>/<jaar>/<partij>/… and <output>/fetch.json.
    #[arg(long, default_value = "deliveries")]
    pub output: PathBuf,
    /// The queries/ folder: reference lists (party codes) and party profiles (file names).
    #[arg(long, default_value = "queries")]
    pub queries: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct BenchArgs {
    /// Where the generated batches, outputs and bench.json go (kept between runs).
    #[arg(long, default_value = "target/bench")]
    pub werkmap: PathBuf,
    #[arg(long, default_value = "queries")]
    pub queries: PathBuf,
    /// The DuckDB reference implementation.
    #[arg(long, default_value = "tests/bench/reference.py")]
    pub referentie: PathBuf,
    /// A Python with duckdb, pyarrow and openpyxl (default: the test suite's venv).
    #[arg(long)]
    pub python: Option<PathBuf>,
    #[arg(long, default_value_t = 20240101)]
    pub seed: u64,
    /// Multiplies the national volumes (1 = about 400,000 controles a year).
    #[arg(long, default_value_t = 1.0)]
    pub schaal: f64,
    /// Only this scenario: "1 jaar", "2 jaar" or "10 jaar".
    #[arg(long)]
    pub alleen: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct UnmappedArgs {
    #[command(flatten)]
    pub batch: BatchArgs,
    /// Write the CSV to this file instead of standard output.
    #[arg(long)]
    pub to: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct VerifyArgs {
    /// The output tree to check.
    #[arg(long, default_value = "out")]
    pub output: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct GenerateArgs {
    #[arg(long, default_value = "data-samples")]
    pub output: PathBuf,
    #[arg(long, default_value_t = 20240101)]
    pub seed: u64,
    /// Multiplies the number of controles per party-year.
    #[arg(long, default_value_t = 1.0)]
    pub schaal: f64,
    /// Years, as a list (2024,2025) or a range (2016-2025).
    #[arg(long, default_value = "2024,2025", value_parser = jaren)]
    pub jaren: Jaren,
    /// `standaard`: the ten sample parties; `landelijk`: a national batch (every
    /// omgevingsdienst, province and water authority, 40 municipalities, ILT;
    /// about 400,000 controles a year at --schaal 1).
    #[arg(long, default_value = "standaard", value_parser = ["standaard", "landelijk"])]
    pub partijen: String,
    /// The queries/ folder: reference data (the parties' municipalities), and the
    /// profiles and mapping tables that shape each party's dialect.
    #[arg(long, default_value = "queries")]
    pub queries: PathBuf,
}

/// The years of `vth generate --jaren`.
#[derive(Debug, Clone)]
pub struct Jaren(pub Vec<i32>);

fn jaren(s: &str) -> std::result::Result<Jaren, String> {
    let jaar = |x: &str| {
        x.trim()
            .parse::<i32>()
            .ok()
            .filter(|j| (1990..=2100).contains(j))
            .ok_or_else(|| format!("`{x}` is not a year"))
    };
    let v = match s.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (jaar(a)?, jaar(b)?);
            if a > b {
                return Err(format!("{a}-{b}: the first year comes first"));
            }
            (a..=b).collect()
        }
        None => s
            .split(',')
            .map(jaar)
            .collect::<std::result::Result<_, _>>()?,
    };
    Ok(Jaren(v))
}

impl BatchArgs {
    fn config(&self) -> Result<Config> {
        Config::load(
            self.input.clone(),
            self.output.clone(),
            self.config.clone(),
            self.templates.clone(),
        )
    }
}

pub fn execute(cli: Cli) -> Result<()> {
    match cli.command.unwrap_or(Command::Run(BatchArgs::default())) {
        Command::Run(a) => {
            let s = run::run(&a.config()?)?;
            if let Some(pad) = std::env::var_os(crate::bench::TIJDEN_VAR) {
                crate::bench::schrijf_tijden(std::path::Path::new(&pad), &s)?;
            }
            println!(
                "run {}: {} files in {} deliveries; {} files not read",
                s.run_id,
                s.bestanden,
                s.leveringen,
                s.overgeslagen.len()
            );
            for o in &s.overgeslagen {
                println!("not read: {o}");
            }
            println!(
                "rows: read {} = accepted {} + quarantined {}",
                s.rijen.gelezen, s.rijen.geaccepteerd, s.rijen.quarantaine
            );
            println!(
                "harmonised: {} controles, {} overtredingen, {} handhavingsmaatregelen, {} organisatie",
                s.rijen.controles, s.rijen.overtredingen, s.rijen.handhavingsmaatregelen, s.rijen.organisatie
            );
            println!(
                "indicators: {} rows; warnings: {}",
                s.rijen.indicatorrijen, s.waarschuwingen
            );
            for g in &s.geweigerd {
                println!("refused delivery: {g}");
            }
            if s.ontwikkelsleutel {
                eprintln!(
                    "warning: {} is not set; object_id in the restricted release is pseudonymised with the development key, which is not fit for real data",
                    crate::publish::pseudonym::SLEUTEL_VAR
                );
            }
            println!(
                "report: {}",
                s.output.join("rapport").join("index.html").display()
            );
            println!("manifest: {}", s.output.join("manifest.json").display());
        }
        Command::Fetch(a) => {
            let b = run::load_basis(&a.queries)?;
            let batch = crate::fetch::load(&a.manifest, &b.referentie, &b.profielen)?;
            let o = crate::fetch::fetch(&batch, &a.output)?;
            let mut ontvangen = 0;
            let mut totaal = 0;
            for p in &o.partijen {
                let mis: Vec<String> = p
                    .bestanden
                    .iter()
                    .filter(|b| b.uitkomst != crate::fetch::record::Uitkomst::Ontvangen)
                    .map(|b| b.tekort())
                    .collect();
                totaal += p.bestanden.len();
                ontvangen += p.bestanden.len() - mis.len();
                if mis.is_empty() && !p.bestanden.is_empty() {
                    println!(
                        "{} {}: {} files received",
                        o.jaar,
                        p.code,
                        p.bestanden.len()
                    );
                } else if p.bestanden.is_empty() {
                    println!("{} {}: no files listed", o.jaar, p.code);
                } else {
                    println!(
                        "{} {}: not (fully) delivered: {}",
                        o.jaar,
                        p.code,
                        mis.join("; ")
                    );
                }
            }
            println!(
                "fetched {ontvangen} of {totaal} files for {}; record: {}",
                o.jaar,
                a.output.join(crate::fetch::record::BESTAND).display()
            );
        }
        Command::Bench(b) => {
            let m = crate::bench::bench(&crate::bench::Opties {
                werkmap: b.werkmap,
                queries: b.queries,
                referentie: b.referentie,
                python: b.python,
                seed: b.seed,
                schaal: b.schaal,
                alleen: b.alleen,
            })?;
            crate::bench::print(&m);
        }
        Command::Ingest(a) => {
            let config = a.config()?;
            let q = run::load_queries(&config)?;
            let invoer = run::ingest(&config, &q)?;
            for b in &invoer.bestanden {
                println!(
                    "{}\t{}\t{}\t{}",
                    b.levering.jaar,
                    b.levering.partij,
                    b.tabel.name(),
                    b.relatief
                );
            }
            for o in &invoer.overgeslagen {
                println!("skipped\t{}\t{}", o.relatief, o.reden);
            }
        }
        Command::Validate(a) => {
            let config = a.config()?;
            let q = run::load_queries(&config)?;
            let u = run::validate(&config, &q, &run::ingest(&config, &q)?)?;
            println!("file\tread\taccepted\tquarantined");
            for r in &u.reconciliatie {
                println!(
                    "{}\t{}\t{}\t{}",
                    r.bestand, r.gelezen, r.geaccepteerd, r.quarantaine
                );
            }
            for l in u.leveringen.iter().filter(|l| l.status == "geweigerd") {
                println!(
                    "refused {} {}: {}",
                    l.jaar,
                    l.partij,
                    l.reden.clone().unwrap_or_default()
                );
            }
        }
        Command::Indicators(a) => {
            let config = a.config()?;
            let q = run::load_queries(&config)?;
            let u = run::validate(&config, &q, &run::ingest(&config, &q)?)?;
            let dq = run::datakwaliteit(&config, &q, &u);
            let rijen = run::indicators(&config, &q, &u, &dq)?;
            println!("indicator\tjaar\tdimensie\twaarde\tteller\tnoemer\tstatus");
            for r in rijen.iter().filter(|r| r.niveau == "nationaal") {
                println!(
                    "{} {}\t{}\t{}\t{}\t{}\t{}\t{}",
                    r.indicator_id,
                    r.indicator,
                    r.jaar,
                    r.dimensie_waarde.clone().unwrap_or_default(),
                    r.waarde.map(|w| format!("{w:.2}")).unwrap_or_default(),
                    r.teller.map(|t| t.to_string()).unwrap_or_default(),
                    r.noemer.map(|t| t.to_string()).unwrap_or_default(),
                    r.status
                );
            }
        }
        Command::Unmapped(a) => {
            let config = a.batch.config()?;
            let q = run::load_queries(&config)?;
            let u = run::validate(&config, &q, &run::ingest(&config, &q)?)?;
            let csv = crate::harmonise::mapping::te_vullen(&u.niet_gemapt);
            match &a.to {
                Some(pad) => {
                    std::fs::write(pad, &csv).map_err(|e| crate::error::Error::write(pad, e))?;
                    let n = csv.lines().count().saturating_sub(1);
                    println!("{n} unmapped values written to {}", pad.display());
                }
                None => print!("{csv}"),
            }
        }
        Command::Verify(a) => {
            let v = crate::publish::manifest::verify(&a.output)?;
            for f in &v.afwijkingen {
                println!("{f}");
            }
            if !v.afwijkingen.is_empty() {
                return Err(crate::error::Error::Output(format!(
                    "{}: {} of {} files differ from manifest.json",
                    a.output.display(),
                    v.afwijkingen.len(),
                    v.gecontroleerd
                )));
            }
            println!(
                "{}: all {} files match manifest.json",
                a.output.display(),
                v.gecontroleerd
            );
        }
        Command::Generate(g) => {
            let b = run::load_basis(&g.queries)?;
            let opties = crate::generate::Opties {
                seed: g.seed,
                schaal: g.schaal,
                jaren: g.jaren.0.clone(),
            };
            let partijen = match g.partijen.as_str() {
                "landelijk" => crate::generate::landelijke_partijen(&b.referentie),
                _ => crate::generate::standaard_partijen(),
            };
            let tellingen = crate::generate::genereer(
                &opties,
                &partijen,
                &b.referentie,
                &b.profielen,
                &b.mappings,
                &g.output,
            )?;
            for (p, n) in tellingen {
                println!("{p}: {n} rows");
            }
        }
    }
    Ok(())
}
