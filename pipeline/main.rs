//! `vth`: a thin binary. Parsing and running live in the library; only here are
//! typed errors turned into a report for the user.

use clap::Parser;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

extern "C" {
    // mimalloc's C API, linked in by the mimalloc crate (pinned in Cargo.toml).
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}
/// `mi_option_purge_delay` in mimalloc v3's `mi_option_e`.
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

fn main() -> std::process::ExitCode {
    // A run frees and allocates large amounts in turn; returning pages to the OS
    // after 10 ms made the kernel zero them again (a third of a national run, perf).
    // Keep freed memory for reuse: 5.8 s instead of 7.6 s, peak 1.5 GiB instead of 1.2.
    // SAFETY: a plain option setter of the allocator, called before any threads start.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("VTH_LOG"))
        .with_writer(std::io::stderr)
        .init();
    match vth::commands::execute(vth::cli::Cli::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            let e = anyhow::Error::from(e);
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
