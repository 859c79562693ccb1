//! The three large tables (controles, overtredingen, handhavingsmaatregelen) as
//! columns: harmonisation appends each row's values to its file's columns,
//! acceptance copies the accepted rows' values into the batch's columns, and the
//! engine's tables are built column by column from them. No struct per row and
//! no string per cell: an id is a stretch of one text buffer, a code the number of
//! one of the column's distinct codes.

use chrono::NaiveDate;

use super::codekolom::{Codekolom, OptCodekolom};
use super::kolom::Kolom;
use super::{Bron, ErnstBron};

/// A column of values one per row: how a value goes in (`$zet`, from `$w`) and
/// how it is read (`$lees`, from `$v`, a reference to the stored value).
macro_rules! vec_kolom {
    (kopie: $($t:ty),*) => {$(
        vec_kolom!($t, In = $t, Uit = $t, |w| w, |v| *v);
    )*};
    ($t:ty, In = $in:ty, Uit = $uit:ty, |$w:ident| $zet:expr, |$v:ident| $lees:expr) => {
        impl Kolom for Vec<$t> {
            type In<'a> = $in;
            type Uit<'a> = $uit;
            fn zet(&mut self, $w: Self::In<'_>) {
                self.push($zet);
            }
            fn waarde(&self, i: usize) -> Self::Uit<'_> {
                let $v = &self[i];
                $lees
            }
            fn behoud(&mut self, houden: &[bool]) {
                let mut h = houden.iter();
                self.retain(|_| h.next() == Some(&true));
            }
            fn alles(&mut self, van: &mut Self) {
                self.append(van);
            }
            fn ruimte_voor<'d>(&mut self, delen: impl Iterator<Item = &'d Self>) {
                self.reserve_exact(delen.map(Vec::len).sum());
            }
        }
    };
}

// Values copied in and out.
vec_kolom!(kopie: i32, NaiveDate, ErnstBron, Option<bool>, Option<i64>, Option<f64>, Option<NaiveDate>);
// Shared values, one pointer per row: the file and line a row came from (the
// file's name shared by its rows).
vec_kolom!(Bron, In = &'a Bron, Uit = &'a Bron, |w| w.clone(), |v| v);

/// Text in Arrow's layout: one buffer and the end of each row's value in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Teksten {
    tekst: String,
    eind: Vec<u64>,
}

impl Teksten {
    pub fn len(&self) -> usize {
        self.eind.len()
    }

    pub fn is_empty(&self) -> bool {
        self.eind.is_empty()
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.waarde(i))
    }

    /// The text and the end of each value in it, for the engine to take as they
    /// are instead of copying every value.
    pub fn in_delen(self) -> (String, Vec<u64>) {
        (self.tekst, self.eind)
    }
}

impl Kolom for Teksten {
    type In<'a> = &'a str;
    type Uit<'a> = &'a str;
    fn zet(&mut self, w: &str) {
        self.tekst.push_str(w);
        self.eind.push(self.tekst.len() as u64);
    }
    fn waarde(&self, i: usize) -> &str {
        let begin = if i == 0 { 0 } else { self.eind[i - 1] as usize };
        &self.tekst[begin..self.eind[i] as usize]
    }
    fn behoud(&mut self, houden: &[bool]) {
        let mut kept = Teksten::default();
        for (i, _) in houden.iter().enumerate().filter(|(_, h)| **h) {
            kept.zet(self.waarde(i));
        }
        *self = kept;
    }
    fn alles(&mut self, van: &mut Self) {
        let basis = self.tekst.len() as u64;
        self.tekst.push_str(&van.tekst);
        self.eind.extend(van.eind.iter().map(|e| e + basis));
        *van = Teksten::default();
    }
    fn ruimte_voor<'d>(&mut self, delen: impl Iterator<Item = &'d Self>) {
        let (mut n, mut tekst) = (0, 0);
        for d in delen {
            n += d.eind.len();
            tekst += d.tekst.len();
        }
        self.eind.reserve_exact(n);
        self.tekst.reserve_exact(tekst);
    }
}

impl<'a> FromIterator<&'a str> for Teksten {
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> Self {
        let mut t = Teksten::default();
        for w in iter {
            t.zet(w);
        }
        t
    }
}

/// Text that may be absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OptTeksten {
    tekst: Teksten,
    geldig: Vec<bool>,
}

impl OptTeksten {
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Option<&str>> + '_ {
        (0..self.geldig.len()).map(|i| self.waarde(i))
    }
}

impl Kolom for OptTeksten {
    type In<'a> = Option<&'a str>;
    type Uit<'a> = Option<&'a str>;
    fn zet(&mut self, w: Option<&str>) {
        self.tekst.zet(w.unwrap_or_default());
        self.geldig.push(w.is_some());
    }
    fn waarde(&self, i: usize) -> Option<&str> {
        self.geldig[i].then(|| self.tekst.waarde(i))
    }
    fn behoud(&mut self, houden: &[bool]) {
        self.tekst.behoud(houden);
        let mut h = houden.iter();
        self.geldig.retain(|_| h.next() == Some(&true));
    }
    fn alles(&mut self, van: &mut Self) {
        self.tekst.alles(&mut van.tekst);
        self.geldig.append(&mut van.geldig);
    }
    fn ruimte_voor<'d>(&mut self, delen: impl Iterator<Item = &'d Self>) {
        let delen: Vec<&Self> = delen.collect();
        self.tekst.ruimte_voor(delen.iter().map(|d| &d.tekst));
        self.geldig
            .reserve_exact(delen.iter().map(|d| d.geldig.len()).sum());
    }
}

/// A table of columns; its row as read (text borrowed from the columns) and as
/// appended (codes as the file's shared values).
macro_rules! kolomtabel {
    (
        $(#[$doc:meta])* $naam:ident,
        $(#[$rdoc:meta])* $rij:ident,
        $nieuw:ident {
            $($(#[$vdoc:meta])* $veld:ident: $opslag:ty,)*
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default)]
        pub struct $naam {
            $($(#[$vdoc])* pub $veld: $opslag,)*
        }

        $(#[$rdoc])*
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub struct $rij<'a> {
            $($(#[$vdoc])* pub $veld: <$opslag as Kolom>::Uit<'a>,)*
        }

        /// A row to append.
        #[derive(Debug, Clone, Copy)]
        pub struct $nieuw<'a> {
            $(pub $veld: <$opslag as Kolom>::In<'a>,)*
        }

        impl $naam {
            pub fn len(&self) -> usize {
                self.jaar.len()
            }

            pub fn is_empty(&self) -> bool {
                self.jaar.is_empty()
            }

            pub fn push(&mut self, r: $nieuw<'_>) {
                $(self.$veld.zet(r.$veld);)*
            }

            pub fn rij(&self, i: usize) -> $rij<'_> {
                $rij { $($veld: self.$veld.waarde(i),)* }
            }

            /// Every row, in order.
            pub fn iter(&self) -> impl ExactSizeIterator<Item = $rij<'_>> + '_ {
                (0..self.len()).map(|i| self.rij(i))
            }

            /// Append the kept rows of every part (`houden`: one flag per row,
            /// `None` for all of them), column by column and two columns at a
            /// time (a column per core): each column of every part is moved into
            /// this table's column, sized exactly, and freed once moved, its pages
            /// given back (from [`crate::memory::GROTE_KOLOM`] rows); so at most a
            /// column per core is held twice, and no shared value is cloned.
            pub fn voeg_alle_toe(&mut self, mut delen: Vec<($naam, Option<Vec<bool>>)>) {
                // An empty table takes one part with every row kept as it is (one
                // large file): nothing to copy.
                if self.is_empty() && matches!(delen.as_slice(), [(_, None)]) {
                    if let Some((deel, _)) = delen.pop() {
                        *self = deel;
                    }
                    return;
                }
                let groot = delen.iter().map(|(d, _)| d.len()).sum::<usize>()
                    >= crate::memory::GROTE_KOLOM;
                // The parts taken apart: per column, that column of every part.
                $(let mut $veld: Vec<$opslag> = Vec::with_capacity(delen.len());)*
                let mut houden = Vec::with_capacity(delen.len());
                for (deel, h) in delen {
                    $($veld.push(deel.$veld);)*
                    houden.push(h);
                }
                let (houden, doel) = (&houden, &mut *self);
                rayon::scope(|s| {
                    $(
                        let kolom = &mut doel.$veld;
                        s.spawn(move |_| voeg_kolom_toe(kolom, $veld, houden, groot));
                    )*
                });
                if groot {
                    crate::memory::release();
                }
            }
        }
    };
}

/// One column of [`kolomtabel`]'s `voeg_alle_toe`: the kept rows of every part's
/// column appended to `doel`.
fn voeg_kolom_toe<K: Kolom>(
    doel: &mut K,
    mut delen: Vec<K>,
    houden: &[Option<Vec<bool>>],
    groot: bool,
) {
    for (van, h) in delen.iter_mut().zip(houden) {
        if let Some(h) = h {
            van.behoud(h);
        }
    }
    doel.alle(delen);
    if groot {
        crate::memory::release_here();
    }
}

kolomtabel! {
    /// Controles, column by column.
    Controles,
    /// One controle.
    Controle,
    NieuweControle {
        partij: Codekolom,
        jaar: Vec<i32>,
        controle_id: Teksten,
        object_id: Teksten,
        bevoegd_gezag: Codekolom,
        gemeente_code: Codekolom,
        controledatum: Vec<NaiveDate>,
        controletype: OptCodekolom,
        taak: OptCodekolom,
        brzo: Vec<Option<bool>>,
        resultaat: OptCodekolom,
        bron: Vec<Bron>,
    }
}

kolomtabel! {
    /// Overtredingen, column by column.
    Overtredingen,
    /// One overtreding.
    Overtreding,
    NieuweOvertreding {
        partij: Codekolom,
        jaar: Vec<i32>,
        overtreding_id: Teksten,
        controle_id: Teksten,
        overtredingsdatum: Vec<NaiveDate>,
        handhavingsstrategie: OptCodekolom,
        /// LHSO axes after harmonisation: gevolg 1–4, gedrag A–D.
        gevolg: OptCodekolom,
        gedrag: OptCodekolom,
        ernst: Codekolom,
        ernst_bron: Vec<ErnstBron>,
        indicatie_handhaving: Vec<Option<bool>>,
        reden_geen_handhaving: OptTeksten,
        hersteldatum: Vec<Option<NaiveDate>>,
        /// From the linked controle, set during validation (location of the
        /// violation); empty until then, and for one without an accepted controle.
        object_id: Teksten,
        gemeente_code: Codekolom,
        bron: Vec<Bron>,
    }
}

kolomtabel! {
    /// Handhavingsmaatregelen, column by column.
    Maatregelen,
    /// One handhavingsmaatregel.
    Maatregel,
    NieuweMaatregel {
        partij: Codekolom,
        jaar: Vec<i32>,
        maatregel_id: Teksten,
        overtreding_id: Teksten,
        handhavingsinstrument: OptCodekolom,
        /// From the national code list of the instrument.
        categorie: OptCodekolom,
        zwaarte: Vec<Option<i64>>,
        datum_opleggen: Vec<NaiveDate>,
        datum_afronding: Vec<Option<NaiveDate>>,
        status: OptCodekolom,
        bedrag_eur: Vec<Option<f64>>,
        bron: Vec<Bron>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Code;

    #[test]
    fn text_columns_give_back_each_value_and_absence() {
        let mut t = Teksten::default();
        for w in ["C1", "", "Café ’t Hoekje"] {
            t.zet(w);
        }
        assert_eq!(t.iter().collect::<Vec<_>>(), ["C1", "", "Café ’t Hoekje"]);
        let mut o = OptTeksten::default();
        for w in [Some("reden"), None, Some("")] {
            o.zet(w);
        }
        let terug: Vec<Option<&str>> = (0..3).map(|i| o.waarde(i)).collect();
        assert_eq!(terug, [Some("reden"), None, Some("")]);
    }

    #[test]
    fn a_row_taken_from_another_table_keeps_its_values() {
        let d = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
        let (p, gm) = (Code::from("GM0518"), Code::from("GM0518"));
        let bron = Bron {
            bestand: "2024/GM0518/controles.csv".into(),
            regel: 7,
        };
        let mut bestand = Controles::default();
        for (id, brzo) in [("C1", None), ("C2", Some(true))] {
            bestand.push(NieuweControle {
                partij: &p,
                jaar: 2024,
                controle_id: id,
                object_id: "OBJ",
                bevoegd_gezag: &p,
                gemeente_code: &gm,
                controledatum: d,
                controletype: None,
                taak: Some(&gm),
                brzo,
                resultaat: None,
                bron: &bron,
            });
        }
        let mut batch = Controles::default();
        batch.voeg_alle_toe(vec![(bestand.clone(), Some(vec![false, true]))]);
        assert_eq!(batch.len(), 1);
        assert_eq!(batch.rij(0), bestand.rij(1));
        assert_eq!(batch.rij(0).controle_id, "C2");
        assert_eq!(batch.rij(0).brzo, Some(true));
        assert_eq!(batch.rij(0).bron.regel, 7);
        // A whole file after it: its rows follow, their text intact.
        batch.voeg_alle_toe(vec![(bestand.clone(), None)]);
        let ids: Vec<&str> = batch.iter().map(|c| c.controle_id).collect();
        assert_eq!(ids, ["C2", "C1", "C2"]);
        assert_eq!(batch.rij(1), bestand.rij(0));
        // An empty table given one whole part holds that part.
        let mut leeg = Controles::default();
        leeg.voeg_alle_toe(vec![(bestand.clone(), None)]);
        let ids: Vec<&str> = leeg.iter().map(|c| c.controle_id).collect();
        assert_eq!(ids, ["C1", "C2"]);
        assert_eq!(leeg.rij(1), bestand.rij(1));
    }
}
