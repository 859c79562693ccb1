//! Disclosure control of the open release (spec/indicators.md): a count below
//! `min_celwaarde` and a share or median whose noemer is below `min_noemer` is
//! published as null with status `onderdrukt` (CBS symbol `.`), and its teller and
//! noemer are withheld too, so it cannot be recomputed.

use super::IndicatorRij;
use crate::config::Openbaarheid;
use crate::indicators::catalogue::Soort;

pub fn is_onderdrukt(rij: &IndicatorRij, soort: Soort, o: Openbaarheid) -> bool {
    match soort {
        Soort::Aantal => rij.waarde.is_some_and(|w| w < o.min_celwaarde as f64),
        Soort::Aandeel | Soort::Mediaan => rij.noemer.is_some_and(|n| n > 0 && n < o.min_noemer),
    }
}

/// The open release of a set of indicator rows.
pub fn open(
    rijen: &[IndicatorRij],
    soort: impl Fn(&str) -> Soort,
    o: Openbaarheid,
) -> Vec<IndicatorRij> {
    rijen
        .iter()
        .map(|r| {
            if is_onderdrukt(r, soort(&r.indicator_id), o) {
                IndicatorRij {
                    waarde: None,
                    teller: None,
                    noemer: None,
                    status: "onderdrukt",
                    ..r.clone()
                }
            } else {
                r.clone()
            }
        })
        .collect()
}
