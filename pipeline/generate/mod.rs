//! The seeded generator of realistic deliveries (`vth generate`). It simulates each
//! party's inspections, violations and follow-up over the years, assigns every
//! record to the delivery it belongs in (exchange-format.md), and adds the edge
//! cases every indicator must handle. Same seed, same bytes. Each party writes its
//! delivery in its own dialect (`dialect.rs`).

pub mod dialect;
pub mod een_bestand;
pub mod stelsel;
pub mod strafzaken;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::error::{Error, Result};
use crate::harmonise::mapping::Mappings;
use crate::ingest::profile::Profielen;
use crate::model::Tabel;
use crate::reference::{Partijsoort, Referentie};
use dialect::{Schrijver, Tabelinhoud, Tekstvorm};

#[derive(Debug, Clone)]
pub struct GenerateOpties {
    pub seed: u64,
    /// Multiplies the number of controles per party-year.
    pub schaal: f64,
    pub jaren: Vec<i32>,
}

/// A party in the sample batch and its yearly volume of controles.
#[derive(Debug, Clone)]
pub struct Generatiepartij {
    pub code: String,
    pub controles_per_jaar: usize,
    /// Text habits of its CSV export; structure comes from its profile, if any.
    pub tekst: Tekstvorm,
}

/// The sample batch: ten parties of every kind, each with the habits of a real
/// export. odh carries the edge cases and contract violations; rud-zeeland is on
/// the old LHS; odru exports Windows-1252 `;` with Dutch dates and decimals;
/// GM0599 (xlsx, Squit abbreviations, categorie 1/2/3) and GM0344 (tab, d/m/y,
/// local instrument names) have profiles and mapping tables; WS15 delivers JSON;
/// omwb uses a few local codes nobody mapped yet.
pub fn standaard_partijen() -> Vec<Generatiepartij> {
    [
        ("odh", 1800, Tekstvorm::Canoniek),
        ("odru", 1400, Tekstvorm::Windows1252),
        ("rud-zeeland", 900, Tekstvorm::Canoniek),
        ("omwb", 1100, Tekstvorm::Canoniek),
        ("GM0363", 350, Tekstvorm::Canoniek),
        ("GM0599", 300, Tekstvorm::Canoniek),
        ("GM0344", 250, Tekstvorm::Tab),
        ("PV27", 220, Tekstvorm::Canoniek),
        ("WS15", 150, Tekstvorm::Json),
        ("ILT", 400, Tekstvorm::Canoniek),
    ]
    .into_iter()
    .map(|(c, n, tekst)| Generatiepartij {
        code: c.into(),
        controles_per_jaar: n,
        tekst,
    })
    .collect()
}

/// A national year for benchmarks (`vth generate --partijen landelijk`): the ten
/// sample parties with their dialects, and every other omgevingsdienst, province
/// and water authority, 40 municipalities that deliver themselves, and ILT, at
/// volumes that add up to about 400,000 controles a year (mostly by the 28
/// services). The others export in the dialects that need no profile, spread
/// as in the field: mostly canonical CSV, then Windows-1252 `;`, JSON and tab.
pub fn landelijke_partijen(referentie: &Referentie) -> Vec<Generatiepartij> {
    let standaard = standaard_partijen();
    let volume = |code: &str| match referentie.partijsoort(code) {
        Some(Partijsoort::Omgevingsdienst) => 12_000,
        Some(Partijsoort::Provincie) => 1_000,
        Some(Partijsoort::Gemeente) => 1_000,
        Some(Partijsoort::Waterschap) => 500,
        _ => 4_000,
    };
    let vormen = [
        Tekstvorm::Canoniek,
        Tekstvorm::Windows1252,
        Tekstvorm::Canoniek,
        Tekstvorm::Json,
        Tekstvorm::Canoniek,
        Tekstvorm::Tab,
        Tekstvorm::Windows1252,
        Tekstvorm::Canoniek,
    ];
    let mut out: Vec<Generatiepartij> = standaard
        .iter()
        .map(|p| Generatiepartij {
            controles_per_jaar: volume(&p.code),
            ..p.clone()
        })
        .collect();
    let gemeenten = referentie
        .gemeenten
        .keys()
        .step_by((referentie.gemeenten.len() / 40).max(1))
        .take(40);
    let codes: Vec<String> = referentie
        .omgevingsdiensten
        .keys()
        .chain(referentie.provincies.keys())
        .chain(referentie.waterschappen.keys())
        .chain(gemeenten)
        .cloned()
        .collect();
    for code in codes {
        if out.iter().any(|p| p.code == code) {
            continue;
        }
        let tekst = vormen[out.len() % vormen.len()];
        out.push(Generatiepartij {
            controles_per_jaar: volume(&code),
            code,
            tekst,
        });
    }
    out
}

/// The national batch in the exchange format only (`vth generate --partijen
/// canoniek`): the parties of [`landelijke_partijen`] that need no profile, every
/// one exporting canonical UTF-8 CSV. It keeps the deliberate contract violations
/// (odh), the old LHS (rud-zeeland) and the unmapped local codes (omwb), so a
/// reference that reads it must still apply the contract. The benchmark's
/// canonical scenarios compare the pipeline with a hand-written DuckDB reference
/// on it, as a new user would.
pub fn canonieke_partijen(
    referentie: &Referentie,
    profielen: &crate::ingest::profile::Profielen,
) -> Vec<Generatiepartij> {
    landelijke_partijen(referentie)
        .into_iter()
        .filter(|p| !profielen.contains_key(&p.code))
        .map(|p| Generatiepartij {
            tekst: Tekstvorm::Canoniek,
            ..p
        })
        .collect()
}

#[derive(Debug, Clone)]
struct NieuweControle {
    id: String,
    object: usize,
    datum: NaiveDate,
    controletype: &'static str,
    taak: &'static str,
    resultaat: &'static str,
}

#[derive(Debug, Clone)]
struct Overtreding {
    id: String,
    controle: usize,
    datum: NaiveDate,
    strategie: &'static str,
    gevolg: String,
    gedrag: String,
    ernst: String,
    indicatie: String,
    reden: String,
    hersteldatum: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
struct NieuweMaatregel {
    id: String,
    overtreding: usize,
    instrument: &'static str,
    opleggen: NaiveDate,
    afronding: Option<NaiveDate>,
    status: &'static str,
    bedrag: Option<f64>,
}

#[derive(Debug, Clone)]
struct Object {
    id: String,
    gemeente: String,
    bevoegd_gezag: String,
    brzo: bool,
}

struct Sim<'a> {
    rng: ChaCha8Rng,
    partij: &'a str,
    objecten: Vec<Object>,
    controles: Vec<NieuweControle>,
    overtredingen: Vec<Overtreding>,
    maatregelen: Vec<NieuweMaatregel>,
    /// Old-LHS party: classifications with the axes the other way round.
    oude_lhs: bool,
}

const TYPES: [(&str, u32); 7] = [
    ("periodieke_controle", 50),
    ("themacontrole", 12),
    ("administratieve_controle", 10),
    ("incidentele_controle", 8),
    ("opleveringscontrole", 8),
    ("digitale_controle", 6),
    ("meetcontrole", 6),
];

pub(crate) fn kies<T: Copy>(rng: &mut ChaCha8Rng, opties: &[(T, u32)]) -> T {
    let totaal: u32 = opties.iter().map(|o| o.1).sum();
    let mut r = rng.gen_range(0..totaal);
    for (v, w) in opties {
        if r < *w {
            return *v;
        }
        r -= w;
    }
    opties[opties.len() - 1].0
}

pub(crate) fn peildatum(jaar: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(jaar + 1, 3, 31).unwrap_or(NaiveDate::MAX)
}

impl<'a> Sim<'a> {
    fn nieuwe_controle(
        &mut self,
        object: usize,
        datum: NaiveDate,
        controletype: &'static str,
    ) -> usize {
        let n = self.controles.len() + 1;
        let taak = kies(
            &mut self.rng,
            &[("basistaak", 60), ("plustaak", 25), ("eigen_taak", 15)],
        );
        self.controles.push(NieuweControle {
            id: format!("C{}-{n:06}", datum.year()),
            object,
            datum,
            controletype,
            taak,
            resultaat: "nageleefd",
        });
        self.controles.len() - 1
    }

    /// A violation at controle `c`, classified the way parties really record it.
    fn nieuwe_overtreding(&mut self, c: usize, ernst_min: usize) -> usize {
        let datum = self.controles[c].datum;
        self.controles[c].resultaat = "overtreden";
        let gevolg = self.rng.gen_range(1..=4).max(ernst_min as i32);
        let gedrag =
            ['A', 'B', 'C', 'D'][kies(&mut self.rng, &[(0usize, 50), (1, 30), (2, 15), (3, 5)])];
        let ernst_matrix = match (gevolg, gedrag) {
            (1, 'A') | (1, 'B') | (2, 'A') => "licht",
            (1, 'C') | (2, 'B') | (2, 'C') | (3, 'A') | (3, 'B') => "middelzwaar",
            _ => "zwaar",
        };
        // How this party recorded the classification.
        let wijze = kies(
            &mut self.rng,
            &[("ernst", 50), ("assen", 30), ("beide", 5), ("niets", 15)],
        );
        let (mut gv, mut gd, mut ernst) = (String::new(), String::new(), String::new());
        match wijze {
            "ernst" => ernst = ernst_matrix.into(),
            "assen" => {
                gv = gevolg.to_string();
                gd = gedrag.to_string();
            }
            "beide" => {
                gv = gevolg.to_string();
                gd = gedrag.to_string();
                ernst = ernst_matrix.into();
            }
            _ => {}
        }
        let strategie = if self.oude_lhs {
            // Old LHS (2014): gevolg as letter, gedrag as digit.
            std::mem::swap(&mut gv, &mut gd);
            "LHS"
        } else {
            kies(
                &mut self.rng,
                &[("LHSO", 85), ("LBR", 5), ("anders", 3), ("", 7)],
            )
        };
        let n = self.overtredingen.len() + 1;
        let hersteld = self
            .rng
            .gen_bool(0.6)
            .then(|| datum + Duration::days(self.rng.gen_range(10..200)));
        self.overtredingen.push(Overtreding {
            id: format!("OV{}-{n:06}", datum.year()),
            controle: c,
            datum,
            strategie,
            gevolg: gv,
            gedrag: gd,
            ernst,
            indicatie: String::new(),
            reden: String::new(),
            hersteldatum: hersteld,
        });
        self.overtredingen.len() - 1
    }

    fn nieuwe_maatregel(
        &mut self,
        o: usize,
        instrument: &'static str,
        opleggen: NaiveDate,
    ) -> usize {
        let n = self.maatregelen.len() + 1;
        let (afronding, status, bedrag) = match instrument {
            "last_onder_dwangsom" => {
                let s = kies(
                    &mut self.rng,
                    &[
                        ("opgelegd", 30),
                        ("uitgevoerd", 40),
                        ("uitgewerkt", 20),
                        ("ingetrokken", 10),
                    ],
                );
                let af = (s != "opgelegd")
                    .then(|| opleggen + Duration::days(self.rng.gen_range(20..150)));
                (af, s, Some(f64::from(self.rng.gen_range(1..40) * 500)))
            }
            "bestuurlijke_boete" => (
                Some(opleggen + Duration::days(self.rng.gen_range(20..90))),
                "uitgevoerd",
                Some(f64::from(self.rng.gen_range(2..60) * 250)),
            ),
            "last_onder_bestuursdwang" | "bevel_stillegging" => {
                let s = kies(&mut self.rng, &[("in_uitvoering", 40), ("uitgevoerd", 60)]);
                let af = (s == "uitgevoerd")
                    .then(|| opleggen + Duration::days(self.rng.gen_range(10..90)));
                (af, s, None)
            }
            _ => (
                Some(opleggen + Duration::days(self.rng.gen_range(0..30))),
                "uitgevoerd",
                None,
            ),
        };
        self.maatregelen.push(NieuweMaatregel {
            id: format!("M{}-{n:06}", opleggen.year()),
            overtreding: o,
            instrument,
            opleggen,
            afronding,
            status,
            bedrag,
        });
        self.maatregelen.len() - 1
    }

    fn ernst_van(&self, o: usize) -> &'static str {
        let ov = &self.overtredingen[o];
        let (gv, gd) = if self.oude_lhs {
            (&ov.gedrag, &ov.gevolg)
        } else {
            (&ov.gevolg, &ov.gedrag)
        };
        match (ov.ernst.as_str(), gv.as_str(), gd.as_str()) {
            ("licht", ..) => "licht",
            ("middelzwaar", ..) => "middelzwaar",
            ("zwaar", ..) => "zwaar",
            (_, "1", "A" | "B") | (_, "2", "A") => "licht",
            (_, "1", "C") | (_, "2", "B" | "C") | (_, "3", "A" | "B") => "middelzwaar",
            (_, "", _) | (_, _, "") => "onbekend",
            _ => "zwaar",
        }
    }

    /// Follow-up as enforcement practice looks: informal for light cases, a
    /// herstelsanctie for serious ones, sometimes nothing recorded at all.
    fn opvolging(&mut self, o: usize) {
        let datum = self.overtredingen[o].datum;
        let ernst = self.ernst_van(o);
        let plan: &[(&'static str, u32)] = match ernst {
            "licht" => &[
                ("informeren", 45),
                ("waarschuwing", 25),
                ("-niet", 15),
                ("-geen", 15),
            ],
            "middelzwaar" => &[
                ("waarschuwing", 45),
                ("last_onder_dwangsom", 25),
                ("bestuurlijk_gesprek", 10),
                ("-niet", 8),
                ("-geen", 12),
            ],
            "zwaar" => &[
                ("last_onder_dwangsom", 35),
                ("last_onder_bestuursdwang", 15),
                ("bestuurlijke_boete", 10),
                ("proces_verbaal", 10),
                ("bevel_stillegging", 5),
                ("waarschuwing", 10),
                ("-geen", 15),
            ],
            _ => &[
                ("waarschuwing", 40),
                ("informeren", 20),
                ("last_onder_dwangsom", 10),
                ("-geen", 30),
            ],
        };
        let keuze = kies(&mut self.rng, plan);
        match keuze {
            "-niet" => {
                self.overtredingen[o].indicatie = "false".into();
                self.overtredingen[o].reden = kies(
                    &mut self.rng,
                    &[
                        ("overtreding direct beëindigd", 50),
                        ("geen belang bij handhaving", 30),
                        ("legalisering in behandeling", 20),
                    ],
                )
                .into();
            }
            "-geen" => {
                if self.rng.gen_bool(0.5) {
                    self.overtredingen[o].indicatie = "true".into();
                }
            }
            instrument => {
                let d = datum + Duration::days(self.rng.gen_range(2..75));
                self.nieuwe_maatregel(o, instrument, d);
                if instrument == "waarschuwing" && ernst != "licht" && self.rng.gen_bool(0.3) {
                    let d2 = d + Duration::days(self.rng.gen_range(30..120));
                    self.nieuwe_maatregel(o, "last_onder_dwangsom", d2);
                }
            }
        }
        // Hercontrole at the same object, sometimes within 90 days, sometimes later.
        if ernst != "licht" && self.rng.gen_bool(0.65) {
            let object = self.controles[self.overtredingen[o].controle].object;
            let na = self.rng.gen_range(14..150);
            let c = self.nieuwe_controle(object, datum + Duration::days(na), "hercontrole");
            if self.rng.gen_bool(0.2) {
                // Repeated violation: enforcement escalates (or, sometimes, does not).
                let o2 = self.nieuwe_overtreding(c, 3);
                let instrument = kies(
                    &mut self.rng,
                    &[
                        ("last_onder_bestuursdwang", 40),
                        ("bestuurlijke_boete", 25),
                        ("last_onder_dwangsom", 20),
                        ("waarschuwing", 15),
                    ],
                );
                let d = self.controles[c].datum + Duration::days(self.rng.gen_range(3..40));
                self.nieuwe_maatregel(o2, instrument, d);
            }
        }
    }

    /// A year's controles on random days and objects, in date order, each with
    /// its overtredingen and their follow-up, or a result without one.
    fn jaar(&mut self, jaar: i32, aantal: usize) {
        let begin = NaiveDate::from_ymd_opt(jaar, 1, 1).unwrap_or_default();
        let dagen = if NaiveDate::from_ymd_opt(jaar, 2, 29).is_some() {
            366
        } else {
            365
        };
        let mut ordered: Vec<(NaiveDate, usize)> = (0..aantal)
            .map(|_| {
                (
                    begin + Duration::days(self.rng.gen_range(0..dagen)),
                    self.rng.gen_range(0..self.objecten.len()),
                )
            })
            .collect();
        ordered.sort();
        for (datum, object) in ordered {
            let t = kies(&mut self.rng, &TYPES);
            let c = self.nieuwe_controle(object, datum, t);
            if self.rng.gen_bool(0.17) {
                let aantal = if self.rng.gen_bool(0.1) { 2 } else { 1 };
                for _ in 0..aantal {
                    let o = self.nieuwe_overtreding(c, 1);
                    self.opvolging(o);
                }
            } else {
                self.controles[c].resultaat = kies(
                    &mut self.rng,
                    &[
                        ("nageleefd", 85),
                        ("akkoord_na_aanwijzing", 8),
                        ("nader_onderzoek", 4),
                        ("niet_van_toepassing", 3),
                    ],
                );
            }
        }
    }

    /// A few inconsistent results, a known data-quality signal (T5).
    fn inconsistent(&mut self) {
        let n = self.controles.len();
        for k in (0..n).step_by(97) {
            if self.controles[k].resultaat == "nageleefd" {
                self.controles[k].resultaat = "overtreden";
            }
        }
    }

    /// The measures as delivered (the year whose peildatum first covers them), for
    /// the OM's cases.
    fn geleverde_maatregelen(&self, jaren: &[i32], laatste: i32) -> Vec<strafzaken::PvMaatregel> {
        self.maatregelen
            .iter()
            .filter(|m| {
                let ov = &self.overtredingen[m.overtreding];
                let controlejaar = self.controles[ov.controle].datum.year();
                (controlejaar..=laatste)
                    .find(|j| m.opleggen <= peildatum(*j))
                    .is_some_and(|j| jaren.contains(&j))
            })
            .map(|m| strafzaken::PvMaatregel {
                partij: self.partij.to_string(),
                maatregel_id: m.id.clone(),
                proces_verbaal: m.instrument == "proces_verbaal",
                opleggen: m.opleggen,
            })
            .collect()
    }
}

fn partij_objecten(
    rng: &mut ChaCha8Rng,
    code: &str,
    n: usize,
    referentie: &Referentie,
) -> Result<Vec<Object>> {
    let soort = referentie.partijsoort(code).ok_or_else(|| Error::Config {
        path: "generate".into(),
        message: format!("unknown party {code}"),
    })?;
    let gemeenten: Vec<String> = match soort {
        Partijsoort::Omgevingsdienst => referentie
            .gemeenten
            .values()
            .filter(|g| g.omgevingsdienst_code == code)
            .map(|g| g.gemeente_code.clone())
            .collect(),
        Partijsoort::Gemeente => vec![code.to_string()],
        Partijsoort::Provincie => referentie
            .gemeenten
            .values()
            .filter(|g| g.provincie_code == code)
            .map(|g| g.gemeente_code.clone())
            .collect(),
        _ => referentie.gemeenten.keys().cloned().collect(),
    };
    let provincie = |g: &str| {
        referentie
            .gemeenten
            .get(g)
            .map(|x| x.provincie_code.clone())
            .unwrap_or_default()
    };
    Ok((0..n)
        .map(|k| {
            let gemeente = gemeenten.choose(rng).cloned().unwrap_or_default();
            let brzo = rng.gen_bool(0.04);
            let bevoegd_gezag = match soort {
                Partijsoort::Omgevingsdienst if brzo || rng.gen_bool(0.12) => provincie(&gemeente),
                Partijsoort::Omgevingsdienst | Partijsoort::Gemeente => gemeente.clone(),
                Partijsoort::Provincie => code.to_string(),
                _ => code.to_string(),
            };
            Object {
                id: format!("OBJ-{k:05}"),
                gemeente,
                bevoegd_gezag,
                brzo,
            }
        })
        .collect())
}

fn seed_for(seed: u64, code: &str) -> u64 {
    code.bytes()
        .fold(seed ^ 0x9E37_79B9_7F4A_7C15, |h, b| {
            h.rotate_left(7) ^ u64::from(b)
        })
        .wrapping_mul(0x100_0000_01B3)
}

/// Write a sample batch to `output` (`<jaar>/<partij>/<tabel>.csv`).
pub fn genereer(
    opties: &GenerateOpties,
    partijen: &[Generatiepartij],
    referentie: &Referentie,
    profielen: &Profielen,
    mappings: &Mappings,
    output: &Path,
) -> Result<BTreeMap<String, usize>> {
    let mut tellingen = BTreeMap::new();
    let laatste = opties.jaren.iter().max().copied().unwrap_or_default();
    let mut voor_om: Vec<strafzaken::PvMaatregel> = Vec::new();
    for p in partijen {
        let mut rng = ChaCha8Rng::seed_from_u64(seed_for(opties.seed, &p.code));
        let per_jaar = ((p.controles_per_jaar as f64) * opties.schaal)
            .round()
            .max(1.0) as usize;
        let objecten = partij_objecten(&mut rng, &p.code, (per_jaar / 3).max(5), referentie)?;
        let mut sim = Sim {
            rng,
            partij: &p.code,
            objecten,
            controles: vec![],
            overtredingen: vec![],
            maatregelen: vec![],
            oude_lhs: p.code == "rud-zeeland",
        };
        for &jaar in &opties.jaren {
            sim.jaar(jaar, per_jaar);
        }
        if p.code == partijen[0].code {
            randgevallen(&mut sim, opties.jaren[0]);
        }
        sim.inconsistent();
        voor_om.extend(sim.geleverde_maatregelen(&opties.jaren, laatste));
        let schrijver = Schrijver::new(&p.code, profielen.get(&p.code), mappings, p.tekst);
        let od = referentie.partijsoort(&p.code) == Some(Partijsoort::Omgevingsdienst);
        let geschreven = write_party(
            &sim,
            &opties.jaren,
            output,
            &schrijver,
            od.then_some(referentie),
        )?;
        tellingen.insert(p.code.clone(), geschreven);
    }
    let om = strafzaken::write(
        seed_for(opties.seed, "OM"),
        &voor_om,
        &opties.jaren,
        output,
        mappings,
    )?;
    tellingen.insert("OM".into(), om);
    let ienw = stelsel::schrijf_ienw(&opties.jaren, output, mappings, referentie)?;
    tellingen.insert("IenW".into(), ienw);
    Ok(tellingen)
}

/// The edge cases of the indicator catalogue, placed deliberately.
fn randgevallen(sim: &mut Sim, jaar: i32) {
    let d = |m: u32, dag: u32| NaiveDate::from_ymd_opt(jaar, m, dag).unwrap_or_default();
    let object = |sim: &mut Sim, naam: &str| {
        sim.objecten.push(Object {
            id: format!("OBJ-RAND-{naam}"),
            gemeente: sim.objecten[0].gemeente.clone(),
            bevoegd_gezag: sim.objecten[0].bevoegd_gezag.clone(),
            brzo: false,
        });
        sim.objecten.len() - 1
    };
    // Hercontrole exactly on day 90 (counts) and on day 91 (does not).
    for (naam, na) in [("H90", 90), ("H91", 91)] {
        let o_obj = object(sim, naam);
        let c = sim.nieuwe_controle(o_obj, d(3, 2), "periodieke_controle");
        let o = sim.nieuwe_overtreding(c, 3);
        sim.overtredingen[o].ernst = "zwaar".into();
        sim.nieuwe_maatregel(o, "last_onder_dwangsom", d(3, 9));
        sim.nieuwe_controle(o_obj, d(3, 2) + Duration::days(na), "hercontrole");
    }
    // Overlapping last onder dwangsom and last onder bestuursdwang.
    let o_obj = object(sim, "OVERLAP");
    let c = sim.nieuwe_controle(o_obj, d(4, 1), "periodieke_controle");
    let o = sim.nieuwe_overtreding(c, 4);
    sim.overtredingen[o].ernst = "zwaar".into();
    let m1 = sim.nieuwe_maatregel(o, "last_onder_dwangsom", d(4, 8));
    sim.maatregelen[m1].afronding = Some(d(6, 30));
    sim.maatregelen[m1].status = "uitgewerkt";
    let m2 = sim.nieuwe_maatregel(o, "last_onder_bestuursdwang", d(5, 15));
    sim.maatregelen[m2].afronding = None;
    sim.maatregelen[m2].status = "in_uitvoering";
    // A bestuurlijke boete together with a proces-verbaal.
    let o_obj = object(sim, "BOETE-PV");
    let c = sim.nieuwe_controle(o_obj, d(5, 4), "themacontrole");
    let o = sim.nieuwe_overtreding(c, 4);
    sim.overtredingen[o].ernst = "zwaar".into();
    sim.nieuwe_maatregel(o, "bestuurlijke_boete", d(5, 20));
    sim.nieuwe_maatregel(o, "proces_verbaal", d(5, 6));
    // Escalation after a repeated violation at one object.
    let o_obj = object(sim, "ESCALATIE");
    let c = sim.nieuwe_controle(o_obj, d(2, 3), "periodieke_controle");
    let o = sim.nieuwe_overtreding(c, 2);
    sim.overtredingen[o].ernst = "middelzwaar".into();
    sim.nieuwe_maatregel(o, "waarschuwing", d(2, 10));
    let c = sim.nieuwe_controle(o_obj, d(3, 20), "hercontrole");
    let o = sim.nieuwe_overtreding(c, 3);
    sim.overtredingen[o].ernst = "zwaar".into();
    sim.nieuwe_maatregel(o, "last_onder_bestuursdwang", d(3, 27));
}

fn datum(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn write_party(
    sim: &Sim,
    jaren: &[i32],
    output: &Path,
    schrijver: &Schrijver,
    organisatie: Option<&Referentie>,
) -> Result<usize> {
    let eerste = *jaren.iter().min().unwrap_or(&0);
    let mut totaal = 0;
    for (jaar, mut tabellen) in per_jaar(sim, jaren) {
        if sim.partij == "odh" && jaar == eerste {
            vervuil(&mut tabellen, jaar);
        }
        if sim.partij == "omwb" && jaar == eerste {
            lokale_codes(&mut tabellen);
        }
        let soorten = [
            Tabel::Controles,
            Tabel::Overtredingen,
            Tabel::Handhavingsmaatregelen,
        ];
        let mut inhoud: Vec<Tabelinhoud> = soorten
            .into_iter()
            .zip(KOPPEN)
            .zip(tabellen)
            .map(|((tabel, kop), rijen)| Tabelinhoud { tabel, kop, rijen })
            .collect();
        if let Some(referentie) = organisatie {
            inhoud.extend(stelseltabellen(sim.partij, jaren, jaar, referentie));
        }
        totaal += inhoud.iter().map(|t| t.rijen.len()).sum::<usize>();
        let dir = output.join(jaar.to_string()).join(sim.partij);
        schrijver.schrijf(&dir, &inhoud)?;
    }
    Ok(totaal)
}

/// The headers of controles.csv, overtredingen.csv and handhavingsmaatregelen.csv.
const KOPPEN: [&[&str]; 3] = [
    &[
        "controle_id",
        "object_id",
        "bevoegd_gezag",
        "gemeente_code",
        "controledatum",
        "controletype",
        "taak",
        "brzo",
        "resultaat",
    ],
    &[
        "overtreding_id",
        "controle_id",
        "overtredingsdatum",
        "handhavingsstrategie",
        "gevolg",
        "gedrag",
        "ernst",
        "indicatie_handhaving",
        "reden_geen_handhaving",
        "hersteldatum",
    ],
    &[
        "maatregel_id",
        "overtreding_id",
        "handhavingsinstrument",
        "datum_opleggen",
        "datum_afronding",
        "status",
        "bedrag_eur",
    ],
];

/// A service's organisatie.csv and implementatie.csv of one year.
fn stelseltabellen(
    partij: &str,
    jaren: &[i32],
    jaar: i32,
    referentie: &Referentie,
) -> [Tabelinhoud<'static>; 2] {
    let k = jaren.iter().position(|j| *j == jaar).unwrap_or(0);
    let gemeenten = referentie
        .gemeenten
        .values()
        .filter(|g| g.omgevingsdienst_code == partij)
        .count();
    [
        Tabelinhoud {
            tabel: Tabel::Organisatie,
            kop: &ORGANISATIE_KOP,
            rijen: vec![organisatie_rij(partij, k, jaar, referentie)],
        },
        Tabelinhoud {
            tabel: Tabel::Implementatie,
            kop: &stelsel::IMPLEMENTATIE_KOP,
            rijen: stelsel::implementatie_rijen(partij, jaar, gemeenten),
        },
    ]
}

/// The rows of the three tables per delivery year: a controle and its overtredingen
/// in the controle's year; a maatregel in the first delivery whose peildatum it
/// precedes.
fn per_jaar(sim: &Sim, jaren: &[i32]) -> BTreeMap<i32, [Vec<Vec<String>>; 3]> {
    let laatste = *jaren.iter().max().unwrap_or(&0);
    let mut per_jaar: BTreeMap<i32, [Vec<Vec<String>>; 3]> =
        jaren.iter().map(|&j| (j, Default::default())).collect();
    for c in &sim.controles {
        if let Some(t) = per_jaar.get_mut(&c.datum.year()) {
            t[0].push(controle_rij(sim, c));
        }
    }
    for ov in &sim.overtredingen {
        let jaar = sim.controles[ov.controle].datum.year();
        if let Some(t) = per_jaar.get_mut(&jaar) {
            t[1].push(overtreding_rij(sim, ov, jaar));
        }
    }
    for m in &sim.maatregelen {
        let ov = &sim.overtredingen[m.overtreding];
        let controlejaar = sim.controles[ov.controle].datum.year();
        // With its controle's year when it was known at that peildatum; otherwise in
        // the first later delivery whose peildatum covers it (or not yet delivered).
        let Some(jaar) = (controlejaar..=laatste).find(|j| m.opleggen <= peildatum(*j)) else {
            continue;
        };
        if let Some(t) = per_jaar.get_mut(&jaar) {
            t[2].push(maatregel_rij(ov, m, jaar));
        }
    }
    per_jaar
}

fn controle_rij(sim: &Sim, c: &NieuweControle) -> Vec<String> {
    let o = &sim.objecten[c.object];
    vec![
        c.id.clone(),
        o.id.clone(),
        o.bevoegd_gezag.clone(),
        o.gemeente.clone(),
        c.datum.to_string(),
        c.controletype.into(),
        c.taak.into(),
        o.brzo.to_string(),
        c.resultaat.into(),
    ]
}

/// An overtreding as delivered for `jaar`: its hersteldatum only when known at
/// that peildatum.
fn overtreding_rij(sim: &Sim, ov: &Overtreding, jaar: i32) -> Vec<String> {
    let hersteld = ov.hersteldatum.filter(|h| *h <= peildatum(jaar));
    vec![
        ov.id.clone(),
        sim.controles[ov.controle].id.clone(),
        ov.datum.to_string(),
        ov.strategie.into(),
        ov.gevolg.clone(),
        ov.gedrag.clone(),
        ov.ernst.clone(),
        ov.indicatie.clone(),
        ov.reden.clone(),
        datum(hersteld),
    ]
}

/// A maatregel as delivered for `jaar`: finished only when that was known at the
/// peildatum, otherwise still in_uitvoering.
fn maatregel_rij(ov: &Overtreding, m: &NieuweMaatregel, jaar: i32) -> Vec<String> {
    let afronding = m.afronding.filter(|a| *a <= peildatum(jaar));
    let status = if afronding.is_none() && m.afronding.is_some() {
        "in_uitvoering"
    } else {
        m.status
    };
    vec![
        m.id.clone(),
        ov.id.clone(),
        m.instrument.into(),
        m.opleggen.to_string(),
        datum(afronding),
        status.into(),
        m.bedrag.map(|b| format!("{b:.2}")).unwrap_or_default(),
    ]
}

/// Local codes that no mapping table covers yet (omwb has no profile): they must
/// end in quarantine with their raw value and in the `vth unmapped` listing.
fn lokale_codes(t: &mut [Vec<Vec<String>>; 3]) {
    for r in t[2].iter_mut().filter(|r| r[2] == "waarschuwing").take(3) {
        r[2] = "Vooraankondiging".into();
    }
    for r in t[0]
        .iter_mut()
        .filter(|r| r[5] == "periodieke_controle")
        .take(2)
    {
        r[5] = "steekproef".into();
    }
}

/// Deliberate contract violations in one delivery: an orphan overtreding,
/// duplicate ids (identical and conflicting), a controle outside its year.
fn vervuil(t: &mut [Vec<Vec<String>>; 3], jaar: i32) {
    if let Some(eerste) = t[0].first().cloned() {
        t[0].insert(3, eerste);
    }
    if let Some(mut c) = t[0].get(10).cloned() {
        c[0] = format!("C{jaar}-BUITENJAAR");
        c[4] = format!("{}-12-15", jaar - 1);
        t[0].push(c);
    }
    if let Some(mut o) = t[1].first().cloned() {
        o[0] = format!("OV{jaar}-WEES");
        o[1] = format!("C{jaar}-BESTAATNIET");
        t[1].push(o);
    }
    if let Some(mut o) = t[1].get(5).cloned() {
        o[6] = if o[6] == "zwaar" {
            "licht".into()
        } else {
            "zwaar".into()
        };
        o[4].clear();
        o[5].clear();
        t[1].push(o);
    }
}

const ORGANISATIE_KOP: [&str; 16] = [
    "jaar",
    "vth_uren_werkprogramma",
    "fte_totaal",
    "fte_eigen_dienst",
    "voldoet_kc_basistaken",
    "voldoet_kc_plustaken",
    "innovatieagenda",
    "innovatiebudget_eur",
    "begroting_eur",
    "weerstandsvermogen_eur",
    "benodigd_weerstandsvermogen_eur",
    "informatiegestuurd",
    "werkgebied_coherent",
    "gemeenten_basistaken_volledig",
    "modelmandaat_vastgesteld",
    "laatste_visitatie",
];

/// organisatie.csv of year number `k`: odh robust, odru not, the others with
/// missing inputs.
fn organisatie_rij(code: &str, k: usize, jaar: i32, referentie: &Referentie) -> Vec<String> {
    let aantal = referentie
        .gemeenten
        .values()
        .filter(|g| g.omgevingsdienst_code == code)
        .count();
    match code {
        "odh" => vec![
            jaar.to_string(),
            "310000".into(),
            "412.5".into(),
            "371.0".into(),
            "true".into(),
            "true".into(),
            "true".into(),
            "850000".into(),
            "61000000".into(),
            "4200000".into(),
            "3500000".into(),
            "true".into(),
            "true".into(),
            aantal.to_string(),
            "true".into(),
            "2023-05-17".into(),
        ],
        "odru" => vec![
            jaar.to_string(),
            "240000".into(),
            "300.0".into(),
            (if k == 0 { "198.0" } else { "232.0" }).into(),
            "true".into(),
            (if k == 0 { "false" } else { "true" }).into(),
            "true".into(),
            "0".into(),
            "44000000".into(),
            "900000".into(),
            "2100000".into(),
            "true".into(),
            "true".into(),
            aantal.saturating_sub(3).to_string(),
            "false".into(),
            "2019-11-04".into(),
        ],
        _ => vec![
            jaar.to_string(),
            "150000".into(),
            "".into(),
            "160.0".into(),
            "true".into(),
            "".into(),
            "true".into(),
            "120000".into(),
            "27000000".into(),
            "".into(),
            "1500000".into(),
            "true".into(),
            "".into(),
            aantal.saturating_sub(1).to_string(),
            "true".into(),
            "".into(),
        ],
    }
}
