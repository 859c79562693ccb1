//! The indicator chapters (toezicht, handhaving, datakwaliteit): per indicator its
//! definition and figures. A figure is a headline (the finding), a statistical
//! subtitle, an inline SVG with title and description, a text alternative, a table
//! of the same numbers with footnotes, and a CSV of exactly those numbers taken from
//! the published open `indicatoren.parquet` (and the previous edition's, if given).

use serde::Serialize;

use super::charts::{lorenzcurve, staafdiagram, Balk, Referentielijn};
use super::kaart::{kaart, Regio, Topologie};
use super::opzet::{Getal, Ketenstap, Opzet, Regionaal};
use super::{getal, tekst};
use crate::indicators::catalogue::{Indicator, Soort};
use crate::indicators::IndicatorRij;
use crate::model::uitvoer::{status, VERGELIJKBAAR};
use crate::reference::Referentie;

/// What the chapters are built from.
pub struct Hoofdstukbron<'a> {
    /// The report's structure (`report-templates/rapport.toml`).
    pub opzet: &'a Opzet,
    pub jaren: &'a [i32],
    /// The open indicator rows of this edition, as published.
    pub rijen: &'a [IndicatorRij],
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

fn figuur(
    id: String,
    kop: String,
    ondertitel: String,
    punten: &[Punt],
    soort: Soort,
    eerste_kolom: &str,
    referentie: Option<&Referentielijn>,
) -> (Figuur, Csv) {
    let balken: Vec<Balk> = punten
        .iter()
        .map(|p| Balk {
            label: p.label.clone(),
            waarde: p.rij.and_then(|r| r.waarde),
            tekst: celtekst(p.rij, soort),
            licht: p.vorige || p.rij.is_some_and(|r| r.status == status::VOORLOPIG),
        })
        .collect();
    let alternatief = format!(
        "Staafdiagram. {}.",
        balken
            .iter()
            .map(|b| format!("{}: {}", b.label, b.tekst))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let schaal = (soort == Soort::Aandeel).then_some(100.0);
    let svg = staafdiagram(&id, &kop, &alternatief, &balken, schaal, referentie);
    let met_teller = soort == Soort::Aandeel;
    let mut kopjes = vec![eerste_kolom.to_string(), "Waarde".to_string()];
    if met_teller {
        kopjes.push("Teller".into());
    }
    if soort != Soort::Aantal {
        kopjes.push(if met_teller { "Noemer" } else { "Waarnemingen" }.into());
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
    (
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
    )
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
pub fn kop(bron: &Hoofdstukbron, ind: &Indicator) -> String {
    let m = &ind.meta;
    let mut jaren: Vec<(i32, Option<&IndicatorRij>)> = bron
        .jaren
        .iter()
        .map(|&j| (j, nationaal(bron.rijen, &m.id, j, None)))
        .collect();
    jaren.sort_by_key(|(j, _)| *j);
    let Some((laatste, r)) = jaren.last().copied() else {
        return m.titel.clone();
    };
    let nu = match r {
        Some(r) if r.status == status::ONDERDRUKT => format!("onderdrukt in {laatste}"),
        Some(r) if r.waarde.is_some() => format!("{} in {laatste}", celtekst(Some(r), m.soort)),
        _ => format!("geen waarnemingen in {laatste}"),
    };
    let vorig = laatste - 1;
    let ervoor = nationaal(bron.rijen, &m.id, vorig, None)
        .or_else(|| nationaal(bron.vorige, &m.id, vorig, None))
        .filter(|r| r.waarde.is_some())
        .map(|r| format!(", tegen {} in {vorig}", celtekst(Some(r), m.soort)))
        .unwrap_or_default();
    match (&m.kop, r) {
        // The indicator's own sentence, when there is a figure to put in it.
        (Some(zin), Some(r)) if r.waarde.is_some() => format!(
            "{}{ervoor}",
            zin.replace("{jaar}", &laatste.to_string())
                .replace("{waarde}", &celtekst(Some(r), m.soort))
        ),
        _ => format!("{}: {nu}{ervoor}", m.titel),
    }
}

/// The headline with coverage and the comparable change (see [`Kernzin`]).
pub fn kernzin(bron: &Hoofdstukbron, ind: &Indicator) -> Kernzin {
    let m = &ind.meta;
    let laatste = bron.jaren.iter().max().copied().unwrap_or_default();
    let dekking = nationaal(bron.rijen, &m.id, laatste, None)
        .and_then(|r| Some((r.gemeenten_gedekt?, r.gemeenten_totaal?)));
    Kernzin {
        kop: kop(bron, ind),
        aantal: m.soort == Soort::Aantal,
        dekking,
        vergelijkbaar: vergelijkbaar(bron, ind, laatste),
    }
}

/// The change on the panel of `jaar − 1` and `jaar`, when that panel is not every
/// party (its rows differ from the national ones).
fn vergelijkbaar(bron: &Hoofdstukbron, ind: &Indicator, jaar: i32) -> Option<Vergelijkbaar> {
    let m = &ind.meta;
    let paar = format!("{}/{jaar}", jaar - 1);
    let panel = |j: i32| nationaal(bron.rijen, &m.id, j, Some((VERGELIJKBAAR, paar.as_str())));
    let (a, b) = (panel(jaar - 1)?, panel(jaar)?);
    let zelfde = |p: &IndicatorRij, j: i32| {
        nationaal(bron.rijen, &m.id, j, None).is_some_and(|n| {
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
fn regio_figuren(bron: &Hoofdstukbron, ind: &Indicator, jaar: i32) -> Vec<(Figuur, Csv)> {
    let m = &ind.meta;
    let mut uit = Vec::new();
    for Regionaal {
        niveau,
        naam,
        kolom,
    } in &bron.opzet.regionaal
    {
        let (niveau, naam, kolom) = (niveau.as_str(), naam.as_str(), kolom.as_str());
        if m.niveaus
            .as_ref()
            .is_some_and(|n| !n.iter().any(|x| x == niveau))
        {
            continue;
        }
        let eenheden = bron.referentie.eenheden(niveau);
        // The niveau's total rows of the year, by eenheid: one pass over the rows.
        let per_eenheid: std::collections::HashMap<&str, &IndicatorRij> = bron
            .rijen
            .iter()
            .filter(|r| {
                r.indicator_id == m.id
                    && r.jaar == jaar
                    && r.niveau == niveau
                    && r.dimensie.is_none()
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
        let nl = nationaal(bron.rijen, &m.id, jaar, None).filter(|r| r.waarde.is_some());
        // A count is read against the mean per region, a share or median against
        // the national figure itself.
        let lijn = nl.and_then(|r| r.waarde).map(|w| match m.soort {
            Soort::Aantal => {
                let w = w / eenheden.len().max(1) as f64;
                Referentielijn {
                    waarde: w,
                    label: format!("gemiddeld per {naam}: {}", getal(w, 1)),
                }
            }
            _ => Referentielijn {
                waarde: w,
                label: format!("Nederland: {}", celtekst(nl, m.soort)),
            },
        });
        let hoogste = punten
            .first()
            .filter(|p| p.rij.is_some_and(|r| r.waarde.is_some()))
            .map(|p| format!(": het hoogst in {} ({})", p.label, celtekst(p.rij, m.soort)))
            .unwrap_or_default();
        let met_cijfer = punten
            .iter()
            .filter(|p| p.rij.is_some_and(|r| r.waarde.is_some()))
            .count();
        let ondertitel = format!(
            "{} per {naam}, {jaar}, {}; {met_cijfer} van de {} met een gepubliceerd cijfer, van hoog naar laag; de lijn is {}. Bron: {}.",
            m.titel,
            eenheid_tekst(ind),
            eenheden.len(),
            if m.soort == Soort::Aantal {
                "het landelijke totaal gedeeld door het aantal regio's"
            } else {
                "het landelijke cijfer"
            },
            ind.bron
        );
        let id = format!("fig-{}-{niveau}", m.id);
        uit.push(figuur(
            id.clone(),
            format!("{} per {naam} in {jaar}{hoogste}", m.titel),
            ondertitel.clone(),
            &punten,
            m.soort,
            kolom,
            lijn.as_ref(),
        ));
        if m.kaart {
            // A map has no reference line: its subtitle says how it is coloured.
            let ondertitel = format!(
                "{} per {naam}, {jaar}, {}; {met_cijfer} van de {} met een gepubliceerd cijfer; hoe donkerder, hoe hoger. Bron: {}.",
                m.titel,
                eenheid_tekst(ind),
                eenheden.len(),
                ind.bron
            );
            let (mut f, c) = figuur(
                format!("{id}-kaart"),
                format!("Kaart: {} per {naam} in {jaar}", m.titel),
                ondertitel,
                &punten,
                m.soort,
                kolom,
                None,
            );
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
            let soort = m.soort;
            let opmaak = move |w: f64| super::waarde_tekst(w, soort);
            f.alternatief = format!(
                "Kaart van Nederland met de {} {naam}s, ingekleurd in klassen van licht (laag) naar donker (hoog); gearceerd is onderdrukt, lichtgrijs geen waarnemingen. {}.",
                eenheden.len(),
                regios
                    .iter()
                    .map(|r| format!("{}: {}", r.naam, r.tekst))
                    .collect::<Vec<_>>()
                    .join("; ")
            );
            f.svg = kaart(
                &f.id,
                &f.kop,
                &f.alternatief,
                bron.kaart,
                &bron.referentie.indeling(niveau),
                &regios,
                &opmaak,
            );
            uit.push((f, c));
        }
    }
    uit
}

/// The parties ranked for the latest year (`per_partij = true`): for K1, how many of
/// each verbalisant's processen-verbaal reached the OM; for K6, its unlinked cases.
fn partij_figuur(bron: &Hoofdstukbron, ind: &Indicator, jaar: i32) -> Option<(Figuur, Csv)> {
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
        return None;
    }
    rangschik(&mut punten);
    let nl = nationaal(bron.rijen, &m.id, jaar, None).filter(|r| r.waarde.is_some());
    let lijn = nl
        .filter(|_| m.soort != Soort::Aantal)
        .and_then(|r| r.waarde)
        .map(|w| Referentielijn {
            waarde: w,
            label: format!("Nederland: {}", celtekst(nl, m.soort)),
        });
    Some(figuur(
        format!("fig-{}-partij", m.id),
        format!("{} per partij in {jaar}", m.titel),
        format!(
            "{} per partij, {jaar}, {}; van hoog naar laag. Bron: {}.",
            m.titel,
            eenheid_tekst(ind),
            ind.bron
        ),
        &punten,
        m.soort,
        "Partij",
        lijn.as_ref(),
    ))
}

/// The criminal chain per year, from the published figures: the steps of
/// `rapport.toml` (zware overtredingen, of which with a strafrechtelijke maatregel;
/// processen-verbaal, at the OM, decided; zware overtredingen with a sanction).
fn keten_figuur(bron: &Hoofdstukbron, ind: &Indicator) -> Option<(Figuur, Csv)> {
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
            let r = nationaal(bron.rijen, id, jaar, dim);
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
        return None;
    }
    let laatste = bron.jaren.iter().max().copied().unwrap_or_default();
    let (mut f, c) = figuur(
        "fig-keten".into(),
        format!("Van proces-verbaal tot afdoening, {}–{laatste}", bron.jaren.iter().min().copied().unwrap_or(laatste)),
        format!(
            "Aantallen per jaar, Nederland: zware overtredingen (H1) en die met een strafrechtelijke maatregel (teller H7); processen-verbaal (noemer K1), waarvan bij het OM (teller K1) en afgedaan (teller K2); zware overtredingen met een sanctie (teller K5). Bron: {}.",
            ind.bron
        ),
        &punten,
        Soort::Aandeel,
        "Jaar · indicator",
        None,
    );
    f.alternatief = format!(
        "Staafdiagram van de strafrechtketen. {}.",
        balken
            .iter()
            .map(|b| format!("{}: {}", b.label, b.tekst))
            .collect::<Vec<_>>()
            .join("; ")
    );
    f.svg = staafdiagram(&f.id, &f.kop, &f.alternatief, &balken, None, None);
    // The table: one row per step, one column per year (the CSV holds the rows).
    f.tabel.kop = std::iter::once("Stap".to_string())
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
    Some((f, c))
}

/// The Lorenz curve of a `deciel` breakdown: after each tenth of the objects, the
/// share of the overtredingen found so far.
fn lorenz_figuur(bron: &Hoofdstukbron, ind: &Indicator, jaar: i32) -> Option<(Figuur, Csv)> {
    let m = &ind.meta;
    let punten: Vec<Punt> = (1..=10)
        .map(|d| Punt {
            editie: bron.editie.to_string(),
            label: format!("deciel {d}"),
            rij: nationaal(bron.rijen, &m.id, jaar, Some(("deciel", &d.to_string()))),
            jaar,
            vorige: false,
        })
        .collect();
    if punten
        .iter()
        .any(|p| p.rij.is_none_or(|r| r.waarde.is_none()))
    {
        return None;
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
    let (mut f, c) = figuur(
        format!("fig-{}-lorenz", m.id),
        format!("{} van de overtredingen werd in {jaar} gevonden bij het tiende deel van de objecten met de meeste overtredingen", pct(eerste)),
        format!(
            "Lorenzcurve: cumulatief aandeel van de overtredingen tegen het cumulatieve aandeel van de objecten (de meeste overtredingen eerst), Nederland, {jaar}, procent; de stippellijn is een gelijke verdeling. Bron: {}.",
            ind.bron
        ),
        &punten,
        m.soort,
        "Deciel",
        None,
    );
    f.alternatief = format!(
        "Lorenzcurve. {}.",
        curve
            .iter()
            .map(|(x, y)| format!(
                "na {x:.0}% van de objecten {} van de overtredingen",
                pct(*y)
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    f.svg = lorenzcurve(&f.id, &f.kop, &f.alternatief, &curve);
    Some((f, c))
}

fn eenheid_tekst(ind: &Indicator) -> String {
    match ind.meta.soort {
        Soort::Aandeel => "procent".into(),
        _ => ind.meta.eenheid.clone(),
    }
}

pub fn indicator(bron: &Hoofdstukbron, ind: &Indicator) -> (IndicatorView, Vec<Csv>) {
    let m = &ind.meta;
    let mut figuren = Vec::new();
    let mut bestanden = Vec::new();
    // The trend: the previous edition's years, then this edition's.
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
            label: format!("{j} (vorige editie)"),
            rij: nationaal(bron.vorige, &m.id, j, None),
            jaar: j,
            vorige: true,
        });
    }
    for &j in bron.jaren {
        punten.push(Punt {
            editie: bron.editie.to_string(),
            label: j.to_string(),
            rij: nationaal(bron.rijen, &m.id, j, None),
            jaar: j,
            vorige: false,
        });
    }
    let eerste = punten.first().map_or(0, |p| p.jaar);
    let laatste = punten.last().map_or(0, |p| p.jaar);
    // A Lorenz curve replaces the trend and the breakdown: its deciles only mean
    // something together.
    let lorenz = m.figuur.as_deref() == Some("lorenz");
    if m.totaal && !lorenz {
        let (mut f, c) = figuur(
            format!("fig-{}", m.id),
            kop(bron, ind),
            format!(
                "{}, Nederland, {eerste}–{laatste}, {}. Bron: {}.",
                m.titel,
                eenheid_tekst(ind),
                ind.bron
            ),
            &punten,
            m.soort,
            "Verslagjaar",
            None,
        );
        // Coverage and the comparable change only where the indicator has them.
        f.zin = m.dekking.then(|| kernzin(bron, ind));
        figuren.push(f);
        bestanden.push(c);
    }

    // Each breakdown, for the latest year of the edition.
    if let Some(&jaar) = bron.jaren.iter().max().filter(|_| !lorenz) {
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
            // Largest first; suppressed and empty last; ties by code.
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
                .map(|p| format!(": het meest {} ({})", p.label, celtekst(p.rij, m.soort)))
                .unwrap_or_default();
            let (f, c) = figuur(
                format!("fig-{}-{}", m.id, dim),
                format!("{} naar {dim} in {jaar}{grootste}", m.titel),
                format!(
                    "{} naar {dim}, Nederland, {jaar}, {}. Bron: {}.",
                    m.titel,
                    eenheid_tekst(ind),
                    ind.bron
                ),
                &punten,
                m.soort,
                &crate::publish::report::hoofdletter(dim),
                None,
            );
            figuren.push(f);
            bestanden.push(c);
        }
    }
    if let Some(&jaar) = bron.jaren.iter().max() {
        let mut extra = regio_figuren(bron, ind, jaar);
        if lorenz {
            extra.extend(lorenz_figuur(bron, ind, jaar));
        }
        if m.per_partij {
            extra.extend(partij_figuur(bron, ind, jaar));
        }
        if m.figuur.as_deref() == Some("keten") {
            extra.extend(keten_figuur(bron, ind));
        }
        for (f, c) in extra {
            figuren.push(f);
            bestanden.push(c);
        }
    }
    (
        IndicatorView {
            id: m.id.clone(),
            titel: m.titel.clone(),
            definitie: m.definitie.clone(),
            bron: ind.bron.clone(),
            figuren,
        },
        bestanden,
    )
}

/// A chapter with its paragraphs in catalogue order.
pub fn hoofdstuk(bron: &Hoofdstukbron, id: &str) -> (Hoofdstuk, Vec<Csv>) {
    let mut paragrafen: Vec<Paragraaf> = Vec::new();
    let mut csv = Vec::new();
    for ind in bron.catalogus.iter().filter(|i| i.meta.hoofdstuk == id) {
        let (view, bestanden) = indicator(bron, ind);
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
    (
        Hoofdstuk {
            id: id.to_string(),
            titel: bron.opzet.hoofdstuk_titel(id),
            paragrafen,
        },
        csv,
    )
}
