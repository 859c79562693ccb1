//! Robustness of the omgevingsdiensten, R1–R6 and R, and the stelsel conditions
//! S1–S3 (`spec/indicators.md`), per omgevingsdienst and year from `organisatie.csv`:
//! the rows of `robuustheid.parquet`. Thresholds come from the configuration with
//! their source. A missing input makes a criterion `onbekend`, never `nee`.

use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::config::{Drempel, Robuustheid};
use crate::model::Organisatie;
use crate::reference::Referentie;

/// Three-valued outcome of a criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Voldoet {
    Ja,
    Nee,
    Onbekend,
}

impl Voldoet {
    pub fn code(self) -> &'static str {
        match self {
            Voldoet::Ja => "ja",
            Voldoet::Nee => "nee",
            Voldoet::Onbekend => "onbekend",
        }
    }

    pub fn from_code(s: &str) -> Option<Voldoet> {
        [Voldoet::Ja, Voldoet::Nee, Voldoet::Onbekend]
            .into_iter()
            .find(|v| v.code() == s)
    }

    fn van(b: Option<bool>) -> Voldoet {
        match b {
            Some(true) => Voldoet::Ja,
            Some(false) => Voldoet::Nee,
            None => Voldoet::Onbekend,
        }
    }

    /// All must hold: any `nee` is `nee`; otherwise any `onbekend` is `onbekend`.
    pub fn en(delen: impl IntoIterator<Item = Voldoet>) -> Voldoet {
        delen
            .into_iter()
            .fold(Voldoet::Ja, |acc, v| match (acc, v) {
                (Voldoet::Nee, _) | (_, Voldoet::Nee) => Voldoet::Nee,
                (Voldoet::Onbekend, _) | (_, Voldoet::Onbekend) => Voldoet::Onbekend,
                _ => Voldoet::Ja,
            })
    }
}

/// One row of `robuustheid.parquet`: a criterion, or one part (`onderdeel`) of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RobuustheidRij {
    pub omgevingsdienst: String,
    pub jaar: i32,
    pub criterium_id: &'static str,
    pub criterium: &'static str,
    /// The part of a criterion with several conditions; `None` for the criterion.
    pub onderdeel: Option<&'static str>,
    pub waarde: Option<f64>,
    pub drempel: Option<f64>,
    /// How waarde is compared with drempel: `>=`, `>`, `<=`, `ja`.
    pub vergelijking: Option<&'static str>,
    pub eenheid: Option<&'static str>,
    pub voldoet: Voldoet,
    pub drempel_bron: Option<String>,
    /// What is missing, or how the value was formed.
    pub toelichting: Option<String>,
}

pub const CRITERIA: &[(&str, &str)] = &[
    ("R1", "omvang"),
    ("R2", "kwaliteitscriteria"),
    ("R3", "innovatie"),
    ("R4", "weerstandsvermogen"),
    ("R5", "informatiegestuurd"),
    ("R6", "coherent_werkgebied"),
    ("R", "robuust"),
    ("S1", "basistakenpakket_volledig_pct"),
    ("S2", "visitatie_actueel"),
    ("S3", "modelmandaat"),
];

fn naam(id: &str) -> &'static str {
    CRITERIA
        .iter()
        .find(|(i, _)| *i == id)
        .map_or("", |(_, n)| n)
}

struct Bouw<'a> {
    od: &'a str,
    jaar: i32,
    rijen: Vec<RobuustheidRij>,
}

impl Bouw<'_> {
    fn rij(
        &mut self,
        id: &'static str,
        onderdeel: Option<&'static str>,
        voldoet: Voldoet,
    ) -> &mut RobuustheidRij {
        self.rijen.push(RobuustheidRij {
            omgevingsdienst: self.od.to_string(),
            jaar: self.jaar,
            criterium_id: id,
            criterium: naam(id),
            onderdeel,
            waarde: None,
            drempel: None,
            vergelijking: None,
            eenheid: None,
            voldoet,
            drempel_bron: None,
            toelichting: None,
        });
        let n = self.rijen.len() - 1;
        &mut self.rijen[n]
    }

    /// A yes/no input as a part or a criterion.
    fn janee(
        &mut self,
        id: &'static str,
        onderdeel: Option<&'static str>,
        kolom: &str,
        v: Option<bool>,
    ) -> Voldoet {
        let voldoet = Voldoet::van(v);
        let r = self.rij(id, onderdeel, voldoet);
        r.waarde = v.map(|b| if b { 1.0 } else { 0.0 });
        r.vergelijking = Some("ja");
        if v.is_none() {
            r.toelichting = Some(format!("{kolom} ontbreekt in organisatie.csv"));
        }
        voldoet
    }

    /// waarde `op` drempel, unknown when the value is.
    fn drempel(
        &mut self,
        id: &'static str,
        onderdeel: Option<&'static str>,
        waarde: Option<f64>,
        d: &Drempel,
        op: &'static str,
        eenheid: &'static str,
        ontbreekt: &str,
    ) -> Voldoet {
        let voldoet = match waarde {
            None => Voldoet::Onbekend,
            Some(w) => Voldoet::van(Some(match op {
                ">=" => w >= d.waarde,
                ">" => w > d.waarde,
                _ => w <= d.waarde,
            })),
        };
        let r = self.rij(id, onderdeel, voldoet);
        r.waarde = waarde;
        r.drempel = Some(d.waarde);
        r.vergelijking = Some(op);
        r.eenheid = Some(eenheid);
        r.drempel_bron = Some(d.bron.clone());
        if waarde.is_none() {
            r.toelichting = Some(ontbreekt.to_string());
        }
        voldoet
    }

    /// The criterion row that combines its parts.
    fn samen(&mut self, id: &'static str, delen: &[Voldoet]) -> Voldoet {
        let v = Voldoet::en(delen.iter().copied());
        self.rij(id, None, v);
        v
    }
}

/// "a en b ontbreekt in organisatie.csv" for the inputs that are missing.
fn ontbrekend(kolommen: &[(bool, &str)]) -> String {
    kolommen
        .iter()
        .filter(|(mist, _)| *mist)
        .map(|(_, k)| *k)
        .collect::<Vec<_>>()
        .join(" en ")
        + " ontbreekt in organisatie.csv"
}

/// The criteria of one omgevingsdienst in one year; `None` when it delivered no
/// (accepted) organisatie.csv: every criterion is then `onbekend`.
pub fn criteria(
    od: &str,
    jaar: i32,
    org: Option<&Organisatie>,
    drempels: &Robuustheid,
    gemeenten: usize,
    peildatum: NaiveDate,
) -> Vec<RobuustheidRij> {
    let mut b = Bouw {
        od,
        jaar,
        rijen: Vec::new(),
    };
    let Some(o) = org else {
        for (id, _) in CRITERIA {
            let r = b.rij(id, None, Voldoet::Onbekend);
            r.toelichting = Some(format!("geen organisatie.csv over {jaar} ontvangen"));
        }
        return b.rijen;
    };

    // R1: work programme and share of own staff.
    let uren = b.drempel(
        "R1",
        Some("vth_uren_werkprogramma"),
        o.vth_uren_werkprogramma.map(|u| u as f64),
        &drempels.vth_uren,
        ">=",
        "uren",
        "vth_uren_werkprogramma ontbreekt in organisatie.csv",
    );
    let (aandeel, ontbreekt) = match (o.fte_eigen_dienst, o.fte_totaal) {
        (Some(e), Some(t)) if t > 0.0 => (Some(e / t), String::new()),
        (Some(_), Some(_)) => (
            None,
            "fte_totaal is 0: het aandeel is niet te bepalen".into(),
        ),
        (e, t) => (
            None,
            ontbrekend(&[
                (e.is_none(), "fte_eigen_dienst"),
                (t.is_none(), "fte_totaal"),
            ]),
        ),
    };
    let eigen = b.drempel(
        "R1",
        Some("aandeel_eigen_dienst"),
        aandeel,
        &drempels.aandeel_eigen_dienst,
        ">=",
        "aandeel",
        &ontbreekt,
    );
    let r1 = b.samen("R1", &[uren, eigen]);

    // R2: kwaliteitscriteria for basistaken and plustaken.
    let kb = b.janee(
        "R2",
        Some("voldoet_kc_basistaken"),
        "voldoet_kc_basistaken",
        o.voldoet_kc_basistaken,
    );
    let kp = b.janee(
        "R2",
        Some("voldoet_kc_plustaken"),
        "voldoet_kc_plustaken",
        o.voldoet_kc_plustaken,
    );
    let r2 = b.samen("R2", &[kb, kp]);

    // R3: an innovation agenda with a budget.
    let agenda = b.janee(
        "R3",
        Some("innovatieagenda"),
        "innovatieagenda",
        o.innovatieagenda,
    );
    let nul = Drempel {
        waarde: 0.0,
        bron: "spec/indicators.md R3: innovatiebudget groter dan 0".into(),
    };
    let budget = b.drempel(
        "R3",
        Some("innovatiebudget_eur"),
        o.innovatiebudget_eur,
        &nul,
        ">",
        "euro",
        "innovatiebudget_eur ontbreekt in organisatie.csv",
    );
    let r3 = b.samen("R3", &[agenda, budget]);

    // R4: buffers against risks. When nothing is needed, any buffer is enough.
    let r4 = match (o.weerstandsvermogen_eur, o.benodigd_weerstandsvermogen_eur) {
        (Some(w), Some(n)) if n <= 0.0 && w >= 0.0 => {
            let d = &drempels.weerstandsratio;
            let r = b.rij("R4", None, Voldoet::Ja);
            r.drempel = Some(d.waarde);
            r.vergelijking = Some(">=");
            r.eenheid = Some("ratio");
            r.drempel_bron = Some(d.bron.clone());
            r.toelichting = Some("benodigd weerstandsvermogen is 0: elke buffer volstaat".into());
            Voldoet::Ja
        }
        (w, n) => {
            let (ratio, ontbreekt) = match (w, n) {
                (Some(w), Some(n)) if n > 0.0 => (Some(w / n), String::new()),
                (Some(_), Some(_)) => (None, "negatief weerstandsvermogen".to_string()),
                _ => (
                    None,
                    ontbrekend(&[
                        (w.is_none(), "weerstandsvermogen_eur"),
                        (n.is_none(), "benodigd_weerstandsvermogen_eur"),
                    ]),
                ),
            };
            b.drempel(
                "R4",
                None,
                ratio,
                &drempels.weerstandsratio,
                ">=",
                "ratio",
                &ontbreekt,
            )
        }
    };

    let r5 = b.janee("R5", None, "informatiegestuurd", o.informatiegestuurd);
    let r6 = b.janee("R6", None, "werkgebied_coherent", o.werkgebied_coherent);
    let robuust = Voldoet::en([r1, r2, r3, r4, r5, r6]);
    let r = b.rij("R", None, robuust);
    r.toelichting =
        Some("ja als R1–R6 alle ja zijn; nee als er één nee is; anders onbekend".into());

    // S1: municipalities that brought in the full basistakenpakket.
    let s1 = o
        .gemeenten_basistaken_volledig
        .filter(|_| gemeenten > 0)
        .map(|n| 100.0 * n as f64 / gemeenten as f64);
    b.drempel(
        "S1",
        None,
        s1,
        &drempels.basistaken_pct,
        ">=",
        "procent",
        if gemeenten == 0 {
            "de referentielijst kent geen gemeenten van deze omgevingsdienst"
        } else {
            "gemeenten_basistaken_volledig ontbreekt in organisatie.csv"
        },
    );
    if let (Some(n), Some(r)) = (o.gemeenten_basistaken_volledig, b.rijen.last_mut()) {
        r.toelichting = Some(format!("{n} van {gemeenten} gemeenten"));
    }

    // S2: the last visitatie at most `visitatie_jaren` before the peildatum.
    let jaren = drempels.visitatie_jaren.waarde.max(0.0).round() as u32;
    let grens = peildatum
        .checked_sub_months(Months::new(12 * jaren))
        .unwrap_or(NaiveDate::MIN);
    let leeftijd = o
        .laatste_visitatie
        .map(|d| (peildatum - d).num_days() as f64);
    let toegestaan = Drempel {
        waarde: (peildatum - grens).num_days() as f64,
        bron: drempels.visitatie_jaren.bron.clone(),
    };
    b.drempel(
        "S2",
        None,
        leeftijd,
        &toegestaan,
        "<=",
        "dagen",
        "laatste_visitatie ontbreekt in organisatie.csv",
    );
    if let (Some(d), Some(r)) = (o.laatste_visitatie, b.rijen.last_mut()) {
        r.toelichting = Some(format!(
            "laatste visitatie {d}; uiterlijk {grens} voor peildatum {peildatum} ({jaren} jaar)"
        ));
    }

    b.janee(
        "S3",
        None,
        "modelmandaat_vastgesteld",
        o.modelmandaat_vastgesteld,
    );
    // Each criterion first, then its parts, in the order of the catalogue.
    let plaats = |id: &str| CRITERIA.iter().position(|(i, _)| *i == id).unwrap_or(99);
    b.rijen
        .sort_by_key(|r| (plaats(r.criterium_id), r.onderdeel.is_some()));
    b.rijen
}

/// Every omgevingsdienst of the reference list, for every reporting year.
pub fn compute(
    organisaties: &[Organisatie],
    referentie: &Referentie,
    drempels: &Robuustheid,
    jaren: &[i32],
    peildatum: &dyn Fn(i32) -> NaiveDate,
) -> Vec<RobuustheidRij> {
    let mut out = Vec::new();
    for &jaar in jaren {
        for od in referentie.omgevingsdiensten.keys() {
            let org = organisaties
                .iter()
                .find(|o| o.partij == *od && o.jaar == jaar);
            let gemeenten = referentie
                .gemeenten
                .values()
                .filter(|g| g.omgevingsdienst_code == *od)
                .count();
            out.extend(criteria(
                od,
                jaar,
                org,
                drempels,
                gemeenten,
                peildatum(jaar),
            ));
        }
    }
    out
}
