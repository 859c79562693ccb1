//! Stage 2 — harmonise: raw rows → canonical records, through the national code
//! lists (and, for local codes, the party's mapping tables). Every deviation is a
//! finding; a value that maps to nothing is never defaulted. The data contract is
//! column predicates ([`kolomregels`]): each column of a file checked as a whole, a
//! code column once per distinct value and joined back, the findings in one table;
//! the records are built from the columns ([`Bestandsrecords`]: the three large
//! tables as columns, the small ones one record per row).

pub mod batch;
pub mod ernst;
pub mod kolomregels;
pub mod mapping;
pub mod values;

use std::collections::BTreeMap;

use crate::config::Config;
use crate::contract::findings::Bevinding;
use crate::contract::rules::{Regel, Zwaarte};
use crate::ingest::profile::Profielen;
use crate::model::{
    Aanbeveling, Code, Controles, Implementatie, Maatregelen, Oordeel, Organisatie, Overtredingen,
    Strafzaak, Tabel,
};
use crate::reference::{Codelijsten, Referentie};

/// The records harmonisation makes of one file's rows, in row order: the three
/// large tables as columns, the small ones (a few hundred rows a batch) as one
/// record per row.
#[derive(Debug, Clone)]
pub enum Bestandsrecords {
    Controles(Controles),
    Overtredingen(Overtredingen),
    Maatregelen(Maatregelen),
    Overig(Vec<Option<Record>>),
}

impl Bestandsrecords {
    pub fn voor(tabel: Tabel) -> Bestandsrecords {
        match tabel {
            Tabel::Controles => Bestandsrecords::Controles(Controles::default()),
            Tabel::Overtredingen => Bestandsrecords::Overtredingen(Overtredingen::default()),
            Tabel::Handhavingsmaatregelen => Bestandsrecords::Maatregelen(Maatregelen::default()),
            _ => Bestandsrecords::Overig(Vec::new()),
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Bestandsrecords::Controles(c) => c.len(),
            Bestandsrecords::Overtredingen(o) => o.len(),
            Bestandsrecords::Maatregelen(m) => m.len(),
            Bestandsrecords::Overig(r) => r.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The records of consecutive stretches of one file, in order, as one. The
    /// stretches come from one file, so they hold records of the same table.
    pub fn samen(delen: Vec<Bestandsrecords>) -> Bestandsrecords {
        use Bestandsrecords as B;
        let mut delen = delen.into_iter();
        let Some(mut uit) = delen.next() else {
            return B::Overig(Vec::new());
        };
        /// The parts of one variant, for `voeg_alle_toe` (every row kept).
        fn van<T>(
            delen: impl Iterator<Item = B>,
            neem: impl Fn(B) -> Option<T>,
        ) -> Vec<(T, Option<Vec<bool>>)> {
            delen.filter_map(neem).map(|d| (d, None)).collect()
        }
        match &mut uit {
            B::Controles(c) => c.voeg_alle_toe(van(delen, |d| match d {
                B::Controles(d) => Some(d),
                _ => None,
            })),
            B::Overtredingen(o) => o.voeg_alle_toe(van(delen, |d| match d {
                B::Overtredingen(d) => Some(d),
                _ => None,
            })),
            B::Maatregelen(m) => m.voeg_alle_toe(van(delen, |d| match d {
                B::Maatregelen(d) => Some(d),
                _ => None,
            })),
            B::Overig(r) => r.extend(
                van(delen, |d| match d {
                    B::Overig(d) => Some(d),
                    _ => None,
                })
                .into_iter()
                .flat_map(|(d, _)| d),
            ),
        }
        uit
    }
}

/// A record of a small table.
#[derive(Debug, Clone, PartialEq)]
// Boxed per variant: a strafzaak is far larger than an aanbeveling.
pub enum Record {
    Organisatie(Box<Organisatie>),
    Strafzaak(Box<Strafzaak>),
    Implementatie(Box<Implementatie>),
    Oordeel(Box<Oordeel>),
    Aanbeveling(Box<Aanbeveling>),
}

/// The national meaning every delivery is brought to.
pub struct Harmoniser<'a> {
    pub config: &'a Config,
    pub codelijsten: &'a Codelijsten,
    pub referentie: &'a Referentie,
    pub profielen: &'a Profielen,
    /// Per party: its local codes → national codes (from its profile's mapping tables).
    pub vertalingen: &'a BTreeMap<String, mapping::Vertaling>,
}

/// The distinct codes of one file, each held once and shared by the code columns'
/// lists of their codes and by the findings that name it (the harmonised value of
/// a column is one of a few dozen, over millions of rows).
#[derive(Debug, Default)]
pub struct Codes {
    gedeeld: foldhash::HashSet<Code>,
}

impl Codes {
    pub fn code(&mut self, s: &str) -> Code {
        if let Some(c) = self.gedeeld.get(s) {
            return c.clone();
        }
        let c = Code::from(s);
        self.gedeeld.insert(c.clone());
        c
    }

    /// A raw value against a code list: its code (with a spelling warning) or
    /// the rule it breaks.
    fn lijstcode(
        &mut self,
        raw: &str,
        lijst: &crate::reference::Codelijst,
    ) -> values::Parsed<Code> {
        values::code(raw, lijst.codes.keys()).map(|(c, w)| (self.code(&c), w))
    }
}

impl<'a> Harmoniser<'a> {
    fn lijst(&self, naam: &str) -> &'a crate::reference::Codelijst {
        static LEEG: std::sync::OnceLock<crate::reference::Codelijst> = std::sync::OnceLock::new();
        self.codelijsten
            .lijst(naam)
            .unwrap_or_else(|| LEEG.get_or_init(Default::default))
    }
}

/// What a value that breaks `regel` should have been, for the party.
fn verwacht(regel: Regel) -> &'static str {
    match regel {
        Regel::DatumOngeldig => "verwacht een datum als jjjj-mm-dd",
        Regel::JaNeeOngeldig => "verwacht true/false of ja/nee",
        Regel::GetalOngeldig => "verwacht een getal, bijvoorbeeld 1234.50",
        _ => regel.omschrijving(),
    }
}

/// Does a set of findings keep the row, set it aside, or refuse the delivery?
pub fn uitkomst(bevindingen: &[Bevinding]) -> Zwaarte {
    bevindingen
        .iter()
        .map(|b| b.zwaarte)
        .max()
        .unwrap_or(Zwaarte::Waarschuwing)
}
