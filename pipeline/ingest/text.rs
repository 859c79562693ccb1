//! Character encodings: parties export UTF-8 (with or without BOM), UTF-16 (Excel's
//! "Unicode text", always with a BOM) or Windows-1252. Detected, never assumed, and
//! every byte is decoded once:
//! - a BOM says the encoding (UTF-8, UTF-16 LE or BE);
//! - text that is valid UTF-8 is UTF-8;
//! - text with valid multi-byte UTF-8 sequences *and* a few invalid bytes is UTF-8
//!   with stray bytes: the valid text stays as it is, and the lines holding the
//!   invalid bytes are reported (their rows go to quarantine under `tekenset`);
//! - otherwise the text must fit Windows-1252, and a byte that fits neither is an
//!   error naming its line.

use std::borrow::Cow;

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tekenset {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'b> {
    /// The bytes themselves when they are UTF-8 already: a file is not copied.
    pub text: Cow<'b, str>,
    pub tekenset: Tekenset,
    /// Lines of a UTF-8 file that hold bytes that are not UTF-8: (line, the bytes in
    /// hex). Those bytes are decoded as U+FFFD; their rows must not be accepted.
    pub ongeldig: Vec<(u64, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub line: u64,
    pub byte: u8,
    pub message: String,
}

/// Bytes that Windows-1252 leaves undefined (WHATWG maps them to C1 controls, which
/// a real Windows export never contains).
const UNDEFINED_1252: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, Tekenset::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, Tekenset::Utf16Be);
    }
    let (bytes, tekenset) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, Tekenset::Utf8Bom),
        None => (bytes, Tekenset::Utf8),
    };
    if let Some(pos) = memchr::memchr(0, bytes) {
        // NUL bytes without a UTF-16 BOM: UTF-16 we cannot place, or a binary file.
        return Err(DecodeError {
            line: line_of(bytes, pos),
            byte: 0,
            message: "byte 0x00: het bestand is binair of UTF-16 zonder BOM; sla het op als UTF-8 (CSV UTF-8) of als Unicode-tekst met BOM en lever opnieuw aan".into(),
        });
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: Cow::Borrowed(s),
            tekenset,
            ongeldig: Vec::new(),
        });
    }
    // A BOM promised UTF-8, and valid multi-byte sequences show it too: keep the
    // valid text and name the lines with stray bytes.
    if tekenset == Tekenset::Utf8Bom || has_multibyte_utf8(bytes) {
        return Ok(utf8_with_stray_bytes(bytes, tekenset));
    }
    if let Some(pos) = bytes.iter().position(|b| UNDEFINED_1252.contains(b)) {
        return Err(DecodeError {
            line: line_of(bytes, pos),
            byte: bytes[pos],
            message: format!(
                "byte 0x{:02X} past niet in UTF-8 of Windows-1252; sla het bestand op als UTF-8 (CSV UTF-8) en lever opnieuw aan",
                bytes[pos]
            ),
        });
    }
    let (text, _, _) = WINDOWS_1252.decode(bytes);
    Ok(Decoded {
        text: Cow::Owned(text.into_owned()),
        tekenset: Tekenset::Windows1252,
        ongeldig: Vec::new(),
    })
}

fn utf16(bytes: &[u8], tekenset: Tekenset) -> Result<Decoded<'static>, DecodeError> {
    let enc = if tekenset == Tekenset::Utf16Le {
        UTF_16LE
    } else {
        UTF_16BE
    };
    match enc.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok(Decoded {
            text: Cow::Owned(text.into_owned()),
            tekenset,
            ongeldig: Vec::new(),
        }),
        None => {
            // Find the first unit that does not decode, for the message.
            let (text, _) = enc.decode_without_bom_handling(bytes);
            let line = text
                .split('\u{FFFD}')
                .next()
                .map_or(1, |voor| 1 + voor.matches('\n').count() as u64);
            Err(DecodeError {
                line,
                byte: 0,
                message: "ongeldige UTF-16 (een los surrogaat of een oneven aantal bytes); sla het bestand opnieuw op en lever opnieuw aan".into(),
            })
        }
    }
}

/// A valid UTF-8 sequence of two or more bytes: Windows-1252 text almost never
/// holds one (it would be mojibake like `Ã©`), UTF-8 text with accents always does.
fn has_multibyte_utf8(bytes: &[u8]) -> bool {
    bytes
        .utf8_chunks()
        .any(|c| c.valid().bytes().any(|b| b >= 0x80))
}

fn utf8_with_stray_bytes(bytes: &[u8], tekenset: Tekenset) -> Decoded<'static> {
    let mut text = String::with_capacity(bytes.len());
    let mut ongeldig: Vec<(u64, String)> = Vec::new();
    let mut line = 1u64;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        line += chunk.valid().matches('\n').count() as u64;
        let bad = chunk.invalid();
        if !bad.is_empty() {
            let hex = bad
                .iter()
                .map(|b| format!("0x{b:02X}"))
                .collect::<Vec<_>>()
                .join(" ");
            match ongeldig.last_mut() {
                Some((l, h)) if *l == line => {
                    h.push(' ');
                    h.push_str(&hex);
                }
                _ => ongeldig.push((line, hex)),
            }
            text.push('\u{FFFD}');
        }
    }
    Decoded {
        text: Cow::Owned(text),
        tekenset,
        ongeldig,
    }
}

fn line_of(bytes: &[u8], pos: usize) -> u64 {
    1 + bytes[..pos].iter().filter(|&&b| b == b'\n').count() as u64
}

/// Rows in bytes we could not decode, for D7 when a file is refused: every
/// non-empty line after the header.
pub fn count_raw_rows(bytes: &[u8]) -> Vec<(u64, String)> {
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .skip(1)
        .filter(|(_, l)| l.iter().any(|b| !b.is_ascii_whitespace()))
        .map(|(i, l)| {
            (
                i as u64 + 1,
                String::from_utf8_lossy(l).trim_end().to_string(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_a_bom_is_read_in_both_byte_orders() {
        let tekst = "controle_id\tplaats\nC1\tÉén\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(tekst.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(tekst.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let d = decode(&le).expect("UTF-16 LE");
        assert_eq!((&*d.text, d.tekenset), (tekst, Tekenset::Utf16Le));
        let d = decode(&be).expect("UTF-16 BE");
        assert_eq!((&*d.text, d.tekenset), (tekst, Tekenset::Utf16Be));
    }

    #[test]
    fn a_stray_byte_in_utf8_text_touches_only_its_line() {
        let bytes = b"a,b\n\xC3\xA9\xC3\xA9n,1\nx\xE9y,2\ntw\xC3\xA9e,3\n";
        let d = decode(bytes).expect("UTF-8 with a stray byte");
        assert_eq!(d.tekenset, Tekenset::Utf8);
        assert_eq!(d.text, "a,b\néén,1\nx\u{FFFD}y,2\ntwée,3\n");
        assert_eq!(d.ongeldig, vec![(3, "0xE9".to_string())]);
    }

    #[test]
    fn windows_1252_without_utf8_sequences_is_still_windows_1252() {
        let d = decode(b"a,b\nTwee\xEBn,1\n").expect("Windows-1252");
        assert_eq!(d.tekenset, Tekenset::Windows1252);
        assert_eq!(d.text, "a,b\nTweeën,1\n");
    }
}
