//! Excel workbooks (`.xlsx`, one sheet per table), read with calamine. A row keeps
//! its Excel row number as its line, so a civil servant finds it in the sheet.
//! Rows above the header that hold a single cell (a title) are not data.

use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};

use super::table::{RawTable, Rijen, TableError};
use crate::config::Grenzen;

/// Every part of the workbook (a zip) declares what it inflates to; a part beyond
/// the limit is refused before anything is inflated.
fn check_zip(bytes: &[u8], grenzen: &Grenzen) -> Result<(), TableError> {
    let fout = |message: String| TableError { line: 0, message };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| fout(format!("geen leesbare .xlsx-werkmap: {e}")))?;
    let max = grenzen.max_zip_deel_mb.saturating_mul(1 << 20);
    for i in 0..zip.len() {
        let deel = zip
            .by_index_raw(i)
            .map_err(|e| fout(format!("geen leesbare .xlsx-werkmap: {e}")))?;
        if deel.size() > max {
            return Err(fout(format!(
                "het onderdeel `{}` van de werkmap pakt uit tot {} MiB, meer dan de grens van {} MiB (queries/config.toml [grenzen] max_zip_deel_mb); de werkmap is niet gelezen",
                crate::display::afgekort(deel.name(), 100),
                deel.size() >> 20,
                grenzen.max_zip_deel_mb
            )));
        }
    }
    Ok(())
}

fn open<'a>(bytes: &'a [u8], grenzen: &Grenzen) -> Result<Xlsx<Cursor<&'a [u8]>>, TableError> {
    check_zip(bytes, grenzen)?;
    Xlsx::new(Cursor::new(bytes)).map_err(|e| TableError {
        line: 0,
        message: format!("geen leesbare .xlsx-werkmap: {e}"),
    })
}

/// The sheet names of a workbook.
pub fn bladen(bytes: &[u8], grenzen: &Grenzen) -> Result<Vec<String>, TableError> {
    Ok(open(bytes, grenzen)?.sheet_names())
}

/// A cell as text in the form the harmonise stage reads: ISO dates, whole numbers
/// without `.0`, booleans as true/false.
fn tekst(c: &DataRef) -> String {
    match c {
        DataRef::Empty => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => match d.as_datetime() {
            Some(dt) if dt.time() == chrono::NaiveTime::MIN => dt.date().to_string(),
            Some(dt) => dt.format("%Y-%m-%dT%H:%M:%S").to_string(),
            None => d.as_f64().to_string(),
        },
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
    }
}

/// Read one sheet (matched without regard to letter case), cell by cell: a sheet
/// with more rows than the limit is refused as soon as that shows (its declared
/// dimension, or the first row past the limit), never read whole.
pub fn parse(bytes: &[u8], blad: &str, grenzen: &Grenzen) -> Result<RawTable, TableError> {
    let mut wb = open(bytes, grenzen)?;
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
    let rijen = read_rows(&mut wb, naam, grenzen)?;
    tabel(naam, rijen)
}

/// The sheet's rows as (Excel row index, its cells), refused past
/// `max_blad_rijen` before they are held.
fn read_rows(
    wb: &mut Xlsx<Cursor<&[u8]>>,
    naam: &str,
    grenzen: &Grenzen,
) -> Result<Vec<(u32, Cellen)>, TableError> {
    let onleesbaar = |e: calamine::XlsxError| TableError {
        line: 0,
        message: format!("sheet `{naam}` cannot be read: {e}"),
    };
    let te_groot = |rij: u64| {
        TableError {
        line: rij,
        message: format!(
            "blad `{naam}` heeft meer dan {} rijen (queries/config.toml [grenzen] max_blad_rijen; Excel zelf stopt bij 1.048.576); het blad is niet gelezen: lever de tabel als CSV aan of splits haar",
            grenzen.max_blad_rijen
        ),
    }
    };
    let mut cellen = wb.worksheet_cells_reader(naam).map_err(onleesbaar)?;
    let verklaard = u64::from(cellen.dimensions().end.0) + 1;
    if verklaard > grenzen.max_blad_rijen {
        return Err(te_groot(verklaard));
    }
    let mut rijen: Vec<(u32, Cellen)> = Vec::new();
    while let Some(cel) = cellen.next_cell().map_err(onleesbaar)? {
        let (r, c) = cel.get_position();
        if u64::from(r) >= grenzen.max_blad_rijen {
            return Err(te_groot(u64::from(r) + 1));
        }
        if rijen.last().is_none_or(|(laatste, _)| *laatste != r) {
            rijen.push((r, Vec::new()));
        }
        let Some((_, cellen)) = rijen.last_mut() else {
            continue;
        };
        cellen.push((c as usize, tekst(cel.get_value())));
    }
    for (_, cellen) in &mut rijen {
        op_kolom(cellen);
    }
    Ok(rijen)
}

/// A row's cells as (column, text): only the cells the sheet holds, so a cell
/// far to the right costs itself, not a field for every column before it.
type Cellen = Vec<(usize, String)>;

/// The cells in column order, the last of two in one column kept (as a later
/// cell overwrites an earlier one).
fn op_kolom(cellen: &mut Cellen) {
    cellen.sort_by_key(|(c, _)| *c);
    let mut uniek: Cellen = Vec::with_capacity(cellen.len());
    for cel in cellen.drain(..) {
        match uniek.last_mut() {
            Some(vorige) if vorige.0 == cel.0 => *vorige = cel,
            _ => uniek.push(cel),
        }
    }
    *cellen = uniek;
}

fn leeg(f: &str) -> bool {
    f.trim().is_empty()
}

/// The table in a sheet's rows: from its first used column, its header the first
/// row with two cells filled, every row as wide as the header (a cell right of
/// it kept only when it holds something, so the row is flagged rather than
/// silently cut).
fn tabel(naam: &str, rijen: Vec<(u32, Cellen)>) -> Result<RawTable, TableError> {
    let eerste_kolom = rijen
        .iter()
        .filter_map(|(_, cellen)| cellen.iter().find(|(_, f)| !f.is_empty()).map(|(c, _)| *c))
        .min()
        .unwrap_or(0);
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for (r, cellen) in rijen {
        let line = u64::from(r) + 1;
        let cellen: Cellen = cellen
            .into_iter()
            .filter(|(c, _)| *c >= eerste_kolom)
            .map(|(c, f)| (c - eerste_kolom, f))
            .collect();
        if cellen.iter().all(|(_, f)| leeg(f)) {
            continue;
        }
        match &header {
            // Exports often start with a title line: the header is the first row
            // with at least two cells filled.
            None if cellen.iter().filter(|(_, f)| !leeg(f)).count() < 2 => continue,
            None => {
                let breedte = cellen.last().map_or(0, |(c, _)| c + 1);
                let mut h = vec![String::new(); breedte];
                for (c, f) in &cellen {
                    h[*c] = f.trim().to_lowercase();
                }
                header = Some(h);
            }
            Some(_) => rows.push((line, cellen)),
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
    let mut kolommen = Rijen::met_kop(header.len());
    for (line, cellen) in rows {
        // A sheet stores no trailing empty cells: the row is as wide as the
        // header, or to its last cell that holds something.
        let breedte = cellen
            .iter()
            .rev()
            .find(|(_, f)| !leeg(f))
            .map_or(0, |(c, _)| c + 1)
            .max(header.len());
        let velden: Vec<(usize, &str)> = cellen
            .iter()
            .filter(|(c, _)| *c < breedte)
            .map(|(c, f)| (*c, f.as_str()))
            .collect();
        if velden.len() == breedte {
            kolommen.push(line, velden.iter().map(|(_, f)| *f))?;
        } else {
            kolommen.push_ijl(line, breedte, velden)?;
        }
    }
    Ok(RawTable {
        header,
        rows: kolommen,
        delimiter: b',',
    })
}
