//! The report's structure, read from `rapport.toml` beside the templates: the pages
//! in reading order, the chapters' titles, the regional niveaus compared, the steps
//! of the criminal chain and what a feedback page compares. The code draws; what it draws and in which words is here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// The file beside the templates.
pub const BESTAND: &str = "rapport.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opzet {
    pub pagina: Vec<Pagina>,
    /// Chapter id (a query header's `hoofdstuk`) → title.
    pub hoofdstukken: BTreeMap<String, String>,
    pub regionaal: Vec<Regionaal>,
    pub keten: Vec<Ketenstap>,
    pub terugkoppeling: Terugkoppeling,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pagina {
    pub bestand: String,
    pub titel: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Regionaal {
    pub niveau: String,
    /// The niveau in a caption.
    pub naam: String,
    /// The head of the table's first column.
    pub kolom: String,
}

/// Which number of a published row a step of the chain shows.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Getal {
    Waarde,
    Teller,
    Noemer,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ketenstap {
    pub indicator: String,
    /// (dimensie, dimensie_waarde) of the row; the total row when absent.
    pub dimensie: Option<(String, String)>,
    pub getal: Getal,
    /// The step in the table.
    pub label: String,
    /// The step beside its bar.
    pub kort: String,
    /// Drawn lighter: a part of another step, beside the chain's own numbers.
    #[serde(default)]
    pub licht: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terugkoppeling {
    /// The wording of the share of rows in quarantine.
    pub quarantaine: String,
    pub vergeleken: Vec<Vergeleken>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vergeleken {
    pub indicator: String,
    pub maat: String,
}

impl Opzet {
    /// `rapport.toml` of the template folder `templates`.
    pub fn laad(templates: &Path) -> Result<Opzet> {
        let pad: PathBuf = templates.join(BESTAND);
        let tekst = crate::error::read_text(&pad)?;
        toml::from_str(&tekst).map_err(|e| Error::Config {
            path: pad,
            message: e.to_string(),
        })
    }

    /// The navigation: (page, title) in reading order.
    pub fn navigatie(&self) -> Vec<(&str, &str)> {
        self.pagina
            .iter()
            .map(|p| (p.bestand.as_str(), p.titel.as_str()))
            .collect()
    }

    /// The title of an indicator chapter.
    pub fn hoofdstuk_titel(&self, id: &str) -> String {
        self.hoofdstukken
            .get(id)
            .cloned()
            .unwrap_or_else(|| "Overig".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The project's own `rapport.toml` reads, with every page and chain step.
    #[test]
    fn the_projects_structure_reads() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("report-templates");
        let o = Opzet::laad(&dir).expect("rapport.toml");
        assert_eq!(o.pagina.len(), 7);
        assert_eq!(o.pagina[0].bestand, "index.html");
        assert_eq!(o.keten.len(), 6);
        assert_eq!(
            o.keten[0].dimensie,
            Some(("ernst".to_string(), "zwaar".to_string()))
        );
        assert_eq!(o.hoofdstuk_titel("toezicht"), "Toezicht");
        assert_eq!(o.hoofdstuk_titel("iets_anders"), "Overig");
    }
}
