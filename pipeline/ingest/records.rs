//! The records of CSV text, as the csv crate reads them (csv_core's grammar: any
//! of `\r`, `\n` ends a record, empty lines are skipped, `"` quotes), each with
//! the byte it starts at. A record without a quote is its text split at the
//! delimiter, so it is taken straight from the text, its delimiters and line
//! breaks found 64 bytes at a time; only a record with a quote goes through
//! csv_core. One file of 12 million rows: the csv crate's reader took 1.1 s of
//! CPU time (its own copy of the text, a copy of every record, a UTF-8 check of
//! text that is UTF-8 already).

use csv_core::ReadRecordResult;

/// A record: where it starts (its first byte that is not a line break) and its
/// fields, each a stretch of `tekst`.
pub struct Record<'r> {
    pub begin: usize,
    tekst: &'r str,
    velden: &'r [(usize, usize)],
}

impl<'r> Record<'r> {
    pub fn len(&self) -> usize {
        self.velden.len()
    }

    pub fn fields(&self) -> impl ExactSizeIterator<Item = &'r str> + 'r {
        let tekst = self.tekst;
        self.velden.iter().map(move |&(a, b)| &tekst[a..b])
    }

    /// The bytes of all fields together (without delimiters or quotes).
    pub fn bytes(&self) -> usize {
        self.velden.iter().map(|&(a, b)| b - a).sum()
    }
}

/// The records of `tekst`, one after another.
pub struct Records<'t> {
    tekst: &'t str,
    /// Where the next record is looked for.
    pos: usize,
    /// The delimiter is one ASCII byte, so no field taken straight from the text
    /// can split a character.
    snel: bool,
    tekens: Tekens<'t>,
    core: csv_core::Reader,
    /// A quoted record as csv_core gives it: its fields' bytes and their ends.
    uit: Vec<u8>,
    einden: Vec<usize>,
    velden: Vec<(usize, usize)>,
}

/// The fields of a record with a quote are not UTF-8 (only possible with a
/// delimiter that is not ASCII).
#[derive(Debug)]
pub struct GeenUtf8 {
    pub begin: usize,
}

impl<'t> Records<'t> {
    /// The records of `tekst` from its first byte on; a UTF-8 byte order mark
    /// there is skipped, as csv_core skips one at the start of its input.
    pub fn new(tekst: &'t str, delimiter: u8) -> Self {
        let pos = if tekst.starts_with('\u{feff}') { 3 } else { 0 };
        Records {
            tekst,
            pos,
            snel: delimiter.is_ascii() && !matches!(delimiter, b'"' | b'\r' | b'\n'),
            tekens: Tekens::new(tekst.as_bytes(), delimiter),
            core: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            uit: vec![0; 1024],
            einden: vec![0; 64],
            velden: Vec::new(),
        }
    }

    /// The next record, or `None` after the last.
    pub fn volgende(&mut self) -> Option<Result<Record<'_>, GeenUtf8>> {
        let t = self.tekst.as_bytes();
        while self.pos < t.len() && matches!(t[self.pos], b'\r' | b'\n') {
            self.pos += 1;
        }
        if self.pos >= t.len() {
            return None;
        }
        let begin = self.pos;
        if self.snel && self.zonder_quote(begin) {
            return Some(Ok(Record {
                begin,
                tekst: self.tekst,
                velden: &self.velden,
            }));
        }
        Some(self.met_quote(begin))
    }

    /// The record at `begin` straight from the text, when it holds no quote
    /// (its fields in `velden`, `pos` past it); else false.
    fn zonder_quote(&mut self, begin: usize) -> bool {
        let t = self.tekst.as_bytes();
        self.velden.clear();
        self.tekens.vanaf(begin);
        let mut veld = begin;
        loop {
            let Some(i) = self.tekens.volgende() else {
                self.velden.push((veld, t.len()));
                self.pos = t.len();
                return true;
            };
            match t[i] {
                b'"' => return false,
                b'\r' | b'\n' => {
                    self.velden.push((veld, i));
                    self.pos = i + 1;
                    return true;
                }
                _ => {
                    self.velden.push((veld, i));
                    veld = i + 1;
                }
            }
        }
    }

    /// The record at `begin` as csv_core reads it, from a fresh start.
    fn met_quote(&mut self, begin: usize) -> Result<Record<'_>, GeenUtf8> {
        self.core.reset();
        // A blank line first: csv_core skips it, and no longer takes a byte
        // order mark at the record's start for one at the start of the input.
        let _ = self
            .core
            .read_record(b"\n", &mut self.uit, &mut self.einden);
        let mut invoer = &self.tekst.as_bytes()[begin..];
        let (mut uit, mut einden) = (0, 0);
        loop {
            let (res, nin, nout, nend) =
                self.core
                    .read_record(invoer, &mut self.uit[uit..], &mut self.einden[einden..]);
            invoer = &invoer[nin..];
            self.pos += nin;
            uit += nout;
            einden += nend;
            match res {
                // All the rest was given: the next call says the input ended.
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => self.uit.resize(self.uit.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => self.einden.resize(self.einden.len() * 2, 0),
                ReadRecordResult::Record | ReadRecordResult::End => break,
            }
        }
        let tekst = std::str::from_utf8(&self.uit[..uit]).map_err(|_| GeenUtf8 { begin })?;
        self.velden.clear();
        let mut vorige = 0;
        for &e in &self.einden[..einden] {
            self.velden.push((vorige, e));
            vorige = e;
        }
        Ok(Record {
            begin,
            tekst,
            velden: &self.velden,
        })
    }
}

/// The delimiters, line breaks and quotes of a text, in order, found a block of
/// 64 bytes at a time: one bit per byte.
struct Tekens<'t> {
    t: &'t [u8],
    delimiter: u8,
    /// The block the bits are of, and the bits not yet given.
    blok: usize,
    bits: u64,
}

impl<'t> Tekens<'t> {
    fn new(t: &'t [u8], delimiter: u8) -> Self {
        Tekens {
            t,
            delimiter,
            blok: usize::MAX,
            bits: 0,
        }
    }

    /// From byte `p` on.
    fn vanaf(&mut self, p: usize) {
        let blok = p / 64 * 64;
        if blok != self.blok {
            self.blok = blok;
            self.bits = self.lees(blok);
        }
        self.bits &= u64::MAX << (p - blok);
    }

    fn volgende(&mut self) -> Option<usize> {
        while self.bits == 0 {
            self.blok = self.blok.checked_add(64)?;
            if self.blok >= self.t.len() {
                return None;
            }
            self.bits = self.lees(self.blok);
        }
        let i = self.bits.trailing_zeros() as usize;
        self.bits &= self.bits - 1;
        Some(self.blok + i)
    }

    /// The bits of the block at `blok` (the last block: only its bytes).
    fn lees(&self, blok: usize) -> u64 {
        match self.t.get(blok..blok + 64) {
            Some(b) => tekens(b.try_into().expect("64 bytes"), self.delimiter),
            None => {
                let rest = self.t.get(blok..).unwrap_or_default();
                let mut b = [0u8; 64];
                b[..rest.len()].copy_from_slice(rest);
                tekens(&b, self.delimiter) & !(u64::MAX << rest.len())
            }
        }
    }
}

/// Bit `i` set when byte `i` is the delimiter, `\r`, `\n` or `"`.
#[cfg(target_arch = "x86_64")]
fn tekens(b: &[u8; 64], delimiter: u8) -> u64 {
    use std::arch::x86_64::*;
    let mut bits = 0u64;
    // SAFETY: SSE2 is part of every x86_64 processor; each load reads the 16
    // bytes of its `stuk`.
    unsafe {
        let d = _mm_set1_epi8(delimiter as i8);
        let cr = _mm_set1_epi8(b'\r' as i8);
        let lf = _mm_set1_epi8(b'\n' as i8);
        let q = _mm_set1_epi8(b'"' as i8);
        for (k, stuk) in b.chunks_exact(16).enumerate() {
            let v = _mm_loadu_si128(stuk.as_ptr().cast());
            let m = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(v, d), _mm_cmpeq_epi8(v, cr)),
                _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, q)),
            );
            bits |= (_mm_movemask_epi8(m) as u16 as u64) << (16 * k);
        }
    }
    bits
}

#[cfg(not(target_arch = "x86_64"))]
fn tekens(b: &[u8; 64], delimiter: u8) -> u64 {
    tekens_per_byte(b, delimiter)
}

/// [`tekens`] a byte at a time (elsewhere than x86_64, and its test).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn tekens_per_byte(b: &[u8; 64], delimiter: u8) -> u64 {
    b.iter().enumerate().fold(0, |bits, (i, &c)| {
        let teken = c == delimiter || matches!(c, b'\r' | b'\n' | b'"');
        bits | (u64::from(teken) << i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record as the csv crate reads it: its fields and the byte it starts
    /// at (after the line breaks the reader skipped).
    fn als_csv(tekst: &str, d: u8) -> Vec<(usize, Vec<String>)> {
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(d)
            .has_headers(false)
            .flexible(true)
            .from_reader(tekst.as_bytes());
        let mut uit = Vec::new();
        let mut rec = csv::StringRecord::new();
        while rdr.read_record(&mut rec).expect("csv reads it") {
            let mut p = rec.position().expect("a position").byte() as usize;
            while matches!(tekst.as_bytes().get(p), Some(b'\r' | b'\n')) {
                p += 1;
            }
            uit.push((p, rec.iter().map(String::from).collect()));
        }
        uit
    }

    fn als_records(tekst: &str, d: u8) -> Vec<(usize, Vec<String>)> {
        let mut r = Records::new(tekst, d);
        let mut uit = Vec::new();
        while let Some(rec) = r.volgende() {
            let rec = rec.expect("UTF-8");
            uit.push((rec.begin, rec.fields().map(String::from).collect()));
        }
        uit
    }

    #[test]
    fn records_are_those_of_the_csv_crate() {
        // Quotes (doubled, around line breaks, in the middle of a field, left
        // open at the end), every kind of line ending, blank lines, empty
        // fields, a last record without a line break, text past 64 bytes.
        let stukken = [
            "a,b,c\n",
            "1,2,3\r\n",
            "\n\n",
            "x,,\r",
            "\"q,1\",\"r\"\"s\",t\n",
            "\"lang\nveld\",2\r\n",
            ",,\n",
            "  ,\t, \n",
            "ab\"c,d\n",
            "é,ü,€,𝄞\n",
            "een veld dat langer is dan vierenzestig bytes, zodat een blok vol raakt,en nog een\n",
            "laatste,zonder,einde",
        ];
        let mut teksten: Vec<String> = vec![String::new(), "\n\r\n".into(), "a".into()];
        // Every piece after every other (records meeting block edges anywhere).
        for a in &stukken {
            for b in &stukken {
                teksten.push(format!("{a}{b}{a}"));
            }
        }
        teksten.push(stukken.concat());
        teksten.push(stukken.concat().repeat(5));
        teksten.push("\"open aan het eind,1\n2,3".into());
        for t in &teksten {
            for d in [b',', b';', b'\t', b'|'] {
                assert_eq!(
                    als_records(t, d),
                    als_csv(t, d),
                    "{t:?} with {:?}",
                    d as char
                );
            }
        }
    }

    #[test]
    fn a_byte_order_mark_is_skipped_only_at_the_start() {
        let t = "\u{feff}a,b\n\u{feff}c,d\n\u{feff}\"e\",f\n";
        let r = als_records(t, b',');
        let csv = als_csv(t, b',');
        // The csv crate places the first record before the mark; its fields are
        // the same, and so is every later record.
        assert_eq!(r[0], (3, vec!["a".to_string(), "b".to_string()]));
        assert_eq!((0, r[0].1.clone()), csv[0]);
        assert_eq!(r[1..], csv[1..]);
        assert_eq!(r[1], (7, vec!["\u{feff}c".to_string(), "d".to_string()]));
        assert_eq!(
            r[2],
            (14, vec!["\u{feff}\"e\"".to_string(), "f".to_string()])
        );
    }

    #[test]
    fn the_bits_of_a_block_are_those_found_byte_by_byte() {
        let mut b = [b'x'; 64];
        for (i, c) in [
            (0, b','),
            (5, b'\n'),
            (16, b'"'),
            (31, b'\r'),
            (47, b';'),
            (63, b','),
        ] {
            b[i] = c;
        }
        let verwacht = 1 | 1 << 5 | 1 << 16 | 1 << 31 | 1 << 63;
        assert_eq!(tekens(&b, b','), verwacht);
        assert_eq!(tekens_per_byte(&b, b','), verwacht);
        assert_eq!(tekens(&b, b';'), tekens_per_byte(&b, b';'));
        assert_eq!(tekens(&b, b';'), 1 << 5 | 1 << 16 | 1 << 31 | 1 << 47);
    }
}
