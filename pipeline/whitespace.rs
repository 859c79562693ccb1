//! `str::trim` for the hot loops over every field of a file: most fields begin
//! and end in an ASCII character that is no whitespace, and those are answered
//! from their first and last byte without the char-by-char search `str::trim`
//! makes. Every other field goes to `str::trim`, so the result is always the same.

/// The same as `s.trim()`.
#[inline]
pub fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&eerste), Some(&laatste)) if schoon(eerste) && schoon(laatste) => s,
        _ => s.trim(),
    }
}

/// An ASCII byte that is not whitespace by `char::is_whitespace` (which, unlike
/// `u8::is_ascii_whitespace`, counts the vertical tab).
#[inline]
fn schoon(b: u8) -> bool {
    b.is_ascii() && !(b as char).is_whitespace()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_same_as_str_trim() {
        let gevallen = [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\ta\n",
            "\u{b}a\u{b}",
            "\u{c}x\r",
            "\u{a0}a",
            "a\u{a0}",
            "\u{2003}a\u{3000}",
            "é",
            " é ",
            "aé",
            "éa",
            "\u{85}a",
            "a b",
            "\u{1680}",
            "x\u{200b}",
        ];
        for g in gevallen {
            assert_eq!(super::trim(g), g.trim(), "{g:?}");
        }
        // Every single character of the Basic Multilingual Plane, alone and
        // between letters.
        for c in (0u32..0x10000).filter_map(char::from_u32) {
            for g in [c.to_string(), format!("a{c}"), format!("{c}a")] {
                assert_eq!(super::trim(&g), g.trim(), "{:?}", c as u32);
            }
        }
    }
}
