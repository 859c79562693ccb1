//! The indicator chapters (toezicht, handhaving, datakwaliteit): per indicator its
//! definition and figures. A figure is a headline (the finding), a statistical
//! subtitle, an inline SVG with title and description, a text alternative, a table
//! of the same numbers with footnotes, and a CSV of exactly those numbers taken from
//! the published open `indicatoren.parquet` (and the previous edition's, if given).

use std::collections::HashMap;

use minijinja::{context, Value};
use serde::Serialize;

use super::bijschriften::Bijschriften;
use super::charts::{lorenzcurve, staafdiagram, Balk, Referentielijn};
use super::kaart::{beschrijving, kaart, Regio, Topologie};
use super::opzet::{Getal, Ketenstap, Opzet, Regionaal};
use super::{getal, tekst};
use crate::error::Result;
use crate::indicators::catalogue::{Indicator, Soort};
use crate::indicators::IndicatorRij;
use crate::model::uitvoer::{status, VERGELIJKBAAR};
use crate::reference::Referentie;

/// What the chapters are built from.
pub struct Hoofdstukbron<'a> {
    /// The figures' words (`bijschriften.txt`).
    pub woorden: Bijschriften<'a>,
    /// The report's structure (`report-templates/rapport.toml`).
    pub opzet: &'a Opzet,
    pub jaren: &'a [i32],
    /// The open indicator rows of this edition, as published.
    pub rijen: &'a [IndicatorRij],
    /// The same rows by their key.
    pub index: &'a super::RijIndex<'a>,
    /// The open indicator rows of the previous edition (empty when none is given).
    pub vorige: &'a [IndicatorRij],
    pub vorige_editie: Option<&'a str>,
    pub editie: &'a str,
    pub catalogus: &'a [Indicator],
    /// The regions' names and municipalities.
    pub referentie: &'a Referentie,
    /// Municipality boundaries, for the maps.
    pub kaart: &'a Topologie,
}

#[derive(Debug, Clone, Serialize)]
pub struct TabelView {
    pub kop: Vec<String>,
    pub rijen: Vec<(String, Vec<String>)>,
    /// The footnotes that apply, as codes; `figuur.html` holds their words.
    pub voetnoten: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Figuur {
    pub id: String,
    pub kop: String,
    pub ondertitel: String,
    pub svg: String,
    pub alternatief: String,
    pub tabel: TabelView,
    pub csv: String,
    /// A national trend's headline with its coverage and comparable change (the
    /// figure's heading then says more than `kop`, which the chart itself carries).
    pub zin: Option<Kernzin>,
}

/// An indicator's headline as the samenvatting and its trend figure give it
/// (`spec/dekking.md`): the latest national figure against the year before, how many
/// gemeenten it covers, and, where the panel of the last two years is not every
/// party, the change on the panel. The words are the template's (`kernzin` in
/// figuur.html).
#[derive(Debug, Clone, Serialize)]
pub struct Kernzin {
    pub kop: String,
    /// A count: over partial coverage it is the total of the parties that delivered.
    pub aantal: bool,
    /// (covered, all) gemeenten of the latest year's national row.
    pub dekking: Option<(i64, i64)>,
    pub vergelijkbaar: Option<Vergelijkbaar>,
}

/// The change between the last two years on their panel.
#[derive(Debug, Clone, Serialize)]
pub struct Vergelijkbaar {
    /// `2024/2025`.
    pub paar: String,
    /// The change with its sign (`+2,1`); `None` when a panel row is suppressed or
    /// has no observations.
    pub verandering: Option<String>,
    /// `procent` (a count: relative change), `procentpunt` (a share) or the
    /// indicator's unit (a median).
    pub eenheid: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    pub id: String,
    pub titel: String,
    pub definitie: String,
    pub bron: String,
    pub figuren: Vec<Figuur>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Paragraaf {
    pub titel: String,
    pub indicatoren: Vec<IndicatorView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hoofdstuk {
    pub id: String,
    pub titel: String,
    pub paragrafen: Vec<Paragraaf>,
}

/// A CSV file of the report, relative to the report folder.
pub struct Csv {
    pub pad: String,
    pub inhoud: String,
}

/// One row of a figure: where it comes from and the row itself.
struct Punt<'a> {
    editie: String,
    label: String,
    rij: Option<&'a IndicatorRij>,
    jaar: i32,
    vorige: bool,
}

fn celtekst(r: Option<&IndicatorRij>, soort: Soort) -> String {
    match r {
        None => "–".into(),
        Some(r) => {
            let t = tekst(r, soort);
            let t = if t == "geen waarnemingen" {
                "–".to_string()
            } else {
                t
            };
            if r.status == status::VOORLOPIG {
                format!("{t}*")
            } else {
                t
            }
        }
    }
}

/// Which footnotes a figure's table needs: a provisional figure, a suppressed one,
/// one without observations, a figure from the previous edition.
fn voetnoten(punten: &[Punt]) -> Vec<&'static str> {
    let mut v = Vec::new();
    let status = |s: &str| punten.iter().any(|p| p.rij.is_some_and(|r| r.status == s));
    if status(status::VOORLOPIG) {
        v.push("voorlopig");
    }
    if status(status::ONDERDRUKT) {
        v.push("onderdrukt");
    }
    if punten
        .iter()
        .any(|p| p.rij.is_none_or(|r| r.status == status::GEEN_WAARNEMINGEN))
    {
        v.push("geen_waarnemingen");
    }
    if punten.iter().any(|p| p.vorige) {
        v.push("vorige_editie");
    }
    v
}

fn csv(punten: &[Punt]) -> String {
    let kop = [
        "editie",
        "indicator_id",
        "indicator",
        "jaar",
        "niveau",
        "eenheid",
        "dimensie",
        "dimensie_waarde",
        "waarde",
        "teller",
        "noemer",
        "gemeenten_gedekt",
        "gemeenten_totaal",
        "status",
    ]
    .map(String::from);
    let opt = |v: Option<String>| v.unwrap_or_default();
    let rijen = punten.iter().filter_map(|p| {
        let r = p.rij?;
        Some([
            p.editie.clone(),
            r.indicator_id.clone(),
            r.indicator.clone(),
            r.jaar.to_string(),
            r.niveau.clone(),
            r.eenheid.clone(),
            opt(r.dimensie.clone()),
            opt(r.dimensie_waarde.clone()),
            opt(r.waarde.map(|x| x.to_string())),
            opt(r.teller.map(|x| x.to_string())),
            opt(r.noemer.map(|x| x.to_string())),
            opt(r.gemeenten_gedekt.map(|x| x.to_string())),
            opt(r.gemeenten_totaal.map(|x| x.to_string())),
            r.status.to_string(),
        ])
    });
    crate::display::csv_voor_mensen(std::iter::once(kop).chain(rijen))
}

/// The words of a figure: its heading, subtitle and the head of its table's first
/// column.
struct Woorden {
    kop: String,
    ondertitel: String,
    eerste_kolom: String,
}

impl Woorden {
    /// The words of figure kind `figuur`: the macros `<figuur>_kop` and
    /// `<figuur>_ondertitel` for the values `c`.
    fn van(b: &Bijschriften, figuur: &str, c: Value, eerste_kolom: String) -> Result<Woorden> {
        Ok(Woorden {
            kop: b.zin(&format!("{figuur}_kop"), c.clone())?,
            ondertitel: b.zin(&format!("{figuur}_ondertitel"), c)?,
            eerste_kolom,
        })
    }
}

/// (label, value) of every bar, for a description.
fn label_en_tekst(balken: &[Balk]) -> Vec<(&str, &str)> {
    balken
        .iter()
        .map(|b| (b.label.as_str(), b.tekst.as_str()))
        .collect()
}

fn figuur(
    b: &Bijschriften,
    id: String,
    woorden: Woorden,
    punten: &[Punt],
    soort: Soort,
    referentie: Option<&Referentielijn>,
) -> Result<(Figuur, Csv)> {
    let Woorden {
        kop,
        ondertitel,
        eerste_kolom,
    } = woorden;
    let balken: Vec<Balk> = punten
        .iter()
        .map(|p| Balk {
            label: p.label.clone(),
            waarde: p.rij.and_then(|r| r.waarde),
            tekst: celtekst(p.rij, soort),
            licht: p.vorige || p.rij.is_some_and(|r| r.status == status::VOORLOPIG),
        })
        .collect();
    let alternatief = b.zin(
        "staaf_alternatief",
        context! { balken => label_en_tekst(&balken) },
    )?;
    let schaal = (soort == Soort::Aandeel).then_some(100.0);
    let svg = staafdiagram(&id, &kop, &alternatief, &balken, schaal, referentie);
    let met_teller = soort == Soort::Aandeel;
    let mut kopjes = vec![eerste_kolom, b.kolom("waarde")?];
    if met_teller {
        kopjes.push(b.kolom("teller")?);
    }
    if soort != Soort::Aantal {
        kopjes.push(b.kolom(if met_teller { "noemer" } else { "waarnemingen" })?);
    }
    let rijen = punten
        .iter()
        .map(|p| {
            let mut cellen = vec![celtekst(p.rij, soort)];
            let n = |v: Option<i64>| v.map(|x| getal(x as f64, 0)).unwrap_or_default();
            if met_teller {
                cellen.push(n(p.rij.and_then(|r| r.teller)));
            }
            if soort != Soort::Aantal {
                cellen.push(n(p.rij.and_then(|r| r.noemer)));
            }
            (p.label.clone(), cellen)
        })
        .collect();
    let pad = format!("csv/{id}.csv");
    Ok((
        Figuur {
            id,
            kop,
            ondertitel,
            svg,
            alternatief,
            tabel: TabelView {
                kop: kopjes,
                rijen,
                voetnoten: voetnoten(punten),
            },
            csv: pad.clone(),
            zin: None,
        },
        Csv {
            pad,
            inhoud: csv(punten),
        },
    ))
}

fn nationaal<'a>(
    rijen: &'a [IndicatorRij],
    id: &str,
    jaar: i32,
    dim: Option<(&str, &str)>,
) -> Option<&'a IndicatorRij> {
    super::rij(rijen, id, jaar, "nationaal", "NL", dim)
}

/// The headline of an indicator: its latest national figure against the year before.
pub fn kop(bron: &Hoofdstukbron, ind: &Indicator) -> Result<String> {
    let m = &ind.meta;
    let mut jaren: Vec<(i32, Option<&IndicatorRij>)> = bron
        .jaren
        .iter()
        .map(|&j| (j, bron.index.nationaal(&m.id, j, None)))
        .collect();
    jaren.sort_by_key(|(j, _)| *j);
    let Some((laatste, r)) = jaren.last().copied() else {
        return Ok(m.titel.clone());
    };
    let stand = match r {
        Some(r) if r.status == status::ONDERDRUKT => "onderdrukt",
        Some(r) if r.waarde.is_some() => "waarde",
        _ => "geen_waarnemingen",
    };
    let vorig = laatste - 1;
    let ervoor = bron
        .index
        .nationaal(&m.id, vorig, None)
        .or_else(|| nationaal(bron.vorige, &m.id, vorig, None))
        .filter(|r| r.waarde.is_some())
        .map(|r| celtekst(Some(r), m.soort));
    // The indicator's own sentence, when there is a figure to put in it.
    let zin = m.kop.as_ref().filter(|_| stand == "waarde").map(|zin| {
        zin.replace("{jaar}", &laatste.to_string())
            .replace("{waarde}", &celtekst(r, m.soort))
    });
    bron.woorden.zin(
        "kop",
        context! {
            titel => m.titel, zin, stand, jaar => laatste, ervoor,
            tekst => celtekst(r, m.soort),
        },
    )
}

/// The headline with coverage and the comparable change (see [`Kernzin`]).
pub fn kernzin(bron: &Hoofdstukbron, ind: &Indicator) -> Result<Kernzin> {
    let m = &ind.meta;
    let laatste = bron.jaren.iter().max().copied().unwrap_or_default();
    let dekking = bron
        .index
        .nationaal(&m.id, laatste, None)
        .and_then(|r| Some((r.gemeenten_gedekt?, r.gemeenten_totaal?)));
    Ok(Kernzin {
        kop: kop(bron, ind)?,
        aantal: m.soort == Soort::Aantal,
        dekking,
        vergelijkbaar: vergelijkbaar(bron, ind, laatste),
    })
}

/// The change on the panel of `jaar − 1` and `jaar`, when that panel is not every
/// party (its rows differ from the national ones).
fn vergelijkbaar(bron: &Hoofdstukbron, ind: &Indicator, jaar: i32) -> Option<Vergelijkbaar> {
    let m = &ind.meta;
    let paar = format!("{}/{jaar}", jaar - 1);
    let panel = |j: i32| {
        bron.index
            .nationaal(&m.id, j, Some((VERGELIJKBAAR, paar.as_str())))
    };
    let (a, b) = (panel(jaar - 1)?, panel(jaar)?);
    let zelfde = |p: &IndicatorRij, j: i32| {
        bron.index.nationaal(&m.id, j, None).is_some_and(|n| {
            (n.waarde, n.teller, n.noemer, n.gemeenten_gedekt)
                == (p.waarde, p.teller, p.noemer, p.gemeenten_gedekt)
        })
    };
    if zelfde(a, jaar - 1) && zelfde(b, jaar) {
        return None;
    }
    let teken = |v: f64, d: usize| {
        let t = getal(v, d);
        if v > 0.0 && t.chars().any(|c| c.is_ascii_digit() && c != '0') {
            format!("+{t}")
        } else {
            t
        }
    };
    let (verandering, eenheid) = match (a.waarde, b.waarde, m.soort) {
        (Some(x), Some(y), Soort::Aantal) if x > 0.0 => {
            (Some(teken(100.0 * (y - x) / x, 1)), "procent".to_string())
        }
        (Some(x), Some(y), Soort::Aandeel) => (Some(teken(y - x, 1)), "procentpunt".to_string()),
        (Some(x), Some(y), Soort::Mediaan) => (Some(teken(y - x, 0)), m.eenheid.clone()),
        (_, _, Soort::Aantal) => (None, "procent".to_string()),
        (_, _, Soort::Aandeel) => (None, "procentpunt".to_string()),
        (_, _, Soort::Mediaan) => (None, m.eenheid.clone()),
    };
    Some(Vergelijkbaar {
        paar,
        verandering,
        eenheid,
    })
}

/// Largest first; then suppressed, then without observations; ties by label.
fn rangschik(punten: &mut [Punt]) {
    let klasse = |p: &Punt| match p.rij {
        Some(r) if r.waarde.is_some() => 0,
        Some(r) if r.status == status::ONDERDRUKT => 1,
        _ => 2,
    };
    punten.sort_by(|a, b| {
        klasse(a)
            .cmp(&klasse(b))
            .then(
                b.rij
                    .and_then(|r| r.waarde)
                    .unwrap_or(0.0)
                    .total_cmp(&a.rij.and_then(|r| r.waarde).unwrap_or(0.0)),
            )
            .then(a.label.cmp(&b.label))
    });
}

/// For each regional niveau of the indicator, the latest year: every region ranked
/// with the national value as a reference line, and a map when the indicator is a
/// key one (`kaart = true`).
fn regio_figuren(bron: &Hoofdstukbron, ind: &Indicator, jaar: i32) -> Result<Vec<(Figuur, Csv)>> {
    let mut uit = Vec::new();
    for regionaal in &bron.opzet.regionaal {
        let niveau = regionaal.niveau.as_str();
        if ind
            .meta
            .niveaus
            .as_ref()
            .is_some_and(|n| !n.iter().any(|x| x == niveau))
        {
            continue;
        }
        uit.extend(regio_niveau(bron, ind, jaar, regionaal)?);
    }
    Ok(uit)
}

/// The ranked chart of one regional niveau and, for a `kaart` indicator, its map.
fn regio_niveau(
    bron: &Hoofdstukbron,
    ind: &Indicator,
    jaar: i32,
    regionaal: &Regionaal,
) -> Result<Vec<(Figuur, Csv)>> {
    let m = &ind.meta;
    let (niveau, naam) = (regionaal.niveau.as_str(), regionaal.naam.as_str());
    let eenheden = bron.referentie.eenheden(niveau);
    // The niveau's total rows of the year, by eenheid: one pass over the rows.
    let per_eenheid: HashMap<&str, &IndicatorRij> = bron
        .rijen
        .iter()
        .filter(|r| {
            r.indicator_id == m.id && r.jaar == jaar && r.niveau == niveau && r.dimensie.is_none()
        })
        .map(|r| (r.eenheid.as_str(), r))
        .collect();
    let mut punten: Vec<Punt> = eenheden
        .iter()
        .map(|(code, label)| Punt {
            editie: bron.editie.to_string(),
            label: label.clone(),
            rij: per_eenheid.get(code.as_str()).copied(),
            jaar,
            vorige: false,
        })
        .collect();
    rangschik(&mut punten);
    let lijn = regio_lijn(bron, ind, jaar, naam, eenheden.len())?;
    let hoogste = punten
        .first()
        .filter(|p| p.rij.is_some_and(|r| r.waarde.is_some()))
        .map(|p| (p.label.clone(), celtekst(p.rij, m.soort)));
    let met_cijfer = punten
        .iter()
        .filter(|p| p.rij.is_some_and(|r| r.waarde.is_some()))
        .count();
    let c = context! {
        naam, jaar, hoogste, met_cijfer, eenheden => eenheden.len(), ..indicator_context(ind)
    };
    let id = format!("fig-{}-{niveau}", m.id);
    let woorden = Woorden::van(&bron.woorden, "regio", c.clone(), regionaal.kolom.clone())?;
    let mut uit = vec![figuur(
        &bron.woorden,
        id.clone(),
        woorden,
        &punten,
        m.soort,
        lijn.as_ref(),
    )?];
    if m.kaart {
        let woorden = Woorden::van(&bron.woorden, "kaart", c, regionaal.kolom.clone())?;
        let (mut f, csv) = figuur(
            &bron.woorden,
            format!("{id}-kaart"),
            woorden,
            &punten,
            m.soort,
            None,
        )?;
        let regios: Vec<Regio> = eenheden
            .iter()
            .map(|(code, label)| {
                let r = per_eenheid.get(code.as_str()).copied();
                Regio {
                    code: code.clone(),
                    naam: label.clone(),
                    waarde: r.and_then(|r| r.waarde),
                    tekst: celtekst(r, m.soort),
                    onderdrukt: r.is_some_and(|r| r.status == status::ONDERDRUKT),
                }
            })
            .collect();
        teken_kaart(bron, &mut f, m.soort, regionaal, &regios)?;
        uit.push((f, csv));
    }
    Ok(uit)
}

/// The reference line of a ranked chart: a count is read against the mean per
/// region, a share or median against the national figure itself.
fn regio_lijn(
    bron: &Hoofdstukbron,
    ind: &Indicator,
    jaar: i32,
    naam: &str,
    eenheden: usize,
) -> Result<Option<Referentielijn>> {
    let m = &ind.meta;
    let nl = bron
        .index
        .nationaal(&m.id, jaar, None)
        .filter(|r| r.waarde.is_some());
    let Some(w) = nl.and_then(|r| r.waarde) else {
        return Ok(None);
    };
    let (waarde, c) = match m.soort {
        Soort::Aantal => {
            let w = w / eenheden.max(1) as f64;
            (w, context! { gemiddeld_per => naam, tekst => getal(w, 1) })
        }
        _ => (w, context! { tekst => celtekst(nl, m.soort) }),
    };
    let label = bron.woorden.zin("referentielijn", c)?;
    Ok(Some(Referentielijn { waarde, label }))
}

/// A map instead of bars: its description names every region's figure. A map has
/// no reference line; its subtitle says how it is coloured.
fn teken_kaart(
    bron: &Hoofdstukbron,
    f: &mut Figuur,
    soort: Soort,
    regionaal: &Regionaal,
    regios: &[Regio],
) -> Result<()> {
    let opmaak = move |w: f64| super::waarde_tekst(w, soort);
    f.alternatief = bron.woorden.zin(
        "kaart_alternatief",
        context! { naam => regionaal.naam, regios => beschrijving(regios) },
    )?;
    f.svg = kaart(
        &f.id,
        &f.kop,
        &f.alternatief,
        bron.kaart,
        &bron.referentie.indeling(&regionaal.niveau),
        regios,
        &opmaak,
    );
    Ok(())
}

/// What every figure's words of an indicator know of it: its title, soort, unit and
/// query file.
fn indicator_context(ind: &Indicator) -> minijinja::Value {
    context! {
        titel => ind.meta.titel, soort => ind.meta.soort, eenheid => ind.meta.eenheid,
        bron => ind.bron,
    }
}

/// The parties ranked for the latest year (`per_partij = true`): for K1, how many of
/// each verbalisant's processen-verbaal reached the OM; for K6, its unlinked cases.
fn partij_figuur(
    bron: &Hoofdstukbron,
    ind: &Indicator,
    jaar: i32,
) -> Result<Option<(Figuur, Csv)>> {
    let m = &ind.meta;
    let mut punten: Vec<Punt> = bron
        .rijen
        .iter()
        .filter(|r| {
            r.indicator_id == m.id && r.jaar == jaar && r.niveau == "partij" && r.dimensie.is_none()
        })
        .map(|r| Punt {
            editie: bron.editie.to_string(),
            label: bron.referentie.partij_naam(&r.eenheid),
            rij: Some(r),
            jaar,
            vorige: false,
        })
        .collect();
    if punten.is_empty() {
        return Ok(None);
    }
    rangschik(&mut punten);
    let nl = bron
        .index
        .nationaal(&m.id, jaar, None)
        .filter(|r| r.waarde.is_some());
    let lijn = match nl
        .filter(|_| m.soort != Soort::Aantal)
        .and_then(|r| r.waarde)
    {
        Some(waarde) => Some(Referentielijn {
            waarde,
            label: bron.woorden.zin(
                "referentielijn",
                context! { tekst => celtekst(nl, m.soort) },
            )?,
        }),
        None => None,
    };
    let c = context! { jaar, ..indicator_context(ind) };
    let woorden = Woorden::van(&bron.woorden, "partij", c, bron.woorden.kolom("partij")?)?;
    let id = format!("fig-{}-partij", m.id);
    figuur(&bron.woorden, id, woorden, &punten, m.soort, lijn.as_ref()).map(Some)
}

/// The criminal chain per year, from the published figures: the steps of
/// `rapport.toml` (zware overtredingen, of which with a strafrechtelijke maatregel;
/// processen-verbaal, at the OM, decided; zware overtredingen with a sanction).
fn keten_figuur(bron: &Hoofdstukbron, ind: &Indicator) -> Result<Option<(Figuur, Csv)>> {
    let stappen = &bron.opzet.keten;
    let waarde = |getal: Getal, r: &IndicatorRij| match getal {
        Getal::Waarde => r.waarde,
        Getal::Teller => r.teller.map(|t| t as f64),
        Getal::Noemer => r.noemer.map(|n| n as f64),
    };
    let mut balken = Vec::new();
    let mut punten: Vec<Punt> = Vec::new();
    for &jaar in bron.jaren {
        for Ketenstap {
            indicator: id,
            dimensie,
            getal: deel,
            kort,
            licht,
            ..
        } in stappen
        {
            let dim = dimensie.as_ref().map(|(d, w)| (d.as_str(), w.as_str()));
            let r = bron.index.nationaal(id, jaar, dim);
            let tekst = match r {
                Some(r) if r.status == status::ONDERDRUKT => ".".to_string(),
                Some(r) => waarde(*deel, r).map_or("–".into(), |w| getal(w, 0)),
                None => "–".into(),
            };
            balken.push(Balk {
                label: format!("{jaar} · {kort}"),
                waarde: r.and_then(|r| waarde(*deel, r)),
                tekst,
                licht: *licht,
            });
            if !punten
                .iter()
                .any(|p| p.jaar == jaar && p.rij.is_some_and(|x| x.indicator_id == **id))
            {
                punten.push(Punt {
                    editie: bron.editie.to_string(),
                    label: format!("{jaar} · {id} {}", dim.map(|d| d.1).unwrap_or(""))
                        .trim_end()
                        .to_string(),
                    rij: r,
                    jaar,
                    vorige: false,
                });
            }
        }
    }
    if punten.iter().all(|p| p.rij.is_none()) {
        return Ok(None);
    }
    let laatste = bron.jaren.iter().max().copied().unwrap_or_default();
    let eerste = bron.jaren.iter().min().copied().unwrap_or(laatste);
    let c = context! { eerste, laatste, ..indicator_context(ind) };
    let woorden = Woorden::van(&bron.woorden, "keten", c, bron.woorden.kolom("keten")?)?;
    let (mut f, c) = figuur(
        &bron.woorden,
        "fig-keten".into(),
        woorden,
        &punten,
        Soort::Aandeel,
        None,
    )?;
    f.alternatief = bron.woorden.zin(
        "keten_alternatief",
        context! { balken => label_en_tekst(&balken) },
    )?;
    f.svg = staafdiagram(&f.id, &f.kop, &f.alternatief, &balken, None, None);
    // The table: one row per step, one column per year (the CSV holds the rows).
    f.tabel.kop = std::iter::once(bron.woorden.kolom("keten_stap")?)
        .chain(bron.jaren.iter().map(i32::to_string))
        .collect();
    f.tabel.rijen = stappen
        .iter()
        .enumerate()
        .map(
            |(
                k,
                Ketenstap {
                    indicator: id,
                    label,
                    ..
                },
            )| {
                let cellen = (0..bron.jaren.len())
                    .map(|j| balken[j * stappen.len() + k].tekst.clone())
                    .collect();
                (
                    format!("{} ({id})", crate::publish::report::hoofdletter(label)),
                    cellen,
                )
            },
        )
        .collect();
    Ok(Some((f, c)))
}

/// The Lorenz curve of a `deciel` breakdown: after each tenth of the objects, the
/// share of the overtredingen found so far.
fn lorenz_figuur(
    bron: &Hoofdstukbron,
    ind: &Indicator,
    jaar: i32,
) -> Result<Option<(Figuur, Csv)>> {
    let m = &ind.meta;
    let punten: Vec<Punt> = (1..=10)
        .map(|d| {
            Ok(Punt {
                editie: bron.editie.to_string(),
                label: bron.woorden.zin("deciel", context! { deciel => d })?,
                rij: bron
                    .index
                    .nationaal(&m.id, jaar, Some(("deciel", &d.to_string()))),
                jaar,
                vorige: false,
            })
        })
        .collect::<Result<_>>()?;
    if punten
        .iter()
        .any(|p| p.rij.is_none_or(|r| r.waarde.is_none()))
    {
        return Ok(None);
    }
    let mut som = 0.0;
    let curve: Vec<(f64, f64)> = punten
        .iter()
        .enumerate()
        .map(|(k, p)| {
            som += p.rij.and_then(|r| r.waarde).unwrap_or(0.0);
            (10.0 * (k + 1) as f64, som.min(100.0))
        })
        .collect();
    let pct = super::procent;
    let eerste = curve.first().map_or(0.0, |c| c.1);
    let c = context! { eerste => pct(eerste), jaar, ..indicator_context(ind) };
    let woorden = Woorden::van(&bron.woorden, "lorenz", c, bron.woorden.kolom("lorenz")?)?;
    let id = format!("fig-{}-lorenz", m.id);
    let (mut f, c) = figuur(&bron.woorden, id, woorden, &punten, m.soort, None)?;
    let curvepunten: Vec<(String, String)> = curve
        .iter()
        .map(|(x, y)| (format!("{x:.0}"), pct(*y)))
        .collect();
    f.alternatief = bron
        .woorden
        .zin("lorenz_alternatief", context! { punten => curvepunten })?;
    let as_label = bron.woorden.zin("lorenz_as", Value::UNDEFINED)?;
    f.svg = lorenzcurve(&f.id, &f.kop, &f.alternatief, &as_label, &curve);
    Ok(Some((f, c)))
}

pub fn indicator(bron: &Hoofdstukbron, ind: &Indicator) -> Result<(IndicatorView, Vec<Csv>)> {
    let m = &ind.meta;
    // A Lorenz curve replaces the trend and the breakdown: its deciles only mean
    // something together.
    let lorenz = m.figuur.as_deref() == Some("lorenz");
    let mut paren = Vec::new();
    if m.totaal && !lorenz {
        paren.push(trend_figuur(bron, ind)?);
    }
    if let Some(&jaar) = bron.jaren.iter().max() {
        if !lorenz {
            paren.extend(dimensie_figuren(bron, ind, jaar)?);
        }
        paren.extend(regio_figuren(bron, ind, jaar)?);
        if lorenz {
            paren.extend(lorenz_figuur(bron, ind, jaar)?);
        }
        if m.per_partij {
            paren.extend(partij_figuur(bron, ind, jaar)?);
        }
        if m.figuur.as_deref() == Some("keten") {
            paren.extend(keten_figuur(bron, ind)?);
        }
    }
    let (figuren, bestanden) = paren.into_iter().unzip();
    Ok((
        IndicatorView {
            id: m.id.clone(),
            titel: m.titel.clone(),
            definitie: m.definitie.clone(),
            bron: ind.bron.clone(),
            figuren,
        },
        bestanden,
    ))
}

/// The trend: the previous edition's years, then this edition's, nationally.
fn trend_figuur(bron: &Hoofdstukbron, ind: &Indicator) -> Result<(Figuur, Csv)> {
    let m = &ind.meta;
    let mut punten: Vec<Punt> = Vec::new();
    let mut vorige_jaren: Vec<i32> = bron
        .vorige
        .iter()
        .filter(|r| r.indicator_id == m.id && r.niveau == "nationaal" && r.dimensie.is_none())
        .map(|r| r.jaar)
        .filter(|j| !bron.jaren.contains(j))
        .collect();
    vorige_jaren.sort();
    vorige_jaren.dedup();
    for j in vorige_jaren {
        punten.push(Punt {
            editie: bron.vorige_editie.unwrap_or("vorige").to_string(),
            label: bron.woorden.zin("vorige_editie", context! { jaar => j })?,
            rij: nationaal(bron.vorige, &m.id, j, None),
            jaar: j,
            vorige: true,
        });
    }
    for &j in bron.jaren {
        punten.push(Punt {
            editie: bron.editie.to_string(),
            label: j.to_string(),
            rij: bron.index.nationaal(&m.id, j, None),
            jaar: j,
            vorige: false,
        });
    }
    let eerste = punten.first().map_or(0, |p| p.jaar);
    let laatste = punten.last().map_or(0, |p| p.jaar);
    let c = context! { eerste, laatste, ..indicator_context(ind) };
    let woorden = Woorden {
        kop: kop(bron, ind)?,
        ondertitel: bron.woorden.zin("trend_ondertitel", c)?,
        eerste_kolom: bron.woorden.kolom("trend")?,
    };
    let (mut f, csv) = figuur(
        &bron.woorden,
        format!("fig-{}", m.id),
        woorden,
        &punten,
        m.soort,
        None,
    )?;
    // Coverage and the comparable change only where the indicator has them.
    f.zin = match m.dekking {
        true => Some(kernzin(bron, ind)?),
        false => None,
    };
    Ok((f, csv))
}

/// Each breakdown, nationally for the latest year of the edition: largest first;
/// suppressed and empty last; ties by code.
fn dimensie_figuren(
    bron: &Hoofdstukbron,
    ind: &Indicator,
    jaar: i32,
) -> Result<Vec<(Figuur, Csv)>> {
    let m = &ind.meta;
    let mut uit = Vec::new();
    for dim in m.dimensies.keys() {
        let mut rijen: Vec<&IndicatorRij> = bron
            .rijen
            .iter()
            .filter(|r| {
                r.indicator_id == m.id
                    && r.jaar == jaar
                    && r.niveau == "nationaal"
                    && r.dimensie.as_deref() == Some(dim.as_str())
            })
            .collect();
        if rijen.is_empty() {
            continue;
        }
        rijen.sort_by(|a, b| {
            b.waarde
                .unwrap_or(f64::NEG_INFINITY)
                .total_cmp(&a.waarde.unwrap_or(f64::NEG_INFINITY))
                .then(a.dimensie_waarde.cmp(&b.dimensie_waarde))
        });
        let punten: Vec<Punt> = rijen
            .iter()
            .map(|r| Punt {
                editie: bron.editie.to_string(),
                label: r
                    .dimensie_waarde
                    .clone()
                    .unwrap_or_default()
                    .replace('_', " "),
                rij: Some(*r),
                jaar,
                vorige: false,
            })
            .collect();
        let grootste = punten
            .first()
            .filter(|p| p.rij.is_some_and(|r| r.waarde.is_some()))
            .map(|p| (p.label.clone(), celtekst(p.rij, m.soort)));
        let c = context! { dim, jaar, grootste, ..indicator_context(ind) };
        let woorden = Woorden::van(
            &bron.woorden,
            "dimensie",
            c,
            crate::publish::report::hoofdletter(dim),
        )?;
        let id = format!("fig-{}-{}", m.id, dim);
        uit.push(figuur(&bron.woorden, id, woorden, &punten, m.soort, None)?);
    }
    Ok(uit)
}

/// A chapter with its paragraphs in catalogue order.
pub fn hoofdstuk(bron: &Hoofdstukbron, id: &str) -> Result<(Hoofdstuk, Vec<Csv>)> {
    let mut paragrafen: Vec<Paragraaf> = Vec::new();
    let mut csv = Vec::new();
    for ind in bron.catalogus.iter().filter(|i| i.meta.hoofdstuk == id) {
        let (view, bestanden) = indicator(bron, ind)?;
        csv.extend(bestanden);
        let p = ind.meta.paragraaf.clone().unwrap_or_default();
        match paragrafen.iter_mut().find(|x| x.titel == p) {
            Some(x) => x.indicatoren.push(view),
            None => paragrafen.push(Paragraaf {
                titel: p,
                indicatoren: vec![view],
            }),
        }
    }
    Ok((
        Hoofdstuk {
            id: id.to_string(),
            titel: bron.opzet.hoofdstuk_titel(id),
            paragrafen,
        },
        csv,
    ))
}
