//! Classification of an overtreding → one national `ernst` (exchange-format.md):
//! delivered ernst wins; otherwise gevolg × gedrag through the LHSO matrix; old-LHS
//! axes (gevolg A–D, gedrag 1–4) are swapped, which is unambiguous because the two
//! axes use disjoint symbols; with neither, `onbekend`. Never a guess.

use std::collections::BTreeMap;

use crate::model::ErnstBron;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classificatie {
    /// LHSO axes after harmonisation (gevolg 1–4, gedrag A–D).
    pub gevolg: Option<String>,
    pub gedrag: Option<String>,
    pub ernst: String,
    pub bron: ErnstBron,
    /// Delivered ernst differs from the matrix (reported as a warning).
    pub tegenstrijdig: bool,
}

fn is_gevolg(s: &str) -> bool {
    matches!(s, "1" | "2" | "3" | "4")
}

fn is_gedrag(s: &str) -> bool {
    matches!(s, "A" | "B" | "C" | "D")
}

/// Normalised axes, or `Err(column)` naming the axis whose value fits neither scheme.
pub fn assen(
    gevolg: Option<&str>,
    gedrag: Option<&str>,
) -> Result<(Option<String>, Option<String>, bool), &'static str> {
    let norm = |v: Option<&str>| v.map(|s| s.trim().to_uppercase()).filter(|s| !s.is_empty());
    let (gv, gd) = (norm(gevolg), norm(gedrag));
    // Old LHS: letters on the gevolg axis and/or digits on the gedrag axis.
    let swapped = gv.as_deref().is_some_and(is_gedrag) || gd.as_deref().is_some_and(is_gevolg);
    let (gv, gd) = if swapped { (gd, gv) } else { (gv, gd) };
    if gv.as_deref().is_some_and(|s| !is_gevolg(s)) {
        return Err("gevolg");
    }
    if gd.as_deref().is_some_and(|s| !is_gedrag(s)) {
        return Err("gedrag");
    }
    Ok((gv, gd, swapped))
}

pub fn classificeer(
    ernst: Option<String>,
    gevolg: Option<String>,
    gedrag: Option<String>,
    swapped: bool,
    matrix: &BTreeMap<(String, String), String>,
) -> Classificatie {
    // A delivered `onbekend` says nothing: the axes may still classify the row.
    let ernst = ernst.filter(|e| e != "onbekend");
    let afgeleid = match (&gevolg, &gedrag) {
        (Some(gv), Some(gd)) => matrix.get(&(gv.clone(), gd.clone())).cloned(),
        _ => None,
    };
    match (ernst, afgeleid) {
        (Some(e), af) => Classificatie {
            tegenstrijdig: af.as_ref().is_some_and(|a| *a != e),
            bron: ErnstBron::Geleverd,
            ernst: e,
            gevolg,
            gedrag,
        },
        (None, Some(a)) => Classificatie {
            ernst: a,
            bron: if swapped {
                ErnstBron::AfgeleidLhsOmgedraaid
            } else {
                ErnstBron::AfgeleidLhso
            },
            tegenstrijdig: false,
            gevolg,
            gedrag,
        },
        (None, None) => Classificatie {
            ernst: "onbekend".into(),
            bron: ErnstBron::Onbekend,
            tegenstrijdig: false,
            gevolg,
            gedrag,
        },
    }
}
