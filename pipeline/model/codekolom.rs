//! A code column: the column's distinct codes held once, and per row the number
//! of its code. A row costs four bytes, not a pointer whose shared count is
//! touched when the row is copied and again when it is dropped (millions of rows
//! share a few dozen codes), and the engine's text is built by repeating each
//! code's view.

use foldhash::{HashMap, HashMapExt};

use super::kolom::Kolom;
use super::Code;

/// The number of an absent code.
const GEEN: u32 = u32::MAX;

/// A code column, required (`OPT = false`: every row has a code) or optional.
/// Its codes are distinct by text.
#[derive(Debug, Clone, Default)]
pub struct Gecodeerd<const OPT: bool> {
    codes: Vec<Code>,
    nummer: Vec<u32>,
}

/// A code on every row.
pub type Codekolom = Gecodeerd<false>;
/// A code or none on every row.
pub type OptCodekolom = Gecodeerd<true>;

impl<const OPT: bool> Gecodeerd<OPT> {
    pub fn len(&self) -> usize {
        self.nummer.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nummer.is_empty()
    }

    /// `n` rows of one code (a file's party).
    pub fn overal(code: Code, n: usize) -> Self {
        Gecodeerd {
            codes: vec![code],
            nummer: vec![0; n],
        }
    }

    /// Rows that each choose one of `keuzes` (a code or none), by its index: the
    /// codes held once by text, whichever choices share one.
    pub fn gekozen<'c>(
        keuzes: impl IntoIterator<Item = Option<&'c Code>>,
        per_rij: impl Iterator<Item = usize>,
    ) -> Self {
        let mut plaats: HashMap<&str, u32> = HashMap::new();
        let mut codes = Vec::new();
        let nummer_van: Vec<u32> = keuzes
            .into_iter()
            .map(|k| match k {
                None => GEEN,
                Some(c) => *plaats.entry(c.as_str()).or_insert_with(|| {
                    codes.push(c.clone());
                    (codes.len() - 1) as u32
                }),
            })
            .collect();
        let nummer = per_rij.map(|i| nummer_van[i]).collect();
        Gecodeerd { codes, nummer }
    }

    /// Per row the code of row `van` of `bron` when it names one, else the row's
    /// own (an overtreding's location from its controle).
    pub fn van_rijen(&self, bron: &Self, van: impl Iterator<Item = Option<usize>>) -> Self {
        let (b, eigen) = (bron.codes.len(), self.codes.len());
        let geen = b + eigen;
        let keuzes = bron.codes.iter().chain(&self.codes).map(Some).chain([None]);
        let keuze = |n: u32, basis: usize| {
            if n == GEEN {
                geen
            } else {
                basis + n as usize
            }
        };
        let per_rij = van.zip(&self.nummer).map(|(v, &n)| match v {
            Some(r) => keuze(bron.nummer[r], 0),
            None => keuze(n, b),
        });
        Gecodeerd::gekozen(keuzes, per_rij)
    }

    /// The distinct codes, once each.
    pub fn codes(&self) -> &[Code] {
        &self.codes
    }

    /// Per row the index of its code in [`Gecodeerd::codes`], `None` for none.
    pub fn nummers(&self) -> impl ExactSizeIterator<Item = Option<usize>> + '_ {
        self.nummer
            .iter()
            .map(|&n| (n != GEEN).then_some(n as usize))
    }

    /// The code of row `i`.
    pub fn code(&self, i: usize) -> Option<&Code> {
        self.codes.get(self.nummer[i] as usize)
    }

    /// Append a row. A code is found by text among the codes, so this is for a
    /// few rows at a time (tests, a row here and there); columns are built whole
    /// by [`Gecodeerd::gekozen`].
    fn zet_code(&mut self, c: Option<&Code>) {
        let n = match c {
            None => GEEN,
            Some(c) => match self.codes.iter().position(|x| x.as_str() == c.as_str()) {
                Some(n) => n as u32,
                None => {
                    self.codes.push(c.clone());
                    (self.codes.len() - 1) as u32
                }
            },
        };
        self.nummer.push(n);
    }

    fn behoud_rijen(&mut self, houden: &[bool]) {
        let mut h = houden.iter();
        self.nummer.retain(|_| h.next() == Some(&true));
    }

    /// Append every row of every part: each part's codes found by text among
    /// this column's (added when new), its numbers renumbered.
    fn voeg_delen_toe(&mut self, delen: Vec<Self>) {
        self.nummer
            .reserve_exact(delen.iter().map(|d| d.nummer.len()).sum());
        let mut plaats: HashMap<Code, u32> = self
            .codes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.clone(), i as u32))
            .collect();
        for deel in delen {
            let nieuw: Vec<u32> = deel
                .codes
                .iter()
                .map(|c| {
                    *plaats.entry(c.clone()).or_insert_with(|| {
                        self.codes.push(c.clone());
                        (self.codes.len() - 1) as u32
                    })
                })
                .collect();
            if nieuw.iter().enumerate().all(|(i, &n)| i as u32 == n) {
                // The same codes in the same order (a file's stretches, one
                // party): the numbers as they are.
                self.nummer.extend_from_slice(&deel.nummer);
            } else {
                self.nummer.extend(
                    deel.nummer
                        .iter()
                        .map(|&n| nieuw.get(n as usize).copied().unwrap_or(GEEN)),
                );
            }
        }
    }
}

/// The column's [`Kolom`]: how a code goes in and is read (`$in`, `$uit`), and
/// a row's code from its stored one (`$lees`, from `$c`, an `Option<&Code>`).
macro_rules! code_kolom {
    ($opt:literal, In = $in:ty, Uit = $uit:ty, |$w:ident| $zet:expr, |$c:ident| $lees:expr) => {
        impl Kolom for Gecodeerd<$opt> {
            type In<'a> = $in;
            type Uit<'a> = $uit;
            fn zet(&mut self, $w: Self::In<'_>) {
                self.zet_code($zet);
            }
            fn waarde(&self, i: usize) -> Self::Uit<'_> {
                let $c = self.code(i);
                $lees
            }
            fn behoud(&mut self, houden: &[bool]) {
                self.behoud_rijen(houden);
            }
            fn alles(&mut self, van: &mut Self) {
                self.voeg_delen_toe(vec![std::mem::take(van)]);
            }
            fn ruimte_voor<'d>(&mut self, delen: impl Iterator<Item = &'d Self>) {
                self.nummer.reserve_exact(delen.map(Self::len).sum());
            }
            fn alle(&mut self, delen: Vec<Self>) {
                self.voeg_delen_toe(delen);
            }
        }
    };
}

// A required column reads an absent code (a row not built through `zet`) as
// empty text.
code_kolom!(false, In = &'a Code, Uit = &'a str, |w| Some(w), |c| c.map_or("", Code::as_str));
code_kolom!(
    true,
    In = Option<&'a Code>,
    Uit = Option<&'a str>,
    |w| w,
    |c| c.map(Code::as_str)
);

#[cfg(test)]
mod tests {
    use super::*;

    fn kolom(waarden: &[Option<&str>]) -> OptCodekolom {
        let mut k = OptCodekolom::default();
        for w in waarden {
            k.zet(w.map(Code::from).as_ref());
        }
        k
    }

    fn gelezen(k: &OptCodekolom) -> Vec<Option<&str>> {
        (0..k.len()).map(|i| k.waarde(i)).collect()
    }

    #[test]
    fn rows_keep_their_codes_through_choice_selection_and_appending() {
        let (a, b) = (Code::from("GM0518"), Code::from("GM0363"));
        // Choices 0 and 2 are the same text: one code.
        let keuzes = [Some(&a), Some(&b), Some(&Code::from("GM0518")), None];
        let k = OptCodekolom::gekozen(keuzes, [2, 1, 3, 0, 0].into_iter());
        assert_eq!(k.codes().len(), 2);
        assert_eq!(
            gelezen(&k),
            [
                Some("GM0518"),
                Some("GM0363"),
                None,
                Some("GM0518"),
                Some("GM0518")
            ]
        );
        assert_eq!(
            k.nummers().collect::<Vec<_>>(),
            [Some(0), Some(1), None, Some(0), Some(0)]
        );

        // Parts with other codes, or the same in another order, keep their text:
        // `deel` twice, once through `alle` and once through `alles`.
        let mut samen = kolom(&[Some("x"), None]);
        samen.behoud(&[true, false]);
        let mut deel = kolom(&[Some("y"), Some("x"), None]);
        samen.alle(vec![k.clone(), deel.clone()]);
        samen.alles(&mut deel);
        assert!(deel.is_empty());
        assert_eq!(
            gelezen(&samen),
            [
                Some("x"),
                Some("GM0518"),
                Some("GM0363"),
                None,
                Some("GM0518"),
                Some("GM0518"),
                Some("y"),
                Some("x"),
                None,
                Some("y"),
                Some("x"),
                None,
            ]
        );
        assert_eq!(samen.codes().len(), 4);
    }

    #[test]
    fn rows_take_the_code_of_the_row_they_name() {
        let bron = kolom(&[Some("GM0518"), None, Some("GM0363")]);
        let eigen = kolom(&[Some(""), Some(""), Some(""), None]);
        let k = eigen.van_rijen(&bron, [Some(2), None, Some(1), Some(0)].into_iter());
        assert_eq!(
            gelezen(&k),
            [Some("GM0363"), Some(""), None, Some("GM0518")]
        );
    }

    #[test]
    fn a_required_column_reads_its_codes_as_text() {
        let p = Code::from("ILT");
        let mut k = Codekolom::overal(p.clone(), 3);
        k.zet(&Code::from("OM"));
        let w: Vec<&str> = (0..k.len()).map(|i| k.waarde(i)).collect();
        assert_eq!(w, ["ILT", "ILT", "ILT", "OM"]);
    }
}
