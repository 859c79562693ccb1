//! `vth`: a thin binary. Parsing and running live in the library; only here are
//! typed errors turned into a report for the user.

use clap::Parser;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("VTH_LOG"))
        .with_writer(std::io::stderr)
        .init();
    match vth::cli::execute(vth::cli::Cli::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            let e = anyhow::Error::from(e);
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
