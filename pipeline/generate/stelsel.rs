//! The stelsel inputs of the samples (`spec/stelsel.md`): IenW's robustness
//! judgements and the state of the ten recommendations, and `implementatie.csv` of
//! the sample omgevingsdiensten. The judgements of April 2025 add up as parliament
//! was told (`pipeline/spec/stelsel-2025-04.md`): odnzkg, odbn and odzob robust, 12
//! expected to be robust, 9 uncertain, 3 not plausible; which service is in which
//! group is ILLUSTRATIVE (the letter names none), as are the earlier steps.

use std::path::Path;

use chrono::NaiveDate;

use super::dialect::{Schrijver, Tabelinhoud, Tekstvorm};
use super::peildatum;
use crate::error::Result;
use crate::harmonise::mapping::Mappings;
use crate::model::Tabel;
use crate::reference::Referentie;

pub const IMPLEMENTATIE_KOP: [&str; 6] = [
    "product",
    "status",
    "datum",
    "gemeenten_besloten",
    "bron",
    "toelichting",
];

const OORDEEL_KOP: [&str; 6] = [
    "omgevingsdienst_code",
    "peildatum_oordeel",
    "soort",
    "oordeel",
    "bron",
    "toelichting",
];

const AANBEVELING_KOP: [&str; 6] = [
    "nummer",
    "peildatum_status",
    "status",
    "verantwoordelijk",
    "toelichting",
    "bron",
];

const KAMERBRIEF: &str = "Kamerbrief Voortgang versterking VTH-stelsel april 2025";
const ROBUUST: [&str; 2] = ["odnzkg", "odbn"];
/// Formed on 1 January 2024 by a merger: no judgement in the samples.
const ZONDER_OORDEEL: &str = "od-veluwe";

fn dag(j: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(j, m, d).unwrap_or_default()
}

/// The steps of the trajectory: the day, the soort of judgement and its source.
const STAPPEN: [((i32, u32, u32), &str, &str); 4] = [
    (
        (2023, 10, 1),
        "zelftoets",
        "zelftoets van de dienst, 1 oktober 2023",
    ),
    (
        (2023, 12, 31),
        "beoordeling_ienw",
        "beoordeling IenW van de zelftoets, december 2023",
    ),
    (
        (2024, 9, 30),
        "beoordeling_ienw",
        "bevindingen IenW bij het plan van aanpak, september 2024",
    ),
    ((2025, 4, 1), "voortgang", KAMERBRIEF),
];

/// Every judgement of the trajectory: (omgevingsdienst, peildatum, soort, oordeel, bron).
fn traject(
    referentie: &Referentie,
) -> Vec<(String, NaiveDate, &'static str, &'static str, String)> {
    let mut out = Vec::new();
    // A service's oordelen at the first steps of the trajectory, in their order.
    let mut stappen = |c: &str, oordelen: &[&'static str]| {
        for (((j, m, d), soort, bron), oordeel) in STAPPEN.iter().zip(oordelen) {
            out.push((
                c.to_string(),
                dag(*j, *m, *d),
                *soort,
                *oordeel,
                bron.to_string(),
            ));
        }
    };
    let overig: Vec<&String> = referentie
        .omgevingsdiensten
        .keys()
        .filter(|c| {
            !ROBUUST.contains(&c.as_str()) && !["odzob", ZONDER_OORDEEL].contains(&c.as_str())
        })
        .collect();
    // Robust already: a zelftoets and IenW's assessment, no plan of action needed.
    for c in ROBUUST {
        stappen(c, &["robuust", "robuust"]);
    }
    // 25 services assessed: odzob robust in April 2025, of the other 24 in the
    // order of the reference list 12 expected, 9 uncertain, 3 not plausible.
    let beoordeeld =
        std::iter::once(("odzob", "robuust")).chain(overig.iter().enumerate().map(|(k, c)| {
            (
                c.as_str(),
                match k {
                    0..=11 => "naar_verwachting_robuust",
                    12..=20 => "onzeker",
                    _ => "niet_aannemelijk",
                },
            )
        }));
    for (k, (c, april)) in beoordeeld.enumerate() {
        // The services' own view was more hopeful than IenW's first assessment.
        let zelftoets = if april == "niet_aannemelijk" {
            "onzeker"
        } else {
            "naar_verwachting_robuust"
        };
        let december = if april == "robuust" {
            "naar_verwachting_robuust"
        } else {
            april
        };
        let september = match april {
            "robuust" => "naar_verwachting_robuust",
            "naar_verwachting_robuust" if k % 4 == 0 => "onzeker",
            a => a,
        };
        stappen(c, &[zelftoets, december, september, april]);
    }
    out
}

/// The ten recommendations: (nummer, status in 2024 (illustrative), status in April
/// 2025, responsible, what was done and what remains).
const AANBEVELINGEN: [(u32, &str, &str, &str, &str); 10] = [
    (1, "in_uitvoering", "in_uitvoering", "omgevingsdiensten en hun eigenaren; IenW (regelgeving)", "Vastgelegd in de robuustheidscriteria met deadline 1 april 2026; IenW legt ze vast in regelgeving en beoogt een interventiebevoegdheid. Resteert: robuustheid van alle diensten."),
    (2, "in_uitvoering", "in_uitvoering", "omgevingsdiensten en hun eigenaren; IenW", "Kwaliteit in de robuustheidscriteria; kwaliteitscriteria 3.0. Resteert: toepassing door alle diensten."),
    (3, "in_uitvoering", "in_uitvoering", "JenV", "Acties onder JenV; formalisering van de Strategische Milieukamer voor de zomer van 2025; een kwartiermaker met de provincies richt het overleg tussen bestuurs- en strafrechtelijke partners in."),
    (4, "in_onderzoek", "in_onderzoek", "provincies (interbestuurlijk toezicht); IenW", "Het inbrengen van het basistakenpakket is nog niet afdwingbaar; onderzocht wordt hoe dit in het wetsvoorstel versterking VTH-stelsel komt."),
    (5, "in_uitvoering", "opgevolgd", "IPO, VNG, Omgevingsdienst NL (implementatie)", "Financieringssystematiek (outcome- in plaats van outputfinanciering) vastgesteld; het implementatieplan wordt geschreven."),
    (6, "in_uitvoering", "in_uitvoering", "IenW (digitaal VTH-stelsel); Omgevingsdienst NL (kennis)", "Kennisinfrastructuur en ODNL Academie gerealiseerd; het programma digitaal VTH-stelsel is op 1 oktober 2024 gestart, nog zonder planning."),
    (7, "in_onderzoek", "in_uitvoering", "IPO, VNG", "Regionale beleidscyclus vastgesteld; implementatieplan in voorbereiding, gefinancierd 2025–2026; gemonitord via de Staat van VTH."),
    (8, "in_onderzoek", "in_uitvoering", "IPO, VNG", "Modelmandaat en profiel directeur vastgesteld; implementatieplan in voorbereiding; handreiking professioneel opdrachtgeverschap in de maak."),
    (9, "in_uitvoering", "opgevolgd", "Omgevingsdienst NL (visitaties); IenW (Staat van VTH)", "Alle diensten de afgelopen twee jaar gevisiteerd, volgende ronde vanaf 2026, elke vier jaar; de Staat van VTH wordt in 2025 voor het eerst uitgevoerd."),
    (10, "in_onderzoek", "in_onderzoek", "IenW", "Onderzocht wordt hoe de adviestaken van omgevingsdiensten kunnen worden geborgd."),
];

/// IenW's files for every year: each lists everything known at its peildatum.
pub fn schrijf_ienw(
    jaren: &[i32],
    output: &Path,
    mappings: &Mappings,
    referentie: &Referentie,
) -> Result<usize> {
    let schrijver = Schrijver::new("IenW", None, mappings, Tekstvorm::Canoniek);
    let alle = traject(referentie);
    let mut totaal = 0;
    for &jaar in jaren {
        let tot = peildatum(jaar);
        let mut oordelen: Vec<Vec<String>> = alle
            .iter()
            .filter(|o| o.1 <= tot)
            .map(|(od, d, soort, oordeel, bron)| {
                vec![
                    od.clone(),
                    d.to_string(),
                    soort.to_string(),
                    oordeel.to_string(),
                    bron.clone(),
                    String::new(),
                ]
            })
            .collect();
        oordelen.sort();
        let mut aanbevelingen = Vec::new();
        for (nr, eerder, april, wie, wat) in AANBEVELINGEN {
            let vroeg = dag(2024, 6, 30);
            if vroeg <= tot {
                aanbevelingen.push(vec![
                    nr.to_string(),
                    vroeg.to_string(),
                    eerder.to_string(),
                    wie.to_string(),
                    "illustratief: stand medio 2024".to_string(),
                    "illustratief".to_string(),
                ]);
            }
            if dag(2025, 4, 1) <= tot {
                aanbevelingen.push(vec![
                    nr.to_string(),
                    "2025-04-01".to_string(),
                    april.to_string(),
                    wie.to_string(),
                    wat.to_string(),
                    KAMERBRIEF.to_string(),
                ]);
            }
        }
        if oordelen.is_empty() && aanbevelingen.is_empty() {
            continue;
        }
        totaal += oordelen.len() + aanbevelingen.len();
        schrijver.schrijf(
            &output.join(jaar.to_string()).join("IenW"),
            &[
                Tabelinhoud {
                    tabel: Tabel::RobuustheidOordelen,
                    kop: &OORDEEL_KOP,
                    rijen: oordelen,
                },
                Tabelinhoud {
                    tabel: Tabel::Aanbevelingen,
                    kop: &AANBEVELING_KOP,
                    rijen: aanbevelingen,
                },
            ],
        )?;
    }
    Ok(totaal)
}

/// implementatie.csv of one sample omgevingsdienst for `jaar`: the steps up to the
/// peildatum. odh is furthest; odru reports a modelmandaat its organisatie.csv
/// does not (a modelmandaat_strijdig warning); the others are partway.
pub fn implementatie_rijen(od: &str, jaar: i32, gemeenten: usize) -> Vec<Vec<String>> {
    let tot = peildatum(jaar);
    let alle: Vec<(&str, &str, NaiveDate, Option<usize>)> = match od {
        "odh" => vec![
            (
                "modelmandaat",
                "besloten",
                dag(2024, 5, 14),
                Some(gemeenten),
            ),
            (
                "modelmandaat",
                "geimplementeerd",
                dag(2025, 1, 1),
                Some(gemeenten),
            ),
            (
                "regionale_beleidscyclus",
                "besloten",
                dag(2024, 11, 20),
                Some(gemeenten),
            ),
            (
                "financieringssystematiek",
                "besloten",
                dag(2025, 6, 25),
                None,
            ),
            (
                "kwaliteitscriteria_3_0",
                "geimplementeerd",
                dag(2024, 3, 1),
                None,
            ),
            ("profiel_directeur", "besloten", dag(2024, 5, 14), None),
            (
                "professioneel_opdrachtgeverschap",
                "besloten",
                dag(2025, 9, 10),
                None,
            ),
        ],
        "odru" => vec![
            ("modelmandaat", "in_voorbereiding", dag(2024, 9, 1), None),
            (
                "modelmandaat",
                "besloten",
                dag(2025, 6, 1),
                Some(gemeenten.saturating_sub(2)),
            ),
            (
                "regionale_beleidscyclus",
                "in_voorbereiding",
                dag(2024, 10, 1),
                None,
            ),
            (
                "financieringssystematiek",
                "niet_gestart",
                dag(2024, 1, 1),
                None,
            ),
            (
                "kwaliteitscriteria_3_0",
                "besloten",
                dag(2024, 12, 12),
                None,
            ),
        ],
        _ => vec![
            ("modelmandaat", "in_voorbereiding", dag(2024, 6, 1), None),
            (
                "regionale_beleidscyclus",
                "besloten",
                dag(2025, 2, 3),
                Some(gemeenten),
            ),
            (
                "kwaliteitscriteria_3_0",
                "in_voorbereiding",
                dag(2024, 4, 15),
                None,
            ),
        ],
    };
    alle.into_iter()
        .filter(|s| s.2 <= tot)
        .map(|(product, status, datum, besloten)| {
            vec![
                product.to_string(),
                status.to_string(),
                datum.to_string(),
                besloten.map(|n| n.to_string()).unwrap_or_default(),
                format!("AB-besluit {datum}"),
                String::new(),
            ]
        })
        .collect()
}
