//! The published datasets: how each is built from the pipeline's records, and what
//! each column means. One description serves the Parquet files, the SQL tables, the
//! codebook and datapackage.json, so they cannot drift apart: a frame whose columns
//! differ from its description is refused when written.

use crate::engine::{EngineTable, Frame, Tekst, Values, Woordenlijst};
use crate::model::codekolom::Gecodeerd;
use crate::model::uitvoer::status;
use crate::model::uitvoer::{IndicatorRij, KwaliteitRij, RobuustheidRij, StelselRij, Voldoet};
use crate::model::{
    Bron, Controles, Maatregelen, OptTeksten, Overtredingen, Records, Sleutels, Strafzaak, Teksten,
};
use crate::validate::QuarantaineRij;
use chrono::NaiveDate;

/// Which release a dataset belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Release {
    /// Aggregates only, disclosure-controlled: `<output>/data/`, for data.overheid.nl.
    Open,
    /// Harmonised records (pseudonymised object_id), quarantine and unsuppressed
    /// indicators: `<output>/restricted/`, for researchers under agreement.
    Restricted,
}

impl Release {
    pub fn map(self) -> &'static str {
        match self {
            Release::Open => "data",
            Release::Restricted => "restricted",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Release::Open => "open",
            Release::Restricted => "restricted",
        }
    }
}

/// A column of a published dataset: name, meaning (Dutch, for the codebook), and
/// what a schema can say about it. The type comes from the frame that is written.
#[derive(Debug, Clone, Copy)]
pub struct Kolombeschrijving {
    pub naam: &'static str,
    pub omschrijving: &'static str,
    /// Never null.
    pub verplicht: bool,
    /// National code list (`queries/codelijsten/<lijst>.csv`) or a fixed value list.
    pub codelijst: Option<&'static str>,
    pub waarden: &'static [&'static str],
    pub eenheid: Option<&'static str>,
}

const fn k(naam: &'static str, omschrijving: &'static str) -> Kolombeschrijving {
    Kolombeschrijving {
        naam,
        omschrijving,
        verplicht: false,
        codelijst: None,
        waarden: &[],
        eenheid: None,
    }
}

impl Kolombeschrijving {
    const fn verplicht(mut self) -> Kolombeschrijving {
        self.verplicht = true;
        self
    }
    const fn codes(mut self, lijst: &'static str) -> Kolombeschrijving {
        self.codelijst = Some(lijst);
        self
    }
    const fn waarden(mut self, w: &'static [&'static str]) -> Kolombeschrijving {
        self.waarden = w;
        self
    }
    const fn eenheid(mut self, e: &'static str) -> Kolombeschrijving {
        self.eenheid = Some(e);
        self
    }
}

/// Columns of one dataset that refer to the key of another.
#[derive(Debug, Clone, Copy)]
pub struct Sleutelverwijzing {
    pub kolommen: &'static [&'static str],
    pub dataset: &'static str,
    pub naar: &'static [&'static str],
}

#[derive(Debug)]
pub struct Dataset {
    pub naam: &'static str,
    pub bestand: &'static str,
    pub omschrijving: &'static str,
    pub releases: &'static [Release],
    /// Primary key: never null, unique.
    pub sleutel: &'static [&'static str],
    /// Unique together, where some may be null (documented, not a primary key).
    pub uniek: &'static [&'static str],
    /// The order of the rows.
    pub sortering: &'static [&'static str],
    pub verwijzingen: &'static [Sleutelverwijzing],
    pub kolommen: &'static [Kolombeschrijving],
}

impl Dataset {
    /// Check that a frame has exactly the described columns, in order.
    pub fn controleer(&self, f: &Frame) -> Result<(), String> {
        let frame: Vec<&str> = f.columns.iter().map(|c| c.name.as_str()).collect();
        let beschreven: Vec<&str> = self.kolommen.iter().map(|k| k.naam).collect();
        if frame != beschreven {
            return Err(format!(
                "dataset {}: the frame has columns {frame:?} but its description lists {beschreven:?}",
                self.naam
            ));
        }
        Ok(())
    }
}

const BRON_BESTAND: Kolombeschrijving = k(
    "bron_bestand",
    "Aangeleverd bestand, relatief aan de invoermap (jaar/partij/bestand; een werkblad als bestand.xlsx#blad)",
)
.verplicht();
const BRON_REGEL: Kolombeschrijving = k(
    "bron_regel",
    "Regel in het aangeleverde bestand (kopregel = 1; JSON: regel waarop het object begint; Excel: rijnummer)",
)
.verplicht();
const PARTIJ: Kolombeschrijving = k(
    "partij",
    "Aanleverende partij (omgevingsdienstcode, CBS-code, WS-code of ILT/NVWA/OM/IenW)",
)
.verplicht();
const JAAR: Kolombeschrijving = k("jaar", "Jaar van de levering").verplicht();
const OBJECT_ID: Kolombeschrijving = k(
    "object_id",
    "Gepseudonimiseerd id van het VTH-object: HMAC-SHA256 van partij en het id van de partij, met een sleutel die niet in de uitvoer staat; gelijk binnen één sleutel",
)
.verplicht();

pub const CONTROLES: Dataset = Dataset {
    naam: "controles",
    bestand: "controles.parquet",
    omschrijving: "Geharmoniseerde controles van alle jaren (beperkte release).",
    releases: &[Release::Restricted],
    sleutel: &["partij", "controle_id"],
    uniek: &[],
    sortering: &["partij", "controle_id"],
    verwijzingen: &[],
    kolommen: &[
        PARTIJ,
        JAAR,
        k("controle_id", "Id van de controle bij de partij").verplicht(),
        OBJECT_ID,
        k(
            "bevoegd_gezag",
            "Bevoegd gezag (GM-, PV-, WS-code of rijksdienst)",
        )
        .verplicht(),
        k("gemeente_code", "CBS-code van de gemeente van de locatie").verplicht(),
        k("controledatum", "Datum van de controle").verplicht(),
        k("controletype", "Type controle").codes("controletype"),
        k("taak", "Basistaak, plustaak of eigen taak").codes("taak"),
        k("brzo", "Object valt onder BRZO/Seveso"),
        k("resultaat", "Resultaat van de bevinding").codes("resultaat_bevinding"),
        BRON_BESTAND,
        BRON_REGEL,
    ],
};

pub const OVERTREDINGEN: Dataset = Dataset {
    naam: "overtredingen",
    bestand: "overtredingen.parquet",
    omschrijving: "Geharmoniseerde overtredingen met één landelijke ernst (beperkte release).",
    releases: &[Release::Restricted],
    sleutel: &["partij", "overtreding_id"],
    uniek: &[],
    sortering: &["partij", "overtreding_id"],
    verwijzingen: &[Sleutelverwijzing {
        kolommen: &["partij", "controle_id"],
        dataset: "controles",
        naar: &["partij", "controle_id"],
    }],
    kolommen: &[
        PARTIJ,
        JAAR,
        k("overtreding_id", "Id van de overtreding bij de partij").verplicht(),
        k(
            "controle_id",
            "Controle waarbij de overtreding is vastgesteld",
        )
        .verplicht(),
        k("overtredingsdatum", "Datum van de overtreding").verplicht(),
        k("handhavingsstrategie", "Gevolgde handhavingsstrategie").codes("handhavingsstrategie"),
        k("gevolg", "Gevolg volgens de LHSO (1–4), na harmonisatie").codes("gevolg"),
        k("gedrag", "Gedrag volgens de LHSO (A–D), na harmonisatie").codes("gedrag"),
        k("ernst", "Geharmoniseerde ernst")
            .codes("ernst")
            .verplicht(),
        k("ernst_bron", "Herkomst van de ernst")
            .waarden(&[
                "geleverd",
                "afgeleid_lhso",
                "afgeleid_lhs_omgedraaid",
                "onbekend",
            ])
            .verplicht(),
        k(
            "indicatie_handhaving",
            "false: bewust besloten niet te handhaven",
        ),
        k("reden_geen_handhaving", "Reden om niet te handhaven"),
        k("hersteldatum", "Datum waarop de overtreding is hersteld"),
        OBJECT_ID.verplicht(),
        k("gemeente_code", "Gemeente van de gekoppelde controle").verplicht(),
        BRON_BESTAND,
        BRON_REGEL,
    ],
};

pub const MAATREGELEN: Dataset = Dataset {
    naam: "handhavingsmaatregelen",
    bestand: "handhavingsmaatregelen.parquet",
    omschrijving: "Geharmoniseerde handhavingsmaatregelen (beperkte release).",
    releases: &[Release::Restricted],
    sleutel: &["partij", "maatregel_id"],
    uniek: &[],
    sortering: &["partij", "maatregel_id"],
    verwijzingen: &[Sleutelverwijzing {
        kolommen: &["partij", "overtreding_id"],
        dataset: "overtredingen",
        naar: &["partij", "overtreding_id"],
    }],
    kolommen: &[
        PARTIJ,
        JAAR,
        k("maatregel_id", "Id van de maatregel bij de partij").verplicht(),
        k("overtreding_id", "Overtreding waarop de maatregel volgt").verplicht(),
        k("handhavingsinstrument", "Landelijk handhavingsinstrument")
            .codes("handhavingsinstrument"),
        k("categorie", "Categorie van het instrument").codes("handhavingsinstrument.categorie"),
        k(
            "zwaarte",
            "Zwaarte van het instrument, 1 (licht) tot 5 (zwaar)",
        )
        .codes("handhavingsinstrument.zwaarte"),
        k("datum_opleggen", "Datum waarop de maatregel is opgelegd").verplicht(),
        k(
            "datum_afronding",
            "Datum van afronding; leeg als de maatregel nog loopt",
        ),
        k("status", "Status van de maatregel").codes("status_maatregel"),
        k("bedrag_eur", "Bedrag van dwangsom of boete").eenheid("euro"),
        BRON_BESTAND,
        BRON_REGEL,
    ],
};

pub const STRAFZAKEN: Dataset = Dataset {
    naam: "strafzaken",
    bestand: "strafzaken.parquet",
    omschrijving: "Strafzaken van het OM in hun laatst aangeleverde versie, met hun koppeling aan het proces-verbaal van de verbalisant (beperkte release; het parketnummer is gepseudonimiseerd).",
    releases: &[Release::Restricted],
    sleutel: &["parketnummer"],
    uniek: &[],
    sortering: &["parketnummer"],
    verwijzingen: &[],
    kolommen: &[
        PARTIJ,
        k("jaar", "Jaar van de levering met deze (laatste) versie van de zaak")
            .verplicht()
            .eenheid("jaar"),
        k(
            "parketnummer",
            "Parketnummer, gepseudonimiseerd met dezelfde sleutel als object_id",
        )
        .verplicht(),
        k(
            "partij_verbalisant",
            "Partij wier proces-verbaal de zaak begon, of overig",
        )
        .verplicht(),
        k("maatregel_id", "Id van dat proces-verbaal bij de verbalisant"),
        k("datum_instroom", "Datum waarop het OM de zaak registreerde").verplicht(),
        k("afdoening", "Afdoening door het OM").codes("afdoening_om"),
        k("categorie_afdoening", "Categorie van de afdoening")
            .codes("afdoening_om.categorie"),
        k("datum_afdoening", "Datum van de afdoening"),
        k("uitspraak", "Uitspraak van de rechter na een dagvaarding").codes("uitspraak"),
        k("categorie_uitspraak", "Categorie van de uitspraak").codes("uitspraak.categorie"),
        k("datum_uitspraak", "Datum van de uitspraak"),
        k("bedrag_eur", "Geldboete of transactiebedrag").eenheid("euro"),
        k(
            "koppeling",
            "gekoppeld (noemt een proces-verbaal van de verbalisant), geen_pv (noemt een andere maatregel) of niet_gekoppeld",
        )
        .verplicht()
        .waarden(&["gekoppeld", "geen_pv", "niet_gekoppeld"]),
        BRON_BESTAND,
        BRON_REGEL,
    ],
};

pub const QUARANTAINE: Dataset = Dataset {
    naam: "quarantaine",
    bestand: "quarantaine.parquet",
    omschrijving: "Elke apart gezette regel met de reden, het bestand, de regel en de ruwe waarden (beperkte release; object_id gepseudonimiseerd).",
    releases: &[Release::Restricted],
    sleutel: &["bestand", "regel"],
    uniek: &[],
    sortering: &["bestand", "regel"],
    verwijzingen: &[],
    kolommen: &[
        PARTIJ,
        JAAR,
        k("tabel", "Tabel van het aanleverformaat")
            .waarden(&["controles", "overtredingen", "handhavingsmaatregelen", "organisatie", "strafzaken"])
            .verplicht(),
        k("bestand", "Aangeleverd bestand").verplicht(),
        k("regel", "Regel in het bestand (kopregel = 1)").verplicht(),
        k("reden", "Code van de regel uit het datacontract (pipeline/contract/rules.rs)").verplicht(),
        k("kolom", "Kolom waarop de regel faalde"),
        k("waarde", "Aangeleverde waarde"),
        k("melding", "Toelichting: wat werd verwacht en wat te doen").verplicht(),
        k("ruwe_rij", "De volledige aangeleverde regel als JSON-object (kolom → waarde)").verplicht(),
    ],
};

pub const INDICATOREN: Dataset = Dataset {
    naam: "indicatoren",
    bestand: "indicatoren.parquet",
    omschrijving: "Indicatoren van de Staat van VTH in lange vorm, per jaar, niveau en eenheid. Open release: kleine aantallen en aandelen met een kleine noemer onderdrukt (status onderdrukt); beperkte release: zonder onderdrukking.",
    releases: &[Release::Open, Release::Restricted],
    sleutel: &[],
    uniek: &["indicator_id", "jaar", "niveau", "eenheid", "dimensie", "dimensie_waarde"],
    sortering: &["indicator_id (catalogusvolgorde)", "jaar", "niveau", "eenheid", "dimensie", "dimensie_waarde"],
    verwijzingen: &[],
    kolommen: &[
        k("indicator_id", "Id uit de indicatorcatalogus (T1 … D7), queries/indicatoren/").verplicht(),
        k("indicator", "Naam van de indicator").verplicht(),
        k("jaar", "Verslagjaar").verplicht(),
        k("niveau", "Niveau van de eenheid")
            .waarden(&["nationaal", "provincie", "omgevingsdienst_regio", "partij"])
            .verplicht(),
        k("eenheid", "NL, PV-code, omgevingsdienstcode of partijcode").verplicht(),
        k("dimensie", "Uitsplitsing (bijv. ernst, handhavingsinstrument); leeg voor het totaal; vergelijkbaar: alleen de partijen die beide jaren van het paar leverden"),
        k("dimensie_waarde", "Code binnen de uitsplitsing; bij vergelijkbaar het paar jaren (2024/2025)"),
        k("waarde", "De waarde (aantal, procent of mediaan, zie indicator); leeg bij onderdrukking of zonder waarnemingen"),
        k("teller", "Teller van een aandeel"),
        k("noemer", "Noemer van een aandeel; bij een mediaan het aantal waarnemingen"),
        k("gemeenten_gedekt", "Gemeenten van de eenheid die het cijfer dekt: hun omgevingsdienst leverde controles over het jaar (spec/dekking.md); bij vergelijkbaar de gemeenten van de omgevingsdiensten in het panel. Alleen op de nationale en regionale rijen van T, H, K en C, anders leeg; nooit onderdrukt")
            .eenheid("gemeenten"),
        k("gemeenten_totaal", "Gemeenten van de eenheid in de referentielijst (nationaal: alle gemeenten van de indeling 2025)")
            .eenheid("gemeenten"),
        k("status", "Status van het cijfer")
            .waarden(&status::ALLE)
            .verplicht(),
    ],
};

pub const DATAKWALITEIT: Dataset = Dataset {
    naam: "datakwaliteit",
    bestand: "datakwaliteit.parquet",
    omschrijving: "Datakwaliteit D1–D7 per partij, jaar en controle: wat is aangeleverd, hoe volledig, wat niet te mappen was, wezen, dubbele id's, quarantaine en de aansluiting van de rijen. Feiten over leveringen, niet over bedrijven: niet onderdrukt.",
    releases: &[Release::Open],
    sleutel: &[],
    uniek: &["indicator_id", "jaar", "partij", "tabel", "bestand", "kolom", "dimensie", "dimensie_waarde"],
    sortering: &["indicator_id", "jaar", "partij", "tabel", "bestand", "kolom", "dimensie", "dimensie_waarde"],
    verwijzingen: &[],
    kolommen: &[
        k("indicator_id", "D1 … D7 uit de indicatorcatalogus")
            .waarden(&["D1", "D2", "D3", "D4", "D5", "D6", "D7"])
            .verplicht(),
        k("indicator", "Naam van de controle")
            .waarden(&["aangeleverd", "volledigheid_pct", "niet_gemapt", "wezen", "duplicaten", "quarantaine", "rijen"])
            .verplicht(),
        JAAR,
        k("partij", "Partijcode").verplicht(),
        k("partijsoort", "Soort partij").codes("partijsoort").verplicht(),
        k("verwacht", "D1: de partij staat op de lijst van verwachte partijen"),
        k("tabel", "Tabel van het aanleverformaat"),
        k("bestand", "Aangeleverd bestand (D2, D7)"),
        k("kolom", "Kolom van het aanleverformaat (D2, D3)"),
        k("dimensie", "Uitsplitsing: status (D1), verplicht (D2), waarde (D3), reden (D6), telling (D7); leeg voor het totaal"),
        k("dimensie_waarde", "Waarde binnen de uitsplitsing; bij D3 de aangeleverde, niet te mappen waarde"),
        k("waarde", "D1: 1 aangeleverd, 0 geweigerd, niet_volledig_aangeleverd (bestanden uit het batchmanifest niet heel ontvangen), gedeeltelijk_gelezen of niet_gelezen (bestanden in de map van de partij die geen tabel van het aanleverformaat zijn) of ontbreekt; D2: percentage gevuld; D3–D7: aantal regels"),
        k("teller", "D2: regels met een waarde"),
        k("noemer", "D2: regels in het bestand; D3–D6: regels gelezen in de tabel"),
        k("toelichting", "Reden van weigering, van niet (volledig) aanleveren of van ontbreken (D1); de aansluiting (D7)"),
    ],
};

pub const ROBUUSTHEID: Dataset = Dataset {
    naam: "robuustheid",
    bestand: "robuustheid.parquet",
    omschrijving: "Robuustheidscriteria R1–R6 en R en stelselvoorwaarden S1–S3 per omgevingsdienst en jaar, met waarde, drempel en of eraan is voldaan; een criterium met meer voorwaarden heeft ook een rij per onderdeel.",
    releases: &[Release::Open],
    sleutel: &[],
    uniek: &["omgevingsdienst", "jaar", "criterium_id", "onderdeel"],
    sortering: &["jaar", "omgevingsdienst", "criterium_id (catalogusvolgorde)", "onderdeel"],
    verwijzingen: &[],
    kolommen: &[
        k("omgevingsdienst", "Omgevingsdienstcode (referentielijst)").verplicht(),
        k("jaar", "Verslagjaar").verplicht(),
        k("criterium_id", "Criterium")
            .waarden(&["R1", "R2", "R3", "R4", "R5", "R6", "R", "S1", "S2", "S3"])
            .verplicht(),
        k("criterium", "Naam van het criterium").verplicht(),
        k("onderdeel", "Voorwaarde binnen het criterium (bijv. aandeel_eigen_dienst); leeg voor het criterium zelf"),
        k("waarde", "De waarde uit organisatie.csv (ja = 1, nee = 0); leeg als die ontbreekt"),
        k("drempel", "De drempel uit de configuratie"),
        k("vergelijking", "Hoe waarde en drempel worden vergeleken").waarden(&[">=", ">", "<=", "ja"]),
        k("eenheid", "Eenheid van waarde en drempel")
            .waarden(&["uren", "aandeel", "euro", "ratio", "procent", "dagen"]),
        k("voldoet", "Voldoet aan het criterium; onbekend als een invoer ontbreekt, nooit nee")
            .waarden(&["ja", "nee", "onbekend"])
            .verplicht(),
        k("drempel_bron", "Herkomst van de drempel"),
        k("toelichting", "Wat ontbreekt, of hoe de waarde is gevormd"),
    ],
};

pub const STELSEL: Dataset = Dataset {
    naam: "stelsel",
    bestand: "stelsel.parquet",
    omschrijving: "Stelselvoorwaarden S4–S7 (spec/stelsel.md) per jaar: het robuustheidsoordeel per omgevingsdienst met het traject ernaartoe (S4), de implementatie van de IBP-producten (S5), de stand van de tien aanbevelingen van de commissie Van Aartsen (S6) en het aantal voorwaarden waaraan elke omgevingsdienst voldoet (S7), met de landelijke aantallen. Omgevingsdiensten zijn openbare lichamen: niet onderdrukt.",
    releases: &[Release::Open],
    sleutel: &[],
    uniek: &["conditie_id", "jaar", "niveau", "eenheid", "dimensie", "dimensie_waarde", "uitkomst", "datum"],
    sortering: &["jaar", "conditie_id (catalogusvolgorde)", "niveau", "eenheid", "dimensie", "dimensie_waarde", "datum", "uitkomst"],
    verwijzingen: &[],
    kolommen: &[
        k("conditie_id", "Voorwaarde").waarden(&["S4", "S5", "S6", "S7"]).verplicht(),
        k("conditie", "Naam van de voorwaarde").verplicht(),
        k("jaar", "Verslagjaar; de peildatum van het jaar begrenst de oordelen en statussen").verplicht(),
        k("niveau", "nationaal (aantallen), omgevingsdienst of aanbeveling")
            .waarden(&["nationaal", "omgevingsdienst", "aanbeveling"])
            .verplicht(),
        k("eenheid", "NL, de omgevingsdienstcode of het nummer van de aanbeveling (1–10)").verplicht(),
        k("dimensie", "Uitsplitsing: traject (S4: elk oordeel tot de peildatum), oordeel en beweging (S4 landelijk), product (S5), status (S6 landelijk), conditie en aantal_voldaan (S7); leeg voor de rij zelf"),
        k("dimensie_waarde", "Waarde binnen de uitsplitsing: soort oordeel, code, product, voorwaarde of aantal"),
        k("uitkomst", "Het oordeel (oordeel_robuustheid of geen_oordeel), de status (status_implementatie of onbekend; status_aanbeveling), of ja/nee/onbekend (S7); bij een landelijk aantal: wat is geteld"),
        k("vorig", "S4: het laatste oordeel op de peildatum van het vorige jaar; S6: de status op de peildatum van de vorige editie"),
        k("waarde", "Landelijk: het aantal omgevingsdiensten of aanbevelingen; S5 aandeel_gemeenten: procent; S7 per omgevingsdienst: het aantal voorwaarden voldaan"),
        k("teller", "S5: gemeenten van omgevingsdiensten met besloten of geïmplementeerd; S7: voorwaarden voldaan"),
        k("noemer", "S5: gemeenten in de referentielijst; S7: voorwaarden"),
        k("datum", "Datum van het oordeel (peildatum_oordeel), van de status (datum, peildatum_status); landelijk traject: de peildatum van de telling"),
        k("soort", "Soort oordeel (soort_oordeel)").codes("soort_oordeel"),
        k("verantwoordelijk", "S6: de partijen die de aanbeveling dragen"),
        k("bron", "Het besluit of document waaruit het oordeel of de status komt"),
        k("toelichting", "Wat er is gedaan en wat resteert, of hoe de waarde is gevormd"),
    ],
};

/// Every published dataset, in the order of the codebook.
pub const ALLE: [&Dataset; 9] = [
    &INDICATOREN,
    &ROBUUSTHEID,
    &STELSEL,
    &DATAKWALITEIT,
    &CONTROLES,
    &OVERTREDINGEN,
    &MAATREGELEN,
    &STRAFZAKEN,
    &QUARANTAINE,
];

fn s<S: AsRef<str>>(v: impl Iterator<Item = Option<S>>) -> Values {
    Values::Tekst(v.collect())
}

/// Whether a record dataset carries its lineage columns (bron_bestand, bron_regel):
/// the published datasets do; the indicator engine's tables, from which no query
/// reads them, do not (millions of file names fewer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lineage {
    Mee,
    Zonder,
}

/// The lineage columns of a record dataset, which no indicator query reads.
pub const LINEAGE: [&str; 2] = [BRON_BESTAND.naam, BRON_REGEL.naam];

/// The accepted records of the three large tables as the engine holds them, with
/// their lineage: the indicator queries read them (without the lineage) and the
/// restricted release is written from them, so the records they were built from
/// can go (`run::run`).
pub struct RecordTabellen {
    pub controles: EngineTable,
    pub overtredingen: EngineTable,
    pub maatregelen: EngineTable,
    /// The keys between them as row numbers (aligned with the tables' rows).
    pub sleutels: Sleutels,
}

impl RecordTabellen {
    pub fn uit(records: &Records) -> crate::error::Result<RecordTabellen> {
        Ok(RecordTabellen {
            controles: EngineTable::uit_eigen(controles(records.controles.clone(), Lineage::Mee))?,
            overtredingen: EngineTable::uit_eigen(overtredingen(
                records.overtredingen.clone(),
                Lineage::Mee,
            ))?,
            maatregelen: EngineTable::uit_eigen(maatregelen(
                records.maatregelen.clone(),
                Lineage::Mee,
            ))?,
            sleutels: records.sleutels.clone(),
        })
    }

    /// The tables one at a time, each table's record columns let go as soon as
    /// its engine table exists: the two never coexist for all three tables.
    pub fn uit_en_laat_gaan(records: &mut Records) -> crate::error::Result<RecordTabellen> {
        Ok(RecordTabellen {
            controles: laat_gaan(&mut records.controles, controles)?,
            overtredingen: laat_gaan(&mut records.overtredingen, overtredingen)?,
            maatregelen: laat_gaan(&mut records.maatregelen, maatregelen)?,
            sleutels: std::mem::take(&mut records.sleutels),
        })
    }
}

/// The engine's table of the record columns `kolommen` (with lineage): each
/// record column goes as soon as its values exist, and each of those as soon as
/// the engine holds them, so the three never coexist whole; their pages are given
/// back at the end.
fn laat_gaan<T: Default>(
    kolommen: &mut T,
    bouw: fn(T, Lineage) -> Frame,
) -> crate::error::Result<EngineTable> {
    let tabel = EngineTable::uit_eigen(bouw(std::mem::take(kolommen), Lineage::Mee));
    crate::memory::release();
    tabel
}

/// How one column of a record table becomes the engine's values: a closure that
/// owns the record column and hands it back with the values made from it (see
/// [`kolom_voor_kolom`] for why it is let go elsewhere).
type Omzetting = (&'static str, Box<dyn FnOnce() -> (Values, Oud) + Send>);

/// A record column whose values were made, to be let go (none when the column
/// itself became the values).
type Oud = Option<Box<dyn Send>>;

/// The engine's columns of a record table, in order, built side by side. A page
/// freed by another thread than its owner's comes back only when the owner
/// collects, or a national table's record columns and engine columns are held
/// whole at once (one file of 12 million controles: 3.2 GiB instead of 2.5).
/// Acceptance built the record columns on this thread (one large file's are the
/// harmonise workers'): the workers hand each column back, this thread lets it
/// go as it arrives and collects, and each worker collects after each column.
fn kolom_voor_kolom(kolommen: Vec<Omzetting>) -> Frame {
    use rayon::prelude::*;
    let namen: Vec<&'static str> = kolommen.iter().map(|(naam, _)| *naam).collect();
    let waarden: Vec<Values> = if rayon::current_thread_index().is_some() {
        // On a worker, waiting here for the others could hold up the pool: each
        // record column goes where its values were made.
        kolommen.into_par_iter().map(|(_, maak)| maak().0).collect()
    } else {
        teruggegeven(kolommen)
    };
    let mut f = Frame::default();
    for (naam, w) in namen.into_iter().zip(waarden) {
        f.push(naam, w);
    }
    f
}

/// The values of every conversion, made on the pool's threads while this thread
/// lets each record column go as it is handed back.
fn teruggegeven(kolommen: Vec<Omzetting>) -> Vec<Values> {
    let mut waarden: Vec<Option<Values>> = (0..kolommen.len()).map(|_| None).collect();
    let (klaar, aangekomen) = std::sync::mpsc::channel::<(usize, Values, Oud)>();
    rayon::in_place_scope(|s| {
        for (i, (_, maak)) in kolommen.into_iter().enumerate() {
            let klaar = klaar.clone();
            s.spawn(move |_| {
                let (w, oud) = maak();
                let groot = w.len() >= crate::memory::GROTE_KOLOM;
                // The receiver outlives the scope's jobs: a send cannot fail.
                let _ = klaar.send((i, w, oud));
                if groot {
                    // Pages of this worker that another thread freed (a record
                    // column a worker allocated, let go above) come back here.
                    crate::memory::release_here();
                }
            });
        }
        drop(klaar);
        for (i, w, oud) in aangekomen {
            let groot = w.len() >= crate::memory::GROTE_KOLOM;
            drop(oud);
            if groot {
                // Its pages go back now, before the next engine columns need
                // fresh ones (ten years: the step's peak 1.3 GiB instead of 1.8;
                // below a million rows the purges cost more than they save).
                crate::memory::release_here();
            }
            waarden[i] = Some(w);
        }
    });
    waarden
        .into_iter()
        .map(|w| w.expect("every column's job sends its values or panics"))
        .collect()
}

/// The values of record column `kolom` by `maak`, the column handed back.
fn omzetting<T: Send + 'static>(
    naam: &'static str,
    kolom: T,
    maak: impl FnOnce(&T) -> Values + Send + 'static,
) -> Omzetting {
    (
        naam,
        Box::new(move || {
            let w = maak(&kolom);
            (w, Some(Box::new(kolom) as Box<dyn Send>))
        }),
    )
}

/// A record column that becomes the engine's values as it is.
fn zelf(naam: &'static str, maak: impl FnOnce() -> Values + Send + 'static) -> Omzetting {
    (naam, Box::new(move || (maak(), None)))
}

// One column of a record table from one of its columns. A code column's text
// holds each code once and repeats its view.
fn codes<const OPT: bool>(naam: &'static str, v: Gecodeerd<OPT>) -> Omzetting {
    omzetting(naam, v, |v| {
        let lijst: Woordenlijst = v.codes().iter().collect();
        Values::Tekst(lijst.kolom_opt(v.nummers()))
    })
}

fn teksten(naam: &'static str, t: Teksten) -> Omzetting {
    // The column's text becomes the engine's buffer as it is.
    zelf(naam, move || {
        let (tekst, eind) = t.in_delen();
        Values::Tekst(Tekst::uit_buffer(tekst, &eind))
    })
}

fn opt_teksten(naam: &'static str, t: OptTeksten) -> Omzetting {
    omzetting(naam, t, |t| Values::Tekst(t.iter().collect()))
}

fn jaren(v: Vec<i32>) -> Omzetting {
    omzetting("jaar", v, |v| {
        Values::I32(v.iter().map(|&j| Some(j)).collect())
    })
}

fn data(naam: &'static str, v: Vec<NaiveDate>) -> Omzetting {
    omzetting(naam, v, |v| {
        Values::Date(v.iter().map(|&d| Some(d)).collect())
    })
}

fn opt_data(naam: &'static str, v: Vec<Option<NaiveDate>>) -> Omzetting {
    zelf(naam, move || Values::Date(v))
}

fn waarheden(naam: &'static str, v: Vec<Option<bool>>) -> Omzetting {
    zelf(naam, move || Values::Bool(v))
}

/// The lineage columns of a record table, when they go along.
fn bronnen(mee: Lineage, v: Vec<Bron>) -> Vec<Omzetting> {
    match mee {
        Lineage::Zonder => Vec::new(),
        Lineage::Mee => {
            // Both columns read the same records; the last one done hands them back.
            let v = std::sync::Arc::new(v);
            vec![
                omzetting(BRON_BESTAND.naam, v.clone(), |v| {
                    Values::Tekst(v.iter().map(|b| Some(b.bestand.as_str())).collect())
                }),
                omzetting(BRON_REGEL.naam, v, |v| {
                    Values::I64(v.iter().map(|b| Some(b.regel as i64)).collect())
                }),
            ]
        }
    }
}

pub fn controles(c: Controles, mee: Lineage) -> Frame {
    let mut k = vec![
        codes("partij", c.partij),
        jaren(c.jaar),
        teksten("controle_id", c.controle_id),
        teksten("object_id", c.object_id),
        codes("bevoegd_gezag", c.bevoegd_gezag),
        codes("gemeente_code", c.gemeente_code),
        data("controledatum", c.controledatum),
        codes("controletype", c.controletype),
        codes("taak", c.taak),
        waarheden("brzo", c.brzo),
        codes("resultaat", c.resultaat),
    ];
    k.extend(bronnen(mee, c.bron));
    kolom_voor_kolom(k)
}

pub fn overtredingen(o: Overtredingen, mee: Lineage) -> Frame {
    let mut k = vec![
        codes("partij", o.partij),
        jaren(o.jaar),
        teksten("overtreding_id", o.overtreding_id),
        teksten("controle_id", o.controle_id),
        data("overtredingsdatum", o.overtredingsdatum),
        codes("handhavingsstrategie", o.handhavingsstrategie),
        codes("gevolg", o.gevolg),
        codes("gedrag", o.gedrag),
        codes("ernst", o.ernst),
        omzetting("ernst_bron", o.ernst_bron, |v| {
            Values::Tekst(v.iter().map(|b| Some(b.code())).collect())
        }),
        waarheden("indicatie_handhaving", o.indicatie_handhaving),
        opt_teksten("reden_geen_handhaving", o.reden_geen_handhaving),
        opt_data("hersteldatum", o.hersteldatum),
        teksten("object_id", o.object_id),
        codes("gemeente_code", o.gemeente_code),
    ];
    k.extend(bronnen(mee, o.bron));
    kolom_voor_kolom(k)
}

pub fn maatregelen(m: Maatregelen, mee: Lineage) -> Frame {
    let mut k = vec![
        codes("partij", m.partij),
        jaren(m.jaar),
        teksten("maatregel_id", m.maatregel_id),
        teksten("overtreding_id", m.overtreding_id),
        codes("handhavingsinstrument", m.handhavingsinstrument),
        codes("categorie", m.categorie),
        zelf("zwaarte", move || Values::I64(m.zwaarte)),
        data("datum_opleggen", m.datum_opleggen),
        opt_data("datum_afronding", m.datum_afronding),
        codes("status", m.status),
        zelf("bedrag_eur", move || Values::F64(m.bedrag_eur)),
    ];
    k.extend(bronnen(mee, m.bron));
    kolom_voor_kolom(k)
}

/// The cases of the OM (a few thousand a year): read row by row.
pub fn strafzaken(rs: &[Strafzaak], mee: Lineage) -> Frame {
    let tekst = |f: fn(&Strafzaak) -> Option<&str>| Values::Tekst(rs.iter().map(f).collect());
    let datum = |f: fn(&Strafzaak) -> Option<NaiveDate>| Values::Date(rs.iter().map(f).collect());
    let mut f = Frame::default();
    f.push("partij", tekst(|r| Some(&r.partij)));
    f.push(
        "jaar",
        Values::I32(rs.iter().map(|r| Some(r.jaar)).collect()),
    );
    f.push("parketnummer", tekst(|r| Some(&r.parketnummer)));
    f.push("partij_verbalisant", tekst(|r| Some(&r.partij_verbalisant)));
    f.push("maatregel_id", tekst(|r| r.maatregel_id.as_deref()));
    f.push("datum_instroom", datum(|r| Some(r.datum_instroom)));
    f.push("afdoening", tekst(|r| r.afdoening.as_deref()));
    f.push(
        "categorie_afdoening",
        tekst(|r| r.categorie_afdoening.as_deref()),
    );
    f.push("datum_afdoening", datum(|r| r.datum_afdoening));
    f.push("uitspraak", tekst(|r| r.uitspraak.as_deref()));
    f.push(
        "categorie_uitspraak",
        tekst(|r| r.categorie_uitspraak.as_deref()),
    );
    f.push("datum_uitspraak", datum(|r| r.datum_uitspraak));
    f.push(
        "bedrag_eur",
        Values::F64(rs.iter().map(|r| r.bedrag_eur).collect()),
    );
    f.push("koppeling", tekst(|r| Some(r.koppeling)));
    if mee == Lineage::Mee {
        f.push(BRON_BESTAND.naam, tekst(|r| Some(&r.bron.bestand)));
        f.push(
            BRON_REGEL.naam,
            Values::I64(rs.iter().map(|r| Some(r.bron.regel as i64)).collect()),
        );
    }
    f
}

pub fn quarantaine(rs: &[QuarantaineRij]) -> Frame {
    let mut f = Frame::default();
    f.push("partij", s(rs.iter().map(|r| Some(r.partij.clone()))));
    f.push(
        "jaar",
        Values::I32(rs.iter().map(|r| Some(r.jaar)).collect()),
    );
    f.push("tabel", s(rs.iter().map(|r| Some(r.tabel.to_string()))));
    f.push("bestand", s(rs.iter().map(|r| Some(r.bestand.clone()))));
    f.push(
        "regel",
        Values::I64(rs.iter().map(|r| Some(r.regel as i64)).collect()),
    );
    f.push("reden", s(rs.iter().map(|r| Some(r.reden.to_string()))));
    f.push("kolom", s(rs.iter().map(|r| r.kolom.clone())));
    f.push("waarde", s(rs.iter().map(|r| r.waarde.clone())));
    f.push("melding", s(rs.iter().map(|r| Some(r.melding.clone()))));
    f.push("ruwe_rij", s(rs.iter().map(|r| Some(r.ruwe_rij.clone()))));
    f
}

pub fn indicatoren(rs: &[IndicatorRij]) -> Frame {
    let mut f = Frame::default();
    f.push(
        "indicator_id",
        s(rs.iter().map(|r| Some(r.indicator_id.clone()))),
    );
    f.push("indicator", s(rs.iter().map(|r| Some(r.indicator.clone()))));
    f.push(
        "jaar",
        Values::I32(rs.iter().map(|r| Some(r.jaar)).collect()),
    );
    f.push("niveau", s(rs.iter().map(|r| Some(r.niveau.clone()))));
    f.push("eenheid", s(rs.iter().map(|r| Some(r.eenheid.clone()))));
    f.push("dimensie", s(rs.iter().map(|r| r.dimensie.clone())));
    f.push(
        "dimensie_waarde",
        s(rs.iter().map(|r| r.dimensie_waarde.clone())),
    );
    f.push("waarde", Values::F64(rs.iter().map(|r| r.waarde).collect()));
    f.push("teller", Values::I64(rs.iter().map(|r| r.teller).collect()));
    f.push("noemer", Values::I64(rs.iter().map(|r| r.noemer).collect()));
    f.push(
        "gemeenten_gedekt",
        Values::I64(rs.iter().map(|r| r.gemeenten_gedekt).collect()),
    );
    f.push(
        "gemeenten_totaal",
        Values::I64(rs.iter().map(|r| r.gemeenten_totaal).collect()),
    );
    f.push("status", s(rs.iter().map(|r| Some(r.status.to_string()))));
    f
}

pub fn datakwaliteit(rs: &[KwaliteitRij]) -> Frame {
    let mut f = Frame::default();
    let txt = |v: &Option<String>| v.clone();
    f.push(
        "indicator_id",
        s(rs.iter().map(|r| Some(r.indicator_id.to_string()))),
    );
    f.push(
        "indicator",
        s(rs.iter().map(|r| Some(r.indicator.to_string()))),
    );
    f.push(
        "jaar",
        Values::I32(rs.iter().map(|r| Some(r.jaar)).collect()),
    );
    f.push("partij", s(rs.iter().map(|r| Some(r.partij.clone()))));
    f.push(
        "partijsoort",
        s(rs.iter().map(|r| Some(r.partijsoort.clone()))),
    );
    f.push(
        "verwacht",
        Values::Bool(rs.iter().map(|r| r.verwacht).collect()),
    );
    f.push("tabel", s(rs.iter().map(|r| txt(&r.tabel))));
    f.push("bestand", s(rs.iter().map(|r| txt(&r.bestand))));
    f.push("kolom", s(rs.iter().map(|r| txt(&r.kolom))));
    f.push("dimensie", s(rs.iter().map(|r| txt(&r.dimensie))));
    f.push(
        "dimensie_waarde",
        s(rs.iter().map(|r| txt(&r.dimensie_waarde))),
    );
    f.push("waarde", Values::F64(rs.iter().map(|r| r.waarde).collect()));
    f.push("teller", Values::I64(rs.iter().map(|r| r.teller).collect()));
    f.push("noemer", Values::I64(rs.iter().map(|r| r.noemer).collect()));
    f.push("toelichting", s(rs.iter().map(|r| txt(&r.toelichting))));
    f
}

pub fn robuustheid(rs: &[RobuustheidRij]) -> Frame {
    let mut f = Frame::default();
    f.push(
        "omgevingsdienst",
        s(rs.iter().map(|r| Some(r.omgevingsdienst.clone()))),
    );
    f.push(
        "jaar",
        Values::I32(rs.iter().map(|r| Some(r.jaar)).collect()),
    );
    f.push(
        "criterium_id",
        s(rs.iter().map(|r| Some(r.criterium_id.clone()))),
    );
    f.push("criterium", s(rs.iter().map(|r| Some(r.criterium.clone()))));
    f.push("onderdeel", s(rs.iter().map(|r| r.onderdeel.clone())));
    f.push("waarde", Values::F64(rs.iter().map(|r| r.waarde).collect()));
    f.push(
        "drempel",
        Values::F64(rs.iter().map(|r| r.drempel).collect()),
    );
    f.push("vergelijking", s(rs.iter().map(|r| r.vergelijking.clone())));
    f.push("eenheid", s(rs.iter().map(|r| r.eenheid.clone())));
    f.push(
        "voldoet",
        s(rs.iter().map(|r| Some(r.voldoet.code().to_string()))),
    );
    f.push("drempel_bron", s(rs.iter().map(|r| r.drempel_bron.clone())));
    f.push("toelichting", s(rs.iter().map(|r| r.toelichting.clone())));
    f
}

/// A published text column as `&'static str` from a closed set of names.
fn statisch(v: Option<&str>, namen: &[&'static str]) -> Option<&'static str> {
    v.and_then(|v| namen.iter().copied().find(|n| *n == v))
}

/// Read `robuustheid.parquet` back (the report is built from published data).
pub fn robuustheid_uit(f: &Frame) -> Option<Vec<RobuustheidRij>> {
    let (od, id, naam, ond) = (
        f.str("omgevingsdienst")?,
        f.str("criterium_id")?,
        f.str("criterium")?,
        f.str("onderdeel")?,
    );
    let (verg, eenh, vold, bron, toel) = (
        f.str("vergelijking")?,
        f.str("eenheid")?,
        f.str("voldoet")?,
        f.str("drempel_bron")?,
        f.str("toelichting")?,
    );
    let jaar = match f.column("jaar")? {
        Values::I32(v) => v.clone(),
        _ => return None,
    };
    let (waarde, drempel) = (f.f64("waarde")?, f.f64("drempel")?);
    (0..f.height())
        .map(|k| {
            Some(RobuustheidRij {
                omgevingsdienst: od[k].clone()?,
                jaar: jaar[k]?,
                criterium_id: id[k].clone()?,
                criterium: naam[k].clone()?,
                onderdeel: ond[k].clone(),
                waarde: waarde[k],
                drempel: drempel[k],
                vergelijking: verg[k].clone(),
                eenheid: eenh[k].clone(),
                voldoet: Voldoet::from_code(vold[k].as_deref()?)?,
                drempel_bron: bron[k].clone(),
                toelichting: toel[k].clone(),
            })
        })
        .collect()
}

pub fn stelsel(rs: &[StelselRij]) -> Frame {
    let mut f = Frame::default();
    let t = |g: fn(&StelselRij) -> Option<String>| s(rs.iter().map(g));
    f.push("conditie_id", t(|r| Some(r.conditie_id.clone())));
    f.push("conditie", t(|r| Some(r.conditie.clone())));
    f.push(
        "jaar",
        Values::I32(rs.iter().map(|r| Some(r.jaar)).collect()),
    );
    f.push("niveau", t(|r| Some(r.niveau.clone())));
    f.push("eenheid", t(|r| Some(r.eenheid.clone())));
    f.push("dimensie", t(|r| r.dimensie.clone()));
    f.push("dimensie_waarde", t(|r| r.dimensie_waarde.clone()));
    f.push("uitkomst", t(|r| r.uitkomst.clone()));
    f.push("vorig", t(|r| r.vorig.clone()));
    f.push("waarde", Values::F64(rs.iter().map(|r| r.waarde).collect()));
    f.push("teller", Values::I64(rs.iter().map(|r| r.teller).collect()));
    f.push("noemer", Values::I64(rs.iter().map(|r| r.noemer).collect()));
    f.push("datum", Values::Date(rs.iter().map(|r| r.datum).collect()));
    f.push("soort", t(|r| r.soort.clone()));
    f.push("verantwoordelijk", t(|r| r.verantwoordelijk.clone()));
    f.push("bron", t(|r| r.bron.clone()));
    f.push("toelichting", t(|r| r.toelichting.clone()));
    f
}

/// Read `stelsel.parquet` back.
pub fn stelsel_uit(f: &Frame) -> Option<Vec<StelselRij>> {
    let t = |n: &str| f.str(n);
    let (id, naam, niveau, eenheid, dim, dimw, uitk, vorig) = (
        t("conditie_id")?,
        t("conditie")?,
        t("niveau")?,
        t("eenheid")?,
        t("dimensie")?,
        t("dimensie_waarde")?,
        t("uitkomst")?,
        t("vorig")?,
    );
    let (soort, verantw, bron, toel) = (
        t("soort")?,
        t("verantwoordelijk")?,
        t("bron")?,
        t("toelichting")?,
    );
    let jaar = match f.column("jaar")? {
        Values::I32(v) => v.clone(),
        _ => return None,
    };
    let datum = match f.column("datum")? {
        Values::Date(v) => v.clone(),
        _ => return None,
    };
    let (waarde, teller, noemer) = (f.f64("waarde")?, f.i64("teller")?, f.i64("noemer")?);
    (0..f.height())
        .map(|k| {
            Some(StelselRij {
                conditie_id: id[k].clone()?,
                conditie: naam[k].clone()?,
                jaar: jaar[k]?,
                niveau: niveau[k].clone()?,
                eenheid: eenheid[k].clone()?,
                dimensie: dim[k].clone(),
                dimensie_waarde: dimw[k].clone(),
                uitkomst: uitk[k].clone(),
                vorig: vorig[k].clone(),
                waarde: waarde[k],
                teller: teller[k],
                noemer: noemer[k],
                datum: datum[k],
                soort: soort[k].clone(),
                verantwoordelijk: verantw[k].clone(),
                bron: bron[k].clone(),
                toelichting: toel[k].clone(),
            })
        })
        .collect()
}

/// Read `datakwaliteit.parquet` back.
pub fn datakwaliteit_uit(f: &Frame) -> Option<Vec<KwaliteitRij>> {
    let ids = ["D1", "D2", "D3", "D4", "D5", "D6", "D7"];
    let namen = [
        "aangeleverd",
        "volledigheid_pct",
        "niet_gemapt",
        "wezen",
        "duplicaten",
        "quarantaine",
        "rijen",
    ];
    let t = |n: &str| f.str(n);
    let (id, naam, partij, soort, tabel, bestand, kolom, dim, dimw, toel) = (
        t("indicator_id")?,
        t("indicator")?,
        t("partij")?,
        t("partijsoort")?,
        t("tabel")?,
        t("bestand")?,
        t("kolom")?,
        t("dimensie")?,
        t("dimensie_waarde")?,
        t("toelichting")?,
    );
    let jaar = match f.column("jaar")? {
        Values::I32(v) => v.clone(),
        _ => return None,
    };
    let verwacht = match f.column("verwacht")? {
        Values::Bool(v) => v.clone(),
        _ => return None,
    };
    let (waarde, teller, noemer) = (f.f64("waarde")?, f.i64("teller")?, f.i64("noemer")?);
    (0..f.height())
        .map(|k| {
            Some(KwaliteitRij {
                indicator_id: statisch(id[k].as_deref(), &ids)?,
                indicator: statisch(naam[k].as_deref(), &namen)?,
                jaar: jaar[k]?,
                partij: partij[k].clone()?,
                partijsoort: soort[k].clone()?,
                verwacht: verwacht[k],
                tabel: tabel[k].clone(),
                bestand: bestand[k].clone(),
                kolom: kolom[k].clone(),
                dimensie: dim[k].clone(),
                dimensie_waarde: dimw[k].clone(),
                waarde: waarde[k],
                teller: teller[k],
                noemer: noemer[k],
                toelichting: toel[k].clone(),
            })
        })
        .collect()
}

/// Read `indicatoren.parquet` back into rows (the report is built from published data).
pub fn indicatoren_uit(f: &Frame) -> Option<Vec<IndicatorRij>> {
    let status_codes = status::ALLE;
    let (id, naam, niveau, eenheid) = (
        f.str("indicator_id")?,
        f.str("indicator")?,
        f.str("niveau")?,
        f.str("eenheid")?,
    );
    let (dim, dimw, status) = (
        f.str("dimensie")?,
        f.str("dimensie_waarde")?,
        f.str("status")?,
    );
    let jaar = match f.column("jaar")? {
        Values::I32(v) => v.clone(),
        Values::I64(v) => v.iter().map(|x| x.map(|x| x as i32)).collect(),
        _ => return None,
    };
    let (waarde, teller, noemer) = (f.f64("waarde")?, f.i64("teller")?, f.i64("noemer")?);
    // An edition before coverage (schema 1) has no coverage columns.
    let leeg = vec![None; f.height()];
    let gedekt = f
        .i64("gemeenten_gedekt")
        .map_or_else(|| leeg.clone(), <[_]>::to_vec);
    let totaal = f.i64("gemeenten_totaal").map_or(leeg, <[_]>::to_vec);
    (0..f.height())
        .map(|k| {
            Some(IndicatorRij {
                indicator_id: id[k].clone()?,
                indicator: naam[k].clone()?,
                jaar: jaar[k]?,
                niveau: niveau[k].clone()?,
                eenheid: eenheid[k].clone()?,
                dimensie: dim[k].clone(),
                dimensie_waarde: dimw[k].clone(),
                waarde: waarde[k],
                teller: teller[k],
                noemer: noemer[k],
                gemeenten_gedekt: gedekt[k],
                gemeenten_totaal: totaal[k],
                status: status_codes
                    .iter()
                    .find(|c| Some(**c) == status[k].as_deref())
                    .copied()?,
            })
        })
        .collect()
}
