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

/// The data rows of a file as read: per column the text of every row, per row the
/// line its record starts on (header = line 1) and how many fields it had (a row
/// may have more or fewer than the header; that is a finding, not a parse error).
#[derive(Debug, Clone, Default)]
pub struct Rijen {
    lines: Vec<u64>,
    breedte: Vec<u32>,
    kolommen: Vec<TekstKolom>,
    /// The text was let go (`zonder_tekst`): lines and widths remain.
    zonder_tekst: bool,
}

impl Rijen {
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Append a row. Fails only when one column of one file would exceed 4 GiB of
    /// text, far beyond what `[grenzen]` lets a file be.
    pub fn push<'a>(
        &mut self,
        line: u64,
        fields: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), TableError> {
        let k = self.lines.len();
        let mut n = 0usize;
        for f in fields {
            if n == self.kolommen.len() {
                // A row wider than all before it: earlier rows have no value here.
                self.kolommen.push(TekstKolom {
                    tekst: String::new(),
                    eind: vec![0; k],
                });
            }
            let kolom = &mut self.kolommen[n];
            kolom.tekst.push_str(f);
            kolom
                .eind
                .push(u32::try_from(kolom.tekst.len()).map_err(|_| TableError {
                    line,
                    message: "a column holds more than 4 GiB of text".into(),
                })?);
            n += 1;
        }
        for kolom in &mut self.kolommen[n..] {
            kolom.eind.push(kolom.tekst.len() as u32);
        }
        self.lines.push(line);
        self.breedte.push(n as u32);
        Ok(())
    }

    /// Let go of the text, keeping each row's line and width: once the rows are
    /// harmonised and counted, the text of a national batch is the largest thing
    /// held, and only rows that end in quarantine need it again (read anew then).
    pub fn zonder_tekst(&mut self) {
        self.kolommen = Vec::new();
        self.zonder_tekst = true;
    }

    /// The field of row `k` in column `i`; `None` beyond the row's width.
    pub fn veld(&self, k: usize, i: usize) -> Option<&str> {
        debug_assert!(!self.zonder_tekst, "row text read after it was let go");
        (i < self.breedte[k] as usize).then(|| self.kolommen.get(i).map_or("", |c| c.get(k)))
    }

    /// The line row `k` starts on.
    pub fn line(&self, k: usize) -> u64 {
        self.lines[k]
    }

    /// The line each row starts on, in row order.
    pub fn lines(&self) -> &[u64] {
        &self.lines
    }

    /// The number of fields row `k` had.
    pub fn breedte(&self, k: usize) -> usize {
        self.breedte[k] as usize
    }

    /// The number of columns any row filled.
    pub fn kolommen(&self) -> usize {
        self.kolommen.len()
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
}

impl<'t> Regels<'t> {
    fn nieuw(tekst: &'t [u8]) -> Self {
        Regels {
            tekst,
            tot: 0,
            regel: 1,
        }
    }

    /// The line of the record the csv reader places at byte `begin`: that of its
    /// first byte that is not a line break (the reader may place a record on the
    /// `\n` of the terminator before it, or on a blank line it skipped).
    fn regel(&mut self, begin: u64) -> u64 {
        let t = self.tekst;
        let mut p = usize::try_from(begin).unwrap_or(usize::MAX).min(t.len());
        while p < t.len() && matches!(t[p], b'\r' | b'\n') {
            p += 1;
        }
        if p < self.tot {
            // Records come in order; should one not, count again from the start.
            self.tot = 0;
            self.regel = 1;
        }
        self.regel += t[self.tot..p].iter().filter(|&&b| b == b'\n').count() as u64;
        self.tot = p;
        self.regel
    }
}

pub fn parse(text: &str, delimiter: u8) -> Result<RawTable, TableError> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = rdr.records();
    let header = match records.next() {
        Some(Ok(h)) => h
            .iter()
            .map(|s| s.trim().trim_matches('"').to_lowercase())
            .collect::<Vec<_>>(),
        Some(Err(e)) => {
            return Err(TableError {
                line: 1,
                message: e.to_string(),
            })
        }
        None => {
            return Err(TableError {
                line: 1,
                message: "the file is empty: a header row is required".into(),
            })
        }
    };
    let mut rows = Rijen::default();
    let mut regels = Regels::nieuw(text.as_bytes());
    for rec in records {
        let rec = rec.map_err(|e| TableError {
            line: e.position().map_or(0, |p| regels.regel(p.byte())),
            message: e.to_string(),
        })?;
        let line = rec.position().map_or(0, |p| regels.regel(p.byte()));
        // A line with only delimiters and blanks is not a record.
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        rows.push(line, rec.iter())?;
    }
    Ok(RawTable {
        header,
        rows,
        delimiter,
    })
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
