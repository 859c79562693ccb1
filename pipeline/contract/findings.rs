//! Findings (bevindingen): every rule that fired, where, and on which value.
//! Counts are complete; examples are capped so a bad file does not flood the manifest.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::contract::rules::{Regel, Zwaarte};
use crate::model::Levering;

/// How many examples per (file, rule) are kept for the feedback report.
pub const MAX_VOORBEELDEN: usize = 5;

/// One finding at a precise place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bevinding {
    pub regel: &'static str,
    pub zwaarte: Zwaarte,
    pub jaar: i32,
    pub partij: String,
    pub bestand: String,
    /// Physical line in the file; `None` for file-level findings.
    pub regelnummer: Option<u64>,
    pub kolom: Option<String>,
    pub waarde: Option<String>,
    /// What was expected / what to do, in Dutch, for the party.
    pub melding: String,
}

impl Bevinding {
    /// One line a civil servant can act on: file, line, column, value, expectation.
    pub fn als_tekst(&self) -> String {
        let mut s = self.bestand.clone();
        if let Some(r) = self.regelnummer {
            s.push_str(&format!(", regel {r}"));
        }
        if let Some(k) = &self.kolom {
            s.push_str(&format!(", kolom {k}"));
        }
        if let Some(w) = &self.waarde {
            s.push_str(&format!(", waarde {w:?}"));
        }
        format!("{s}: {} [{}]", self.melding, self.regel)
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Telling {
    pub aantal: u64,
    pub voorbeelden: Vec<Bevinding>,
}

impl Telling {
    /// Add `other`'s count, and its examples while there is room.
    fn voeg_samen(&mut self, other: Telling) {
        self.aantal += other.aantal;
        let room = MAX_VOORBEELDEN.saturating_sub(self.voorbeelden.len());
        self.voorbeelden
            .extend(other.voorbeelden.into_iter().take(room));
    }
}

/// Findings aggregated per (delivery, file, rule).
#[derive(Debug, Clone, Default)]
pub struct Bevindingen {
    pub per_bestand: BTreeMap<(Levering, String, &'static str), Telling>,
}

impl Bevindingen {
    pub fn add(&mut self, b: Bevinding) {
        let key = (
            Levering {
                jaar: b.jaar,
                partij: b.partij.clone(),
            },
            b.bestand.clone(),
            b.regel,
        );
        let t = self.per_bestand.entry(key).or_default();
        t.aantal += 1;
        if t.voorbeelden.len() < MAX_VOORBEELDEN {
            t.voorbeelden.push(b);
        }
    }

    /// Add the findings of one file, counted per rule.
    pub fn voeg_bestand_toe(&mut self, levering: &Levering, bestand: &str, t: Bestandstelling) {
        for (regel, telling) in t.per_regel {
            self.per_bestand
                .entry((levering.clone(), bestand.to_string(), regel))
                .or_default()
                .voeg_samen(telling);
        }
    }

    pub fn extend(&mut self, other: Bevindingen) {
        for (k, t) in other.per_bestand {
            self.per_bestand.entry(k).or_default().voeg_samen(t);
        }
    }

    pub fn aantal(&self, regel: Regel) -> u64 {
        self.per_bestand
            .iter()
            .filter(|((_, _, r), _)| *r == regel.code())
            .map(|(_, t)| t.aantal)
            .sum()
    }

    pub fn waarschuwingen(&self) -> u64 {
        self.per_bestand
            .values()
            .filter(|t| {
                t.voorbeelden
                    .first()
                    .is_some_and(|b| b.zwaarte == Zwaarte::Waarschuwing)
            })
            .map(|t| t.aantal)
            .sum()
    }
}

/// The findings of one file per rule, in the order they arise: a finding is
/// written out only while its rule still wants examples, so a rule that fires on
/// every row of a large file costs a count, not a record per row.
#[derive(Debug, Default)]
pub struct Bestandstelling {
    per_regel: Vec<(&'static str, Telling)>,
}

impl Bestandstelling {
    /// Count one finding of `regel`; `maak` writes it out when it is an example.
    pub fn tel(&mut self, regel: &'static str, maak: impl FnOnce() -> Bevinding) {
        let i = match self.per_regel.iter().position(|(r, _)| *r == regel) {
            Some(i) => i,
            None => {
                self.per_regel.push((regel, Telling::default()));
                self.per_regel.len() - 1
            }
        };
        let t = &mut self.per_regel[i].1;
        t.aantal += 1;
        if t.voorbeelden.len() < MAX_VOORBEELDEN {
            t.voorbeelden.push(maak());
        }
    }

    pub fn add(&mut self, b: Bevinding) {
        self.tel(b.regel, || b);
    }
}
