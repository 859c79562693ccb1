//! The canonical records (after CIM VTH FLo, `spec/exchange-format.md`) and their
//! lineage. Everything downstream of harmonisation works on these types.

pub mod codekolom;
pub mod kolom;
pub mod kolomtabellen;
pub mod uitvoer;

pub use codekolom::{Codekolom, OptCodekolom};
pub use kolom::Kolom;
pub use kolomtabellen::{
    Controle, Controles, Maatregel, Maatregelen, NieuweControle, NieuweMaatregel,
    NieuweOvertreding, OptTeksten, Overtreding, Overtredingen, Teksten,
};

use chrono::NaiveDate;
use serde::Serialize;

/// The tables of a delivery (strafzaken: the OM's only; implementatie: an
/// omgevingsdienst's; robuustheid_oordelen and aanbevelingen: IenW's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tabel {
    Controles,
    Overtredingen,
    Handhavingsmaatregelen,
    Organisatie,
    Strafzaken,
    Implementatie,
    RobuustheidOordelen,
    Aanbevelingen,
}

impl Tabel {
    pub const ALL: [Tabel; 8] = [
        Tabel::Controles,
        Tabel::Overtredingen,
        Tabel::Handhavingsmaatregelen,
        Tabel::Organisatie,
        Tabel::Strafzaken,
        Tabel::Implementatie,
        Tabel::RobuustheidOordelen,
        Tabel::Aanbevelingen,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Tabel::Controles => "controles",
            Tabel::Overtredingen => "overtredingen",
            Tabel::Handhavingsmaatregelen => "handhavingsmaatregelen",
            Tabel::Organisatie => "organisatie",
            Tabel::Strafzaken => "strafzaken",
            Tabel::Implementatie => "implementatie",
            Tabel::RobuustheidOordelen => "robuustheid_oordelen",
            Tabel::Aanbevelingen => "aanbevelingen",
        }
    }

    /// The names of all tables, for messages.
    pub fn namen() -> String {
        Tabel::ALL.map(Tabel::name).join(", ")
    }

    /// The only kind of party (or the only party) that delivers this table, how a
    /// message names it, and the spec that says so; `None`: any party.
    pub fn alleen_van(self) -> Option<(&'static str, &'static str, &'static str)> {
        match self {
            Tabel::Strafzaken => Some(("OM", "the OM", "spec/strafrechtketen.md")),
            Tabel::Implementatie => Some((
                "omgevingsdienst",
                "the omgevingsdiensten",
                "spec/stelsel.md",
            )),
            Tabel::RobuustheidOordelen | Tabel::Aanbevelingen => {
                Some(("IenW", "IenW", "spec/stelsel.md"))
            }
            _ => None,
        }
    }

    /// Tables whose rows are keyed by several columns: a later year's file replaces
    /// the row with the same key (`spec/stelsel.md`).
    pub fn sleutel_kolommen(self) -> Option<&'static [&'static str]> {
        match self {
            Tabel::Implementatie => Some(&["product", "datum"]),
            Tabel::RobuustheidOordelen => {
                Some(&["omgevingsdienst_code", "peildatum_oordeel", "soort"])
            }
            Tabel::Aanbevelingen => Some(&["nummer", "peildatum_status"]),
            _ => None,
        }
    }

    pub fn from_name(name: &str) -> Option<Tabel> {
        Tabel::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The id column that must be unique within a party.
    pub fn id_column(self) -> Option<&'static str> {
        match self {
            Tabel::Controles => Some("controle_id"),
            Tabel::Overtredingen => Some("overtreding_id"),
            Tabel::Handhavingsmaatregelen => Some("maatregel_id"),
            Tabel::Organisatie => None,
            Tabel::Strafzaken => Some("parketnummer"),
            Tabel::Implementatie | Tabel::RobuustheidOordelen | Tabel::Aanbevelingen => None,
        }
    }
}

/// Text shared by many records: one allocation per distinct value of a file
/// instead of one per row. A thin pointer (8 bytes, 8 with `Option`): a controle
/// holds seven of them, and there are millions of controles.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Gedeeld(std::sync::Arc<Box<str>>);

/// A party's code, or a national code after harmonisation.
pub type Code = Gedeeld;

/// A delivery file's path relative to the input folder, in every record's lineage.
pub type Bestandsnaam = Gedeeld;

impl Gedeeld {
    pub fn as_str(&self) -> &str {
        &self.0[..]
    }
}

impl std::ops::Deref for Gedeeld {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Gedeeld {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Gedeeld {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Gedeeld {
    fn from(s: &str) -> Self {
        Gedeeld(std::sync::Arc::new(s.into()))
    }
}

impl From<String> for Gedeeld {
    fn from(s: String) -> Self {
        Gedeeld(std::sync::Arc::new(s.into_boxed_str()))
    }
}

impl From<&String> for Gedeeld {
    fn from(s: &String) -> Self {
        Gedeeld::from(s.as_str())
    }
}

impl PartialEq<&str> for Gedeeld {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for Gedeeld {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<String> for Gedeeld {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl std::fmt::Display for Gedeeld {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Gedeeld {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Where a record came from: the delivery file (relative to the input folder) and
/// the physical line of the record's first character (header = line 1).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Bron {
    pub bestand: Bestandsnaam,
    pub regel: u64,
}

/// Identifies one delivery: a party's files for one year.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Levering {
    pub jaar: i32,
    pub partij: String,
}

/// How the harmonised `ernst` of an overtreding was obtained; published so a reader
/// can see how much of the severity picture is derived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErnstBron {
    /// Delivered `ernst` (possibly through a party mapping table).
    Geleverd,
    /// Derived from gevolg × gedrag through the LHSO matrix.
    AfgeleidLhso,
    /// Derived after swapping the axes of an old-LHS (2014) classification.
    AfgeleidLhsOmgedraaid,
    /// Neither ernst nor a complete gevolg × gedrag: `onbekend`.
    Onbekend,
}

impl ErnstBron {
    pub fn code(self) -> &'static str {
        match self {
            ErnstBron::Geleverd => "geleverd",
            ErnstBron::AfgeleidLhso => "afgeleid_lhso",
            ErnstBron::AfgeleidLhsOmgedraaid => "afgeleid_lhs_omgedraaid",
            ErnstBron::Onbekend => "onbekend",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Organisatie {
    pub partij: String,
    pub jaar: i32,
    pub vth_uren_werkprogramma: Option<i64>,
    pub fte_totaal: Option<f64>,
    pub fte_eigen_dienst: Option<f64>,
    pub voldoet_kc_basistaken: Option<bool>,
    pub voldoet_kc_plustaken: Option<bool>,
    pub innovatieagenda: Option<bool>,
    pub innovatiebudget_eur: Option<f64>,
    pub begroting_eur: Option<f64>,
    pub weerstandsvermogen_eur: Option<f64>,
    pub benodigd_weerstandsvermogen_eur: Option<f64>,
    pub informatiegestuurd: Option<bool>,
    pub werkgebied_coherent: Option<bool>,
    pub gemeenten_basistaken_volledig: Option<i64>,
    pub modelmandaat_vastgesteld: Option<bool>,
    pub laatste_visitatie: Option<NaiveDate>,
    pub bron: Bron,
}

/// A case of the OM (`spec/strafrechtketen.md`), in its latest delivered version.
#[derive(Debug, Clone, PartialEq)]
pub struct Strafzaak {
    /// Always `OM`: the party that delivers the cases.
    pub partij: String,
    /// The year of the delivery that holds this (latest) version.
    pub jaar: i32,
    pub parketnummer: String,
    /// The party whose proces-verbaal started the case, or `overig`.
    pub partij_verbalisant: String,
    pub maatregel_id: Option<String>,
    pub datum_instroom: NaiveDate,
    pub afdoening: Option<String>,
    /// From the code list of the afdoening: sepot, sanctie, rechter, overig.
    pub categorie_afdoening: Option<String>,
    pub datum_afdoening: Option<NaiveDate>,
    pub uitspraak: Option<String>,
    /// From the code list of the uitspraak: sanctie, geen_sanctie.
    pub categorie_uitspraak: Option<String>,
    pub datum_uitspraak: Option<NaiveDate>,
    pub bedrag_eur: Option<f64>,
    /// `gekoppeld`, `geen_pv` or `niet_gekoppeld`: set after validation, against the
    /// accepted handhavingsmaatregelen of the verbalisant.
    pub koppeling: &'static str,
    pub bron: Bron,
}

/// A status of one IBP product at an omgevingsdienst (`implementatie.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct Implementatie {
    pub partij: String,
    pub jaar: i32,
    pub product: String,
    pub status: String,
    pub datum: NaiveDate,
    pub gemeenten_besloten: Option<i64>,
    pub bron_document: String,
    pub toelichting: Option<String>,
    /// product|datum: the key a later year's file replaces.
    pub sleutel: String,
    pub bron: Bron,
}

/// A judgement on an omgevingsdienst's robustness (IenW's `robuustheid_oordelen.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct Oordeel {
    pub partij: String,
    pub jaar: i32,
    pub omgevingsdienst_code: String,
    pub peildatum_oordeel: NaiveDate,
    pub soort: String,
    pub oordeel: String,
    pub bron_document: String,
    pub toelichting: Option<String>,
    pub sleutel: String,
    pub bron: Bron,
}

/// A status of one recommendation of the commissie Van Aartsen (IenW's
/// `aanbevelingen.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct Aanbeveling {
    pub partij: String,
    pub jaar: i32,
    pub nummer: i64,
    pub peildatum_status: NaiveDate,
    pub status: String,
    pub verantwoordelijk: String,
    pub toelichting: String,
    pub bron_document: String,
    pub sleutel: String,
    pub bron: Bron,
}

/// The harmonised, accepted records of a batch (all years).
#[derive(Debug, Clone, Default)]
pub struct Records {
    /// The three large tables as columns: millions of rows, no struct per row.
    pub controles: Controles,
    pub overtredingen: Overtredingen,
    pub maatregelen: Maatregelen,
    pub organisaties: Vec<Organisatie>,
    pub strafzaken: Vec<Strafzaak>,
    /// The stelsel inputs, each key in its latest delivered version.
    pub implementaties: Vec<Implementatie>,
    pub oordelen: Vec<Oordeel>,
    pub aanbevelingen: Vec<Aanbeveling>,
    /// Row numbers that stand for the keys the indicator queries join on, set by
    /// validation once the records are final (their order does not change after).
    pub sleutels: Sleutels,
}

/// The keys between the three large tables as row numbers, aligned with
/// [`Records`]: a join on one number is several times cheaper than one on two
/// texts, and (partij, id) is unique among accepted records, so joining on the
/// number gives the same rows. Never published: numbers depend on row order.
#[derive(Debug, Clone, Default)]
pub struct Sleutels {
    /// Per overtreding: the row of its controle (none when no accepted controle
    /// has its (partij, controle_id)).
    pub controle_van_overtreding: Vec<Option<u32>>,
    /// Per handhavingsmaatregel: the row of its overtreding.
    pub overtreding_van_maatregel: Vec<Option<u32>>,
    /// Per controle and per overtreding: the number of its object, one per
    /// distinct (partij, object_id), party after party.
    pub object_van_controle: Vec<u32>,
    pub object_van_overtreding: Vec<u32>,
    /// Per object: the first row that has it.
    pub object_rij: Vec<ObjectRij>,
    /// Per controle and per overtreding: the number of its (partij, gemeente_code),
    /// party after party; an overtreding's is its controle's (none when unlinked).
    pub gebied_van_controle: Vec<u32>,
    pub gebied_van_overtreding: Vec<Option<u32>>,
    /// Per (partij, gemeente_code): the first controle that has it.
    pub gebied_rij: Vec<u32>,
}

/// Where an object first appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectRij {
    Controle(u32),
    Overtreding(u32),
}
