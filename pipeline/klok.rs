//! Wall time and peak memory per stage, for `vth bench`. Kept out of every output
//! file: outputs never depend on the clock.

use std::time::{Duration, Instant};

/// One stage as measured: its name, wall time, and the peak resident memory of the
/// process while it ran (Linux only; `None` elsewhere).
#[derive(Debug, Clone, Copy)]
pub struct Stap {
    pub naam: &'static str,
    pub duur: Duration,
    pub piek_bytes: Option<u64>,
}

#[derive(Debug, Clone)]
pub struct Klok {
    begin: Instant,
    pub stappen: Vec<Stap>,
}

impl Default for Klok {
    fn default() -> Self {
        herstel_piek();
        Klok {
            begin: Instant::now(),
            stappen: Vec::new(),
        }
    }
}

impl Klok {
    /// Close the stage that ran since the previous one.
    pub fn stap(&mut self, naam: &'static str) {
        self.stappen.push(Stap {
            naam,
            duur: self.begin.elapsed(),
            piek_bytes: piek_geheugen(),
        });
        herstel_piek();
        self.begin = Instant::now();
    }

    /// Take over the stages another clock measured, which end now.
    pub fn neem_over(&mut self, stappen: &[Stap]) {
        self.stappen.extend_from_slice(stappen);
        self.begin = Instant::now();
    }
}

/// Peak resident memory of this process since the last reset (Linux: VmHWM).
pub fn piek_geheugen() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let regel = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = regel.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Reset the peak to the current resident size (Linux: `5` to clear_refs), so the
/// next stage's peak is its own. Elsewhere, or when refused, the peak stays the
/// process's peak so far, which is still an upper bound.
fn herstel_piek() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}
