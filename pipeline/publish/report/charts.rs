//! Charts as inline SVG, drawn by the pipeline: horizontal bars with the value
//! written beside each bar, so no colour or length has to be read to get a number.
//! The SVG carries `<title>` and `<desc>`; the figure around it (template) adds the
//! headline, the statistical subtitle, a text alternative, a table and a CSV.

use std::fmt::Write;

/// One bar: its label, its value (none when suppressed or without observations)
/// and the text written beside it (Dutch formatting, `.` when suppressed).
#[derive(Debug, Clone)]
pub struct Balk {
    pub label: String,
    pub waarde: Option<f64>,
    pub tekst: String,
    /// Drawn lighter: a figure from the previous edition, or a provisional one.
    pub licht: bool,
}

/// Escape text for XML (element content and attribute values).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The opening of a chart: an SVG image named by its `<title>` and described by
/// its `<desc>`, scaled by the stylesheet.
pub fn svg_begin(
    id: &str,
    klasse: &str,
    b: f64,
    h: f64,
    titel: &str,
    beschrijving: &str,
) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="{klasse}" role="img" aria-labelledby="{id}-t {id}-d" viewBox="0 0 {b} {h}" width="{b}" height="{h}"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        esc(titel),
        esc(beschrijving)
    )
}

const BREEDTE: f64 = 640.0;
const LABELS: f64 = 210.0;
const WAARDEN: f64 = 80.0;
const RIJ: f64 = 30.0;
const BOVEN: f64 = 8.0;

/// A vertical line across the bars: the national value the regions are read
/// against, labelled above the bars.
#[derive(Debug, Clone)]
pub struct Referentielijn {
    pub waarde: f64,
    pub label: String,
}

/// A horizontal bar chart. `schaal_max` fixes the scale (100 for shares), else the
/// largest value (or reference line) sets it.
pub fn staafdiagram(
    id: &str,
    titel: &str,
    beschrijving: &str,
    balken: &[Balk],
    schaal_max: Option<f64>,
    referentie: Option<&Referentielijn>,
) -> String {
    // Room above the bars for the reference line's label.
    let boven = if referentie.is_some() {
        BOVEN + 22.0
    } else {
        BOVEN
    };
    let hoogte = boven + BOVEN + RIJ * balken.len().max(1) as f64;
    let max = schaal_max
        .unwrap_or_else(|| {
            balken
                .iter()
                .filter_map(|b| b.waarde)
                .chain(referentie.map(|r| r.waarde))
                .fold(0.0_f64, f64::max)
        })
        .max(f64::MIN_POSITIVE);
    // The label column as wide as its longest label (about 8 px a character at
    // 14 px), so a long name ("OD Flevoland & Gooi en Vechtstreek") is not cut at the
    // left edge; the bars keep their room and the chart grows.
    let labels = balken
        .iter()
        .map(|b| b.label.chars().count() as f64 * 8.0 + 16.0)
        .fold(LABELS, f64::max);
    let ruimte = BREEDTE - LABELS - WAARDEN;
    let breedte = labels + ruimte + WAARDEN;
    let mut s = svg_begin(id, "diagram", breedte, hoogte, titel, beschrijving);
    // Drawn first: the bars and their values lie on top of the line.
    if let Some(r) = referentie {
        let x = labels + (r.waarde.max(0.0) / max * ruimte).min(ruimte);
        let _ = write!(
            s,
            r#"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" class="referentie"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" class="referentie">{}</text>"#,
            boven - 4.0,
            hoogte - BOVEN,
            boven - 10.0,
            esc(&r.label)
        );
    }
    for (k, b) in balken.iter().enumerate() {
        let y = boven + RIJ * k as f64;
        let midden = y + RIJ / 2.0;
        let _ = write!(
            s,
            r#"<text x="{:.0}" y="{midden:.1}" text-anchor="end" dominant-baseline="middle" class="label">{}</text>"#,
            labels - 8.0,
            esc(&b.label)
        );
        let lengte = b
            .waarde
            .map_or(0.0, |w| (w.max(0.0) / max * ruimte).min(ruimte));
        if lengte > 0.0 {
            let _ = write!(
                s,
                r#"<rect x="{labels}" y="{:.1}" width="{lengte:.1}" height="{:.1}" class="{}"/>"#,
                y + 5.0,
                RIJ - 10.0,
                if b.licht { "balk licht" } else { "balk" }
            );
        }
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{midden:.1}" dominant-baseline="middle" class="waarde">{}</text>"#,
            labels + lengte + 6.0,
            esc(&b.tekst)
        );
    }
    let _ = write!(
        s,
        r#"<line x1="{labels}" y1="{boven}" x2="{labels}" y2="{:.1}" class="as"/></svg>"#,
        hoogte - BOVEN
    );
    s
}

/// A Lorenz curve: the cumulative share of the overtredingen (y) against the
/// cumulative share of the objects (x), most first, both 0–100 %, with the
/// diagonal of an even spread. `punten` are (x, y) after each deciel; `as_label`
/// names the x axis.
pub fn lorenzcurve(
    id: &str,
    titel: &str,
    beschrijving: &str,
    as_label: &str,
    punten: &[(f64, f64)],
) -> String {
    const ZIJDE: f64 = 300.0;
    const LINKS: f64 = 60.0;
    const BOVENKANT: f64 = 16.0;
    let px = |x: f64| LINKS + x / 100.0 * ZIJDE;
    let py = |y: f64| BOVENKANT + ZIJDE - y / 100.0 * ZIJDE;
    let (b, h) = (LINKS + ZIJDE + 40.0, BOVENKANT + ZIJDE + 50.0);
    let mut s = svg_begin(id, "diagram", b, h, titel, beschrijving);
    for t in [0.0, 50.0, 100.0] {
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end" dominant-baseline="middle" class="label">{t:.0}%</text><text x="{:.1}" y="{:.1}" text-anchor="middle" class="label">{t:.0}%</text>"#,
            LINKS - 6.0,
            py(t),
            px(t),
            BOVENKANT + ZIJDE + 18.0
        );
    }
    let _ = write!(
        s,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" class="label">{}</text>"#,
        px(50.0),
        BOVENKANT + ZIJDE + 40.0,
        esc(as_label)
    );
    let _ = write!(
        s,
        r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" class="referentie"/><rect x="{LINKS}" y="{BOVENKANT}" width="{ZIJDE}" height="{ZIJDE}" class="kader"/>"#,
        px(0.0),
        py(0.0),
        px(100.0),
        py(100.0)
    );
    let lijn: Vec<String> = std::iter::once((0.0, 0.0))
        .chain(punten.iter().copied())
        .map(|(x, y)| format!("{:.1},{:.1}", px(x), py(y)))
        .collect();
    let _ = write!(s, r#"<polyline points="{}" class="lijn"/>"#, lijn.join(" "));
    for &(x, y) in punten {
        let _ = write!(
            s,
            r#"<circle cx="{:.1}" cy="{:.1}" r="3" class="punt"/>"#,
            px(x),
            py(y)
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_scaled_labelled_and_escaped() {
        let svg = staafdiagram(
            "f1",
            "Titel <met> & \"tekens\"",
            "2024: 50%",
            &[
                Balk {
                    label: "2024".into(),
                    waarde: Some(50.0),
                    tekst: "50,0%".into(),
                    licht: false,
                },
                Balk {
                    label: "<script>".into(),
                    waarde: None,
                    tekst: ".".into(),
                    licht: false,
                },
            ],
            Some(100.0),
            None,
        );
        assert!(
            svg.contains(r#"<title id="f1-t">Titel &lt;met&gt; &amp; &quot;tekens&quot;</title>"#)
        );
        assert!(svg.contains("&lt;script&gt;") && !svg.contains("<script>"));
        // Half the scale: 350 px of bar room → 175.
        assert!(svg.contains(r#"width="175.0""#), "{svg}");
        assert_eq!(
            svg.matches("<rect").count(),
            1,
            "no bar for a suppressed value"
        );
        // A reference line at 17.4 of 100: 210 + 0.174 × 350 = 270.9.
        let lijn = Referentielijn {
            waarde: 17.4,
            label: "Nederland 17,4%".into(),
        };
        let svg = staafdiagram("f2", "t", "d", &[], Some(100.0), Some(&lijn));
        assert!(svg.contains(r#"<line x1="270.9""#), "{svg}");
        assert!(svg.contains(">Nederland 17,4%</text>"), "{svg}");
    }

    #[test]
    fn a_long_name_widens_the_label_column_instead_of_being_cut() {
        let balk = |label: &str| Balk {
            label: label.into(),
            waarde: Some(10.0),
            tekst: "10".into(),
            licht: false,
        };
        let svg = staafdiagram(
            "f3",
            "t",
            "d",
            &[balk("OD Flevoland & Gooi en Vechtstreek"), balk("odh")],
            Some(20.0),
            None,
        );
        // 34 characters × 8 px + 16 = 288 px of labels; the bars keep their 350 px
        // and the values their 80: the chart is 718 wide, the labels end at 280.
        assert!(svg.contains(r#"viewBox="0 0 718 "#), "{svg}");
        assert!(svg.contains(r#"<text x="280" "#), "{svg}");
        assert!(svg.contains(r#"<rect x="288" "#), "{svg}");
        // Short names keep the usual 640.
        let svg = staafdiagram("f4", "t", "d", &[balk("odh")], Some(20.0), None);
        assert!(svg.contains(r#"viewBox="0 0 640 "#), "{svg}");
    }
}

/// One judgement on the time line of a row: its date, its category (an index into
/// the legend) and the text of its tooltip.
#[derive(Debug, Clone)]
pub struct Markering {
    pub datum: chrono::NaiveDate,
    pub categorie: usize,
    pub tekst: String,
}

/// The time axis of [`tijdlijnen`]: from `van` to `tot`, with a vertical line at
/// `lijn` (a date and its label: the deadline).
#[derive(Debug, Clone, Copy)]
pub struct Tijdas<'a> {
    pub van: chrono::NaiveDate,
    pub tot: chrono::NaiveDate,
    pub lijn: (chrono::NaiveDate, &'a str),
}

/// A time line per row (one per omgevingsdienst), one mark per judgement, with a
/// vertical line at the deadline. Category k has colour `cat-k` and its own shape,
/// so the category can be read without colour; the legend names both.
pub fn tijdlijnen(
    id: &str,
    titel: &str,
    beschrijving: &str,
    rijen: &[(String, Vec<Markering>)],
    legenda: &[String],
    tijdas: Tijdas,
) -> String {
    let Tijdas { van, tot, lijn } = tijdas;
    const LINKS_T: f64 = 230.0;
    const BREED: f64 = 380.0;
    const RIJ_T: f64 = 20.0;
    const KOP: f64 = 34.0;
    let dagen = (tot - van).num_days().max(1) as f64;
    let px = |d: chrono::NaiveDate| LINKS_T + (d - van).num_days() as f64 / dagen * BREED;
    let legenda_h = 22.0 * legenda.len() as f64;
    let h = KOP + RIJ_T * rijen.len() as f64 + 30.0 + legenda_h;
    let mut s = svg_begin(
        id,
        "diagram",
        LINKS_T + BREED + 20.0,
        h,
        titel,
        beschrijving,
    );
    // Year ticks.
    for jaar in chrono::Datelike::year(&van) + 1..=chrono::Datelike::year(&tot) {
        let d = chrono::NaiveDate::from_ymd_opt(jaar, 1, 1).unwrap_or(van);
        let _ = write!(
            s,
            r#"<line x1="{x:.1}" y1="{KOP}" x2="{x:.1}" y2="{:.1}" class="raster"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" class="label">{jaar}</text>"#,
            KOP + RIJ_T * rijen.len() as f64,
            KOP - 6.0,
            x = px(d)
        );
    }
    let xl = px(lijn.0);
    let _ = write!(
        s,
        r#"<line x1="{xl:.1}" y1="{:.1}" x2="{xl:.1}" y2="{:.1}" class="referentie"/><text x="{xl:.1}" y="12" text-anchor="middle" class="label">{}</text>"#,
        KOP - 2.0,
        KOP + RIJ_T * rijen.len() as f64,
        esc(lijn.1)
    );
    let vorm = |k: usize, x: f64, y: f64| -> String {
        match k % 4 {
            0 => format!(r#"<circle cx="{x:.1}" cy="{y:.1}" r="6""#),
            1 => format!(
                r#"<rect x="{:.1}" y="{:.1}" width="11" height="11""#,
                x - 5.5,
                y - 5.5
            ),
            2 => format!(
                r#"<path d="M{x:.1} {:.1} L{:.1} {:.1} L{:.1} {:.1} Z""#,
                y - 7.0,
                x + 7.0,
                y + 5.0,
                x - 7.0,
                y + 5.0
            ),
            _ => format!(
                r#"<path d="M{x:.1} {:.1} L{:.1} {y:.1} L{x:.1} {:.1} L{:.1} {y:.1} Z""#,
                y - 7.0,
                x + 7.0,
                y + 7.0,
                x - 7.0
            ),
        }
    };
    for (i, (label, marks)) in rijen.iter().enumerate() {
        let y = KOP + RIJ_T * i as f64 + RIJ_T / 2.0;
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{y:.1}" text-anchor="end" dominant-baseline="middle" class="label">{}</text><line x1="{LINKS_T}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" class="raster"/>"#,
            LINKS_T - 8.0,
            esc(label),
            LINKS_T + BREED
        );
        for m in marks {
            let _ = write!(
                s,
                r#"{} class="cat-{}"><title>{}</title></{}>"#,
                vorm(m.categorie, px(m.datum), y),
                m.categorie,
                esc(&m.tekst),
                match m.categorie % 4 {
                    0 => "circle",
                    1 => "rect",
                    _ => "path",
                }
            );
        }
    }
    let y0 = KOP + RIJ_T * rijen.len() as f64 + 24.0;
    for (k, naam) in legenda.iter().enumerate() {
        let y = y0 + 22.0 * k as f64;
        let _ = write!(
            s,
            r#"{} class="cat-{k}"/><text x="{:.1}" y="{y:.1}" dominant-baseline="middle" class="label">{}</text>"#,
            vorm(k, LINKS_T + 8.0, y),
            LINKS_T + 22.0,
            esc(naam)
        );
    }
    s.push_str("</svg>");
    s
}
