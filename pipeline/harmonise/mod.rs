//! Stage 2 — harmonise: raw rows → canonical records, through the national code
//! lists (and, for local codes, the party's mapping tables). Every deviation is a
//! finding; a value that maps to nothing is never defaulted. The three large
//! tables go column by column ([`kolomregels`]): each column checked as a whole, a
//! code column once per distinct value, the findings in one table, the records
//! built as columns ([`Bestandsrecords`]). The small tables (a few hundred rows a
//! batch) go one row at a time ([`Harmoniser::rij`]).

pub mod ernst;
pub mod kolomregels;
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
    Oordeel, Organisatie, Overtredingen, Strafzaak, Tabel,
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
}

impl<'r> Velden<'r> {
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
                self.meld(regel, kolom, raw, verwacht(regel).to_string());
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

    /// Harmonise one row of a small table (the large ones go column by column,
    /// [`kolomregels`]); its record, if it becomes one, goes to `doel`.
    #[allow(clippy::too_many_arguments)]
    pub fn rij(
        &self,
        levering: &Levering,
        bestand: &Bestandsnaam,
        tabel: Tabel,
        header: &[String],
        row: &RawRow,
        codes: &mut Codes,
        doel: &mut Vec<Option<Record>>,
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
        let bron = Bron {
            bestand: bestand.clone(),
            regel: row.line,
        };
        let peildatum = self.config.peildatum(levering.jaar);
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
            // Their records are columns (`kolomregels`).
            Tabel::Controles | Tabel::Overtredingen | Tabel::Handhavingsmaatregelen => None,
        };
        let gemaakt = record.is_some();
        if gemaakt {
            doel.push(record);
        }
        Geharmoniseerd {
            gemaakt,
            bevindingen: v.bevindingen,
            vertaald: v.vertaald,
        }
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

/// What a value that breaks `regel` should have been, for the party.
fn verwacht(regel: Regel) -> &'static str {
    match regel {
        Regel::DatumOngeldig => "verwacht een datum als jjjj-mm-dd",
        Regel::JaNeeOngeldig => "verwacht true/false of ja/nee",
        Regel::GetalOngeldig => "verwacht een getal, bijvoorbeeld 1234.50",
        _ => regel.omschrijving(),
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
