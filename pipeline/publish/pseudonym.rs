//! Pseudonymised `object_id` for the restricted release: HMAC-SHA256 over the party
//! and the party's own id, with a key from the environment (`VTH_PSEUDONIEM_SLEUTEL`)
//! that never enters any output. The same key gives the same pseudonym in every
//! run and year, so researchers can follow an object over time without knowing it.

use hmac::{Hmac, Mac};
use sha2::Sha256;

pub const SLEUTEL_VAR: &str = "VTH_PSEUDONIEM_SLEUTEL";

/// Used when no key is set, so a development run stays deterministic. Its
/// pseudonyms are reversible by anyone with this source code: never for real data,
/// and the manifest says so.
const ONTWIKKELSLEUTEL: &[u8] = b"staat-van-vth ontwikkelsleutel; niet voor echte gegevens";

pub struct Pseudonimiseerder {
    sleutel: Vec<u8>,
    /// True when the key came from the environment.
    pub echt: bool,
}

impl Pseudonimiseerder {
    pub fn uit_omgeving() -> Pseudonimiseerder {
        match std::env::var(SLEUTEL_VAR) {
            Ok(k) if !k.is_empty() => Pseudonimiseerder {
                sleutel: k.into_bytes(),
                echt: true,
            },
            _ => Pseudonimiseerder {
                sleutel: ONTWIKKELSLEUTEL.to_vec(),
                echt: false,
            },
        }
    }

    #[cfg(test)]
    fn met(sleutel: &str) -> Pseudonimiseerder {
        Pseudonimiseerder {
            sleutel: sleutel.as_bytes().to_vec(),
            echt: true,
        }
    }

    /// `obj-` and 32 hex digits (128 bits) of HMAC-SHA256(key, partij ␟ object_id).
    pub fn object(&self, partij: &str, object_id: &str) -> String {
        // The key length is never rejected by HMAC; a failure here is impossible.
        let mut mac = match Hmac::<Sha256>::new_from_slice(&self.sleutel) {
            Ok(m) => m,
            Err(_) => return String::new(),
        };
        mac.update(partij.as_bytes());
        mac.update(&[0x1f]);
        mac.update(object_id.as_bytes());
        let digest = mac.finalize().into_bytes();
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut s = String::with_capacity(4 + 32);
        s.push_str("obj-");
        for b in &digest[..16] {
            s.push(HEX[usize::from(b >> 4)] as char);
            s.push(HEX[usize::from(b & 0xf)] as char);
        }
        s
    }

    /// What the manifest and datapackage say about the method (never the key).
    pub fn beschrijving(&self) -> String {
        let bron = if self.echt {
            format!("sleutel uit de omgevingsvariabele {SLEUTEL_VAR}")
        } else {
            format!(
                "ONTWIKKELSLEUTEL: {SLEUTEL_VAR} was niet gezet; deze pseudoniemen zijn niet geschikt voor echte gegevens"
            )
        };
        format!("HMAC-SHA256(sleutel, partij + U+001F + object_id), eerste 128 bits hexadecimaal; {bron}")
    }
}

#[cfg(test)]
mod tests {
    use super::Pseudonimiseerder;

    #[test]
    fn keyed_stable_and_party_scoped() {
        let a = Pseudonimiseerder::met("geheim-1");
        let b = Pseudonimiseerder::met("geheim-2");
        assert_eq!(a.object("odh", "OBJ-1"), a.object("odh", "OBJ-1"));
        assert_ne!(a.object("odh", "OBJ-1"), b.object("odh", "OBJ-1"));
        assert_ne!(a.object("odh", "OBJ-1"), a.object("odru", "OBJ-1"));
        // No ambiguity between ("ab","c") and ("a","bc").
        assert_ne!(a.object("ab", "c"), a.object("a", "bc"));
        assert_eq!(a.object("odh", "OBJ-1").len(), 4 + 32);
    }
}
