//! The published datasets: how each is built from the pipeline's records, and what
//! each column means. One description serves the Parquet files, the SQL tables and
//! the codebook, so they cannot drift apart.

use crate::engine::{Frame, Values};
use crate::indicators::datakwaliteit::KwaliteitRij;
use crate::indicators::robuustheid::{RobuustheidRij, Voldoet};
use crate::indicators::IndicatorRij;
use crate::model::{Controle, Maatregel, Overtreding};
use crate::validate::QuarantaineRij;

/// A column of a published dataset: name and meaning (Dutch, for the codebook).
pub struct Kolom {
    pub naam: &'static str,
    pub omschrijving: &'static str,
}

pub struct Dataset {
    pub naam: &'static str,
    pub bestand: &'static str,
    pub omschrijving: &'static str,
    /// Columns that identify a row.
    pub sleutel: &'static [&'static str],
    pub kolommen: &'static [Kolom],
}

macro_rules! kolommen {
    ($( $naam:literal => $oms:literal ),* $(,)?) => {
        &[ $( Kolom { naam: $naam, omschrijving: $oms }, )* ]
    };
}

const LINEAGE: [Kolom; 2] = [
    Kolom {
        naam: "bron_bestand",
        omschrijving: "Aangeleverd bestand, relatief aan de invoermap (jaar/partij/tabel.csv)",
    },
    Kolom {
        naam: "bron_regel",
        omschrijving: "Regelnummer in het aangeleverde bestand (kopregel = 1)",
    },
];

pub const CONTROLES: Dataset = Dataset {
    naam: "controles",
    bestand: "controles.parquet",
    omschrijving: "Geharmoniseerde controles (beperkte release).",
    sleutel: &["partij", "controle_id"],
    kolommen: kolommen![
        "partij" => "Aanleverende partij",
        "jaar" => "Jaar van de levering",
        "controle_id" => "Id van de controle bij de partij",
        "object_id" => "Id van het gecontroleerde VTH-object bij de partij",
        "bevoegd_gezag" => "Bevoegd gezag (GM-, PV-, WS-code of rijksdienst)",
        "gemeente_code" => "CBS-code van de gemeente van de locatie",
        "controledatum" => "Datum van de controle",
        "controletype" => "Type controle (codelijst controletype)",
        "taak" => "Basistaak, plustaak of eigen taak (codelijst taak)",
        "brzo" => "Object valt onder BRZO/Seveso",
        "resultaat" => "Resultaat van de bevinding (codelijst resultaat_bevinding)",
    ],
};

pub const OVERTREDINGEN: Dataset = Dataset {
    naam: "overtredingen",
    bestand: "overtredingen.parquet",
    omschrijving: "Geharmoniseerde overtredingen met één landelijke ernst (beperkte release).",
    sleutel: &["partij", "overtreding_id"],
    kolommen: kolommen![
        "partij" => "Aanleverende partij",
        "jaar" => "Jaar van de levering",
        "overtreding_id" => "Id van de overtreding bij de partij",
        "controle_id" => "Controle waarbij de overtreding is vastgesteld",
        "overtredingsdatum" => "Datum van de overtreding",
        "handhavingsstrategie" => "Gevolgde handhavingsstrategie (codelijst handhavingsstrategie)",
        "gevolg" => "Gevolg volgens LHSO (1–4), na harmonisatie",
        "gedrag" => "Gedrag volgens LHSO (A–D), na harmonisatie",
        "ernst" => "Geharmoniseerde ernst: licht, middelzwaar, zwaar of onbekend",
        "ernst_bron" => "Herkomst van de ernst: geleverd, afgeleid_lhso, afgeleid_lhs_omgedraaid of onbekend",
        "indicatie_handhaving" => "false: bewust besloten niet te handhaven",
        "reden_geen_handhaving" => "Reden om niet te handhaven",
        "hersteldatum" => "Datum waarop de overtreding is hersteld",
        "object_id" => "Object van de gekoppelde controle",
        "gemeente_code" => "Gemeente van de gekoppelde controle",
    ],
};

pub const MAATREGELEN: Dataset = Dataset {
    naam: "handhavingsmaatregelen",
    bestand: "handhavingsmaatregelen.parquet",
    omschrijving: "Geharmoniseerde handhavingsmaatregelen (beperkte release).",
    sleutel: &["partij", "maatregel_id"],
    kolommen: kolommen![
        "partij" => "Aanleverende partij",
        "jaar" => "Jaar van de levering",
        "maatregel_id" => "Id van de maatregel bij de partij",
        "overtreding_id" => "Overtreding waarop de maatregel volgt",
        "handhavingsinstrument" => "Landelijk handhavingsinstrument (codelijst handhavingsinstrument)",
        "categorie" => "Categorie van het instrument (informeel, bestuursrechtelijk_herstellend, bestuursrechtelijk_bestraffend, bestuursrechtelijk_ingrijpend, strafrechtelijk)",
        "zwaarte" => "Zwaarte van het instrument (1 licht – 5 zwaar)",
        "datum_opleggen" => "Datum waarop de maatregel is opgelegd",
        "datum_afronding" => "Datum van afronding; leeg als de maatregel nog loopt",
        "status" => "Status van de maatregel (codelijst status_maatregel)",
        "bedrag_eur" => "Bedrag van dwangsom of boete in euro",
    ],
};

pub const QUARANTAINE: Dataset = Dataset {
    naam: "quarantaine",
    bestand: "quarantaine.parquet",
    omschrijving:
        "Elke apart gezette regel met de reden, het bestand, de regel en de ruwe waarden.",
    sleutel: &["bestand", "regel"],
    kolommen: kolommen![
        "partij" => "Aanleverende partij",
        "jaar" => "Jaar van de levering",
        "tabel" => "Tabel van het aanleverformaat",
        "bestand" => "Aangeleverd bestand",
        "regel" => "Regelnummer in het bestand (kopregel = 1)",
        "reden" => "Code van de regel uit het datacontract",
        "kolom" => "Kolom waarop de regel faalde",
        "waarde" => "Aangeleverde waarde",
        "melding" => "Toelichting: wat werd verwacht en wat te doen",
        "ruwe_rij" => "De volledige aangeleverde regel als JSON-object (kolom → waarde)",
    ],
};

pub const INDICATOREN: Dataset = Dataset {
    naam: "indicatoren",
    bestand: "indicatoren.parquet",
    omschrijving: "Indicatoren van de Staat van VTH in lange vorm, per jaar, niveau en eenheid (open release: met onthullingscontrole).",
    sleutel: &["indicator_id", "jaar", "niveau", "eenheid", "dimensie", "dimensie_waarde"],
    kolommen: kolommen![
        "indicator_id" => "Id uit de indicatorcatalogus (T1 … D7)",
        "indicator" => "Naam van de indicator",
        "jaar" => "Verslagjaar",
        "niveau" => "nationaal, provincie, omgevingsdienst_regio of partij",
        "eenheid" => "NL, PV-code, omgevingsdienstcode of partijcode",
        "dimensie" => "Uitsplitsing (ernst, handhavingsinstrument, categorie); leeg voor het totaal",
        "dimensie_waarde" => "Landelijke code binnen de uitsplitsing",
        "waarde" => "De waarde; leeg bij onderdrukking of zonder waarnemingen",
        "teller" => "Teller van een aandeel",
        "noemer" => "Noemer van een aandeel; bij een mediaan het aantal waarnemingen",
        "status" => "definitief, voorlopig, geen_waarnemingen of onderdrukt",
    ],
};

pub const DATAKWALITEIT: Dataset = Dataset {
    naam: "datakwaliteit",
    bestand: "datakwaliteit.parquet",
    omschrijving: "Datakwaliteit D1–D7 per partij, jaar en controle: wat is aangeleverd, hoe volledig, wat niet te mappen was, wezen, dubbele id's, quarantaine en de aansluiting van de rijen.",
    sleutel: &["indicator_id", "jaar", "partij", "tabel", "bestand", "kolom", "dimensie", "dimensie_waarde"],
    kolommen: kolommen![
        "indicator_id" => "D1 … D7 uit de indicatorcatalogus",
        "indicator" => "Naam van de controle (aangeleverd, volledigheid_pct, niet_gemapt, wezen, duplicaten, quarantaine, rijen)",
        "jaar" => "Jaar van de levering",
        "partij" => "Partijcode",
        "partijsoort" => "omgevingsdienst, gemeente, provincie, waterschap of rijk",
        "verwacht" => "D1: de partij staat op de lijst van verwachte partijen",
        "tabel" => "Tabel van het aanleverformaat",
        "bestand" => "Aangeleverd bestand (D2, D7)",
        "kolom" => "Kolom van het aanleverformaat (D2, D3)",
        "dimensie" => "Uitsplitsing: status (D1), verplicht (D2), waarde (D3), reden (D6), telling (D7); leeg voor het totaal",
        "dimensie_waarde" => "Waarde binnen de uitsplitsing; bij D3 de aangeleverde, niet te mappen waarde",
        "waarde" => "D1: 1 aangeleverd, 0 geweigerd of ontbreekt; D2: percentage gevuld; D3–D7: aantal rijen",
        "teller" => "D2: rijen met een waarde",
        "noemer" => "D2: rijen in het bestand; D3–D6: rijen gelezen in de tabel",
        "toelichting" => "Reden van weigering of ontbreken (D1); de aansluiting (D7)",
    ],
};

pub const ROBUUSTHEID: Dataset = Dataset {
    naam: "robuustheid",
    bestand: "robuustheid.parquet",
    omschrijving: "Robuustheidscriteria R1–R6 en R en stelselvoorwaarden S1–S3 per omgevingsdienst en jaar, met waarde, drempel en of eraan is voldaan; een criterium met meer voorwaarden heeft ook een rij per onderdeel.",
    sleutel: &["omgevingsdienst", "jaar", "criterium_id", "onderdeel"],
    kolommen: kolommen![
        "omgevingsdienst" => "Omgevingsdienstcode (referentielijst)",
        "jaar" => "Verslagjaar",
        "criterium_id" => "R1 … R6, R, S1 … S3",
        "criterium" => "Naam van het criterium",
        "onderdeel" => "Voorwaarde binnen het criterium (bijv. aandeel_eigen_dienst); leeg voor het criterium zelf",
        "waarde" => "De waarde uit organisatie.csv (ja = 1, nee = 0); leeg als die ontbreekt",
        "drempel" => "De drempel uit de configuratie",
        "vergelijking" => "Hoe waarde en drempel worden vergeleken: >=, >, <= of ja",
        "eenheid" => "uren, aandeel, euro, ratio, procent of dagen",
        "voldoet" => "ja, nee of onbekend (onbekend als een invoer ontbreekt, nooit nee)",
        "drempel_bron" => "Herkomst van de drempel",
        "toelichting" => "Wat ontbreekt, of hoe de waarde is gevormd",
    ],
};

fn s(v: impl Iterator<Item = Option<String>>) -> Values {
    Values::Str(v.collect())
}

fn lineage(f: &mut Frame, bronnen: impl Iterator<Item = (String, u64)> + Clone) {
    f.push(LINEAGE[0].naam, s(bronnen.clone().map(|b| Some(b.0))));
    f.push(
        LINEAGE[1].naam,
        Values::I64(bronnen.map(|b| Some(b.1 as i64)).collect()),
    );
}

pub fn controles(rs: &[Controle]) -> Frame {
    let mut f = Frame::default();
    f.push("partij", s(rs.iter().map(|r| Some(r.partij.clone()))));
    f.push(
        "jaar",
        Values::I32(rs.iter().map(|r| Some(r.jaar)).collect()),
    );
    f.push(
        "controle_id",
        s(rs.iter().map(|r| Some(r.controle_id.clone()))),
    );
    f.push("object_id", s(rs.iter().map(|r| Some(r.object_id.clone()))));
    f.push(
        "bevoegd_gezag",
        s(rs.iter().map(|r| Some(r.bevoegd_gezag.clone()))),
    );
    f.push(
        "gemeente_code",
        s(rs.iter().map(|r| Some(r.gemeente_code.clone()))),
    );
    f.push(
        "controledatum",
        Values::Date(rs.iter().map(|r| Some(r.controledatum)).collect()),
    );
    f.push("controletype", s(rs.iter().map(|r| r.controletype.clone())));
    f.push("taak", s(rs.iter().map(|r| r.taak.clone())));
    f.push("brzo", Values::Bool(rs.iter().map(|r| r.brzo).collect()));
    f.push("resultaat", s(rs.iter().map(|r| r.resultaat.clone())));
    lineage(
        &mut f,
        rs.iter().map(|r| (r.bron.bestand.clone(), r.bron.regel)),
    );
    f
}

pub fn overtredingen(rs: &[Overtreding]) -> Frame {
    let mut f = Frame::default();
    f.push("partij", s(rs.iter().map(|r| Some(r.partij.clone()))));
    f.push(
        "jaar",
        Values::I32(rs.iter().map(|r| Some(r.jaar)).collect()),
    );
    f.push(
        "overtreding_id",
        s(rs.iter().map(|r| Some(r.overtreding_id.clone()))),
    );
    f.push(
        "controle_id",
        s(rs.iter().map(|r| Some(r.controle_id.clone()))),
    );
    f.push(
        "overtredingsdatum",
        Values::Date(rs.iter().map(|r| Some(r.overtredingsdatum)).collect()),
    );
    f.push(
        "handhavingsstrategie",
        s(rs.iter().map(|r| r.handhavingsstrategie.clone())),
    );
    f.push("gevolg", s(rs.iter().map(|r| r.gevolg.clone())));
    f.push("gedrag", s(rs.iter().map(|r| r.gedrag.clone())));
    f.push("ernst", s(rs.iter().map(|r| Some(r.ernst.clone()))));
    f.push(
        "ernst_bron",
        s(rs.iter().map(|r| Some(r.ernst_bron.code().to_string()))),
    );
    f.push(
        "indicatie_handhaving",
        Values::Bool(rs.iter().map(|r| r.indicatie_handhaving).collect()),
    );
    f.push(
        "reden_geen_handhaving",
        s(rs.iter().map(|r| r.reden_geen_handhaving.clone())),
    );
    f.push(
        "hersteldatum",
        Values::Date(rs.iter().map(|r| r.hersteldatum).collect()),
    );
    f.push("object_id", s(rs.iter().map(|r| Some(r.object_id.clone()))));
    f.push(
        "gemeente_code",
        s(rs.iter().map(|r| Some(r.gemeente_code.clone()))),
    );
    lineage(
        &mut f,
        rs.iter().map(|r| (r.bron.bestand.clone(), r.bron.regel)),
    );
    f
}

pub fn maatregelen(rs: &[Maatregel]) -> Frame {
    let mut f = Frame::default();
    f.push("partij", s(rs.iter().map(|r| Some(r.partij.clone()))));
    f.push(
        "jaar",
        Values::I32(rs.iter().map(|r| Some(r.jaar)).collect()),
    );
    f.push(
        "maatregel_id",
        s(rs.iter().map(|r| Some(r.maatregel_id.clone()))),
    );
    f.push(
        "overtreding_id",
        s(rs.iter().map(|r| Some(r.overtreding_id.clone()))),
    );
    f.push(
        "handhavingsinstrument",
        s(rs.iter().map(|r| r.handhavingsinstrument.clone())),
    );
    f.push("categorie", s(rs.iter().map(|r| r.categorie.clone())));
    f.push(
        "zwaarte",
        Values::I64(rs.iter().map(|r| r.zwaarte).collect()),
    );
    f.push(
        "datum_opleggen",
        Values::Date(rs.iter().map(|r| Some(r.datum_opleggen)).collect()),
    );
    f.push(
        "datum_afronding",
        Values::Date(rs.iter().map(|r| r.datum_afronding).collect()),
    );
    f.push("status", s(rs.iter().map(|r| r.status.clone())));
    f.push(
        "bedrag_eur",
        Values::F64(rs.iter().map(|r| r.bedrag_eur).collect()),
    );
    lineage(
        &mut f,
        rs.iter().map(|r| (r.bron.bestand.clone(), r.bron.regel)),
    );
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
    f.push("status", s(rs.iter().map(|r| Some(r.status.to_string()))));
    f
}

pub fn datakwaliteit(rs: &[KwaliteitRij]) -> Frame {
    let mut f = Frame::default();
    let txt = |v: &Option<String>| v.clone();
    f.push("indicator_id", s(rs.iter().map(|r| Some(r.indicator_id.to_string()))));
    f.push("indicator", s(rs.iter().map(|r| Some(r.indicator.to_string()))));
    f.push("jaar", Values::I32(rs.iter().map(|r| Some(r.jaar)).collect()));
    f.push("partij", s(rs.iter().map(|r| Some(r.partij.clone()))));
    f.push("partijsoort", s(rs.iter().map(|r| Some(r.partijsoort.clone()))));
    f.push("verwacht", Values::Bool(rs.iter().map(|r| r.verwacht).collect()));
    f.push("tabel", s(rs.iter().map(|r| txt(&r.tabel))));
    f.push("bestand", s(rs.iter().map(|r| txt(&r.bestand))));
    f.push("kolom", s(rs.iter().map(|r| txt(&r.kolom))));
    f.push("dimensie", s(rs.iter().map(|r| txt(&r.dimensie))));
    f.push("dimensie_waarde", s(rs.iter().map(|r| txt(&r.dimensie_waarde))));
    f.push("waarde", Values::F64(rs.iter().map(|r| r.waarde).collect()));
    f.push("teller", Values::I64(rs.iter().map(|r| r.teller).collect()));
    f.push("noemer", Values::I64(rs.iter().map(|r| r.noemer).collect()));
    f.push("toelichting", s(rs.iter().map(|r| txt(&r.toelichting))));
    f
}

pub fn robuustheid(rs: &[RobuustheidRij]) -> Frame {
    let mut f = Frame::default();
    let st = |v: Option<&str>| v.map(str::to_string);
    f.push("omgevingsdienst", s(rs.iter().map(|r| Some(r.omgevingsdienst.clone()))));
    f.push("jaar", Values::I32(rs.iter().map(|r| Some(r.jaar)).collect()));
    f.push("criterium_id", s(rs.iter().map(|r| st(Some(r.criterium_id)))));
    f.push("criterium", s(rs.iter().map(|r| st(Some(r.criterium)))));
    f.push("onderdeel", s(rs.iter().map(|r| st(r.onderdeel))));
    f.push("waarde", Values::F64(rs.iter().map(|r| r.waarde).collect()));
    f.push("drempel", Values::F64(rs.iter().map(|r| r.drempel).collect()));
    f.push("vergelijking", s(rs.iter().map(|r| st(r.vergelijking))));
    f.push("eenheid", s(rs.iter().map(|r| st(r.eenheid))));
    f.push("voldoet", s(rs.iter().map(|r| st(Some(r.voldoet.code())))));
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
    use crate::indicators::robuustheid::CRITERIA;
    let ids: Vec<&'static str> = CRITERIA.iter().map(|(i, _)| *i).collect();
    let namen: Vec<&'static str> = CRITERIA.iter().map(|(_, n)| *n).collect();
    let onderdelen = [
        "vth_uren_werkprogramma",
        "aandeel_eigen_dienst",
        "voldoet_kc_basistaken",
        "voldoet_kc_plustaken",
        "innovatieagenda",
        "innovatiebudget_eur",
    ];
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
                criterium_id: statisch(id[k].as_deref(), &ids)?,
                criterium: statisch(naam[k].as_deref(), &namen)?,
                onderdeel: match ond[k].as_deref() {
                    None => None,
                    Some(o) => Some(statisch(Some(o), &onderdelen)?),
                },
                waarde: waarde[k],
                drempel: drempel[k],
                vergelijking: statisch(verg[k].as_deref(), &[">=", ">", "<=", "ja"]),
                eenheid: statisch(
                    eenh[k].as_deref(),
                    &["uren", "aandeel", "euro", "ratio", "procent", "dagen"],
                ),
                voldoet: Voldoet::from_code(vold[k].as_deref()?)?,
                drempel_bron: bron[k].clone(),
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
    let status_codes = ["definitief", "voorlopig", "geen_waarnemingen", "onderdrukt"];
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
                status: status_codes
                    .iter()
                    .find(|c| Some(**c) == status[k].as_deref())
                    .copied()?,
            })
        })
        .collect()
}
