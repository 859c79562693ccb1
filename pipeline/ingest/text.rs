//! Character encodings: parties export UTF-8 (with or without BOM) or Windows-1252.
//! Detected, never assumed: text that is valid UTF-8 is UTF-8; otherwise it must fit
//! Windows-1252, and a byte that fits neither is an error naming its line.

use encoding_rs::WINDOWS_1252;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub bom: bool,
    pub windows_1252: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub line: u64,
    pub byte: u8,
}

/// Bytes that Windows-1252 leaves undefined (WHATWG maps them to C1 controls, which
/// a real Windows export never contains).
const UNDEFINED_1252: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (bytes, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        // NUL bytes: UTF-16 or a binary file; neither is a delivery we can read.
        return Err(DecodeError {
            line: line_of(bytes, pos),
            byte: 0,
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: s.to_string(),
            bom,
            windows_1252: false,
        }),
        Err(_) if !bom => {
            if let Some(pos) = bytes.iter().position(|b| UNDEFINED_1252.contains(b)) {
                return Err(DecodeError {
                    line: line_of(bytes, pos),
                    byte: bytes[pos],
                });
            }
            let (text, _, _) = WINDOWS_1252.decode(bytes);
            Ok(Decoded {
                text: text.into_owned(),
                bom,
                windows_1252: true,
            })
        }
        Err(e) => {
            // A BOM promised UTF-8: a bad sequence after it is an error, not 1252.
            let pos = e.valid_up_to();
            Err(DecodeError {
                line: line_of(bytes, pos),
                byte: bytes[pos],
            })
        }
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
