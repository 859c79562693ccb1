//! The indicator catalogue: `queries/indicatoren/*.sql`, each a TOML header with the
//! indicator's metadata followed by one SQL query (a minijinja template).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{read_text, Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Soort {
    /// A count: the query returns `waarde`.
    Aantal,
    /// A share: the query returns `teller` and `noemer`; waarde = 100 × teller / noemer.
    Aandeel,
    /// A median: the query returns `waarde` and `noemer` (observations).
    Mediaan,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub id: String,
    pub naam: String,
    pub titel: String,
    pub definitie: String,
    pub eenheid: String,
    pub soort: Soort,
    pub hoofdstuk: String,
    /// The section of the chapter the indicator appears in.
    #[serde(default)]
    pub paragraaf: Option<String>,
    /// Breakdown name → code list that completes it (`lijst` or `lijst.kolom`).
    #[serde(default)]
    pub dimensies: BTreeMap<String, String>,
    /// The figure depends on the next year's delivery (e.g. hercontroles in
    /// January): `voorlopig` until that delivery is in the batch.
    #[serde(default)]
    pub volgjaar_nodig: bool,
    /// The levels the indicator exists on; all four when absent. Rows are only
    /// completed on these levels.
    #[serde(default)]
    pub niveaus: Option<Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub meta: Meta,
    pub sql: String,
    pub pad: PathBuf,
    /// Path as shown in the report and manifest: `queries/indicatoren/<file>`.
    pub bron: String,
}

/// Sort key: the catalogue's chapters in reading order, then the number.
pub fn volgorde(id: &str) -> (usize, u32, String) {
    let letter = id.chars().next().unwrap_or('?');
    let hoofdstuk = "THRSD".find(letter).unwrap_or(9);
    let nummer = id[letter.len_utf8()..].parse::<u32>().unwrap_or(0);
    (hoofdstuk, nummer, id.to_string())
}

pub fn parse(pad: &Path, text: &str) -> Result<Indicator> {
    let err = |message: String| Error::Queries {
        path: pad.to_path_buf(),
        message,
    };
    let start = text
        .find("/* ---")
        .ok_or_else(|| err("missing metadata header `/* --- ... --- */`".into()))?;
    let rest = &text[start + 6..];
    let end = rest
        .find("--- */")
        .ok_or_else(|| err("metadata header is not closed with `--- */`".into()))?;
    let meta: Meta = toml::from_str(&rest[..end]).map_err(|e| err(e.to_string()))?;
    for n in meta.niveaus.iter().flatten() {
        if !super::NIVEAUS.contains(&n.as_str()) {
            return Err(err(format!(
                "niveaus names `{n}`; known: {}",
                super::NIVEAUS.join(", ")
            )));
        }
    }
    let sql = rest[end + 6..].trim().to_string();
    if sql.is_empty() {
        return Err(err("no SQL after the metadata header".into()));
    }
    let naam = pad
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Indicator {
        meta,
        sql,
        pad: pad.to_path_buf(),
        bron: format!("queries/indicatoren/{naam}"),
    })
}

pub fn load(dir: &Path) -> Result<Vec<Indicator>> {
    let mut out = Vec::new();
    for pad in crate::error::files_with_extension(dir, "sql")? {
        out.push(parse(&pad, &read_text(&pad)?)?);
    }
    out.sort_by_key(|i| volgorde(&i.meta.id));
    for w in out.windows(2) {
        if w[0].meta.id == w[1].meta.id {
            return Err(Error::Queries {
                path: w[1].pad.clone(),
                message: format!(
                    "indicator id {} is also defined in {}",
                    w[1].meta.id,
                    w[0].pad.display()
                ),
            });
        }
    }
    Ok(out)
}
