//! A figure's words: the macros of `report-templates/bijschriften.txt`, called from
//! the Rust that draws the figure. The sentences are Dutch and belong beside the
//! templates; an SVG needs its title and description as text before the page that
//! holds it is rendered, so the code asks the template for them here.

use minijinja::Value;

use crate::error::Result;

/// The template file beside the pages.
pub const BESTAND: &str = "bijschriften.txt";

#[derive(Clone, Copy)]
pub struct Bijschriften<'e> {
    env: &'e minijinja::Environment<'e>,
}

impl<'e> Bijschriften<'e> {
    pub fn new(env: &'e minijinja::Environment<'e>) -> Bijschriften<'e> {
        Bijschriften { env }
    }

    /// The text of macro `naam` for the values `c`. A macro the file lacks stops the
    /// run, naming it.
    pub fn zin(&self, naam: &str, c: Value) -> Result<String> {
        let gedaan = self.env.get_template(BESTAND)?.render_captured(())?;
        Ok(gedaan.state().call_macro(naam, &[c])?)
    }

    /// The heads of a figure's table (`kolommen`, separated by `|`).
    pub fn kolommen(&self, figuur: &str) -> Result<Vec<String>> {
        let tekst = self.zin("kolommen", minijinja::context! { soort => figuur })?;
        Ok(tekst.split('|').map(str::to_string).collect())
    }

    /// The one head of a figure's table.
    pub fn kolom(&self, figuur: &str) -> Result<String> {
        Ok(self.kolommen(figuur)?.concat())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn environment() -> minijinja::Environment<'static> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("report-templates");
        let mut env = minijinja::Environment::new();
        env.set_loader(minijinja::path_loader(dir));
        env
    }

    /// A macro calls another of the file (the unit of a share is "procent"), values
    /// are not escaped (the page escapes), and a missing macro is an error.
    #[test]
    fn the_projects_sentences_render_as_plain_text() {
        let env = environment();
        let b = Bijschriften::new(&env);
        let zin = b
            .zin(
                "trend_ondertitel",
                minijinja::context! {
                    titel => "Controles <met> & zo", eerste => 2024, laatste => 2025,
                    soort => "aandeel", eenheid => "controles", bron => "queries/x.sql",
                },
            )
            .expect("zin");
        assert_eq!(
            zin,
            "Controles <met> & zo, Nederland, 2024–2025, procent. Bron: queries/x.sql."
        );
        assert_eq!(
            b.kolommen("dekking").expect("kolommen"),
            ["Omgevingsdienstregio", "Gedekt", "Gemeenten"]
        );
        assert!(b.zin("bestaat_niet", Value::UNDEFINED).is_err());
    }
}
