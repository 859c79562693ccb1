//! Command-line interface: the arguments of every command. `commands/` runs them
//! (arguments → a resolved `Config` → the stages).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::config::Config;
use crate::error::Result;

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
    /// Write the exchange format of a delivery over one year for the parties:
    /// datapackage.json (a Frictionless data package describing one delivery
    /// folder) and aanleverformaat.html.
    Schema(SchemaArgs),
    /// Check one party's files before delivery, with the batch's ingest, profile,
    /// mapping tables and contract; writes the feedback page beside the folder.
    /// Exit code 0: every row accepted; 3: rows would go to quarantine; 4: the
    /// delivery would be refused; 1: the check could not run (2: wrong arguments).
    Check(CheckArgs),
    /// Write a seeded sample batch of deliveries.
    Generate(GenerateArgs),
    /// Benchmark: the whole pipeline on a generated national batch (1, 2 and 10
    /// years) and on one party-year as one large file, each against a DuckDB
    /// reference; prints per stage wall time, rows/s and peak memory (also per
    /// row read), the ratio to DuckDB and whether the figures agree.
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
    /// The DuckDB reference implementation of the national scenarios.
    #[arg(long, default_value = "tests/bench/reference.py")]
    pub referentie: PathBuf,
    /// The DuckDB reference of the canonical scenarios (T1–T5, H1–H10).
    #[arg(long, default_value = "tests/bench/canoniek.py")]
    pub referentie_canoniek: PathBuf,
    /// The DuckDB reference of the one-file scenario.
    #[arg(long, default_value = "tests/bench/een_bestand.py")]
    pub referentie_een_bestand: PathBuf,
    /// Rows of the one-file scenario's controles.csv (12 million: about 1.1 GB).
    #[arg(long, default_value_t = 12_000_000)]
    pub rijen_een_bestand: usize,
    /// A Python with duckdb, pyarrow and openpyxl (default: the test suite's venv).
    #[arg(long)]
    pub python: Option<PathBuf>,
    #[arg(long, default_value_t = 20240101)]
    pub seed: u64,
    /// Multiplies the national volumes (1 = about 400,000 controles a year).
    #[arg(long, default_value_t = 1.0)]
    pub schaal: f64,
    /// Only this scenario: "1 jaar", "2 jaar", "10 jaar", "2 jaar canoniek",
    /// "10 jaar canoniek" or "1 bestand".
    #[arg(long)]
    pub alleen: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct SchemaArgs {
    /// The delivery year the format describes (date limits, peildatum).
    #[arg(long, value_parser = clap::value_parser!(i32).range(1990..=2100))]
    pub jaar: i32,
    /// The folder to write datapackage.json and aanleverformaat.html to.
    #[arg(long)]
    pub to: PathBuf,
    /// Batch configuration (severities, peildatum, limits); its folder is queries/.
    #[arg(long, default_value = "queries/config.toml")]
    pub config: PathBuf,
    /// Report templates (default: report-templates/ beside the queries/ folder).
    #[arg(long)]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// The party's code (omgevingsdienst code, GM/PV/WS code, ILT, NVWA, OM, IenW).
    #[arg(long)]
    pub partij: String,
    /// The year the delivery is about.
    #[arg(long, value_parser = clap::value_parser!(i32).range(1990..=2100))]
    pub jaar: i32,
    /// The folder with the party's files (controles.csv, … directly in it).
    pub folder: PathBuf,
    /// A delivery tree (<tree>/<jaar>/<partij>/) with the party's earlier
    /// deliveries, so ids and references of earlier years are checked as the batch does.
    #[arg(long)]
    pub eerder: Option<PathBuf>,
    /// Where to write the feedback page (default: beside the folder,
    /// terugkoppeling-<partij>-<jaar>.html).
    #[arg(long)]
    pub pagina: Option<PathBuf>,
    #[arg(long, default_value = "queries/config.toml")]
    pub config: PathBuf,
    #[arg(long)]
    pub templates: Option<PathBuf>,
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
    /// about 400,000 controles a year at --schaal 1); `canoniek`: that batch
    /// without the parties that need a profile, all in canonical CSV.
    #[arg(long, default_value = "standaard", value_parser = ["standaard", "landelijk", "canoniek"])]
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
    pub fn config(&self) -> Result<Config> {
        Config::load(
            self.input.clone(),
            self.output.clone(),
            self.config.clone(),
            self.templates.clone(),
        )
    }
}
