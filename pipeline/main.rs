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
/// Milliseconds before freed memory is returned to the OS.
const PURGE_DELAY_MS: std::ffi::c_long = 1000;
/// `mi_option_allow_thp` in mimalloc v3's `mi_option_e`.
const MI_OPTION_ALLOW_THP: std::ffi::c_int = 43;

fn main() -> std::process::ExitCode {
    // Freed memory goes back to the OS after a second: a stage reuses what it frees
    // within itself, and what an earlier stage let go (the files' text, the batch
    // rules' maps) does not add to the peak. Ten years: peak 3.7 GiB instead of
    // 5.3 GiB for about 3 s more (keeping everything, -1, was faster when the run
    // held far more at once).
    // SAFETY: a plain option setter of the allocator, called before any threads start.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
    // No transparent huge pages: memory returned after a second and touched again
    // was zeroed 2 MiB at a time on every first touch (a sixth of all CPU time in
    // perf at ten years; `vth bench` 36–39 s instead of 40–44 s, same peak). The
    // option stops mimalloc asking for them; the prctl also covers the arena it
    // reserved before `main`.
    // SAFETY: as above.
    unsafe { mi_option_set(MI_OPTION_ALLOW_THP, 0) };
    // SAFETY: PR_SET_THP_DISABLE only sets a flag of this process; should it fail,
    // THP stays as it was (slower, not wrong).
    #[cfg(target_os = "linux")]
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    // Output piped into `head` ends quietly, as other command-line tools do,
    // instead of a panic on the closed pipe.
    // SAFETY: restores the default action of one signal before any threads start.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("VTH_LOG"))
        .with_writer(std::io::stderr)
        .init();
    match vth::commands::execute(vth::cli::Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            let e = anyhow::Error::from(e);
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
