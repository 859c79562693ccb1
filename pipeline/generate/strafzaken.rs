//! The OM's deliveries (`<jaar>/OM/strafzaken.csv`, `spec/strafrechtketen.md`): a
//! case for most proces-verbaal of the generated parties, entering the OM some
//! weeks later and decided months after that. A case is delivered in the year it
//! entered with what was known at that year's peildatum, and again in a later
//! year's delivery when its afdoening or uitspraak became known. A few cases do
//! not link: from the police (`overig`), with a measure id nobody has, or naming a
//! measure that is no proces-verbaal; a few PVs get two cases.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::dialect::{Schrijver, Tabelinhoud, Tekstvorm};
use super::{kies, peildatum};
use crate::error::Result;
use crate::harmonise::mapping::Mappings;
use crate::model::Tabel;

/// A measure of a generated party, as delivered.
#[derive(Debug, Clone)]
pub struct PvMaatregel {
    pub partij: String,
    pub maatregel_id: String,
    pub proces_verbaal: bool,
    pub opleggen: NaiveDate,
}

const KOP: [&str; 9] = [
    "parketnummer",
    "partij_verbalisant",
    "maatregel_id",
    "datum_instroom",
    "afdoening",
    "datum_afdoening",
    "uitspraak",
    "datum_uitspraak",
    "bedrag_eur",
];

const AFDOENINGEN: [&str; 6] = [
    "strafbeschikking",
    "transactie",
    "dagvaarding",
    "sepot_technisch",
    "sepot_beleid",
    "voeging",
];
const UITSPRAKEN: [&str; 4] = [
    "veroordeling",
    "vrijspraak",
    "ontslag_van_alle_rechtsvervolging",
    "niet_ontvankelijk",
];

struct Zaak {
    parketnummer: String,
    verbalisant: String,
    maatregel_id: String,
    instroom: NaiveDate,
    afdoening: Option<(&'static str, NaiveDate)>,
    uitspraak: Option<(&'static str, NaiveDate)>,
    bedrag: Option<f64>,
}

impl Zaak {
    /// The row as known at `tot`; `None` for a decision not yet taken then.
    fn rij(&self, tot: NaiveDate) -> Vec<String> {
        let bekend = |x: Option<(&'static str, NaiveDate)>| x.filter(|(_, d)| *d <= tot);
        let afdoening = bekend(self.afdoening);
        let uitspraak = afdoening.and(bekend(self.uitspraak));
        let bedrag = match (afdoening, uitspraak) {
            (Some(("strafbeschikking" | "transactie", _)), _) | (_, Some(("veroordeling", _))) => {
                self.bedrag
            }
            _ => None,
        };
        vec![
            self.parketnummer.clone(),
            self.verbalisant.clone(),
            self.maatregel_id.clone(),
            self.instroom.to_string(),
            afdoening.map_or(String::new(), |a| a.0.into()),
            afdoening.map_or(String::new(), |a| a.1.to_string()),
            uitspraak.map_or(String::new(), |u| u.0.into()),
            uitspraak.map_or(String::new(), |u| u.1.to_string()),
            bedrag.map_or(String::new(), |b| format!("{b:.2}")),
        ]
    }

    /// How much of the case is known at `tot` (0 open, 1 decided, 2 judged).
    fn stand(&self, tot: NaiveDate) -> usize {
        let afgedaan = self.afdoening.is_some_and(|a| a.1 <= tot);
        usize::from(afgedaan) + usize::from(afgedaan && self.uitspraak.is_some_and(|u| u.1 <= tot))
    }
}

/// Write the OM's deliveries for `jaren`; returns the number of rows written.
pub fn write(
    seed: u64,
    maatregelen: &[PvMaatregel],
    jaren: &[i32],
    output: &Path,
    mappings: &Mappings,
) -> Result<usize> {
    let mut zaken = zaken_bij_pv(seed, maatregelen);
    zaken.extend(losse_zaken(zaken.len(), maatregelen, jaren));
    let schrijver = Schrijver::new("OM", None, mappings, Tekstvorm::Canoniek);
    let mut totaal = 0;
    for (jaar, mut rijen) in per_leveringsjaar(&zaken, jaren) {
        rijen.sort();
        totaal += rijen.len();
        schrijver.schrijf(
            &output.join(jaar.to_string()).join("OM"),
            &[Tabelinhoud {
                tabel: Tabel::Strafzaken,
                kop: &KOP,
                rijen,
            }],
        )?;
    }
    Ok(totaal)
}

fn dagen(rng: &mut ChaCha8Rng, van: i64, tot: i64) -> Duration {
    Duration::days(rng.gen_range(van..tot))
}

fn parketnummer(n: usize, d: NaiveDate) -> String {
    format!("{:02}-{:06}-{}", 10 + n % 80, n, d.year() % 100)
}

/// The cases of the processen-verbaal: none, one or two per PV.
fn zaken_bij_pv(seed: u64, maatregelen: &[PvMaatregel]) -> Vec<Zaak> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut zaken: Vec<Zaak> = Vec::new();
    for m in maatregelen.iter().filter(|m| m.proces_verbaal) {
        let aantal = match rng.gen_range(0..100) {
            0..=24 => 0,
            25..=97 => 1,
            _ => 2,
        };
        for _ in 0..aantal {
            let instroom = m.opleggen + dagen(&mut rng, 7, 90);
            let zaak = match elke_code(zaken.len(), m, instroom) {
                Some(z) => z,
                None => getrokken_zaak(&mut rng, zaken.len(), m, instroom),
            };
            zaken.push(zaak);
        }
    }
    zaken
}

/// The first cases take every afdoening and every uitspraak once, soon after
/// instroom, so even a small batch holds each code.
fn elke_code(k: usize, m: &PvMaatregel, instroom: NaiveDate) -> Option<Zaak> {
    if k >= AFDOENINGEN.len() + UITSPRAKEN.len() {
        return None;
    }
    let (afdoening, uitspraak) = match k.checked_sub(AFDOENINGEN.len()) {
        None => (AFDOENINGEN[k], None),
        Some(u) => ("dagvaarding", Some(UITSPRAKEN[u])),
    };
    let afgedaan = instroom + Duration::days(30);
    Some(Zaak {
        parketnummer: parketnummer(k + 1, instroom),
        verbalisant: m.partij.clone(),
        maatregel_id: m.maatregel_id.clone(),
        instroom,
        afdoening: Some((afdoening, afgedaan)),
        uitspraak: uitspraak.map(|u| (u, afgedaan + Duration::days(60))),
        bedrag: Some(1500.0),
    })
}

/// A case with its afdoening, uitspraak and amount drawn.
fn getrokken_zaak(rng: &mut ChaCha8Rng, k: usize, m: &PvMaatregel, instroom: NaiveDate) -> Zaak {
    let afdoening = kies(
        rng,
        &[
            (Some("strafbeschikking"), 35),
            (Some("transactie"), 12),
            (Some("dagvaarding"), 25),
            (Some("sepot_technisch"), 8),
            (Some("sepot_beleid"), 8),
            (Some("voeging"), 4),
            (None, 8),
        ],
    )
    .map(|a| (a, instroom + dagen(rng, 20, 400)));
    let uitspraak = afdoening.filter(|a| a.0 == "dagvaarding").and_then(|a| {
        kies(
            rng,
            &[
                (Some("veroordeling"), 60),
                (Some("vrijspraak"), 20),
                (Some("ontslag_van_alle_rechtsvervolging"), 8),
                (Some("niet_ontvankelijk"), 7),
                (None, 5),
            ],
        )
        .map(|u| (u, a.1 + dagen(rng, 30, 300)))
    });
    let bedrag = Some(f64::from(rng.gen_range(5..500u32)) * 50.0);
    Zaak {
        parketnummer: parketnummer(k + 1, instroom),
        verbalisant: m.partij.clone(),
        maatregel_id: m.maatregel_id.clone(),
        instroom,
        afdoening,
        uitspraak,
        bedrag,
    }
}

/// Cases that do not link, spread over the years, numbered after the `eerder`
/// cases.
fn losse_zaken(eerder: usize, maatregelen: &[PvMaatregel], jaren: &[i32]) -> Vec<Zaak> {
    let niet_pv: Vec<&PvMaatregel> = maatregelen.iter().filter(|m| !m.proces_verbaal).collect();
    let n = (eerder / 25).max(3);
    (0..n)
        .map(|k| {
            let jaar = jaren[k % jaren.len().max(1)];
            let instroom = NaiveDate::from_ymd_opt(jaar, 1 + (k % 12) as u32, 1 + (k % 28) as u32)
                .unwrap_or_default();
            let (verbalisant, maatregel_id) = match k % 3 {
                0 => ("overig".to_string(), String::new()),
                1 => (
                    maatregelen
                        .get(k)
                        .map_or("odh".into(), |m| m.partij.clone()),
                    format!("PV-ONBEKEND-{k}"),
                ),
                _ => match niet_pv.get(k * 7 % niet_pv.len().max(1)) {
                    Some(m) => (m.partij.clone(), m.maatregel_id.clone()),
                    None => ("overig".to_string(), String::new()),
                },
            };
            Zaak {
                parketnummer: parketnummer(eerder + k + 1, instroom),
                verbalisant,
                maatregel_id,
                instroom,
                afdoening: Some(("sepot_technisch", instroom + Duration::days(40))),
                uitspraak: None,
                bedrag: None,
            }
        })
        .collect()
}

/// Per delivery year: new cases with what was known at its peildatum, and the
/// cases of earlier years whose afdoening or uitspraak became known since.
fn per_leveringsjaar(zaken: &[Zaak], jaren: &[i32]) -> BTreeMap<i32, Vec<Vec<String>>> {
    let mut per_jaar: BTreeMap<i32, Vec<Vec<String>>> =
        jaren.iter().map(|&j| (j, vec![])).collect();
    for z in zaken {
        let begin = z.instroom.year();
        if !jaren.contains(&begin) {
            continue;
        }
        let mut stand = z.stand(peildatum(begin));
        if let Some(rijen) = per_jaar.get_mut(&begin) {
            rijen.push(z.rij(peildatum(begin)));
        }
        for &j in jaren.iter().filter(|&&j| j > begin) {
            let nu = z.stand(peildatum(j));
            if nu > stand {
                stand = nu;
                if let Some(rijen) = per_jaar.get_mut(&j) {
                    rijen.push(z.rij(peildatum(j)));
                }
            }
        }
    }
    per_jaar
}
