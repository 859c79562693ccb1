//! Decoded text → a raw table: normalised header and rows with their physical line.

/// A data row with the line its record starts on (header = line 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    pub line: u64,
    pub fields: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct RawTable {
    /// Column names, trimmed and lower-cased.
    pub header: Vec<String>,
    pub rows: Vec<RawRow>,
    pub delimiter: u8,
}

impl RawTable {
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }
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
    let mut rows = Vec::new();
    for rec in records {
        let rec = rec.map_err(|e| TableError {
            line: e.position().map(|p| p.line()).unwrap_or(0),
            message: e.to_string(),
        })?;
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        // A line with only delimiters and blanks is not a record.
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        rows.push(RawRow {
            line,
            fields: rec.iter().map(str::to_string).collect(),
        });
    }
    Ok(RawTable {
        header,
        rows,
        delimiter,
    })
}
