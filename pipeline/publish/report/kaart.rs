//! Maps of the Netherlands as inline SVG, drawn from the municipality boundaries of
//! 2025 (`queries/referentie/gemeenten-2025.topojson`, RD coordinates). A region
//! (omgevingsdienst or province) is the municipalities the reference table puts in
//! it: they are filled in the region's class colour without a line between them,
//! and a line is drawn only where two regions meet or at the coast and border.
//!
//! Colours: five classes of ColorBrewer's YlGnBu, light to dark, so the order reads
//! in greyscale and for colour-blind readers; suppressed regions are hatched,
//! regions without observations light grey. The legend is in the drawing, the
//! numbers in the table beside it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::Path;

use super::charts::esc;
use crate::error::{Error, Result};

/// The boundaries: every arc in map coordinates, and per gemeente its polygons as
/// rings of arc references (TopoJSON: `!i` is arc `i` reversed).
pub struct Topologie {
    bogen: Vec<Vec<(f64, f64)>>,
    gemeenten: BTreeMap<String, Vec<Vec<i64>>>,
    breedte: f64,
    hoogte: f64,
}

const BREEDTE: f64 = 360.0;
const LEGENDA: f64 = 200.0;
const KLEUREN: [&str; 5] = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"];
const GEEN: &str = "#e6e6e6";

impl Topologie {
    pub fn laad(pad: &Path) -> Result<Topologie> {
        let fout = |m: String| Error::Queries {
            path: pad.to_path_buf(),
            message: m,
        };
        let tekst = crate::error::read_text(pad)?;
        let v: serde_json::Value =
            serde_json::from_str(&tekst).map_err(|e| fout(format!("no valid TopoJSON: {e}")))?;
        let getal = |v: &serde_json::Value| v.as_f64().unwrap_or(0.0);
        let schaal = &v["transform"]["scale"];
        let verschuif = &v["transform"]["translate"];
        let (sx, sy) = (getal(&schaal[0]).max(f64::MIN_POSITIVE), getal(&schaal[1]));
        let (tx, ty) = (getal(&verschuif[0]), getal(&verschuif[1]));
        // Delta-encoded, quantised positions (TopoJSON spec §2.1.2).
        let mut bogen: Vec<Vec<(f64, f64)>> = Vec::new();
        for boog in v["arcs"].as_array().into_iter().flatten() {
            let (mut x, mut y) = (0.0, 0.0);
            let mut punten = Vec::new();
            for p in boog.as_array().into_iter().flatten() {
                x += getal(&p[0]);
                y += getal(&p[1]);
                punten.push((x * sx + tx, y * sy + ty));
            }
            bogen.push(punten);
        }
        let objecten = v["objects"]
            .as_object()
            .and_then(|o| o.values().next())
            .ok_or_else(|| fout("no object with geometries".into()))?;
        let mut gemeenten: BTreeMap<String, Vec<Vec<i64>>> = BTreeMap::new();
        let ring = |r: &serde_json::Value| -> Vec<i64> {
            r.as_array()
                .into_iter()
                .flatten()
                .filter_map(serde_json::Value::as_i64)
                .collect()
        };
        for g in objecten["geometries"].as_array().into_iter().flatten() {
            let Some(code) = g["properties"]["statcode"].as_str() else {
                continue;
            };
            let ringen: Vec<Vec<i64>> = match g["type"].as_str() {
                Some("Polygon") => g["arcs"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(ring)
                    .collect(),
                Some("MultiPolygon") => g["arcs"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .flat_map(|p| p.as_array().into_iter().flatten().map(ring))
                    .collect(),
                _ => continue,
            };
            gemeenten
                .entry(code.to_string())
                .or_default()
                .extend(ringen);
        }
        // RD: x east, y north. Scale to the drawing's width; y runs down in SVG.
        let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for &(x, y) in bogen.iter().flatten() {
            (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
        }
        if gemeenten.is_empty() || x1 <= x0 || y1 <= y0 {
            return Err(fout("no municipality boundaries found".into()));
        }
        let k = BREEDTE / (x1 - x0);
        for p in bogen.iter_mut().flatten() {
            *p = ((p.0 - x0) * k, (y1 - p.1) * k);
        }
        Ok(Topologie {
            bogen,
            gemeenten,
            breedte: BREEDTE,
            hoogte: (y1 - y0) * k,
        })
    }

    /// The points of arc reference `a`, in drawing order.
    fn boog(&self, a: i64) -> Box<dyn Iterator<Item = &(f64, f64)> + '_> {
        if a >= 0 {
            Box::new(self.bogen.get(a as usize).into_iter().flatten())
        } else {
            Box::new(self.bogen.get(!a as usize).into_iter().flatten().rev())
        }
    }

    /// Whole pixels, repeats dropped: a national map needs no finer detail.
    fn pad(&self, ringen: &[&Vec<i64>]) -> String {
        let mut d = String::new();
        for ring in ringen {
            let mut vorige: Option<(i64, i64)> = None;
            let mut eerste = true;
            for &a in ring.iter() {
                for &(x, y) in self.boog(a) {
                    let p = (x.round() as i64, y.round() as i64);
                    if vorige == Some(p) {
                        continue;
                    }
                    let _ = write!(d, "{}{} {}", if eerste { "M" } else { "L" }, p.0, p.1);
                    eerste = false;
                    vorige = Some(p);
                }
            }
            if !eerste {
                d.push('Z');
            }
        }
        d
    }
}

/// One region on the map: its value as the report prints it, and the value to
/// class it by (none: suppressed or without observations).
#[derive(Debug, Clone)]
pub struct Regio {
    pub code: String,
    pub naam: String,
    pub waarde: Option<f64>,
    pub tekst: String,
    pub onderdrukt: bool,
}

/// (name, figure) of every region, for a map's description.
pub fn beschrijving(regios: &[Regio]) -> Vec<(&str, &str)> {
    regios
        .iter()
        .map(|r| (r.naam.as_str(), r.tekst.as_str()))
        .collect()
}

/// Equal-count classes over the regions with a value: (lower, upper, colour).
fn klassen(
    regios: &[Regio],
    opmaak: &dyn Fn(f64) -> String,
) -> Vec<(f64, f64, &'static str, String)> {
    let mut waarden: Vec<f64> = regios.iter().filter_map(|r| r.waarde).collect();
    waarden.sort_by(f64::total_cmp);
    let verschillend: BTreeSet<u64> = waarden.iter().map(|w| w.to_bits()).collect();
    let k = verschillend.len().min(KLEUREN.len());
    if k == 0 {
        return Vec::new();
    }
    // Spread the colours used over the whole scale.
    let kleur = |i: usize| {
        KLEUREN[if k == 1 {
            2
        } else {
            i * (KLEUREN.len() - 1) / (k - 1)
        }]
    };
    let n = waarden.len();
    let mut uit: Vec<(f64, f64, &'static str, String)> = Vec::new();
    for i in 0..k {
        let deel = &waarden[i * n / k..((i + 1) * n / k).max(i * n / k + 1).min(n)];
        let (lo, hi) = (deel[0], deel[deel.len() - 1]);
        // A value on a class boundary belongs to the lower class.
        if uit.last().is_some_and(|l| lo <= l.1) {
            if let Some(l) = uit.last_mut() {
                l.1 = l.1.max(hi);
                l.3 = format!("{} – {}", opmaak(l.0), opmaak(l.1));
            }
            continue;
        }
        let label = if lo == hi {
            opmaak(lo)
        } else {
            format!("{} – {}", opmaak(lo), opmaak(hi))
        };
        uit.push((lo, hi, kleur(i), label));
    }
    uit
}

/// A map of regions: `indeling` gives each gemeente its region code.
pub fn kaart(
    id: &str,
    titel: &str,
    beschrijving: &str,
    topo: &Topologie,
    indeling: &BTreeMap<String, String>,
    regios: &[Regio],
    opmaak: &dyn Fn(f64) -> String,
) -> String {
    let klassen = klassen(regios, opmaak);
    let kleur_van = |r: &Regio| -> String {
        match r.waarde {
            Some(w) => klassen
                .iter()
                .find(|k| w <= k.1)
                .or(klassen.last())
                .map_or(GEEN.to_string(), |k| k.2.to_string()),
            None if r.onderdrukt => format!("url(#{id}-arcering)"),
            None => GEEN.to_string(),
        }
    };
    let b = (topo.breedte + LEGENDA).round();
    let h = (topo.hoogte.max(40.0 + 24.0 * (klassen.len() + 2) as f64) + 4.0).round();
    let mut s = super::charts::svg_begin(id, "diagram kaart", b, h, titel, beschrijving);
    let _ = write!(
        s,
        r##"<defs><pattern id="{id}-arcering" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#555555" stroke-width="2"/></pattern></defs>"##
    );
    // Regions, in code order: all their municipalities in one path.
    let mut per_regio: BTreeMap<&str, Vec<&Vec<i64>>> = BTreeMap::new();
    for (gemeente, ringen) in &topo.gemeenten {
        if let Some(r) = indeling.get(gemeente) {
            per_regio
                .entry(r.as_str())
                .or_default()
                .extend(ringen.iter());
        }
    }
    for r in regios {
        let ringen = per_regio.get(r.code.as_str()).cloned().unwrap_or_default();
        let _ = write!(
            s,
            r#"<path class="regio" id="{id}-{}" d="{}" fill="{}"><title>{}: {}</title></path>"#,
            esc(&r.code),
            topo.pad(&ringen),
            kleur_van(r),
            esc(&r.naam),
            esc(&r.tekst)
        );
    }
    // Borders: an arc used by one municipality only (coast, national border), or
    // by two in different regions.
    let mut gebruik: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
    let mut aantal: BTreeMap<usize, usize> = BTreeMap::new();
    for (gemeente, ringen) in &topo.gemeenten {
        let regio = indeling.get(gemeente).map_or("", String::as_str);
        for &a in ringen.iter().flatten() {
            let i = if a >= 0 { a as usize } else { !a as usize };
            gebruik.entry(i).or_default().insert(regio);
            *aantal.entry(i).or_default() += 1;
        }
    }
    let grenzen: Vec<Vec<i64>> = gebruik
        .iter()
        .filter(|(i, regios)| regios.len() > 1 || aantal.get(i) == Some(&1))
        .map(|(&i, _)| vec![i as i64])
        .collect();
    let lijnen: Vec<&Vec<i64>> = grenzen.iter().collect();
    let d = topo.pad(&lijnen).replace('Z', "");
    let _ = write!(s, r#"<path class="grens" d="{d}"/>"#);
    // Legend: the classes, then the two kinds of missing values.
    let x = topo.breedte + 16.0;
    let _ = write!(
        s,
        r#"<text x="{x:.0}" y="20" class="legenda">Legenda</text>"#
    );
    let mut vakken: Vec<(String, String)> = klassen
        .iter()
        .map(|k| (k.2.to_string(), k.3.clone()))
        .collect();
    vakken.push((format!("url(#{id}-arcering)"), ". onderdrukt".into()));
    vakken.push((GEEN.to_string(), "– geen waarnemingen".into()));
    for (k, (kleur, label)) in vakken.iter().enumerate() {
        let y = 34.0 + 24.0 * k as f64;
        let _ = write!(
            s,
            r#"<rect x="{x:.0}" y="{y:.0}" width="18" height="18" fill="{kleur}" class="vak"/><text x="{:.0}" y="{:.0}" class="legenda">{}</text>"#,
            x + 26.0,
            y + 14.0,
            esc(label)
        );
    }
    s.push_str("</svg>");
    s
}
