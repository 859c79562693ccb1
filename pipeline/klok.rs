//! Wall time per stage, for `vth bench`. Kept out of every output file: outputs
//! never depend on the clock.

use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Klok {
    begin: Instant,
    pub tijden: Vec<(&'static str, Duration)>,
}

impl Default for Klok {
    fn default() -> Self {
        Klok {
            begin: Instant::now(),
            tijden: Vec::new(),
        }
    }
}

impl Klok {
    /// Close the stage that ran since the previous one.
    pub fn stap(&mut self, naam: &'static str) {
        self.tijden.push((naam, self.begin.elapsed()));
        self.begin = Instant::now();
    }

    /// Take over the stages another clock measured, which end now.
    pub fn neem_over(&mut self, tijden: &[(&'static str, Duration)]) {
        self.tijden.extend_from_slice(tijden);
        self.begin = Instant::now();
    }
}
