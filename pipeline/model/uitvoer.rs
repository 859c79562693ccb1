//! The rows of the published result datasets (indicatoren, datakwaliteit,
//! robuustheid, stelsel): what the indicator stage computes, the datasets module
//! shapes and the report reads. Kept here, below the stages, so none of them
//! depends on another for a row type.

use chrono::NaiveDate;
use serde::Serialize;

/// The dimensie of the comparable-years rows (`spec/dekking.md`); their
/// dimensie_waarde is the pair of years, `2024/2025`.
pub const VERGELIJKBAAR: &str = "vergelijkbaar";

/// One row of `indicatoren.parquet`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorRij {
    pub indicator_id: String,
    pub indicator: String,
    pub jaar: i32,
    pub niveau: String,
    pub eenheid: String,
    pub dimensie: Option<String>,
    pub dimensie_waarde: Option<String>,
    pub waarde: Option<f64>,
    pub teller: Option<i64>,
    pub noemer: Option<i64>,
    /// Covered gemeenten of the eenheid in the year (`spec/dekking.md`); on the
    /// national and regional rows of an indicator with coverage, else null.
    pub gemeenten_gedekt: Option<i64>,
    /// Gemeenten of the eenheid in the reference lists.
    pub gemeenten_totaal: Option<i64>,
    /// One of [`status::ALLE`].
    pub status: &'static str,
}

/// The key of an indicator row: (indicator, jaar, niveau, eenheid, dimensie,
/// dimensie_waarde). One row per key in a release.
pub type RijSleutel<'a> = (
    &'a str,
    i32,
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
);

impl IndicatorRij {
    pub fn sleutel(&self) -> RijSleutel<'_> {
        (
            &self.indicator_id,
            self.jaar,
            &self.niveau,
            &self.eenheid,
            self.dimensie.as_deref(),
            self.dimensie_waarde.as_deref(),
        )
    }
}

/// The status of a published figure (`spec/outputs.md`): the one place its codes
/// are spelled.
pub mod status {
    pub const DEFINITIEF: &str = "definitief";
    /// A figure that a later year's delivery can still change (T3 needs the
    /// hercontroles of the next year).
    pub const VOORLOPIG: &str = "voorlopig";
    /// A share or median without observations: null, never 0.
    pub const GEEN_WAARNEMINGEN: &str = "geen_waarnemingen";
    /// Suppressed in the open release (disclosure control).
    pub const ONDERDRUKT: &str = "onderdrukt";
    /// Every status, in the order the codebook lists them.
    pub const ALLE: [&str; 4] = [DEFINITIEF, VOORLOPIG, GEEN_WAARNEMINGEN, ONDERDRUKT];
}

/// One data-quality check of one party and year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KwaliteitRij {
    pub indicator_id: &'static str,
    pub indicator: &'static str,
    pub jaar: i32,
    pub partij: String,
    pub partijsoort: String,
    /// D1: the party is on the list of expected parties.
    pub verwacht: Option<bool>,
    pub tabel: Option<String>,
    pub bestand: Option<String>,
    pub kolom: Option<String>,
    pub dimensie: Option<String>,
    pub dimensie_waarde: Option<String>,
    pub waarde: Option<f64>,
    pub teller: Option<i64>,
    pub noemer: Option<i64>,
    pub toelichting: Option<String>,
}

/// Three-valued outcome of a criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Voldoet {
    Ja,
    Nee,
    Onbekend,
}

impl Voldoet {
    pub const ALL: [Voldoet; 3] = [Voldoet::Ja, Voldoet::Nee, Voldoet::Onbekend];

    pub fn code(self) -> &'static str {
        match self {
            Voldoet::Ja => "ja",
            Voldoet::Nee => "nee",
            Voldoet::Onbekend => "onbekend",
        }
    }

    pub fn from_code(s: &str) -> Option<Voldoet> {
        Voldoet::ALL.into_iter().find(|v| v.code() == s)
    }
}

/// One row of `robuustheid.parquet`: a criterion, or one part (`onderdeel`) of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RobuustheidRij {
    pub omgevingsdienst: String,
    pub jaar: i32,
    pub criterium_id: String,
    pub criterium: String,
    /// The part of a criterion with several conditions; `None` for the criterion.
    pub onderdeel: Option<String>,
    pub waarde: Option<f64>,
    pub drempel: Option<f64>,
    /// How waarde is compared with drempel: `>=`, `>`, `<=`, `ja`.
    pub vergelijking: Option<String>,
    pub eenheid: Option<String>,
    pub voldoet: Voldoet,
    pub drempel_bron: Option<String>,
    /// What is missing, or how the value was formed.
    pub toelichting: Option<String>,
}

/// One row of `stelsel.parquet` (S4–S7): per omgevingsdienst, IBP product or
/// recommendation, and the national counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StelselRij {
    pub conditie_id: String,
    pub conditie: String,
    pub jaar: i32,
    /// `nationaal`, `omgevingsdienst` or `aanbeveling`.
    pub niveau: String,
    /// `NL`, an omgevingsdienst_code or the recommendation's nummer.
    pub eenheid: String,
    pub dimensie: Option<String>,
    pub dimensie_waarde: Option<String>,
    /// The oordeel, status or voldoet of the row; for a count, what is counted.
    pub uitkomst: Option<String>,
    /// The same at the previous year's peildatum (S4) or the previous edition (S6).
    pub vorig: Option<String>,
    pub waarde: Option<f64>,
    pub teller: Option<i64>,
    pub noemer: Option<i64>,
    /// The date of the judgement or status.
    pub datum: Option<NaiveDate>,
    pub soort: Option<String>,
    pub verantwoordelijk: Option<String>,
    pub bron: Option<String>,
    pub toelichting: Option<String>,
}
