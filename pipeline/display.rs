//! Delivered text as people see it: a report page shows at most the start of a
//! value, and a CSV meant for a spreadsheet never starts a cell with a formula
//! (OWASP, "CSV injection").

use std::borrow::Cow;

/// The first `n` characters of `s`, then "…" when anything was cut.
pub fn afgekort(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Characters a spreadsheet reads as the start of a formula.
const FORMULE_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell for a CSV that people open in a spreadsheet: `'` before a cell that
/// starts with `=`, `+`, `-`, `@`, tab or CR, so it stays text.
pub fn spreadsheet_cel(s: &str) -> Cow<'_, str> {
    if s.starts_with(FORMULE_START) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// The cell as it was before `spreadsheet_cel`, for a table people filled in and
/// the pipeline reads back (a mapping table made from `vth unmapped`).
pub fn zonder_spreadsheet_prefix(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULE_START) => rest,
        _ => s,
    }
}

/// A CSV that people open in a spreadsheet: every cell through `spreadsheet_cel`.
pub fn csv_voor_mensen<R, C>(rijen: R) -> String
where
    R: IntoIterator,
    R::Item: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut w = csv::Writer::from_writer(Vec::new());
    for rij in rijen {
        let cellen: Vec<String> = rij
            .into_iter()
            .map(|c| spreadsheet_cel(c.as_ref()).into_owned())
            .collect();
        // Writing to memory cannot fail.
        let _ = w.write_record(&cellen);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_read_back() {
        for f in [
            "=HYPERLINK(\"x\")",
            "+cmd|' /C calc'!A0",
            "@SUM(A1)",
            "-2+3",
            "\tx",
            "\rx",
        ] {
            let cel = spreadsheet_cel(f);
            assert_eq!(cel, format!("'{f}"));
            assert_eq!(zonder_spreadsheet_prefix(&cel), f);
        }
        assert_eq!(spreadsheet_cel("toezicht"), "toezicht");
        // A value that starts with a quote of its own keeps it.
        assert_eq!(
            zonder_spreadsheet_prefix("'s-Hertogenbosch"),
            "'s-Hertogenbosch"
        );
    }

    #[test]
    fn long_values_are_cut_at_a_character() {
        assert_eq!(afgekort("ééééé", 3), "ééé…");
        assert_eq!(afgekort("abc", 3), "abc");
    }
}
