//! Wall time and peak memory per stage, for `vth bench`. Kept out of every output
//! file: outputs never depend on the clock.

use std::time::{Duration, Instant};

/// One stage as measured: its name, wall time, and the peak resident memory of the
/// process while it ran (Linux only; `None` elsewhere).
#[derive(Debug, Clone, Copy)]
pub struct Step {
    pub name: &'static str,
    pub duration: Duration,
    pub peak_bytes: Option<u64>,
}

#[derive(Debug, Clone)]
pub struct Clock {
    begin: Instant,
    pub steps: Vec<Step>,
}

impl Default for Clock {
    fn default() -> Self {
        reset_peak();
        Clock {
            begin: Instant::now(),
            steps: Vec::new(),
        }
    }
}

impl Clock {
    /// Close the stage that ran since the previous one.
    pub fn step(&mut self, name: &'static str) {
        let duration = self.begin.elapsed();
        let peak_bytes = peak_memory();
        tracing::debug!(
            stage = name,
            ms = duration.as_millis() as u64,
            peak_mib = peak_bytes.map(|b| b >> 20),
            "stage"
        );
        self.steps.push(Step {
            name,
            duration,
            peak_bytes,
        });
        reset_peak();
        self.begin = Instant::now();
    }
}

/// Peak resident memory of this process since the last reset (Linux: VmHWM).
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let regel = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = regel.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Reset the peak to the current resident size (Linux: `5` to clear_refs), so the
/// next stage's peak is its own. Elsewhere, or when refused, the peak stays the
/// process's peak so far, which is still an upper bound.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}
