//! Parsing of canonical value types, with the safe automatic handling of the
//! exchange format: each accepted deviation is reported as a warning rule.

use chrono::NaiveDate;

use crate::contract::rules::Regel;

/// A parsed value and, when the raw text deviated from the canonical form, the
/// warning rule that records the deviation.
pub type Parsed<T> = Result<(T, Option<Regel>), Regel>;

/// `jjjj-mm-dd` in digits, the canonical form of nearly every date read, without
/// chrono's format parser (millions of dates per batch).
fn iso_cijfers(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let getal = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let jaar = i32::try_from(getal(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(jaar, getal(5..7)?, getal(8..10)?)
}

pub fn date(raw: &str) -> Parsed<NaiveDate> {
    let s = raw.trim();
    if let Some(d) = iso_cijfers(s) {
        return Ok((d, None));
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        if s.len() == 10 {
            return Ok((d, None));
        }
    }
    // dd-mm-jjjj (also with one-digit day or month, as spreadsheets write them).
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() == 3 && parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2 {
        if let (Ok(d), Ok(m), Ok(y)) = (
            parts[0].parse::<u32>(),
            parts[1].parse::<u32>(),
            parts[2].parse::<i32>(),
        ) {
            if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                return Ok((date, Some(Regel::DatumNl)));
            }
        }
    }
    Err(Regel::DatumOngeldig)
}

pub fn boolean(raw: &str) -> Parsed<bool> {
    let s = raw.trim();
    match s {
        "true" | "ja" => return Ok((true, None)),
        "false" | "nee" => return Ok((false, None)),
        _ => {}
    }
    match s.to_lowercase().as_str() {
        "true" | "ja" | "j" | "y" | "yes" | "1" | "waar" => Ok((true, Some(Regel::JaNeeVariant))),
        "false" | "nee" | "n" | "no" | "0" | "onwaar" => Ok((false, Some(Regel::JaNeeVariant))),
        _ => Err(Regel::JaNeeOngeldig),
    }
}

/// A decimal with `.` (canonical) or a decimal comma, optionally with thousands
/// separators of the other kind (`1.234,56`, `1,234.56`).
pub fn decimal(raw: &str) -> Parsed<f64> {
    let s: String = raw.trim().chars().filter(|c| !c.is_whitespace()).collect();
    let s = s.strip_prefix('€').unwrap_or(&s).to_string();
    let last_dot = s.rfind('.');
    let last_comma = s.rfind(',');
    let (normalised, warn) = match (last_dot, last_comma) {
        (_, None) => (s.clone(), None),
        (None, Some(_)) => {
            if s.matches(',').count() > 1 {
                return Err(Regel::GetalOngeldig);
            }
            (s.replace(',', "."), Some(Regel::DecimaleKomma))
        }
        (Some(d), Some(c)) if c > d => (
            s.replace('.', "").replace(',', "."),
            Some(Regel::DecimaleKomma),
        ),
        (Some(_), Some(_)) => (s.replace(',', ""), None),
    };
    match normalised.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok((v, warn)),
        _ => Err(Regel::GetalOngeldig),
    }
}

pub fn integer(raw: &str) -> Parsed<i64> {
    let s = raw.trim();
    if let Ok(v) = s.parse::<i64>() {
        return Ok((v, None));
    }
    // "1200,0" or "1.200" from a spreadsheet: accept only when it is a whole number.
    match decimal(s) {
        Ok((v, w)) if v.fract() == 0.0 && v.abs() < 9.0e15 => Ok((v as i64, w)),
        _ => Err(Regel::GetalOngeldig),
    }
}

/// Match a code against a list's codes: exact, or after trimming and ignoring
/// letter case (reported as a warning). Returns the national spelling.
pub fn code<'a>(raw: &str, codes: impl Iterator<Item = &'a String>) -> Parsed<String> {
    let trimmed = raw.trim();
    let folded = trimmed.to_lowercase();
    let mut hit = None;
    for c in codes {
        if c == raw {
            return Ok((c.clone(), None));
        }
        if hit.is_none() && c.to_lowercase() == folded {
            hit = Some(c.clone());
        }
    }
    hit.map(|c| (c, Some(Regel::CodeSchrijfwijze)))
        .ok_or(Regel::CodeOnbekend)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 31).expect("valid date");
        // The digit fast path and chrono's parser agree, invalid days included.
        for s in [
            "2025-03-31",
            "2024-02-29",
            "2025-02-29",
            "2025-13-01",
            "0000-01-01",
            "2025-03-3x",
        ] {
            assert_eq!(
                iso_cijfers(s),
                NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
                "{s}"
            );
        }
        assert_eq!(date("2025-03-31"), Ok((d, None)));
        assert_eq!(date(" 31-03-2025 "), Ok((d, Some(Regel::DatumNl))));
        assert_eq!(date("31-3-2025"), Ok((d, Some(Regel::DatumNl))));
        assert_eq!(date("2025-02-30"), Err(Regel::DatumOngeldig));
        assert_eq!(date("03/31/2025"), Err(Regel::DatumOngeldig));
    }

    #[test]
    fn decimals() {
        assert_eq!(decimal("1234.5"), Ok((1234.5, None)));
        assert_eq!(decimal("1234,5"), Ok((1234.5, Some(Regel::DecimaleKomma))));
        assert_eq!(decimal("1.234,5"), Ok((1234.5, Some(Regel::DecimaleKomma))));
        assert_eq!(decimal("1,234.5"), Ok((1234.5, None)));
        assert_eq!(decimal("1,2,3"), Err(Regel::GetalOngeldig));
        assert_eq!(decimal("abc"), Err(Regel::GetalOngeldig));
        assert_eq!(integer("1200"), Ok((1200, None)));
        assert_eq!(integer("1200,5"), Err(Regel::GetalOngeldig));
    }

    #[test]
    fn booleans() {
        assert_eq!(boolean("ja"), Ok((true, None)));
        assert_eq!(boolean("Nee"), Ok((false, Some(Regel::JaNeeVariant))));
        assert_eq!(boolean("J"), Ok((true, Some(Regel::JaNeeVariant))));
        assert_eq!(boolean("misschien"), Err(Regel::JaNeeOngeldig));
    }

    #[test]
    fn codes() {
        let list = ["hercontrole".to_string(), "audit".to_string()];
        assert_eq!(code("audit", list.iter()), Ok(("audit".into(), None)));
        assert_eq!(
            code(" Hercontrole ", list.iter()),
            Ok(("hercontrole".into(), Some(Regel::CodeSchrijfwijze)))
        );
        assert_eq!(code("herc", list.iter()), Err(Regel::CodeOnbekend));
    }
}
