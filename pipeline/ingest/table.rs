//! Decoded text → a raw table: normalised header and the rows as read, column by
//! column, each with its physical line.

/// The text of one column as read, in Arrow's Utf8 layout: one buffer and the end
/// offset of each row's value. No string per field: a national batch holds millions.
#[derive(Debug, Clone, Default)]
struct TekstKolom {
    tekst: String,
    eind: Vec<u32>,
}

impl TekstKolom {
    fn get(&self, k: usize) -> &str {
        let begin = if k == 0 { 0 } else { self.eind[k - 1] as usize };
        &self.tekst[begin..self.eind[k] as usize]
    }
}

/// The text of consecutive rows, from row `begin` of the file on: a file parsed
/// in pieces keeps each piece's text where it was parsed, never copied together.
/// A row as wide as the header is held column by column; any other row (a
/// finding each, and rare) and a row given by some of its fields (a JSON record
/// that lacks keys, a sheet's row with gaps) field by field, so a row much wider
/// or narrower than the rest costs its own fields, not a value in every column
/// for every row.
#[derive(Debug, Clone, Default)]
pub struct Tekstdeel {
    begin: usize,
    /// One value per row as wide as the header, in order.
    kolommen: Vec<TekstKolom>,
    /// The other rows.
    afwijkend: Afwijkend,
    /// The widest row.
    breedste: usize,
}

/// The rows of a part not as wide as the header, and the rows with fields left
/// empty ([`Rijen::push_ijl`]): each row's fields one after another, each with its
/// column.
#[derive(Debug, Clone, Default)]
struct Afwijkend {
    /// Per row its place in the part, ascending.
    rij: Vec<usize>,
    /// Per row the end of its fields in `velden`.
    einde: Vec<usize>,
    velden: TekstKolom,
    /// Per field its column, ascending within a row.
    kolom: Vec<u32>,
}

impl Afwijkend {
    /// Field `i` of the `o`th row (within its width): empty when the row holds
    /// no field there.
    fn veld(&self, o: usize, i: usize) -> &str {
        let plek = self.velden_van(o);
        let begin = plek.start;
        let kolommen = &self.kolom[plek];
        // A row of every field up to its width has field `i` in place `i`.
        let plaats = match kolommen.get(i) {
            Some(&k) if k as usize == i => Some(i),
            _ => kolommen.binary_search(&(i as u32)).ok(),
        };
        plaats.map_or("", |p| self.velden.get(begin + p))
    }

    /// Where the `o`th row's fields are in `velden` and `kolom`.
    fn velden_van(&self, o: usize) -> std::ops::Range<usize> {
        let begin = if o == 0 { 0 } else { self.einde[o - 1] };
        begin..self.einde[o]
    }

    /// Append a field of the row being added.
    fn zet(&mut self, kolom: usize, f: &str, line: u64) -> Result<(), TableError> {
        self.velden.tekst.push_str(f);
        let eind = u32::try_from(self.velden.tekst.len()).map_err(|_| te_groot(line))?;
        self.velden.eind.push(eind);
        self.kolom.push(kolom as u32);
        Ok(())
    }
}

fn te_groot(line: u64) -> TableError {
    TableError {
        line,
        message: "a column holds more than 4 GiB of text".into(),
    }
}

impl Tekstdeel {
    /// The fields of the part's row `j` (`breedte` wide) from column `vanaf` on
    /// that the file holds, with their column: a sheet's row or a JSON record
    /// holds only its own cells, every other row all its fields.
    fn gehouden(&self, j: usize, breedte: usize, vanaf: usize) -> Vec<(usize, &str)> {
        let a = &self.afwijkend;
        match a.rij.binary_search(&j) {
            Ok(o) => a
                .velden_van(o)
                .map(|p| (a.kolom[p] as usize, p))
                .filter(|&(i, _)| i >= vanaf)
                .map(|(i, p)| (i, a.velden.get(p)))
                .collect(),
            // A row held by column: its value in each, after those of the `o`
            // other rows before it.
            Err(o) => (vanaf..breedte)
                .map(|i| (i, self.kolommen.get(i).map_or("", |c| c.get(j - o))))
                .collect(),
        }
    }

    /// Field `i` of the part's row `j`, which is at least `i + 1` wide.
    fn veld(&self, j: usize, i: usize) -> &str {
        match self.afwijkend.rij.binary_search(&j) {
            Ok(o) => self.afwijkend.veld(o, i),
            // Row `j` is the column's value after those of the `o` other rows
            // before it.
            Err(o) => self.kolommen.get(i).map_or("", |c| c.get(j - o)),
        }
    }
}

/// The data rows of a file as read: per column the text of every row, per row the
/// line its record starts on (header = line 1) and how many fields it had (a row
/// may have more or fewer than the header; that is a finding, not a parse error).
#[derive(Debug, Clone, Default)]
pub struct Rijen {
    lines: Vec<u64>,
    breedte: Vec<u32>,
    /// The text, in one part per piece the file was parsed in (one for most).
    delen: Vec<Tekstdeel>,
    /// The text was let go (`zonder_tekst`): lines and widths remain.
    zonder_tekst: bool,
    /// The width of a row held column by column: the header's (the first row's
    /// when no header was given).
    kop: Option<usize>,
    /// Bytes each new column reserves: a piece of a large file reserves its size,
    /// an upper bound of any column's text, so its columns never move while they
    /// grow (the pages are only used as far as they are written).
    ruimte: usize,
    /// Rows each row-long vector reserves: for a piece of a large file, its rows
    /// estimated from its first line breaks, so those vectors do not grow by
    /// doubling (each doubling copied them into pages faulted in afresh).
    rijen_ruimte: usize,
    /// Per column, counted as the rows are read (the field is at hand then).
    tellingen: Vec<Kolomtelling>,
}

/// Up to this many columns each reserves a piece's size and rows ahead
/// (`Rijen::ruimte`); a wider header's columns grow as they fill, so a header of
/// 200,000 names does not reserve 200,000 times a piece (machinery, not meaning).
const VOORUIT_KOLOMMEN: usize = 64;

/// What a column's text is counted for while it is read: the rows with a value
/// that is not blank (D2), and the longest value in bytes (a column whose values
/// all fit the length limit is not searched again).
#[derive(Debug, Clone, Copy, Default)]
struct Kolomtelling {
    gevuld: u64,
    langste: usize,
}

impl Kolomtelling {
    fn tel(&mut self, f: &str) {
        self.gevuld += u64::from(!crate::whitespace::trim(f).is_empty());
        self.langste = self.langste.max(f.len());
    }
}

impl Rijen {
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// A table whose rows are `kop` fields wide, as its header is.
    pub fn met_kop(kop: usize) -> Rijen {
        Rijen {
            kop: Some(kop),
            ..Rijen::default()
        }
    }

    /// Append a row. Fails only when one column of one file would exceed 4 GiB of
    /// text, far beyond what `[grenzen]` lets a file be.
    pub fn push<'a, I>(&mut self, line: u64, fields: I) -> Result<(), TableError>
    where
        I: IntoIterator<Item = &'a str>,
        I::IntoIter: ExactSizeIterator,
    {
        let fields = fields.into_iter();
        let n = fields.len();
        let kop = self.begin_rij(n);
        if n == kop {
            let (ruimte, rijen_ruimte) = if kop <= VOORUIT_KOLOMMEN {
                (self.ruimte, self.rijen_ruimte)
            } else {
                (0, 0)
            };
            let deel = self.delen.last_mut().expect("begin_rij added a part");
            if deel.kolommen.len() < kop {
                deel.kolommen.resize_with(kop, || TekstKolom {
                    tekst: String::with_capacity(ruimte),
                    eind: Vec::with_capacity(rijen_ruimte),
                });
            }
            for ((f, kolom), telling) in fields.zip(&mut deel.kolommen).zip(&mut self.tellingen) {
                telling.tel(f);
                kolom.tekst.push_str(f);
                let eind = u32::try_from(kolom.tekst.len()).map_err(|_| te_groot(line))?;
                kolom.eind.push(eind);
            }
        } else {
            self.afwijkende_rij(line, fields.enumerate())?;
        }
        self.lines.push(line);
        self.breedte.push(n as u32);
        Ok(())
    }

    /// Append a row `breedte` fields wide of which only `velden` (column, text;
    /// ascending by column) are given, the others empty: a JSON record that lacks
    /// keys of the header costs its own values, not a field for every key of the
    /// file.
    pub fn push_ijl<'a>(
        &mut self,
        line: u64,
        breedte: usize,
        velden: impl IntoIterator<Item = (usize, &'a str)>,
    ) -> Result<(), TableError> {
        self.begin_rij(breedte);
        let binnen = velden.into_iter().filter(|&(i, _)| i < breedte);
        // An empty field changes no count.
        self.afwijkende_rij(line, binnen)?;
        self.lines.push(line);
        self.breedte.push(breedte as u32);
        Ok(())
    }

    /// Make room for a row `breedte` fields wide (its part, its columns' counts);
    /// returns the width of a row held by column.
    fn begin_rij(&mut self, breedte: usize) -> usize {
        let kop = *self.kop.get_or_insert(breedte);
        if self.delen.is_empty() {
            self.delen.push(Tekstdeel::default());
        }
        if self.tellingen.len() < breedte {
            self.tellingen.resize(breedte, Kolomtelling::default());
        }
        if let Some(deel) = self.delen.last_mut() {
            deel.breedste = deel.breedste.max(breedte);
        }
        kop
    }

    /// The row being added, field by field with their columns, among its part's
    /// other rows ([`Afwijkend`]), each field counted.
    fn afwijkende_rij<'a>(
        &mut self,
        line: u64,
        velden: impl Iterator<Item = (usize, &'a str)>,
    ) -> Result<(), TableError> {
        let deel = self.delen.last_mut().expect("begin_rij added a part");
        let a = &mut deel.afwijkend;
        a.rij.push(self.lines.len() - deel.begin);
        for (i, f) in velden {
            self.tellingen[i].tel(f);
            a.zet(i, f, line)?;
        }
        a.einde.push(a.velden.eind.len());
        Ok(())
    }

    /// Add `n` to every row's line (a piece of a file parsed on its own).
    fn verschuif_regels(&mut self, n: u64) {
        if n > 0 {
            self.lines.iter_mut().for_each(|l| *l += n);
        }
    }

    /// The rows of consecutive pieces of one file as one; each piece's text stays
    /// where it is (copying a GiB together would cost time and hold it twice).
    fn samen(stukken: Vec<Rijen>) -> Rijen {
        let n = stukken.iter().map(Rijen::len).sum();
        let mut uit = Rijen {
            lines: Vec::with_capacity(n),
            breedte: Vec::with_capacity(n),
            kop: stukken.first().and_then(|s| s.kop),
            ..Rijen::default()
        };
        for stuk in stukken {
            let breedste = uit.tellingen.len().max(stuk.tellingen.len());
            uit.tellingen.resize(breedste, Kolomtelling::default());
            for (samen, t) in uit.tellingen.iter_mut().zip(&stuk.tellingen) {
                samen.gevuld += t.gevuld;
                samen.langste = samen.langste.max(t.langste);
            }
            let begin = uit.lines.len();
            uit.lines.extend_from_slice(&stuk.lines);
            uit.breedte.extend_from_slice(&stuk.breedte);
            uit.delen.extend(stuk.delen.into_iter().map(|d| Tekstdeel {
                begin: begin + d.begin,
                ..d
            }));
        }
        uit
    }

    /// Let go of the text, keeping each row's line and width: once the rows are
    /// harmonised and counted, the text of a national batch is the largest thing
    /// held, and only rows that end in quarantine need it again (read anew then).
    pub fn zonder_tekst(&mut self) {
        self.delen = Vec::new();
        self.zonder_tekst = true;
    }

    /// The number of parts the text is held in (one unless the file was parsed in
    /// pieces).
    pub fn tekstdelen(&self) -> usize {
        self.delen.len()
    }

    /// Take the text out, part by part, each with the rows it holds: a large file
    /// is checked piece by piece, and each piece's text goes when its check is
    /// done. The rows keep their lines and widths, as after [`Rijen::zonder_tekst`].
    pub fn neem_tekst(&mut self) -> Vec<(std::ops::Range<usize>, Tekstdeel)> {
        let delen = std::mem::take(&mut self.delen);
        self.zonder_tekst = true;
        let eind: Vec<usize> = delen
            .iter()
            .skip(1)
            .map(|d| d.begin)
            .chain([self.len()])
            .collect();
        delen
            .into_iter()
            .zip(eind)
            .map(|(d, e)| (d.begin..e, d))
            .collect()
    }

    /// The rows `r` with their text `tekst` (taken by [`Rijen::neem_tekst`]) as rows
    /// of their own (row 0 = row `r.start`); the per-column counts of the read
    /// ([`Rijen::gevuld`], [`Rijen::langste`]) stay with the whole file.
    pub fn stuk(&self, r: std::ops::Range<usize>, tekst: Tekstdeel) -> Rijen {
        Rijen {
            lines: self.lines[r.clone()].to_vec(),
            breedte: self.breedte[r].to_vec(),
            delen: vec![Tekstdeel { begin: 0, ..tekst }],
            zonder_tekst: false,
            kop: self.kop,
            ruimte: 0,
            rijen_ruimte: 0,
            tellingen: Vec::new(),
        }
    }

    /// The part of the text that holds row `k`.
    fn deel_van(&self, k: usize) -> &Tekstdeel {
        let d = match self.delen.len() {
            1 => 0,
            _ => self
                .delen
                .partition_point(|d| d.begin <= k)
                .saturating_sub(1),
        };
        &self.delen[d]
    }

    /// The field of row `k` in column `i`; `None` beyond the row's width.
    pub fn veld(&self, k: usize, i: usize) -> Option<&str> {
        debug_assert!(!self.zonder_tekst, "row text read after it was let go");
        if i >= self.breedte[k] as usize {
            return None;
        }
        let d = self.deel_van(k);
        Some(d.veld(k - d.begin, i))
    }

    /// The fields of column `i` for the rows `r`, in order (`None` beyond a
    /// row's width): part by part, without looking up each row's part.
    pub fn kolom(&self, i: usize, r: std::ops::Range<usize>) -> Kolomvelden<'_> {
        debug_assert!(!self.zonder_tekst, "row text read after it was let go");
        let mut velden = Kolomvelden {
            rijen: self,
            i,
            k: r.start,
            eind: r.end,
            deel: 0,
            basis: 0,
            deel_eind: 0,
            tekst: "",
            einden: &[],
            vorige: 0,
            regelmatig: 0,
            afwijkend: 0,
        };
        // From the part that holds the first row.
        let eerste = self
            .delen
            .partition_point(|d| d.begin <= r.start)
            .saturating_sub(1);
        velden.open(eerste);
        velden
    }

    /// The rows `r` as a stretch of their own.
    pub fn deel(&self, r: std::ops::Range<usize>) -> Deel<'_> {
        debug_assert!(r.end <= self.len());
        Deel {
            rijen: self,
            begin: r.start,
            len: r.len(),
        }
    }

    /// The line row `k` starts on.
    pub fn line(&self, k: usize) -> u64 {
        self.lines[k]
    }

    /// The line each row starts on, in row order.
    pub fn lines(&self) -> &[u64] {
        &self.lines
    }

    /// The rows whose field in column `i` is not blank (D2's count).
    pub fn gevuld(&self, i: usize) -> u64 {
        self.tellingen.get(i).map_or(0, |t| t.gevuld)
    }

    /// The length in bytes of the longest field in column `i`.
    pub fn langste(&self, i: usize) -> usize {
        self.tellingen.get(i).map_or(0, |t| t.langste)
    }

    /// The number of fields row `k` had.
    pub fn breedte(&self, k: usize) -> usize {
        self.breedte[k] as usize
    }

    /// The number of columns any row filled.
    pub fn kolommen(&self) -> usize {
        self.delen.iter().map(|d| d.breedste).max().unwrap_or(0)
    }

    /// The row at index `k` (0 = the first data row).
    pub fn rij(&self, k: usize) -> RawRow<'_> {
        RawRow {
            line: self.lines[k],
            rijen: self,
            k,
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = RawRow<'_>> + '_ {
        (0..self.len()).map(|k| self.rij(k))
    }
}

/// The fields of one column over consecutive rows ([`Rijen::kolom`]): a row as
/// wide as the header takes its field from where the one before it ended in the
/// column's text; another row from its own fields.
pub struct Kolomvelden<'t> {
    rijen: &'t Rijen,
    i: usize,
    /// The next row, and the end of the range.
    k: usize,
    eind: usize,
    /// The part that holds row `k`: its first row, the row after its last, and
    /// its text and ends of column `i` (none when it has no such column).
    deel: usize,
    basis: usize,
    deel_eind: usize,
    tekst: &'t str,
    einden: &'t [u32],
    /// Where the previous value ended in the column's text.
    vorige: usize,
    /// The next value of the column, and the next row of the part's other rows.
    regelmatig: usize,
    afwijkend: usize,
}

impl<'t> Kolomvelden<'t> {
    /// Read on in part `d` from row `k` (past the last part: nothing more).
    fn open(&mut self, d: usize) {
        self.deel = d;
        let Some(deel) = self.rijen.delen.get(d) else {
            self.deel_eind = usize::MAX;
            self.eind = self.k;
            return;
        };
        self.basis = deel.begin;
        self.deel_eind = self
            .rijen
            .delen
            .get(d + 1)
            .map_or(self.rijen.len(), |v| v.begin);
        let kolom = deel.kolommen.get(self.i);
        self.tekst = kolom.map_or("", |c| c.tekst.as_str());
        self.einden = kolom.map_or(&[], |c| c.eind.as_slice());
        let j = self.k.saturating_sub(self.basis);
        self.afwijkend = deel.afwijkend.rij.partition_point(|&a| a < j);
        self.regelmatig = j - self.afwijkend;
        self.vorige = match self.regelmatig.checked_sub(1) {
            Some(v) => self.einden.get(v).map_or(0, |&e| e as usize),
            None => 0,
        };
    }
}

impl<'t> Iterator for Kolomvelden<'t> {
    type Item = Option<&'t str>;

    fn next(&mut self) -> Option<Option<&'t str>> {
        while self.k < self.eind && self.k >= self.deel_eind {
            self.open(self.deel + 1);
        }
        if self.k >= self.eind {
            return None;
        }
        let k = self.k;
        self.k += 1;
        let binnen = self.i < self.rijen.breedte[k] as usize;
        let afwijkend = &self.rijen.delen[self.deel].afwijkend;
        if afwijkend.rij.get(self.afwijkend) == Some(&k.wrapping_sub(self.basis)) {
            let o = self.afwijkend;
            self.afwijkend += 1;
            return Some(binnen.then(|| afwijkend.veld(o, self.i)));
        }
        let veld = match self.einden.get(self.regelmatig) {
            Some(&e) => {
                let (begin, e) = (self.vorige, e as usize);
                self.vorige = e;
                &self.tekst[begin..e]
            }
            None => "",
        };
        self.regelmatig += 1;
        Some(binnen.then_some(veld))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.eind.saturating_sub(self.k);
        (n, Some(n))
    }
}

/// A stretch of a file's rows, read as if it were the file (row 0 = its first):
/// the contract checks a large file stretch by stretch on every core.
#[derive(Debug, Clone, Copy)]
pub struct Deel<'t> {
    rijen: &'t Rijen,
    begin: usize,
    len: usize,
}

impl<'t> Deel<'t> {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The line row `k` of the stretch starts on.
    pub fn line(&self, k: usize) -> u64 {
        self.rijen.line(self.begin + k)
    }

    /// The fields of column `i` for every row of the stretch, in order.
    pub fn kolom(&self, i: usize) -> Kolomvelden<'t> {
        self.rijen.kolom(i, self.begin..self.begin + self.len)
    }
}

/// One data row: a view into its file's columns.
#[derive(Debug, Clone, Copy)]
pub struct RawRow<'t> {
    pub line: u64,
    rijen: &'t Rijen,
    k: usize,
}

impl<'t> RawRow<'t> {
    /// The number of fields the row had.
    pub fn len(&self) -> usize {
        self.rijen.breedte[self.k] as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A field's text; `None` beyond the row's width. Reading a row whose text was
    /// let go is a bug of the caller: it asserts in tests and reads as empty.
    pub fn get(&self, i: usize) -> Option<&'t str> {
        self.rijen.veld(self.k, i)
    }

    pub fn fields(&self) -> impl Iterator<Item = &'t str> + 't {
        let rij = *self;
        (0..self.len()).map(move |i| rij.get(i).unwrap_or(""))
    }

    /// The fields from column `vanaf` on that the file holds, with their column
    /// (see [`Rijen::push_ijl`]: a row may be wider than the cells it holds).
    pub fn gehouden_vanaf(&self, vanaf: usize) -> Vec<(usize, &'t str)> {
        debug_assert!(
            !self.rijen.zonder_tekst,
            "row text read after it was let go"
        );
        if self.rijen.zonder_tekst {
            return Vec::new();
        }
        let d = self.rijen.deel_van(self.k);
        d.gehouden(self.k - d.begin, self.len(), vanaf)
    }
}

#[derive(Debug, Clone)]
pub struct RawTable {
    /// Column names, trimmed and lower-cased.
    pub header: Vec<String>,
    pub rows: Rijen,
    pub delimiter: u8,
}

impl RawTable {
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }
}

/// Excel's delimiter line: a first line `sep=;` (or `,`, tab, `|`; quoted or not)
/// names the delimiter instead of holding the header. Returns the delimiter and the
/// text from the end of that line on, its line break kept so every line keeps its
/// number (the reader skips the blank start).
pub fn excel_sep(text: &str) -> Option<(u8, &str)> {
    let eind = text.find(['\r', '\n']).unwrap_or(text.len());
    let eerste = text[..eind].trim_matches(' ');
    let eerste = eerste
        .strip_prefix('"')
        .and_then(|e| e.strip_suffix('"'))
        .unwrap_or(eerste);
    let teken = eerste
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("sep="))
        .and_then(|_| eerste.get(4..))?;
    let d = match teken {
        "," => b',',
        ";" => b';',
        "\t" => b'\t',
        "|" => b'|',
        _ => return None,
    };
    Some((d, &text[eind..]))
}

/// The delimiter of the header line: the most frequent of `,` `;` tab outside quotes.
pub fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut in_quotes = false;
    for b in first.bytes() {
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes {
            for c in counts.iter_mut() {
                if c.0 == b {
                    c.1 += 1;
                }
            }
        }
    }
    // Stable: on a tie the comma (the canonical delimiter) wins.
    counts
        .iter()
        .fold((b',', 0), |best, c| if c.1 > best.1 { *c } else { best })
        .0
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError {
    pub line: u64,
    pub message: String,
}

/// Physical lines counted from byte offsets, as everywhere in the pipeline (a
/// line ends with `\n`). The csv crate's own line count is one short after a CRLF
/// terminator and after a blank line (BurntSushi/rust-csv #395 and #208), and
/// Windows exports end every line with CRLF; so a record's line is counted here
/// from its byte offset, in one pass over the text.
struct Regels<'t> {
    tekst: &'t [u8],
    /// Counted up to here; `regel` is the line of this byte.
    tot: usize,
    regel: u64,
    /// The bytes of the record at `tot` as its fields and delimiters give them,
    /// once read (`gelezen`).
    inhoud: Option<usize>,
}

impl<'t> Regels<'t> {
    fn nieuw(tekst: &'t [u8]) -> Self {
        Regels {
            tekst,
            tot: 0,
            regel: 1,
            inhoud: None,
        }
    }

    /// The record at `tot` was read: the bytes of its fields and their number.
    /// Unquoted, they and the delimiters between them are its bytes.
    fn gelezen(&mut self, velden: usize, aantal: usize) {
        self.inhoud = Some(velden + aantal.saturating_sub(1));
    }

    /// The line breaks from `tot` to `p`, the next record's first byte. Most
    /// records hold no quote: then their bytes are their fields and delimiters,
    /// and only their terminator lies between them and the next, so no byte of
    /// theirs is searched. A quote adds at least two bytes, and a blank line one,
    /// so what follows those bytes is then no lone terminator and they are counted.
    fn regeleinden(&self, p: usize) -> u64 {
        let t = self.tekst;
        if let Some(n) = self.inhoud {
            match t.get(self.tot + n..p) {
                Some(b"\n" | b"\r\n") => return 1,
                Some(b"\r") => return 0,
                _ => {}
            }
        }
        memchr::memchr_iter(b'\n', &t[self.tot..p]).count() as u64
    }

    /// The line of the record whose first byte (not a line break) is at `p`.
    fn regel(&mut self, p: usize) -> u64 {
        let p = p.min(self.tekst.len());
        if p < self.tot {
            // Records come in order; should one not, count again from the start.
            self.tot = 0;
            self.regel = 1;
            self.inhoud = None;
        }
        self.regel += self.regeleinden(p);
        self.tot = p;
        self.inhoud = None;
        self.regel
    }
}

/// The text of a CSV file as a table. A large file is parsed in pieces on every
/// core (see [`stukken`]); the table is the same as parsed in one piece.
pub fn parse(text: &str, delimiter: u8) -> Result<RawTable, TableError> {
    let grenzen = stukken::grenzen(text.as_bytes(), rayon::current_num_threads());
    if grenzen.len() > 2 {
        if let Some(t) = stukken::parse(text, delimiter, &grenzen) {
            return Ok(t);
        }
    }
    let stuk = lees_stuk(text, 0, text.len(), delimiter, None)?;
    Ok(RawTable {
        header: stuk.header.unwrap_or_default(),
        rows: stuk.rijen,
        delimiter,
    })
}

/// About how many records `stuk` holds, a little over: its line breaks counted
/// in its first MiB and scaled to its length (none for an empty piece).
fn geschatte_rijen(stuk: &[u8]) -> usize {
    const PROEF: usize = 1 << 20;
    let proef = &stuk[..stuk.len().min(PROEF)];
    if proef.is_empty() {
        return 0;
    }
    let regels = memchr::memchr_iter(b'\n', proef).count() + 1;
    (regels as u128 * stuk.len() as u128 / proef.len() as u128) as usize / 16 * 17 + 64
}

/// The rows of `text` whose records start in `begin..eind`, parsed from `begin`
/// as if a record started there; at `begin == 0` the first record is the header.
struct Stuk {
    header: Option<Vec<String>>,
    rijen: Rijen,
    /// Where the first record from `begin` on starts (after line breaks).
    eerste: Option<usize>,
    /// Where the first record at or after `eind` starts: the next piece must
    /// start its first record there for the two to be one parse.
    volgende: Option<usize>,
    /// The line breaks in `begin..eind`, counted on the way.
    regeleinden: u64,
}

/// `kop`: the width of the header, when it is known (a piece after the first).
fn lees_stuk(
    text: &str,
    begin: usize,
    eind: usize,
    delimiter: u8,
    kop: Option<usize>,
) -> Result<Stuk, TableError> {
    // A piece begins at the start of the text or just after a line break or at
    // its end, so never inside a character.
    let rest = text.get(begin..).ok_or_else(|| TableError {
        line: 0,
        message: format!("byte {begin} lies inside a character"),
    })?;
    let deel = rest.as_bytes();
    let mut records = super::records::Records::new(rest, delimiter);
    let mut regels = Regels::nieuw(deel);
    let ruimte = match eind.saturating_sub(begin) {
        n if n < text.len() => n,
        _ => 0,
    };
    let rijen_ruimte = geschatte_rijen(&deel[..ruimte.min(deel.len())]);
    let mut stuk = Stuk {
        header: None,
        rijen: Rijen {
            kop,
            ruimte,
            rijen_ruimte,
            lines: Vec::with_capacity(rijen_ruimte),
            breedte: Vec::with_capacity(rijen_ruimte),
            ..Rijen::default()
        },
        eerste: None,
        volgende: None,
        regeleinden: 0,
    };
    while let Some(rec) = records.volgende() {
        let rec = rec.map_err(|e| TableError {
            line: regels.regel(e.begin),
            message: "a record's fields are not UTF-8 text: the delimiter splits a character"
                .into(),
        })?;
        let start = begin + rec.begin;
        stuk.eerste.get_or_insert(start);
        if start >= eind {
            stuk.volgende = Some(start);
            break;
        }
        let line = regels.regel(rec.begin);
        regels.gelezen(rec.bytes(), rec.len());
        if begin == 0 && stuk.header.is_none() {
            stuk.rijen.kop = Some(rec.len());
            stuk.header = Some(
                rec.fields()
                    .map(|s| s.trim().trim_matches('"').to_lowercase())
                    .collect(),
            );
            continue;
        }
        // A line with only delimiters and blanks is not a record.
        if rec.fields().all(|f| crate::whitespace::trim(f).is_empty()) {
            continue;
        }
        stuk.rijen.push(line, rec.fields())?;
    }
    if begin == 0 && stuk.header.is_none() {
        return Err(TableError {
            line: 1,
            message: "the file is empty: a header row is required".into(),
        });
    }
    // Those before the last record counted, and the rest up to `eind` (a piece
    // parsed again may begin past it: then there are none).
    let einde = eind.saturating_sub(begin).min(deel.len());
    let tot = regels.tot.min(einde);
    stuk.regeleinden =
        regels.regel - 1 + memchr::memchr_iter(b'\n', &deel[tot..einde]).count() as u64;
    Ok(stuk)
}

/// A large CSV file parsed on every core: split at line breaks into pieces, each
/// parsed as if a record started there, then checked against the piece before it
/// (a quoted value may hold a line break, so a split can fall inside a record;
/// such a piece is parsed again from the record's end). Lines are counted per
/// piece and added up, so every row keeps its physical line.
mod stukken {
    use super::{lees_stuk, RawTable, Rijen, Stuk};
    use rayon::prelude::*;

    /// Below this a piece is not worth a thread (machinery, not meaning).
    const MIN_STUK: usize = 8 << 20;

    /// Where the pieces begin, and the end: just after a line break, about
    /// `16 × threads` pieces of at least [`MIN_STUK`] bytes. Small pieces even
    /// out the cores at the end of the parse, and harmonise lets each piece's
    /// text go when it is checked, so fewer bytes wait in pieces being checked
    /// (one file: harmonise's peak 2.6–2.7 GiB with 32 pieces, 2.8–2.9 with 8).
    pub(super) fn grenzen(t: &[u8], threads: usize) -> Vec<usize> {
        let aantal = (t.len() / MIN_STUK).min(16 * threads.max(1)).max(1);
        let mut g = vec![0];
        for i in 1..aantal {
            let doel = (t.len() / aantal * i).max(*g.last().unwrap_or(&0));
            match memchr::memchr(b'\n', &t[doel..]) {
                Some(p) if doel + p + 1 < t.len() => g.push(doel + p + 1),
                _ => break,
            }
        }
        g.push(t.len());
        g.dedup();
        g
    }

    /// The table, or `None` when a piece holds an error (the parse in one piece
    /// then names it exactly). A piece whose start turns out to lie inside a
    /// record (a quoted value with a line break) is parsed again from where that
    /// record ends, which the piece before it found.
    pub(super) fn parse(text: &str, delimiter: u8, grenzen: &[usize]) -> Option<RawTable> {
        let t = text.as_bytes();
        let regels = |r: std::ops::Range<usize>| memchr::memchr_iter(b'\n', &t[r]).count() as u64;
        // The header's width, which every piece holds its rows column by column
        // at: the first record, as the first piece reads it.
        let kop = super::super::records::Records::new(text, delimiter)
            .volgende()
            .and_then(Result::ok)
            .map(|r| r.len());
        let mut stukken: Vec<Stuk> = grenzen
            .par_windows(2)
            .map(|w| lees_stuk(text, w[0], w[1], delimiter, kop))
            .collect::<Result<Vec<_>, _>>()
            .ok()?;
        let per_stuk: Vec<u64> = stukken.iter().map(|s| s.regeleinden).collect();
        // Per piece, the lines before it begins.
        let mut eerder: Vec<u64> = per_stuk
            .iter()
            .scan(0, |n, r| {
                let voor = *n;
                *n += r;
                Some(voor)
            })
            .collect();
        for i in 1..stukken.len() {
            let verwacht = stukken[i - 1].volgende;
            if verwacht == stukken[i].eerste {
                continue;
            }
            let begin = verwacht.unwrap_or(t.len());
            if begin < grenzen[i] {
                return None;
            }
            stukken[i] = lees_stuk(text, begin, grenzen[i + 1], delimiter, kop).ok()?;
            eerder[i] += regels(grenzen[i]..begin);
        }
        let mut header = None;
        let mut delen = Vec::with_capacity(stukken.len());
        for (stuk, eerder) in stukken.into_iter().zip(eerder) {
            header = header.or(stuk.header);
            let mut rijen = stuk.rijen;
            rijen.verschuif_regels(eerder);
            delen.push(rijen);
        }
        Some(RawTable {
            header: header?,
            rows: Rijen::samen(delen),
            delimiter,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The physical line each row starts on, with LF and with CRLF endings, after
    /// a blank line and after a quoted value that spans two lines.
    #[test]
    fn excels_sep_line_names_the_delimiter_and_rows_keep_their_lines() {
        let tekst = "sep=;\r\na;b\r\nx;1\r\n";
        let (d, rest) = excel_sep(tekst).expect("a sep line");
        assert_eq!((d, rest), (b';', "\r\na;b\r\nx;1\r\n"));
        let t = parse(rest, d).expect("a table");
        assert_eq!(t.header, ["a", "b"]);
        assert_eq!(t.rows.rij(0).line, 3);
        assert_eq!(excel_sep("\"SEP=|\"\na|b\n").map(|(d, _)| d), Some(b'|'));
        // A header that happens to start with sep is no delimiter line.
        assert_eq!(excel_sep("separatie;b\n"), None);
        assert_eq!(excel_sep("sep=;;\n"), None);
    }

    /// Every row as (line, width, fields), to compare two parses.
    fn als_lijst(t: &RawTable) -> Vec<(u64, usize, Vec<String>)> {
        t.rows
            .iter()
            .map(|r| (r.line, r.len(), r.fields().map(str::to_string).collect()))
            .collect()
    }

    /// A file large enough to be parsed in pieces: CRLF and LF lines, blank lines,
    /// quoted values with line breaks and delimiters, a stray quote inside an
    /// unquoted value, rows wider and narrower than the header.
    fn grote_tekst(rijen: usize) -> String {
        let mut t = String::from("id,omschrijving,n\r\n");
        for k in 0..rijen {
            match k % 7 {
                0 => t.push_str(&format!("C{k},\"twee\nregels, met komma\",{k}\r\n")),
                1 => t.push_str(&format!("C{k},buis van 5\" doorsnee,{k}\n")),
                2 => t.push_str("\r\n"),
                3 => t.push_str(&format!("C{k},extra,{k},veld\n")),
                4 => t.push_str(&format!("C{k}\n")),
                5 => t.push_str(&format!("C{k},\"\"\"geciteerd\"\"\",{k}\r\n")),
                _ => t.push_str(&format!("C{k},gewoon,{k}\n")),
            }
        }
        t
    }

    #[test]
    fn a_large_file_parsed_in_pieces_is_the_file_parsed_whole() {
        let tekst = grote_tekst(1_000_000);
        let grenzen = stukken::grenzen(tekst.as_bytes(), 2);
        assert!(grenzen.len() > 2, "{} bytes in one piece", tekst.len());
        let heel = lees_stuk(&tekst, 0, tekst.len(), b',', None).expect("one piece");
        let heel = RawTable {
            header: heel.header.unwrap_or_default(),
            rows: heel.rijen,
            delimiter: b',',
        };
        let Some(t) = stukken::parse(&tekst, b',', &grenzen) else {
            panic!("the pieces should join: boundaries {grenzen:?}");
        };
        assert_eq!(t.header, heel.header);
        assert_eq!(t.rows.len(), heel.rows.len());
        assert_eq!(als_lijst(&t), als_lijst(&heel));
        // The counts made while reading, per column, as counted over the rows
        // afterwards; and by hand: every row but the blank ones fills `id`.
        for i in 0..4 {
            let velden: Vec<&str> = heel.rows.kolom(i, 0..heel.rows.len()).flatten().collect();
            let gevuld = velden.iter().filter(|v| !v.trim().is_empty()).count() as u64;
            let langste = velden.iter().map(|v| v.len()).max().unwrap_or(0);
            assert_eq!(
                (t.rows.gevuld(i), t.rows.langste(i)),
                (gevuld, langste),
                "column {i}"
            );
            assert_eq!(
                (heel.rows.gevuld(i), heel.rows.langste(i)),
                (gevuld, langste)
            );
        }
        assert_eq!(t.rows.gevuld(0), 1_000_000 - 1_000_000 / 7);
        assert_eq!(t.rows.gevuld(3), 1_000_000 / 7);
        assert_eq!(t.rows.langste(1), "twee\nregels, met komma".len());
        // Read by column over stretches that cross the pieces, as by row.
        assert!(t.rows.delen.len() > 1);
        let n = t.rows.len();
        for r in [0..n, 1..n - 1, n / 3..2 * n / 3, n / 2..n / 2, n - 5..n] {
            for i in 0..4 {
                let per_kolom: Vec<Option<&str>> = t.rows.kolom(i, r.clone()).collect();
                let per_rij: Vec<Option<&str>> = r.clone().map(|k| heel.rows.veld(k, i)).collect();
                assert_eq!(per_kolom, per_rij, "column {i}, rows {r:?}");
            }
        }
        // Taken out piece by piece (as harmonise does), each piece reads as its
        // rows of the whole, with their lines.
        let mut stukken = t.clone();
        let delen = stukken.rows.neem_tekst();
        assert_eq!(delen.len(), t.rows.delen.len());
        assert_eq!(delen.last().map(|(r, _)| r.end), Some(n));
        assert_eq!(
            stukken.rows.len(),
            n,
            "the rows keep their lines and widths"
        );
        for (r, tekst) in delen {
            let stuk = stukken.rows.stuk(r.clone(), tekst);
            assert_eq!(stuk.lines(), &heel.rows.lines()[r.clone()]);
            for i in 0..4 {
                let eigen: Vec<Option<&str>> = stuk.kolom(i, 0..stuk.len()).collect();
                let uit_heel: Vec<Option<&str>> = heel.rows.kolom(i, r.clone()).collect();
                assert_eq!(eigen, uit_heel, "column {i}, rows {r:?}");
            }
        }
        // By hand: the header is line 1, the first row's value spans lines 2–3.
        assert_eq!(t.rows.rij(0).line, 2);
        assert_eq!(t.rows.rij(0).get(1), Some("twee\nregels, met komma"));
        assert_eq!(t.rows.rij(1).line, 4);
        assert_eq!(t.rows.rij(1).get(1), Some("buis van 5\" doorsnee"));
    }

    /// Rows as wide as the header are held by column, the others (wider,
    /// narrower) field by field: read back by row, by column over stretches that
    /// cross the pieces and their other rows, and beyond a column, every row is
    /// what the csv crate reads in the same text.
    #[test]
    fn rows_of_every_width_read_back_as_the_csv_crate_reads_them() {
        let tekst = grote_tekst(1_000_000);
        let grenzen = stukken::grenzen(tekst.as_bytes(), 2);
        let t = stukken::parse(&tekst, b',', &grenzen).expect("pieces that join");
        assert!(t.rows.delen.len() > 1);
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(tekst.as_bytes());
        let verwacht: Vec<Vec<String>> = rdr
            .records()
            .map(|r| {
                r.expect("csv")
                    .iter()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .filter(|r| r.iter().any(|f| !f.trim().is_empty()))
            .skip(1)
            .collect();
        let n = verwacht.len();
        assert_eq!(t.rows.len(), n);
        // The widths the text holds: 3 as the header, 4 and 1 besides.
        let mut breedtes: Vec<usize> = verwacht.iter().map(Vec::len).collect();
        breedtes.sort_unstable();
        breedtes.dedup();
        assert_eq!(breedtes, [1, 3, 4]);
        for (k, v) in verwacht.iter().enumerate() {
            let rij = t.rows.rij(k);
            assert_eq!(rij.fields().collect::<Vec<_>>(), *v, "row {k}");
            let voorbij: Vec<(usize, &str)> = v
                .iter()
                .enumerate()
                .skip(1)
                .map(|(i, f)| (i, f.as_str()))
                .collect();
            assert_eq!(rij.gehouden_vanaf(1), voorbij, "row {k}");
        }
        for r in [0..n, 3..n - 2, n / 3..2 * n / 3, n - 7..n] {
            for i in 0..5 {
                let per_kolom: Vec<Option<&str>> = t.rows.kolom(i, r.clone()).collect();
                let uit_csv: Vec<Option<&str>> = r
                    .clone()
                    .map(|k| verwacht[k].get(i).map(String::as_str))
                    .collect();
                assert_eq!(per_kolom, uit_csv, "column {i}, rows {r:?}");
            }
        }
    }

    /// A row given by some of its fields (a JSON record that lacks keys, a sheet's
    /// row that reaches a far column) reads as its width in full, the fields not
    /// given empty; it counts as the fields given. By hand.
    #[test]
    fn a_row_given_by_some_fields_reads_the_others_as_empty() {
        let mut rijen = Rijen::met_kop(3);
        rijen.push(2, ["a", "b", "c"]).expect("row");
        rijen.push_ijl(3, 3, [(1, "y")]).expect("row");
        rijen.push_ijl(4, 6, [(0, " "), (5, "zz")]).expect("row");
        rijen.push(5, ["p"]).expect("row");
        let per_rij: Vec<Vec<&str>> = (0..4).map(|k| rijen.rij(k).fields().collect()).collect();
        assert_eq!(
            per_rij,
            [
                vec!["a", "b", "c"],
                vec!["", "y", ""],
                vec![" ", "", "", "", "", "zz"],
                vec!["p"],
            ]
        );
        let kolom = |i: usize| rijen.kolom(i, 0..4).collect::<Vec<_>>();
        assert_eq!(kolom(1), [Some("b"), Some("y"), Some(""), None]);
        assert_eq!(kolom(5), [None, None, Some("zz"), None]);
        assert_eq!(
            rijen.kolom(2, 1..3).collect::<Vec<_>>(),
            [Some(""), Some("")]
        );
        assert_eq!(rijen.rij(2).gehouden_vanaf(3), [(5, "zz")]);
        assert_eq!(rijen.rij(0).gehouden_vanaf(1), [(1, "b"), (2, "c")]);
        assert_eq!(rijen.kolommen(), 6);
        // Column 0: a, " " (blank), p filled; column 5 only zz.
        assert_eq!((rijen.gevuld(0), rijen.langste(0)), (2, 1));
        assert_eq!((rijen.gevuld(5), rijen.langste(5)), (1, 2));
        assert_eq!((rijen.gevuld(2), rijen.langste(2)), (1, 1));
    }

    #[test]
    fn a_piece_that_starts_inside_a_quoted_value_is_parsed_again_from_its_end() {
        // One value of 20 MB full of line breaks (and text that looks like
        // records): every boundary but the last falls inside it.
        let mut tekst = String::from("id,omschrijving\nC1,\"");
        tekst.push_str(&"regel, met \"\"citaat\"\"\nC9,nep\n".repeat(700_000));
        tekst.push_str("\"\nC2,na\n");
        tekst.push_str(&"C3,daarna\n".repeat(1_000_000));
        let grenzen = stukken::grenzen(tekst.as_bytes(), 2);
        assert!(grenzen.len() > 3, "{grenzen:?}");
        let t = stukken::parse(&tekst, b',', &grenzen).expect("pieces that join");
        let lijst = als_lijst(&t);
        assert_eq!(lijst.len(), 2 + 1_000_000);
        // The long value spans 1,400,001 lines from line 2; C2 follows it.
        assert_eq!((lijst[0].0, lijst[1].0), (2, 2 + 2 * 700_000 + 1));
        assert_eq!(lijst[1].2, ["C2", "na"]);
        assert_eq!(lijst[2].0, 2 + 2 * 700_000 + 2);
        assert_eq!(lijst.last().map(|r| r.0), Some(2 + 2 * 700_000 + 1_000_001));
        let heel = lees_stuk(&tekst, 0, tekst.len(), b',', None).expect("one piece");
        assert_eq!(heel.rijen.len(), t.rows.len());
    }

    #[test]
    fn a_record_after_quotes_blank_lines_or_mixed_endings_keeps_its_line() {
        // By hand: header 1 (CRLF); x 2, quoted; a blank line 3; y" 4 (an escaped
        // quote, LF); z 5, whose quoted value holds two line breaks (to line 7);
        // q 8; a blank line 9; w 10; v 11 with a quote inside an unquoted value;
        // u 12 ends in a CR alone, which ends the record but not the line (lines
        // end with LF), so t is on line 12 too.
        let tekst =
            "a,b\r\nx,\"1\"\r\n\r\n\"y\"\"\",2\nz,\"3\n\n\"\r\nq,4\r\n\nw,5\nv,a\"b\nu,6\rt,7\n";
        let t = parse(tekst, b',').expect("a table");
        let regels: Vec<(u64, &str)> = t
            .rows
            .iter()
            .map(|r| (r.line, r.get(0).unwrap_or_default()))
            .collect();
        assert_eq!(
            regels,
            [
                (2, "x"),
                (4, "y\""),
                (5, "z"),
                (8, "q"),
                (10, "w"),
                (11, "v"),
                (12, "u"),
                (12, "t")
            ]
        );
    }

    #[test]
    fn rows_keep_their_physical_line_whatever_the_line_ending() {
        let lf = "a,b\nx,1\n\ny,\"2\nmeer\"\nz,3\n";
        let crlf = lf.replace('\n', "\r\n");
        for tekst in [lf.to_string(), crlf] {
            let t = parse(&tekst, b',').expect("a table");
            let regels: Vec<(u64, &str)> = t
                .rows
                .iter()
                .map(|r| (r.line, r.get(0).unwrap_or_default()))
                .collect();
            assert_eq!(regels, [(2, "x"), (4, "y"), (6, "z")], "{tekst:?}");
        }
    }
}
