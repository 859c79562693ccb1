//! Excel workbooks (`.xlsx`, one sheet per table), read with calamine. A row keeps
//! its Excel row number as its line, so a civil servant finds it in the sheet.
//! Rows above the header that hold a single cell (a title) are not data.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::table::{RawRow, RawTable, TableError};

/// The sheet names of a workbook.
pub fn bladen(bytes: &[u8]) -> Result<Vec<String>, TableError> {
    let wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| TableError {
        line: 0,
        message: format!("not a readable .xlsx workbook: {e}"),
    })?;
    Ok(wb.sheet_names())
}

/// A cell as text in the form the harmonise stage reads: ISO dates, whole numbers
/// without `.0`, booleans as true/false.
fn tekst(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(dt) if dt.time() == chrono::NaiveTime::MIN => dt.date().to_string(),
            Some(dt) => dt.format("%Y-%m-%dT%H:%M:%S").to_string(),
            None => d.as_f64().to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// Read one sheet (matched without regard to letter case).
pub fn parse(bytes: &[u8], blad: &str) -> Result<RawTable, TableError> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| TableError {
        line: 0,
        message: format!("not a readable .xlsx workbook: {e}"),
    })?;
    let namen = wb.sheet_names();
    let Some(naam) = namen
        .iter()
        .find(|n| n.trim().eq_ignore_ascii_case(blad.trim()))
    else {
        return Err(TableError {
            line: 0,
            message: format!(
                "the workbook has no sheet `{blad}`; sheets found: {}",
                namen.join(", ")
            ),
        });
    };
    let range = wb.worksheet_range(naam).map_err(|e| TableError {
        line: 0,
        message: format!("sheet `{naam}` cannot be read: {e}"),
    })?;
    let eerste_rij = u64::from(range.start().map_or(0, |(r, _)| r));
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let line = eerste_rij + i as u64 + 1;
        let fields: Vec<String> = cells.iter().map(tekst).collect();
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        match &header {
            // Exports often start with a title line: the header is the first row
            // with at least two cells filled.
            None if fields.iter().filter(|f| !f.trim().is_empty()).count() < 2 => continue,
            None => header = Some(fields.iter().map(|f| f.trim().to_lowercase()).collect()),
            Some(h) => {
                // Cells right of the header are kept only when they hold something,
                // so the row is flagged rather than silently cut.
                let mut fields = fields;
                while fields.len() > h.len() && fields.last().is_some_and(|f| f.trim().is_empty()) {
                    fields.pop();
                }
                rows.push(RawRow { line, fields });
            }
        }
    }
    let Some(mut header) = header else {
        return Err(TableError {
            line: 1,
            message: format!("sheet `{naam}` is empty: a header row is required"),
        });
    };
    while header.last().is_some_and(String::is_empty) {
        header.pop();
    }
    for r in &mut rows {
        while r.fields.len() > header.len() && r.fields.last().is_some_and(|f| f.trim().is_empty())
        {
            r.fields.pop();
        }
    }
    Ok(RawTable {
        header,
        rows,
        delimiter: b',',
    })
}
