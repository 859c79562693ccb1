//! The Staat van VTH report: a static, accessible website rendered with minijinja
//! from `report-templates/`, built from the published open release read back from
//! Parquet, so the report shows exactly what was published. No JavaScript, no
//! request outside its folder: charts are inline SVG, numbers also as tables and CSV.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Serialize;

pub mod aanleverformaat;
pub mod bijschriften;
pub mod charts;
pub mod dekking;
pub mod feedback;
pub mod hoofdstukken;
pub mod kaart;
pub mod omgevingsdiensten;
pub mod opzet;
pub mod provincies;
pub mod stelsel;

use crate::error::{Error, Result};
use crate::indicators::catalogue::{self, Soort};
use crate::indicators::IndicatorRij;
use crate::model::uitvoer::{status, RijSleutel};

/// Dutch number formatting: `.` for thousands, `,` for decimals.
pub fn getal(v: f64, decimalen: usize) -> String {
    let s = format!("{:.*}", decimalen, v.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let mut grouped = String::new();
    for (k, ch) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    let sign = if v < 0.0 && s.chars().any(|c| c != '0' && c != '.') {
        "-"
    } else {
        ""
    };
    match frac {
        Some(f) => format!("{sign}{grouped},{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A percentage as the report prints it: one decimal and `%`.
pub fn procent(w: f64) -> String {
    format!("{}%", getal(w, 1))
}

/// A value of an indicator of this soort as the report prints it.
pub fn waarde_tekst(w: f64, soort: Soort) -> String {
    match soort {
        Soort::Aantal => getal(w, 0),
        Soort::Aandeel => procent(w),
        Soort::Mediaan => getal(w, 1),
    }
}

/// A figure as the report prints it, with the CBS symbol for suppression.
pub fn tekst(r: &IndicatorRij, soort: Soort) -> String {
    match (r.status, r.waarde) {
        (status::ONDERDRUKT, _) => ".".into(),
        (_, None) => "geen waarnemingen".into(),
        (_, Some(w)) => waarde_tekst(w, soort),
    }
}

/// Where a unit stands among the units of one niveau, per indicator total and year:
/// "3e van 25", highest value first, over the units with a published value (ties
/// share a place); "–" when the unit has none. Built once per page: the rows of a
/// ten-year batch are too many to scan per cell.
pub struct Rangorde<'a> {
    waarden: std::collections::HashMap<(&'a str, i32), Vec<(&'a str, f64)>>,
}

impl<'a> Rangorde<'a> {
    pub fn new(rijen: &'a [IndicatorRij], niveau: &str) -> Rangorde<'a> {
        let mut waarden: std::collections::HashMap<(&str, i32), Vec<(&str, f64)>> =
            std::collections::HashMap::new();
        for r in rijen
            .iter()
            .filter(|r| r.niveau == niveau && r.dimensie.is_none())
        {
            if let Some(w) = r.waarde {
                waarden
                    .entry((r.indicator_id.as_str(), r.jaar))
                    .or_default()
                    .push((r.eenheid.as_str(), w));
            }
        }
        Rangorde { waarden }
    }

    pub fn positie(&self, id: &str, jaar: i32, eenheid: &str) -> String {
        let Some(waarden) = self.waarden.get(&(id, jaar)) else {
            return "–".into();
        };
        match waarden.iter().find(|(e, _)| *e == eenheid) {
            Some(&(_, eigen)) => format!(
                "{}e van {}",
                1 + waarden.iter().filter(|(_, w)| *w > eigen).count(),
                waarden.len()
            ),
            None => "–".into(),
        }
    }
}

/// The published rows of an edition by their key, for the pages that look up
/// thousands of single figures: a scan of every row per lookup cost a quarter of a
/// second of the report at ten years.
pub struct RijIndex<'a> {
    rijen: HashMap<RijSleutel<'a>, &'a IndicatorRij>,
}

impl<'a> RijIndex<'a> {
    /// The first row of each key, as [`rij`] finds it.
    pub fn van(rijen: &'a [IndicatorRij]) -> RijIndex<'a> {
        let mut index = HashMap::with_capacity(rijen.len());
        for r in rijen {
            index.entry(r.sleutel()).or_insert(r);
        }
        RijIndex { rijen: index }
    }

    /// The published row of an indicator for one year, unit and breakdown.
    pub fn rij(
        &self,
        id: &str,
        jaar: i32,
        niveau: &str,
        eenheid: &str,
        dim: Option<(&str, &str)>,
    ) -> Option<&'a IndicatorRij> {
        self.rijen
            .get(&zoeksleutel(id, jaar, niveau, eenheid, dim))
            .copied()
    }

    /// The national row of an indicator for one year and breakdown.
    pub fn nationaal(
        &self,
        id: &str,
        jaar: i32,
        dim: Option<(&str, &str)>,
    ) -> Option<&'a IndicatorRij> {
        self.rij(id, jaar, "nationaal", "NL", dim)
    }
}

/// The published row of an indicator for one year, unit and breakdown.
pub fn rij<'a>(
    rijen: &'a [IndicatorRij],
    id: &str,
    jaar: i32,
    niveau: &str,
    eenheid: &str,
    dim: Option<(&str, &str)>,
) -> Option<&'a IndicatorRij> {
    let sleutel = zoeksleutel(id, jaar, niveau, eenheid, dim);
    rijen.iter().find(|r| r.sleutel() == sleutel)
}

/// The key of the row a lookup asks for.
fn zoeksleutel<'k>(
    id: &'k str,
    jaar: i32,
    niveau: &'k str,
    eenheid: &'k str,
    dim: Option<(&'k str, &'k str)>,
) -> RijSleutel<'k> {
    (
        id,
        jaar,
        niveau,
        eenheid,
        dim.map(|d| d.0),
        dim.map(|d| d.1),
    )
}

/// The total of an indicator for one year and unit as a table cell: the figure,
/// `.` when suppressed, `–` without observations.
pub fn totaal_cel(
    rijen: &[IndicatorRij],
    ind: &crate::indicators::catalogue::Indicator,
    jaar: i32,
    niveau: &str,
    eenheid: &str,
) -> String {
    match rij(rijen, &ind.meta.id, jaar, niveau, eenheid, None) {
        Some(r) if r.status == status::ONDERDRUKT || r.waarde.is_some() => tekst(r, ind.meta.soort),
        _ => "–".into(),
    }
}

/// A word with its first letter in upper case.
pub fn hoofdletter(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Run facts the report states about its sources.
#[derive(Debug, Clone, Serialize)]
pub struct Verantwoording {
    pub editie: String,
    pub jaren: Vec<i32>,
    pub peildata: Vec<(i32, String)>,
    pub run_id: String,
    pub tool_versie: String,
    pub partijen: Vec<(String, String, String)>,
    pub gelezen: String,
    pub geaccepteerd: String,
    pub quarantaine: String,
    pub min_celwaarde: i64,
    pub min_noemer: i64,
    pub onderdrukking: crate::indicators::disclosure::Onderdrukking,
    pub vorige_editie: Option<String>,
}

/// A rule of the data contract as the methode chapter lists it.
#[derive(Debug, Clone, Serialize)]
pub struct RegelView {
    pub code: &'static str,
    pub omschrijving: &'static str,
    pub zwaarte: &'static str,
}

/// A published file as the dataset index lists it.
#[derive(Debug, Clone, Serialize)]
pub struct DatasetView {
    pub naam: &'static str,
    pub release: &'static str,
    pub pad: String,
    pub omschrijving: &'static str,
    pub rijen: String,
    pub kolommen: usize,
    pub bytes: String,
    pub sha256: String,
}

/// Everything the site is built from.
pub struct Site<'a> {
    /// The report's structure (`report-templates/rapport.toml`).
    pub opzet: &'a opzet::Opzet,
    pub verantwoording: &'a Verantwoording,
    pub hoofdstukken: hoofdstukken::Hoofdstukbron<'a>,
    pub feedback: &'a feedback::FeedbackInvoer<'a>,
    pub omgevingsdiensten: &'a omgevingsdiensten::ProfielInvoer<'a>,
    pub regels: Vec<RegelView>,
    /// (gevolg, gedrag, ernst) of the LHSO matrix.
    pub lhso: Vec<(String, String, String)>,
    /// Mapping tables and their number of rows; party profiles.
    pub mappings: Vec<(String, usize)>,
    pub profielen: Vec<(String, String)>,
    /// The exchange format of the last reporting year: its page, and its
    /// Frictionless descriptor as written beside the page.
    pub aanleverformaat: aanleverformaat::Aanleverformaat,
    pub descriptor: String,
}

pub fn environment(templates: &Path) -> minijinja::Environment<'static> {
    let mut env = minijinja::Environment::new();
    env.set_loader(minijinja::path_loader(templates));
    env.add_filter("levering", levering);
    env.add_filter("getal", |v: f64| getal(v, 0));
    // `n | aandeel(van)`: n as a percentage of van, one decimal.
    env.add_filter("aandeel", |n: f64, van: f64| {
        let pct = if van == 0.0 { 0.0 } else { 100.0 * n / van };
        procent(pct)
    });
    env
}

/// A D1 delivery status in words for the reader; the codes stay in the data.
pub fn levering(status: &str) -> String {
    match status {
        crate::validate::NIET_VOLLEDIG => "niet (volledig) aangeleverd".into(),
        crate::validate::GEDEELTELIJK_GELEZEN => "gedeeltelijk gelezen".into(),
        crate::validate::NIET_GELEZEN => "niet gelezen".into(),
        s => s.to_string(),
    }
}

fn write_page(
    env: &minijinja::Environment,
    template: &str,
    pad: &Path,
    ctx: minijinja::Value,
) -> Result<()> {
    let html = env.get_template(template)?.render(ctx)?;
    std::fs::write(pad, html).map_err(|e| Error::write(pad, e))
}

#[derive(Serialize)]
struct Kernbevinding {
    zin: hoofdstukken::Kernzin,
    pagina: String,
}

/// The CSV files of the figures, relative to the report folder.
fn write_csv(out_dir: &Path, bestanden: Vec<hoofdstukken::Csv>) -> Result<()> {
    for c in bestanden {
        let pad = out_dir.join(&c.pad);
        std::fs::write(&pad, c.inhoud).map_err(|e| Error::write(&pad, e))?;
    }
    Ok(())
}

/// The head and foot of a page outside the report (`vth schema`, `vth check`):
/// the edition, the years it concerns, and no run.
#[derive(Debug, Clone, Serialize)]
pub struct Kop {
    pub editie: String,
    pub jaren: Vec<i32>,
    pub run_id: Option<String>,
    pub tool_versie: &'static str,
}

impl Kop {
    pub fn los(config: &crate::config::Config, jaren: Vec<i32>, run_id: Option<String>) -> Kop {
        Kop {
            editie: config.file.editie.clone(),
            jaren,
            run_id,
            tool_versie: env!("CARGO_PKG_VERSION"),
        }
    }
}

/// One page outside the report, its stylesheet inside it, so the file stands on
/// its own wherever it is written; without the report's navigation.
pub fn los_pagina(
    templates: &Path,
    template: &str,
    pad: &Path,
    ctx: minijinja::Value,
) -> Result<()> {
    let css = templates.join("stijl.css");
    let stijl = crate::error::read_text(&css)?;
    let env = environment(templates);
    write_page(
        &env,
        template,
        pad,
        minijinja::context! { stijl => stijl, ..ctx },
    )
}

/// Render every page of the report but the dataset index ([`render_datasets`]), its
/// CSV files and its stylesheet.
pub fn render_site(
    env: &minijinja::Environment,
    templates: &Path,
    out_dir: &Path,
    site: &Site,
) -> Result<()> {
    let csv_dir = out_dir.join("csv");
    std::fs::create_dir_all(&csv_dir).map_err(|e| Error::write(&csv_dir, e))?;
    let p = Paginas {
        env,
        out_dir,
        site,
        nav: minijinja::Value::from_serialize(site.opzet.navigatie()),
    };
    let hoofdstukken = p.indicatorhoofdstukken()?;
    let stelsel = omgevingsdiensten::hoofdstuk(site.omgevingsdiensten);
    p.samenvatting(&stelsel)?;
    p.stelsel(&stelsel)?;
    p.hoofdstukken(&hoofdstukken)?;
    p.methode(&stelsel)?;
    p.aanleverformaat()?;
    p.terugkoppeling()?;
    p.omgevingsdiensten()?;
    p.provincies()?;
    let css_src = templates.join("stijl.css");
    let css_dst = out_dir.join("stijl.css");
    std::fs::copy(&css_src, &css_dst).map_err(|e| Error::write(&css_src, e))?;
    Ok(())
}

/// The report's index of the published datasets: written last, once every dataset
/// is, to list their sizes and checksums.
pub fn render_datasets(
    env: &minijinja::Environment,
    out_dir: &Path,
    opzet: &opzet::Opzet,
    verantwoording: &Verantwoording,
    datasets: &[DatasetView],
) -> Result<()> {
    write_page(
        env,
        "datasets.html",
        &out_dir.join("datasets.html"),
        minijinja::context! {
            v => verantwoording, nav => minijinja::Value::from_serialize(opzet.navigatie()),
            actief => "datasets.html", datasets => datasets,
        },
    )
}

/// The pages of one report: each group of pages a method. Pages and their CSV
/// files are independent (each its own file), written to fixed names, so the bytes
/// do not depend on the order in which they are built.
struct Paginas<'a> {
    env: &'a minijinja::Environment<'a>,
    out_dir: &'a Path,
    site: &'a Site<'a>,
    nav: minijinja::Value,
}

impl Paginas<'_> {
    fn write_page(&self, template: &str, bestand: &str, ctx: minijinja::Value) -> Result<()> {
        write_page(self.env, template, &self.out_dir.join(bestand), ctx)
    }

    /// The indicator chapters of `rapport.toml`, built side by side, their CSV files
    /// written.
    fn indicatorhoofdstukken(&self) -> Result<BTreeMap<&str, hoofdstukken::Hoofdstuk>> {
        use rayon::prelude::*;
        let mut hoofdstukken = BTreeMap::new();
        let ids: Vec<&str> = self
            .site
            .opzet
            .hoofdstukken
            .keys()
            .map(String::as_str)
            .collect();
        let gebouwd: Vec<_> = ids
            .par_iter()
            .map(|id| Ok((*id, hoofdstukken::hoofdstuk(&self.site.hoofdstukken, id)?)))
            .collect::<Result<_>>()?;
        for (id, (h, bestanden)) in gebouwd {
            write_csv(self.out_dir, bestanden)?;
            hoofdstukken.insert(id, h);
        }
        Ok(hoofdstukken)
    }

    /// Samenvatting: the headline of every indicator that carries a key finding.
    fn samenvatting(&self, stelsel: &omgevingsdiensten::Profielhoofdstuk) -> Result<()> {
        let bron = &self.site.hoofdstukken;
        let bevindingen: Vec<Kernbevinding> = catalogue::kernbevindingen(bron.catalogus)
            .into_iter()
            .map(|i| {
                Ok(Kernbevinding {
                    zin: hoofdstukken::kernzin(bron, i)?,
                    pagina: format!("{}.html#ind-{}", i.meta.hoofdstuk, i.meta.id),
                })
            })
            .collect::<Result<_>>()?;
        self.write_page(
            "index.html",
            "index.html",
            minijinja::context! {
                v => self.site.verantwoording, nav => self.nav, actief => "index.html",
                bevindingen => bevindingen, r => stelsel,
                s4 => stelsel::oordeelstand(self.site.omgevingsdiensten),
            },
        )
    }

    fn stelsel(&self, stelsel: &omgevingsdiensten::Profielhoofdstuk) -> Result<()> {
        let (randvoorwaarden, bestanden) = stelsel::hoofdstuk(self.site.omgevingsdiensten)?;
        write_csv(self.out_dir, bestanden)?;
        self.write_page(
            "stelsel.html",
            "stelsel.html",
            minijinja::context! {
                v => self.site.verantwoording, nav => self.nav, actief => "stelsel.html",
                r => stelsel, s => randvoorwaarden,
                provincies => self.site.omgevingsdiensten.referentie.provincies.values()
                    .map(|p| (p.provincie_naam.clone(), provincies::pagina(&p.provincie_code)))
                    .collect::<Vec<_>>(),
            },
        )
    }

    /// Toezicht, handhaving and datakwaliteit.
    fn hoofdstukken(&self, h: &BTreeMap<&str, hoofdstukken::Hoofdstuk>) -> Result<()> {
        let v = self.site.verantwoording;
        for id in ["toezicht", "handhaving"] {
            self.write_page(
                "hoofdstuk.html",
                &format!("{id}.html"),
                minijinja::context! {
                    v => v, nav => self.nav, actief => format!("{id}.html"), h => h.get(id),
                },
            )?;
        }
        let (kaarten, bestanden): (Vec<_>, Vec<_>) = dekking::kaarten(&self.site.hoofdstukken)?
            .into_iter()
            .unzip();
        write_csv(self.out_dir, bestanden)?;
        self.write_page(
            "datakwaliteit.html",
            "datakwaliteit.html",
            minijinja::context! {
                v => v, nav => self.nav, actief => "datakwaliteit.html",
                d => feedback::landelijk(self.site.feedback), h => h.get("datakwaliteit"),
                dekking => kaarten,
            },
        )
    }

    fn methode(&self, stelsel: &omgevingsdiensten::Profielhoofdstuk) -> Result<()> {
        let (site, v) = (self.site, self.site.verantwoording);
        let bron = &site.hoofdstukken;
        self.write_page(
            "methode.html",
            "methode.html",
            minijinja::context! {
                v => v, nav => self.nav, actief => "methode.html",
                catalogus => bron.catalogus.iter().map(|i| &i.meta).collect::<Vec<_>>(),
                bronnen => bron.catalogus.iter().map(|i| i.bron.clone()).collect::<Vec<_>>(),
                regels => site.regels, r => stelsel, lhso => site.lhso,
                mappings => site.mappings, profielen => site.profielen,
            },
        )
    }

    /// The exchange format of the last reporting year, with its descriptor.
    fn aanleverformaat(&self) -> Result<()> {
        let pad = self.out_dir.join(aanleverformaat::DESCRIPTOR_IN_RAPPORT);
        aanleverformaat::schrijf(&pad, &self.site.descriptor)?;
        self.write_page(
            "aanleverformaat.html",
            aanleverformaat::PAGINA,
            minijinja::context! {
                v => self.site.verantwoording, nav => self.nav, actief => "methode.html",
                a => self.site.aanleverformaat,
            },
        )
    }

    /// A feedback page per delivering party.
    fn terugkoppeling(&self) -> Result<()> {
        use rayon::prelude::*;
        let inv = self.site.feedback;
        let vergelijking = feedback::vergelijking(inv);
        feedback::partijen(inv)
            .par_iter()
            .map(|partij| {
                let p = feedback::partijpagina(inv, &vergelijking, partij);
                self.write_page(
                    "terugkoppeling.html",
                    &p.bestand,
                    minijinja::context! {
                        v => self.site.verantwoording, nav => self.nav,
                        actief => "datakwaliteit.html", p => p,
                    },
                )
            })
            .collect()
    }

    /// A profile page per omgevingsdienst, with its provinces.
    fn omgevingsdiensten(&self) -> Result<()> {
        use rayon::prelude::*;
        let ods = self.site.omgevingsdiensten;
        let diensten: Vec<&String> = ods.referentie.omgevingsdiensten.keys().collect();
        diensten
            .par_iter()
            .map(|od| -> Result<()> {
                let od = *od;
                let p = omgevingsdiensten::od_pagina(ods, od);
                let (s, bestanden) = stelsel::od(ods, od)?;
                write_csv(self.out_dir, bestanden)?;
                let pv: Vec<(String, String)> = provincies::van_dienst(ods, od)
                    .iter()
                    .map(|pv| {
                        let naam = ods
                            .referentie
                            .provincies
                            .get(pv)
                            .map_or_else(|| pv.clone(), |x| x.provincie_naam.clone());
                        (naam, provincies::pagina(pv))
                    })
                    .collect();
                self.write_page(
                    "omgevingsdienst.html",
                    &p.bestand,
                    minijinja::context! {
                        v => self.site.verantwoording, nav => self.nav, actief => "stelsel.html",
                        p => p, provincies => pv, s => s,
                    },
                )
            })
            .collect()
    }

    /// A profile page per province.
    fn provincies(&self) -> Result<()> {
        use rayon::prelude::*;
        let ods = self.site.omgevingsdiensten;
        let provincie_codes: Vec<&String> = ods.referentie.provincies.keys().collect();
        provincie_codes
            .par_iter()
            .map(|pv| {
                let p = provincies::provincie_pagina(ods, pv);
                self.write_page(
                    "provincie.html",
                    &p.bestand,
                    minijinja::context! {
                        v => self.site.verantwoording, nav => self.nav, actief => "stelsel.html",
                        p => p,
                    },
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::getal;

    #[test]
    fn dutch_numbers() {
        assert_eq!(getal(1234567.0, 0), "1.234.567");
        assert_eq!(getal(12.345, 1), "12,3");
        assert_eq!(getal(999.95, 1), "1.000,0");
        assert_eq!(getal(0.0, 1), "0,0");
        assert_eq!(getal(-4.5, 1), "-4,5");
    }
}
