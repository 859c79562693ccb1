//! Stage 2 — harmonise: one raw row → one canonical record, through the national
//! code lists (and, for local codes, the party's mapping tables). Every deviation
//! is a finding; a value that maps to nothing is never defaulted. A record of the
//! three large tables is appended to its file's columns ([`Bestandsrecords`]):
//! ids borrowed from the row as read and copied into one text buffer, codes as the
//! file's shared value, worked out once per distinct raw value ([`Codes`]).

pub mod ernst;
pub mod mapping;
pub mod values;

use chrono::{Datelike, NaiveDate};

use std::collections::BTreeMap;

use crate::config::Config;
use crate::contract::findings::Bevinding;
use crate::contract::rules::{Regel, Zwaarte};
use crate::ingest::profile::Profielen;
use crate::ingest::table::RawRow;
use crate::model::{
    Aanbeveling, Bestandsnaam, Bron, Code, Controles, Implementatie, Levering, Maatregelen,
    NieuweControle, NieuweMaatregel, NieuweOvertreding, Oordeel, Organisatie, Overtredingen,
    Strafzaak, Tabel,
};
use crate::reference::{Codelijsten, Referentie};

pub use crate::model::kolommen;

/// A local value a party mapping table translated, for the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Vertaald {
    pub kolom: String,
    pub lokaal: String,
    pub landelijk: String,
    pub mappingtabel: String,
}

/// One row after harmonisation.
#[derive(Debug, Clone, PartialEq)]
pub struct Geharmoniseerd {
    /// The row became a record (appended to its file's records); when not, the
    /// findings say why.
    pub gemaakt: bool,
    pub bevindingen: Vec<Bevinding>,
    pub vertaald: Vec<Vertaald>,
}

/// The records harmonisation makes of one file's rows, in row order: the three
/// large tables as columns, the small ones (a few hundred rows a batch) as one
/// record per row.
#[derive(Debug, Clone)]
pub enum Bestandsrecords {
    Controles(Controles),
    Overtredingen(Overtredingen),
    Maatregelen(Maatregelen),
    Overig(Vec<Option<Record>>),
}

impl Bestandsrecords {
    pub fn voor(tabel: Tabel) -> Bestandsrecords {
        match tabel {
            Tabel::Controles => Bestandsrecords::Controles(Controles::default()),
            Tabel::Overtredingen => Bestandsrecords::Overtredingen(Overtredingen::default()),
            Tabel::Handhavingsmaatregelen => Bestandsrecords::Maatregelen(Maatregelen::default()),
            _ => Bestandsrecords::Overig(Vec::new()),
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Bestandsrecords::Controles(c) => c.len(),
            Bestandsrecords::Overtredingen(o) => o.len(),
            Bestandsrecords::Maatregelen(m) => m.len(),
            Bestandsrecords::Overig(r) => r.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A record of a small table.
#[derive(Debug, Clone, PartialEq)]
// Boxed per variant: a strafzaak is far larger than an aanbeveling.
pub enum Record {
    Organisatie(Box<Organisatie>),
    Strafzaak(Box<Strafzaak>),
    Implementatie(Box<Implementatie>),
    Oordeel(Box<Oordeel>),
    Aanbeveling(Box<Aanbeveling>),
}

/// The national meaning every delivery is brought to.
pub struct Harmoniser<'a> {
    pub config: &'a Config,
    pub codelijsten: &'a Codelijsten,
    pub referentie: &'a Referentie,
    pub profielen: &'a Profielen,
    /// Per party: its local codes → national codes (from its profile's mapping tables).
    pub vertalingen: &'a BTreeMap<String, mapping::Vertaling>,
}

/// A row being harmonised: its fields by column name and the findings so far.
struct Velden<'r> {
    levering: &'r Levering,
    bestand: &'r str,
    header: &'r [String],
    row: &'r RawRow<'r>,
    config: &'r Config,
    vertaling: Option<&'r mapping::Vertaling>,
    /// The party's own date format (profile), accepted besides ISO.
    datumformaat: Option<&'r str>,
    bevindingen: Vec<Bevinding>,
    vertaald: Vec<Vertaald>,
    codes: &'r mut Codes,
}

/// The distinct codes of one file, each held once and shared by its rows (the
/// harmonised value of a column is one of a few dozen, over millions of rows), and
/// what each distinct raw value of a code column came to against its code list,
/// worked out once per file instead of once per row.
#[derive(Debug, Default)]
pub struct Codes {
    gedeeld: foldhash::HashSet<Code>,
    /// Per code list (by its address: the lists live for the run): raw value → its
    /// code (with a spelling warning) or the rule.
    per_lijst: foldhash::HashMap<usize, foldhash::HashMap<String, values::Parsed<Code>>>,
    /// Per column checked against a reference list (by the address of its 'static
    /// name): raw value → its code and whether the list knows it.
    referenties: foldhash::HashMap<(usize, usize), foldhash::HashMap<String, (Code, bool)>>,
    /// Where each column asked for sits in the header: one search per column and
    /// file instead of one per field and row.
    plaatsen: std::cell::RefCell<Plaatsen>,
}

/// Header positions by the address of the column name asked for: the names are
/// `'static`, so an address always means the same name.
#[derive(Debug, Default)]
struct Plaatsen {
    /// The header these positions are in (its address and length).
    header: (usize, usize),
    /// (address, length) of a name → its position, `None` when absent.
    bekend: Vec<((usize, usize), Option<usize>)>,
}

/// A column name asked for, by its address and length: the names are `'static`,
/// so an address always means the same name.
fn naam_sleutel(kolom: &'static str) -> (usize, usize) {
    (kolom.as_ptr() as usize, kolom.len())
}

impl Codes {
    /// The position of `kolom` in `header`.
    fn plaats(&self, header: &[String], kolom: &'static str) -> Option<usize> {
        let mut p = self.plaatsen.borrow_mut();
        let h = (header.as_ptr() as usize, header.len());
        if p.header != h {
            // Another file's header: what was found no longer holds.
            p.header = h;
            p.bekend.clear();
        }
        let sleutel = naam_sleutel(kolom);
        if let Some(&(_, i)) = p.bekend.iter().find(|(k, _)| *k == sleutel) {
            return i;
        }
        let i = header.iter().position(|h| h == kolom);
        p.bekend.push((sleutel, i));
        i
    }

    pub fn code(&mut self, s: &str) -> Code {
        if let Some(c) = self.gedeeld.get(s) {
            return c.clone();
        }
        let c = Code::from(s);
        self.gedeeld.insert(c.clone());
        c
    }

    fn lijstcode(
        &mut self,
        raw: &str,
        lijst: &crate::reference::Codelijst,
    ) -> values::Parsed<Code> {
        let sleutel = lijst as *const crate::reference::Codelijst as usize;
        if let Some(p) = self.per_lijst.get(&sleutel).and_then(|m| m.get(raw)) {
            return p.clone();
        }
        let p = values::code(raw, lijst.codes.keys()).map(|(c, w)| (self.code(&c), w));
        self.per_lijst
            .entry(sleutel)
            .or_default()
            .insert(raw.to_string(), p.clone());
        p
    }

    /// A raw value of `kolom` as a shared code, and whether `geldig` holds for it.
    fn referentie(
        &mut self,
        kolom: &'static str,
        raw: &str,
        geldig: impl Fn(&str) -> bool,
    ) -> (Code, bool) {
        let sleutel = naam_sleutel(kolom);
        if let Some(x) = self.referenties.get(&sleutel).and_then(|m| m.get(raw)) {
            return x.clone();
        }
        let x = (self.code(raw), geldig(raw));
        self.referenties
            .entry(sleutel)
            .or_default()
            .insert(raw.to_string(), x.clone());
        x
    }
}

impl<'r> Velden<'r> {
    /// The value as a shared code of the file.
    fn gedeeld(&mut self, s: Option<String>) -> Option<Code> {
        s.map(|s| self.codes.code(&s))
    }

    fn partij(&mut self) -> Code {
        self.codes.code(&self.levering.partij)
    }

    fn raw(&self, kolom: &'static str) -> Option<&'r str> {
        let i = self.codes.plaats(self.header, kolom)?;
        self.row.get(i).map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    fn meld(&mut self, regel: Regel, kolom: &str, waarde: Option<&str>, melding: String) {
        self.bevindingen.push(Bevinding {
            regel: regel.code(),
            zwaarte: self.config.zwaarte(regel),
            jaar: self.levering.jaar,
            partij: self.levering.partij.clone(),
            bestand: self.bestand.to_string(),
            regelnummer: Some(self.row.line),
            kolom: Some(kolom.to_string()),
            waarde: waarde.map(str::to_string),
            melding,
        });
    }

    fn verwacht(regel: Regel) -> &'static str {
        match regel {
            Regel::DatumOngeldig => "verwacht een datum als jjjj-mm-dd",
            Regel::JaNeeOngeldig => "verwacht true/false of ja/nee",
            Regel::GetalOngeldig => "verwacht een getal, bijvoorbeeld 1234.50",
            _ => regel.omschrijving(),
        }
    }

    fn parsed<T>(&mut self, kolom: &'static str, p: values::Parsed<T>) -> Option<T> {
        let raw = self.raw(kolom);
        match p {
            Ok((v, warn)) => {
                if let Some(w) = warn {
                    self.meld(w, kolom, raw, w.omschrijving().to_string());
                }
                Some(v)
            }
            Err(regel) => {
                self.meld(regel, kolom, raw, Self::verwacht(regel).to_string());
                None
            }
        }
    }

    fn text(&mut self, kolom: &'static str) -> Option<String> {
        self.raw(kolom).map(str::to_string)
    }

    /// A required value as read (trimmed), borrowed from the row.
    fn verplicht(&mut self, kolom: &'static str) -> Option<&'r str> {
        let v = self.raw(kolom);
        if v.is_none() {
            self.meld(
                Regel::VerplichtLeeg,
                kolom,
                None,
                format!("{kolom} is verplicht; vul een waarde in"),
            );
        }
        v
    }

    fn required_text(&mut self, kolom: &'static str) -> Option<String> {
        self.verplicht(kolom).map(str::to_string)
    }

    fn date(&mut self, kolom: &'static str, required: bool) -> Option<NaiveDate> {
        match self.raw(kolom) {
            Some(raw) => {
                let p = values::date(raw);
                if let (Err(_), Some(f)) = (&p, self.datumformaat) {
                    if let Ok(d) = NaiveDate::parse_from_str(raw, f) {
                        return Some(d);
                    }
                }
                self.parsed(kolom, p)
            }
            None if required => {
                self.required_text(kolom);
                None
            }
            None => None,
        }
    }

    fn boolean(&mut self, kolom: &'static str) -> Option<bool> {
        let raw = self.raw(kolom)?;
        self.parsed(kolom, values::boolean(raw))
    }

    fn decimal(&mut self, kolom: &'static str) -> Option<f64> {
        let raw = self.raw(kolom)?;
        self.parsed(kolom, values::decimal(raw))
    }

    fn integer(&mut self, kolom: &'static str) -> Option<i64> {
        let raw = self.raw(kolom)?;
        self.parsed(kolom, values::integer(raw))
    }

    /// The national code a party mapping table gives a raw value, recorded for the
    /// audit trail; `None` when no table maps it.
    fn vertaald(&mut self, kolom: &str, raw: &str) -> Option<String> {
        let (c, tabel) = self.vertaling?.vertaal(kolom, raw)?;
        self.vertaald.push(Vertaald {
            kolom: kolom.to_string(),
            lokaal: raw.to_string(),
            landelijk: c.to_string(),
            mappingtabel: tabel.to_string(),
        });
        Some(c.to_string())
    }

    /// A raw code after the party's mapping tables: the national code when a table
    /// maps it, else the value as delivered.
    fn gemapt(&mut self, kolom: &'static str) -> Option<String> {
        let raw = self.raw(kolom)?;
        Some(self.vertaald(kolom, raw).unwrap_or_else(|| raw.to_string()))
    }

    /// An optional code from a national list. The party's mapping tables go first:
    /// the same word can mean something else at this party than nationally.
    fn code(&mut self, kolom: &'static str, lijst: &crate::reference::Codelijst) -> Option<Code> {
        let raw = self.raw(kolom)?;
        if let Some(c) = self.vertaald(kolom, raw) {
            return Some(self.codes.code(&c));
        }
        match self.codes.lijstcode(raw, lijst) {
            Ok((c, warn)) => {
                if let Some(w) = warn {
                    self.meld(w, kolom, Some(raw), format!("gelezen als {c}"));
                }
                Some(c)
            }
            Err(regel) => {
                let geldig: Vec<&str> = lijst.codes.keys().map(String::as_str).collect();
                self.meld(
                    regel,
                    kolom,
                    Some(raw),
                    format!(
                        "onbekende code; geldig in codelijst {}: {} (of laat het monitoringteam deze waarde opnemen in een mappingtabel van de partij)",
                        lijst.naam,
                        geldig.join(", ")
                    ),
                );
                None
            }
        }
    }

    /// A required code from a national list: missing is `verplicht_leeg`, an
    /// unknown value `code_onbekend`; both keep the row from becoming a record.
    fn required_code(
        &mut self,
        kolom: &'static str,
        lijst: &crate::reference::Codelijst,
    ) -> Option<String> {
        if self.raw(kolom).is_none() {
            return self.required_text(kolom);
        }
        self.code(kolom, lijst).map(|c| c.to_string())
    }

    /// A required value checked against a reference list, as a shared code of the
    /// file with whether the list knows it (both once per distinct value).
    fn referentie(
        &mut self,
        kolom: &'static str,
        geldig: impl Fn(&str) -> bool,
    ) -> Option<(Code, bool)> {
        let Some(raw) = self.raw(kolom) else {
            self.required_text(kolom);
            return None;
        };
        Some(self.codes.referentie(kolom, raw, geldig))
    }

    /// A date that follows another (an afdoening its instroom) is not before it.
    fn volgorde(
        &mut self,
        kolom: &str,
        datum: Option<NaiveDate>,
        na: &str,
        eerder: Option<NaiveDate>,
    ) {
        if let (Some(d), Some(e)) = (datum, eerder) {
            if d < e {
                self.meld(
                    Regel::DatumVolgorde,
                    kolom,
                    Some(&d.to_string()),
                    format!("{kolom} ligt voor {na} ({e})"),
                );
            }
        }
    }

    fn niet_na_peildatum(&mut self, kolom: &str, datum: Option<NaiveDate>, peildatum: NaiveDate) {
        if let Some(d) = datum.filter(|d| *d > peildatum) {
            self.meld(
                Regel::DatumNaPeildatum,
                kolom,
                Some(&d.to_string()),
                format!("datum ligt na de peildatum {peildatum} van deze levering"),
            );
        }
    }
}

impl<'a> Harmoniser<'a> {
    fn lijst(&self, naam: &str) -> &'a crate::reference::Codelijst {
        static LEEG: std::sync::OnceLock<crate::reference::Codelijst> = std::sync::OnceLock::new();
        self.codelijsten
            .lijst(naam)
            .unwrap_or_else(|| LEEG.get_or_init(Default::default))
    }

    /// Harmonise one row; its record, if it becomes one, goes to `doel` (made
    /// for the file's table by [`Bestandsrecords::voor`]).
    #[allow(clippy::too_many_arguments)]
    pub fn rij(
        &self,
        levering: &Levering,
        bestand: &Bestandsnaam,
        tabel: Tabel,
        header: &[String],
        row: &RawRow,
        codes: &mut Codes,
        doel: &mut Bestandsrecords,
    ) -> Geharmoniseerd {
        let mut v = Velden {
            codes,
            levering,
            bestand,
            header,
            row,
            config: self.config,
            vertaling: self.vertalingen.get(&levering.partij),
            datumformaat: self
                .profielen
                .get(&levering.partij)
                .and_then(|p| p.datumformaat.as_deref()),
            bevindingen: Vec::new(),
            vertaald: Vec::new(),
        };
        if row.len() != header.len() {
            let n = row.len().to_string();
            v.meld(
                Regel::AantalVelden,
                "(regel)",
                Some(&n),
                format!(
                    "regel heeft {} velden, de kopregel {}; controleer scheidingstekens en aanhalingstekens",
                    row.len(),
                    header.len()
                ),
            );
            return Geharmoniseerd {
                gemaakt: false,
                bevindingen: v.bevindingen,
                vertaald: v.vertaald,
            };
        }
        let bron = Bron {
            bestand: bestand.clone(),
            regel: row.line,
        };
        let peildatum = self.config.peildatum(levering.jaar);
        let gemaakt = match doel {
            Bestandsrecords::Controles(c) => self.controle(&mut v, &bron, peildatum, c),
            Bestandsrecords::Overtredingen(o) => self.overtreding(&mut v, &bron, peildatum, o),
            Bestandsrecords::Maatregelen(m) => self.maatregel(&mut v, &bron, peildatum, m),
            Bestandsrecords::Overig(records) => {
                let record = match tabel {
                    Tabel::Organisatie => self
                        .organisatie(&mut v, bron)
                        .map(|r| Record::Organisatie(Box::new(r))),
                    Tabel::Strafzaken => self
                        .strafzaak(&mut v, bron, peildatum)
                        .map(|r| Record::Strafzaak(Box::new(r))),
                    Tabel::Implementatie => self
                        .implementatie(&mut v, bron, peildatum)
                        .map(|r| Record::Implementatie(Box::new(r))),
                    Tabel::RobuustheidOordelen => self
                        .oordeel(&mut v, bron, peildatum)
                        .map(|r| Record::Oordeel(Box::new(r))),
                    Tabel::Aanbevelingen => self
                        .aanbeveling(&mut v, bron, peildatum)
                        .map(|r| Record::Aanbeveling(Box::new(r))),
                    // Their records are columns (`Bestandsrecords::voor`).
                    Tabel::Controles | Tabel::Overtredingen | Tabel::Handhavingsmaatregelen => None,
                };
                let gemaakt = record.is_some();
                if gemaakt {
                    records.push(record);
                }
                gemaakt
            }
        };
        Geharmoniseerd {
            gemaakt,
            bevindingen: v.bevindingen,
            vertaald: v.vertaald,
        }
    }

    fn controle(
        &self,
        v: &mut Velden,
        bron: &Bron,
        peildatum: NaiveDate,
        uit: &mut Controles,
    ) -> bool {
        let controle_id = v.verplicht("controle_id");
        let object_id = v.verplicht("object_id");
        let bevoegd_gezag =
            v.referentie("bevoegd_gezag", |bg| self.referentie.is_bevoegd_gezag(bg));
        if let Some((bg, false)) = &bevoegd_gezag {
            v.meld(
                Regel::BevoegdGezagOnbekend,
                "bevoegd_gezag",
                Some(bg.as_str()),
                "verwacht een GMnnnn-, PVnn- of WSnn-code uit de referentielijsten, of ILT/NVWA/OM"
                    .into(),
            );
        }
        let gemeente_code = v.referentie("gemeente_code", |g| {
            self.referentie.gemeenten.contains_key(g)
        });
        if let Some((g, false)) = &gemeente_code {
            v.meld(
                Regel::GemeenteOnbekend,
                "gemeente_code",
                Some(g.as_str()),
                "verwacht een GMnnnn-code van een bestaande gemeente (indeling 2025)".into(),
            );
        }
        let controledatum = v.date("controledatum", true);
        if let Some(d) = controledatum.filter(|d| d.year() != v.levering.jaar) {
            v.meld(
                Regel::ControledatumBuitenJaar,
                "controledatum",
                Some(&d.to_string()),
                format!(
                    "controledatum moet in {} liggen; lever de controle aan met het jaar waarin zij is uitgevoerd",
                    v.levering.jaar
                ),
            );
        }
        v.niet_na_peildatum("controledatum", controledatum, peildatum);
        let controletype = v.code("controletype", self.lijst("controletype"));
        let taak = v.code("taak", self.lijst("taak"));
        let brzo = v.boolean("brzo");
        let resultaat = v.code("resultaat", self.lijst("resultaat_bevinding"));
        let (Some(controle_id), Some(object_id), Some(bg), Some(gm), Some(controledatum)) = (
            controle_id,
            object_id,
            bevoegd_gezag,
            gemeente_code,
            controledatum,
        ) else {
            return false;
        };
        uit.push(NieuweControle {
            partij: &v.partij(),
            jaar: v.levering.jaar,
            controle_id,
            object_id,
            bevoegd_gezag: &bg.0,
            gemeente_code: &gm.0,
            controledatum,
            controletype: controletype.as_ref(),
            taak: taak.as_ref(),
            brzo,
            resultaat: resultaat.as_ref(),
            bron,
        });
        true
    }

    fn overtreding(
        &self,
        v: &mut Velden,
        bron: &Bron,
        peildatum: NaiveDate,
        uit: &mut Overtredingen,
    ) -> bool {
        let overtreding_id = v.verplicht("overtreding_id");
        let controle_id = v.verplicht("controle_id");
        let overtredingsdatum = v.date("overtredingsdatum", true);
        v.niet_na_peildatum("overtredingsdatum", overtredingsdatum, peildatum);
        let handhavingsstrategie =
            v.code("handhavingsstrategie", self.lijst("handhavingsstrategie"));
        let ernst_geleverd = v.code("ernst", self.lijst("ernst"));
        let (gevolg_m, gedrag_m) = (v.gemapt("gevolg"), v.gemapt("gedrag"));
        let (gevolg_raw, gedrag_raw) = (gevolg_m.as_deref(), gedrag_m.as_deref());
        let (gevolg, gedrag, swapped) = match ernst::assen(gevolg_raw, gedrag_raw) {
            Ok(a) => a,
            Err(kolom) => {
                let raw = if kolom == "gevolg" {
                    gevolg_raw
                } else {
                    gedrag_raw
                };
                v.meld(
                    Regel::CodeOnbekend,
                    kolom,
                    raw,
                    "verwacht gevolg 1–4 en gedrag A–D (LHSO), of omgekeerd (LHS 2014)".into(),
                );
                (None, None, false)
            }
        };
        let c = ernst::classificeer(
            ernst_geleverd.map(|e| e.to_string()),
            gevolg,
            gedrag,
            swapped,
            &self.codelijsten.lhso_ernst,
        );
        if c.tegenstrijdig {
            let cel = format!(
                "{}{}",
                c.gevolg.clone().unwrap_or_default(),
                c.gedrag.clone().unwrap_or_default()
            );
            v.meld(
                Regel::ErnstTegenstrijdig,
                "ernst",
                Some(&c.ernst),
                format!("interventiepositionering {cel} geeft een andere ernst; geleverde ernst gebruikt"),
            );
        }
        let indicatie_handhaving = v.boolean("indicatie_handhaving");
        let reden_geen_handhaving = v.raw("reden_geen_handhaving");
        if indicatie_handhaving == Some(false) && reden_geen_handhaving.is_none() {
            v.meld(
                Regel::RedenGeenHandhaving,
                "reden_geen_handhaving",
                None,
                "bij indicatie_handhaving = false hoort een reden".into(),
            );
        }
        let hersteldatum = v.date("hersteldatum", false);
        v.niet_na_peildatum("hersteldatum", hersteldatum, peildatum);
        let (Some(overtreding_id), Some(controle_id), Some(overtredingsdatum)) =
            (overtreding_id, controle_id, overtredingsdatum)
        else {
            return false;
        };
        let (gevolg, gedrag) = (v.gedeeld(c.gevolg), v.gedeeld(c.gedrag));
        // Filled from the linked controle during validation.
        let leeg = v.codes.code("");
        uit.push(NieuweOvertreding {
            partij: &v.partij(),
            jaar: v.levering.jaar,
            overtreding_id,
            controle_id,
            overtredingsdatum,
            handhavingsstrategie: handhavingsstrategie.as_ref(),
            gevolg: gevolg.as_ref(),
            gedrag: gedrag.as_ref(),
            ernst: &v.codes.code(&c.ernst),
            ernst_bron: c.bron,
            indicatie_handhaving,
            reden_geen_handhaving,
            hersteldatum,
            object_id: "",
            gemeente_code: &leeg,
            bron,
        });
        true
    }

    fn maatregel(
        &self,
        v: &mut Velden,
        bron: &Bron,
        peildatum: NaiveDate,
        uit: &mut Maatregelen,
    ) -> bool {
        let maatregel_id = v.verplicht("maatregel_id");
        let overtreding_id = v.verplicht("overtreding_id");
        let instrumenten = self.lijst("handhavingsinstrument");
        let handhavingsinstrument = v.code("handhavingsinstrument", instrumenten);
        let categorie = handhavingsinstrument
            .as_deref()
            .and_then(|i| instrumenten.attr(i, "categorie"))
            .map(str::to_string);
        let zwaarte = handhavingsinstrument
            .as_deref()
            .and_then(|i| instrumenten.attr(i, "zwaarte"))
            .and_then(|z| z.parse::<i64>().ok());
        let datum_opleggen = v.date("datum_opleggen", true);
        v.niet_na_peildatum("datum_opleggen", datum_opleggen, peildatum);
        let datum_afronding = v.date("datum_afronding", false);
        v.niet_na_peildatum("datum_afronding", datum_afronding, peildatum);
        let status = v.code("status", self.lijst("status_maatregel"));
        let bedrag_eur = v.decimal("bedrag_eur");
        let (Some(maatregel_id), Some(overtreding_id), Some(datum_opleggen)) =
            (maatregel_id, overtreding_id, datum_opleggen)
        else {
            return false;
        };
        let categorie = v.gedeeld(categorie);
        uit.push(NieuweMaatregel {
            partij: &v.partij(),
            jaar: v.levering.jaar,
            maatregel_id,
            overtreding_id,
            handhavingsinstrument: handhavingsinstrument.as_ref(),
            categorie: categorie.as_ref(),
            zwaarte,
            datum_opleggen,
            datum_afronding,
            status: status.as_ref(),
            bedrag_eur,
            bron,
        });
        true
    }

    fn strafzaak(&self, v: &mut Velden, bron: Bron, peildatum: NaiveDate) -> Option<Strafzaak> {
        let parketnummer = v.required_text("parketnummer");
        let partij_verbalisant = v.required_text("partij_verbalisant");
        if let Some(p) = partij_verbalisant
            .as_deref()
            .filter(|p| *p != "overig" && self.referentie.partijsoort(p).is_none())
        {
            v.meld(
                Regel::CodeOnbekend,
                "partij_verbalisant",
                Some(p),
                "verwacht de code van een partij uit de referentielijsten (omgevingsdienst, GM-, PV-, WS-code, ILT, NVWA) of overig".into(),
            );
        }
        let maatregel_id = v.text("maatregel_id");
        let datum_instroom = v.date("datum_instroom", true);
        // A new case enters in the year of the delivery; an update repeats a case
        // of an earlier year. A case from a later year cannot be in this file.
        if let Some(d) = datum_instroom.filter(|d| d.year() > v.levering.jaar) {
            v.meld(
                Regel::InstroomNaJaar,
                "datum_instroom",
                Some(&d.to_string()),
                format!(
                    "een strafzaak in de levering over {} is uiterlijk in dat jaar ingestroomd",
                    v.levering.jaar
                ),
            );
        }
        v.niet_na_peildatum("datum_instroom", datum_instroom, peildatum);
        let afdoeningen = self.lijst("afdoening_om");
        let afdoening = v.code("afdoening", afdoeningen);
        let categorie_afdoening = afdoening
            .as_deref()
            .and_then(|a| afdoeningen.attr(a, "categorie"))
            .map(str::to_string);
        let datum_afdoening = v.date("datum_afdoening", afdoening.is_some());
        v.niet_na_peildatum("datum_afdoening", datum_afdoening, peildatum);
        v.volgorde(
            "datum_afdoening",
            datum_afdoening,
            "datum_instroom",
            datum_instroom,
        );
        let uitspraken = self.lijst("uitspraak");
        let uitspraak = v.code("uitspraak", uitspraken);
        if let Some(u) = uitspraak
            .as_deref()
            .filter(|_| afdoening.as_deref() != Some("dagvaarding"))
        {
            v.meld(
                Regel::UitspraakZonderDagvaarding,
                "uitspraak",
                Some(u),
                format!(
                    "een uitspraak volgt alleen op afdoening dagvaarding (hier: {})",
                    afdoening.as_deref().unwrap_or("geen afdoening")
                ),
            );
        }
        let categorie_uitspraak = uitspraak
            .as_deref()
            .and_then(|u| uitspraken.attr(u, "categorie"))
            .map(str::to_string);
        let datum_uitspraak = v.date("datum_uitspraak", uitspraak.is_some());
        v.niet_na_peildatum("datum_uitspraak", datum_uitspraak, peildatum);
        v.volgorde(
            "datum_uitspraak",
            datum_uitspraak,
            "datum_afdoening",
            datum_afdoening,
        );
        let bedrag_eur = v.decimal("bedrag_eur");
        Some(Strafzaak {
            partij: v.levering.partij.clone(),
            jaar: v.levering.jaar,
            parketnummer: parketnummer?,
            partij_verbalisant: partij_verbalisant?,
            maatregel_id,
            datum_instroom: datum_instroom?,
            afdoening: afdoening.map(|a| a.to_string()),
            categorie_afdoening,
            datum_afdoening,
            uitspraak: uitspraak.map(|u| u.to_string()),
            categorie_uitspraak,
            datum_uitspraak,
            bedrag_eur,
            koppeling: "niet_gekoppeld",
            bron,
        })
    }

    fn organisatie(&self, v: &mut Velden, bron: Bron) -> Option<Organisatie> {
        let jaar = match v.raw("jaar") {
            Some(raw) => v.parsed("jaar", values::integer(raw)),
            None => {
                v.required_text("jaar");
                None
            }
        };
        if let Some(j) = jaar.filter(|j| *j != i64::from(v.levering.jaar)) {
            v.meld(
                Regel::JaarOrganisatie,
                "jaar",
                Some(&j.to_string()),
                format!("verwacht {} (het jaar van de levering)", v.levering.jaar),
            );
        }
        jaar?;
        Some(Organisatie {
            partij: v.levering.partij.clone(),
            jaar: v.levering.jaar,
            vth_uren_werkprogramma: v.integer("vth_uren_werkprogramma"),
            fte_totaal: v.decimal("fte_totaal"),
            fte_eigen_dienst: v.decimal("fte_eigen_dienst"),
            voldoet_kc_basistaken: v.boolean("voldoet_kc_basistaken"),
            voldoet_kc_plustaken: v.boolean("voldoet_kc_plustaken"),
            innovatieagenda: v.boolean("innovatieagenda"),
            innovatiebudget_eur: v.decimal("innovatiebudget_eur"),
            begroting_eur: v.decimal("begroting_eur"),
            weerstandsvermogen_eur: v.decimal("weerstandsvermogen_eur"),
            benodigd_weerstandsvermogen_eur: v.decimal("benodigd_weerstandsvermogen_eur"),
            informatiegestuurd: v.boolean("informatiegestuurd"),
            werkgebied_coherent: v.boolean("werkgebied_coherent"),
            gemeenten_basistaken_volledig: v.integer("gemeenten_basistaken_volledig"),
            modelmandaat_vastgesteld: v.boolean("modelmandaat_vastgesteld"),
            laatste_visitatie: v.date("laatste_visitatie", false),
            bron,
        })
    }
}

impl Harmoniser<'_> {
    fn implementatie(
        &self,
        v: &mut Velden,
        bron: Bron,
        peildatum: NaiveDate,
    ) -> Option<Implementatie> {
        let product = v.required_code("product", self.lijst("ibp_product"));
        let status = v.required_code("status", self.lijst("status_implementatie"));
        let datum = v.date("datum", true);
        v.niet_na_peildatum("datum", datum, peildatum);
        let gemeenten_besloten = v.integer("gemeenten_besloten");
        if let Some(n) = gemeenten_besloten.filter(|n| *n < 0) {
            v.meld(
                Regel::GetalOngeldig,
                "gemeenten_besloten",
                Some(&n.to_string()),
                "verwacht een aantal gemeenten van 0 of meer".into(),
            );
        }
        let bron_document = v.required_text("bron");
        let toelichting = v.text("toelichting");
        let (product, datum) = (product?, datum?);
        Some(Implementatie {
            partij: v.levering.partij.clone(),
            jaar: v.levering.jaar,
            sleutel: format!("{product}|{datum}"),
            product,
            status: status?,
            datum,
            gemeenten_besloten: gemeenten_besloten.filter(|n| *n >= 0),
            bron_document: bron_document?,
            toelichting,
            bron,
        })
    }

    fn oordeel(&self, v: &mut Velden, bron: Bron, peildatum: NaiveDate) -> Option<Oordeel> {
        let od = v.required_text("omgevingsdienst_code");
        if let Some(o) = od
            .as_deref()
            .filter(|o| !self.referentie.omgevingsdiensten.contains_key(*o))
        {
            v.meld(
                Regel::CodeOnbekend,
                "omgevingsdienst_code",
                Some(o),
                "verwacht de code van een omgevingsdienst uit queries/referentie/omgevingsdiensten.csv (bijvoorbeeld odbn)".into(),
            );
        }
        let peildatum_oordeel = v.date("peildatum_oordeel", true);
        v.niet_na_peildatum("peildatum_oordeel", peildatum_oordeel, peildatum);
        let soort = v.required_code("soort", self.lijst("soort_oordeel"));
        let oordeel = v.required_code("oordeel", self.lijst("oordeel_robuustheid"));
        let deadline = self.config.deadline();
        if let (Some("niet_robuust"), Some(d)) = (oordeel.as_deref(), peildatum_oordeel) {
            if d < deadline {
                v.meld(
                    Regel::OordeelVoorDeadline,
                    "oordeel",
                    Some("niet_robuust"),
                    format!("niet_robuust kan pas na de deadline {deadline}; deze peildatum_oordeel is {d}. Gebruik onzeker of niet_aannemelijk"),
                );
            }
        }
        let bron_document = v.required_text("bron");
        let toelichting = v.text("toelichting");
        let od = od.filter(|o| self.referentie.omgevingsdiensten.contains_key(o))?;
        let (peildatum_oordeel, soort, oordeel) = (peildatum_oordeel?, soort?, oordeel?);
        Some(Oordeel {
            partij: v.levering.partij.clone(),
            jaar: v.levering.jaar,
            sleutel: format!("{od}|{peildatum_oordeel}|{soort}"),
            omgevingsdienst_code: od,
            peildatum_oordeel,
            soort,
            oordeel,
            bron_document: bron_document?,
            toelichting,
            bron,
        })
    }

    fn aanbeveling(&self, v: &mut Velden, bron: Bron, peildatum: NaiveDate) -> Option<Aanbeveling> {
        let nummer = v.required_code("nummer", self.lijst("aanbeveling_van_aartsen"));
        let peildatum_status = v.date("peildatum_status", true);
        v.niet_na_peildatum("peildatum_status", peildatum_status, peildatum);
        let status = v.required_code("status", self.lijst("status_aanbeveling"));
        let verantwoordelijk = v.required_text("verantwoordelijk");
        let toelichting = v.required_text("toelichting");
        let bron_document = v.required_text("bron");
        let nummer: i64 = nummer?.parse().ok()?;
        let peildatum_status = peildatum_status?;
        Some(Aanbeveling {
            partij: v.levering.partij.clone(),
            jaar: v.levering.jaar,
            sleutel: format!("{nummer}|{peildatum_status}"),
            nummer,
            peildatum_status,
            status: status?,
            verantwoordelijk: verantwoordelijk?,
            toelichting: toelichting?,
            bron_document: bron_document?,
            bron,
        })
    }
}

/// Does a set of findings keep the row, set it aside, or refuse the delivery?
pub fn uitkomst(bevindingen: &[Bevinding]) -> Zwaarte {
    bevindingen
        .iter()
        .map(|b| b.zwaarte)
        .max()
        .unwrap_or(Zwaarte::Waarschuwing)
}
