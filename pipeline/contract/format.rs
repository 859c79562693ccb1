//! The exchange format (aanleverformaat) as data: per table its columns, their
//! type, whether they are required, the code list or reference list a value must
//! come from, the contract's rules on the column beyond its type, and the keys
//! between the tables of one delivery folder.
//!
//! One description serves three readers: ingest (the columns a file must have),
//! `vth schema` (the Frictionless descriptor and the aanleverformaat page the
//! parties check against) and a unit test that runs every table through the
//! contract's column predicates and compares what they read with what is written
//! here, so the description and the checks cannot drift apart.

use crate::contract::rules::Regel;
use crate::model::Tabel;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Soort {
    Tekst,
    /// ISO date `jjjj-mm-dd`.
    Datum,
    /// A number with `.` as decimal separator.
    Decimaal,
    Geheel,
    /// `true`/`false` or `ja`/`nee`.
    JaNee,
    /// A code of a national list, `queries/codelijsten/<lijst>.csv` (of either
    /// list for the two axes of the LHSO, which the LHS of 2014 has the other way
    /// round: harmonisation swaps them).
    Code(&'static [&'static str]),
    /// A code of a reference list of `queries/referentie/`.
    Referentie(Referentielijst),
}

/// The reference lists a column can be checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Referentielijst {
    /// `gemeenten.csv` (indeling 2025).
    Gemeente,
    /// A gemeente, provincie, waterschap or rijksdienst.
    BevoegdGezag,
    /// `omgevingsdiensten.csv`.
    Omgevingsdienst,
    /// Any party of the reference lists, or `overig`.
    Partij,
}

/// One column of a table.
#[derive(Debug, Clone, Copy)]
pub struct Veld {
    pub naam: &'static str,
    pub soort: Soort,
    /// Never empty on a row that becomes a record.
    pub verplicht: bool,
    /// What the column means, in Dutch, for the parties (the page and descriptor).
    pub omschrijving: &'static str,
    /// The contract's rules on this column beyond its type and list, in the order
    /// the contract applies them.
    pub regels: &'static [Regel],
    /// A value as a canonical file writes it, for the page's example row.
    pub voorbeeld: &'static str,
}

/// A reference from columns of one table to the key of another table of the
/// same delivery folder.
#[derive(Debug, Clone, Copy)]
pub struct Verwijzing {
    pub kolom: &'static str,
    pub tabel: Tabel,
    pub naar: &'static str,
}

/// One table of the exchange format.
#[derive(Debug)]
pub struct Tabelformaat {
    pub tabel: Tabel,
    /// Who delivers it and what one row is, in Dutch.
    pub omschrijving: &'static str,
    pub velden: &'static [Veld],
    /// Unique within the party (over all its years, for the ids).
    pub sleutel: &'static [&'static str],
    pub verwijzingen: &'static [Verwijzing],
}

const fn v(naam: &'static str, soort: Soort, omschrijving: &'static str) -> Veld {
    Veld {
        naam,
        soort,
        verplicht: false,
        omschrijving,
        regels: &[],
        voorbeeld: "",
    }
}

impl Veld {
    const fn verplicht(mut self) -> Veld {
        self.verplicht = true;
        self
    }
    const fn regels(mut self, r: &'static [Regel]) -> Veld {
        self.regels = r;
        self
    }
    const fn vb(mut self, voorbeeld: &'static str) -> Veld {
        self.voorbeeld = voorbeeld;
        self
    }
}

use Referentielijst as R;
use Soort::*;

const NA_PEILDATUM: &[Regel] = &[Regel::DatumNaPeildatum];

pub const CONTROLES: Tabelformaat = Tabelformaat {
    tabel: Tabel::Controles,
    omschrijving: "Eén regel per controle (inspectie) met een controledatum in het jaar van de levering.",
    velden: &[
        v("controle_id", Tekst, "Id van de controle in het systeem van de partij; uniek binnen de partij over alle jaren.")
            .verplicht()
            .regels(&[Regel::DubbelId])
            .vb("C-{jaar}-000123"),
        v("object_id", Tekst, "Vast id van het gecontroleerde VTH-object (inrichting of locatie) bij de partij.")
            .verplicht()
            .vb("OBJ-004711"),
        v("bevoegd_gezag", Referentie(R::BevoegdGezag), "Bevoegd gezag: GM-, PV- of WS-code, of een rijksdienst (ILT, NVWA, OM, IenW).")
            .verplicht()
            .vb("GM0344"),
        v("gemeente_code", Referentie(R::Gemeente), "CBS-code (GMnnnn) van de gemeente van de locatie, indeling 2025.")
            .verplicht()
            .vb("GM0344"),
        v("controledatum", Datum, "Datum van de controle; in het jaar van de levering en niet na de peildatum.")
            .verplicht()
            .regels(&[Regel::ControledatumBuitenJaar, Regel::DatumNaPeildatum])
            .vb("{jaar}-03-14"),
        v("controletype", Code(&["controletype"]), "Type controle.").vb("handhavingscontrole"),
        v("taak", Code(&["taak"]), "Basistaak, plustaak of eigen taak.").vb("basistaak"),
        v("brzo", JaNee, "Het object valt onder BRZO/Seveso.").vb("false"),
        v("resultaat", Code(&["resultaat_bevinding"]), "Resultaat van de bevinding.").vb("overtreden"),
    ],
    sleutel: &["controle_id"],
    verwijzingen: &[],
};

pub const OVERTREDINGEN: Tabelformaat = Tabelformaat {
    tabel: Tabel::Overtredingen,
    omschrijving: "Eén regel per overtreding, geleverd met het jaar van haar controle.",
    velden: &[
        v("overtreding_id", Tekst, "Id van de overtreding bij de partij; uniek binnen de partij over alle jaren.")
            .verplicht()
            .regels(&[Regel::DubbelId])
            .vb("O-{jaar}-000045"),
        v("controle_id", Tekst, "De controle waarbij de overtreding is vastgesteld: een controle_id van dezelfde partij, uit deze of een eerdere levering.")
            .verplicht()
            .regels(&[Regel::Wees])
            .vb("C-{jaar}-000123"),
        v("overtredingsdatum", Datum, "Datum van de overtreding; niet na de peildatum.")
            .verplicht()
            .regels(NA_PEILDATUM)
            .vb("{jaar}-03-14"),
        v("handhavingsstrategie", Code(&["handhavingsstrategie"]), "Gevolgde handhavingsstrategie.").vb("LHSO"),
        v("gevolg", Code(&["gevolg", "gedrag"]), "Gevolg van de overtreding volgens de LHSO (1–4); mag leeg zijn. Onder de oude LHS (2014) staan de assen omgekeerd (gevolg A–D): die worden omgewisseld.")
            .vb("2"),
        v("gedrag", Code(&["gedrag", "gevolg"]), "Gedrag van de overtreder volgens de LHSO (A–D); mag leeg zijn. Onder de oude LHS (2014) 1–4; gevolg en gedrag komen dan samen uit de andere lijst.")
            .vb("B"),
        v("ernst", Code(&["ernst"]), "Ernst van de overtreding; mag leeg zijn als gevolg en gedrag zijn gegeven. Wijkt de geleverde ernst af van gevolg × gedrag, dan telt de geleverde ernst (waarschuwing).")
            .regels(&[Regel::ErnstTegenstrijdig])
            .vb("middelzwaar"),
        v("indicatie_handhaving", JaNee, "Er wordt gehandhaafd; false is een bewuste keuze om niet te handhaven.")
            .vb("true"),
        v("reden_geen_handhaving", Tekst, "Reden om niet te handhaven; verwacht bij indicatie_handhaving = false.")
            .regels(&[Regel::RedenGeenHandhaving]),
        v("hersteldatum", Datum, "Datum waarop de overtreding is hersteld; mag leeg zijn, niet na de peildatum.")
            .regels(NA_PEILDATUM)
            .vb("{jaar}-05-02"),
    ],
    sleutel: &["overtreding_id"],
    verwijzingen: &[Verwijzing {
        kolom: "controle_id",
        tabel: Tabel::Controles,
        naar: "controle_id",
    }],
};

pub const HANDHAVINGSMAATREGELEN: Tabelformaat = Tabelformaat {
    tabel: Tabel::Handhavingsmaatregelen,
    omschrijving: "Eén regel per handhavingsmaatregel, geleverd met het jaar van de controle van haar overtreding.",
    velden: &[
        v("maatregel_id", Tekst, "Id van de maatregel bij de partij; uniek binnen de partij over alle jaren.")
            .verplicht()
            .regels(&[Regel::DubbelId])
            .vb("M-{jaar}-000007"),
        v("overtreding_id", Tekst, "De overtreding waarvoor de maatregel is opgelegd: een overtreding_id van dezelfde partij, uit deze of een eerdere levering.")
            .verplicht()
            .regels(&[Regel::Wees, Regel::LhsoDwangsomBestuursdwang, Regel::LhsoBoeteStrafrecht])
            .vb("O-{jaar}-000045"),
        v("handhavingsinstrument", Code(&["handhavingsinstrument"]), "Handhavingsinstrument; de codelijst geeft er de categorie en zwaarte bij.")
            .vb("last_onder_dwangsom"),
        v("datum_opleggen", Datum, "Datum waarop de maatregel is opgelegd; niet na de peildatum.")
            .verplicht()
            .regels(NA_PEILDATUM)
            .vb("{jaar}-04-01"),
        v("datum_afronding", Datum, "Datum waarop de maatregel is afgerond; leeg zolang hij loopt, niet na de peildatum.")
            .regels(NA_PEILDATUM),
        v("status", Code(&["status_maatregel"]), "Status van de maatregel.").vb("in_uitvoering"),
        v("bedrag_eur", Decimaal, "Bedrag van de dwangsom of boete in euro; mag leeg zijn.").vb("2500.00"),
    ],
    sleutel: &["maatregel_id"],
    verwijzingen: &[Verwijzing {
        kolom: "overtreding_id",
        tabel: Tabel::Overtredingen,
        naar: "overtreding_id",
    }],
};

pub const ORGANISATIE: Tabelformaat = Tabelformaat {
    tabel: Tabel::Organisatie,
    omschrijving: "Alleen omgevingsdiensten: één regel per jaar met de gegevens voor de robuustheidscriteria (juni 2023) en de randvoorwaarden. Een lege waarde maakt het criterium onbekend, nooit onwaar.",
    velden: &[
        v("jaar", Geheel, "Het jaar van de levering.")
            .verplicht()
            .regels(&[Regel::JaarOrganisatie])
            .vb("{jaar}"),
        v("vth_uren_werkprogramma", Geheel, "Criterium 1: VTH-uren in het regionale werkprogramma, ketentoezicht inbegrepen.").vb("182000"),
        v("fte_totaal", Decimaal, "Criterium 1: fte van de dienst in totaal.").vb("210.5"),
        v("fte_eigen_dienst", Decimaal, "Criterium 1: fte in eigen dienst.").vb("168.0"),
        v("voldoet_kc_basistaken", JaNee, "Criterium 2: voldoet aan de kwaliteitscriteria VTH voor de basistaken.").vb("true"),
        v("voldoet_kc_plustaken", JaNee, "Criterium 2: voldoet aan de kwaliteitscriteria VTH voor de plustaken.").vb("false"),
        v("innovatieagenda", JaNee, "Criterium 3: er is een meerjarige innovatieagenda.").vb("true"),
        v("innovatiebudget_eur", Decimaal, "Criterium 3: vrij besteedbaar innovatiebudget in euro.").vb("350000"),
        v("begroting_eur", Decimaal, "Criterium 3: begroting in euro.").vb("24500000"),
        v("weerstandsvermogen_eur", Decimaal, "Criterium 4: weerstandsvermogen in euro.").vb("1200000"),
        v("benodigd_weerstandsvermogen_eur", Decimaal, "Criterium 4: benodigd weerstandsvermogen in euro.").vb("1000000"),
        v("informatiegestuurd", JaNee, "Criterium 5: de dienst verbindt werk, mensen en geld en werkt informatiegestuurd.").vb("true"),
        v("werkgebied_coherent", JaNee, "Criterium 6: samenhangend takenpakket en logisch werkgebied.").vb("true"),
        v("gemeenten_basistaken_volledig", Geheel, "Gemeenten die het volledige basistakenpakket hebben ingebracht.").vb("21"),
        v("modelmandaat_vastgesteld", JaNee, "Het modelmandaat is vastgesteld.")
            .regels(&[Regel::ModelmandaatStrijdig])
            .vb("true"),
        v("laatste_visitatie", Datum, "Datum van de laatste visitatie (elke vier jaar).").vb("2023-11-20"),
    ],
    sleutel: &[],
    verwijzingen: &[],
};

pub const STRAFZAKEN: Tabelformaat = Tabelformaat {
    tabel: Tabel::Strafzaken,
    omschrijving: "Alleen het OM: één regel per strafzaak over een milieufeit; een zaak van een eerder jaar wordt opnieuw geleverd als zij verandert.",
    velden: &[
        v("parketnummer", Tekst, "Parketnummer; uniek binnen het OM over alle jaren (een latere versie vervangt een eerdere).")
            .verplicht()
            .regels(&[Regel::DubbelId, Regel::StrafzaakBijgewerkt])
            .vb("13/654321-{jaar}"),
        v("partij_verbalisant", Referentie(R::Partij), "De partij wier proces-verbaal de zaak begon: een partijcode uit de referentielijsten, of overig (politie, andere dienst).")
            .verplicht()
            .regels(&[Regel::CodeOnbekend])
            .vb("odh"),
        v("maatregel_id", Tekst, "Het maatregel_id van het proces-verbaal bij die partij (instrument proces_verbaal); mag leeg zijn.")
            .vb("M-{jaar}-000031"),
        v("datum_instroom", Datum, "Datum waarop het OM de zaak registreerde; uiterlijk in het jaar van de levering en niet na de peildatum.")
            .verplicht()
            .regels(&[Regel::InstroomNaJaar, Regel::DatumNaPeildatum])
            .vb("{jaar}-06-10"),
        v("afdoening", Code(&["afdoening_om"]), "Afdoening door het OM; leeg zolang het OM niet heeft beslist.").vb("dagvaarding"),
        v("datum_afdoening", Datum, "Datum van de afdoening; verplicht als afdoening is gegeven, niet voor datum_instroom en niet na de peildatum.")
            .regels(&[Regel::DatumNaPeildatum, Regel::DatumVolgorde])
            .vb("{jaar}-09-01"),
        v("uitspraak", Code(&["uitspraak"]), "Uitspraak van de rechter; alleen na afdoening dagvaarding, leeg zolang de rechter niet heeft beslist.")
            .regels(&[Regel::UitspraakZonderDagvaarding])
            .vb("veroordeling"),
        v("datum_uitspraak", Datum, "Datum van de uitspraak; verplicht als uitspraak is gegeven, niet voor datum_afdoening en niet na de peildatum.")
            .regels(&[Regel::DatumNaPeildatum, Regel::DatumVolgorde])
            .vb("{volgend}-01-15"),
        v("bedrag_eur", Decimaal, "Geldboete of transactiebedrag in euro; mag leeg zijn.").vb("4500"),
    ],
    sleutel: &["parketnummer"],
    verwijzingen: &[],
};

pub const IMPLEMENTATIE: Tabelformaat = Tabelformaat {
    tabel: Tabel::Implementatie,
    omschrijving: "Alleen omgevingsdiensten: één regel per stap in de implementatie van een product van het interbestuurlijk programma (IBP); elk jaar alles wat op de peildatum bekend is.",
    velden: &[
        v("product", Code(&["ibp_product"]), "Product van het IBP.")
            .verplicht()
            .vb("modelmandaat"),
        v("status", Code(&["status_implementatie"]), "Status die op datum is bereikt.")
            .verplicht()
            .vb("besloten"),
        v("datum", Datum, "Dag waarop de status is bereikt; niet na de peildatum.")
            .verplicht()
            .regels(NA_PEILDATUM)
            .vb("{jaar}-03-12"),
        v("gemeenten_besloten", Geheel, "Bij besloten of geimplementeerd: hoeveel gemeenten van de regio hebben besloten; mag leeg zijn.").vb("18"),
        v("bron", Tekst, "Het besluit of document.").verplicht().vb("AB-besluit {jaar}-03-12"),
        v("toelichting", Tekst, "Toelichting; mag leeg zijn."),
    ],
    sleutel: &["product", "datum"],
    verwijzingen: &[],
};

pub const ROBUUSTHEID_OORDELEN: Tabelformaat = Tabelformaat {
    tabel: Tabel::RobuustheidOordelen,
    omschrijving: "Alleen IenW: één regel per oordeel over de robuustheid van een omgevingsdienst; elk jaar alles wat op de peildatum bekend is.",
    velden: &[
        v("omgevingsdienst_code", Referentie(R::Omgevingsdienst), "Code van de omgevingsdienst.")
            .verplicht()
            .regels(&[Regel::CodeOnbekend])
            .vb("odbn"),
        v("peildatum_oordeel", Datum, "De datum die het oordeel beschrijft; niet na de peildatum.")
            .verplicht()
            .regels(NA_PEILDATUM)
            .vb("{jaar}-04-01"),
        v("soort", Code(&["soort_oordeel"]), "Stap in het traject van het oordeel.")
            .verplicht()
            .vb("beoordeling_ienw"),
        v("oordeel", Code(&["oordeel_robuustheid"]), "Het oordeel; niet_robuust pas na de deadline.")
            .verplicht()
            .regels(&[Regel::OordeelVoorDeadline])
            .vb("robuust"),
        v("bron", Tekst, "Bron van het oordeel.")
            .verplicht()
            .vb("Kamerbrief Voortgang versterking VTH-stelsel april 2025"),
        v("toelichting", Tekst, "Toelichting; mag leeg zijn."),
    ],
    sleutel: &["omgevingsdienst_code", "peildatum_oordeel", "soort"],
    verwijzingen: &[],
};

pub const AANBEVELINGEN: Tabelformaat = Tabelformaat {
    tabel: Tabel::Aanbevelingen,
    omschrijving: "Alleen IenW: de status van de aanbevelingen van de commissie Van Aartsen; elk jaar alles wat op de peildatum bekend is.",
    velden: &[
        v("nummer", Code(&["aanbeveling_van_aartsen"]), "Nummer van de aanbeveling (1–10).")
            .verplicht()
            .vb("3"),
        v("peildatum_status", Datum, "De datum die de status beschrijft; niet na de peildatum.")
            .verplicht()
            .regels(NA_PEILDATUM)
            .vb("{jaar}-04-01"),
        v("status", Code(&["status_aanbeveling"]), "Status van de aanbeveling.")
            .verplicht()
            .vb("in_uitvoering"),
        v("verantwoordelijk", Tekst, "De partijen die de aanbeveling dragen.")
            .verplicht()
            .vb("IPO, VNG, Omgevingsdienst NL"),
        v("toelichting", Tekst, "Wat is gedaan en wat resteert.")
            .verplicht()
            .vb("Wetsvoorstel in voorbereiding"),
        v("bron", Tekst, "Bron van de status.")
            .verplicht()
            .vb("Kamerbrief april 2025"),
    ],
    sleutel: &["nummer", "peildatum_status"],
    verwijzingen: &[],
};

/// The format of every table, in the order of `Tabel::ALL`.
pub const TABELLEN: [&Tabelformaat; 8] = [
    &CONTROLES,
    &OVERTREDINGEN,
    &HANDHAVINGSMAATREGELEN,
    &ORGANISATIE,
    &STRAFZAKEN,
    &IMPLEMENTATIE,
    &ROBUUSTHEID_OORDELEN,
    &AANBEVELINGEN,
];

pub fn formaat(tabel: Tabel) -> &'static Tabelformaat {
    match tabel {
        Tabel::Controles => &CONTROLES,
        Tabel::Overtredingen => &OVERTREDINGEN,
        Tabel::Handhavingsmaatregelen => &HANDHAVINGSMAATREGELEN,
        Tabel::Organisatie => &ORGANISATIE,
        Tabel::Strafzaken => &STRAFZAKEN,
        Tabel::Implementatie => &IMPLEMENTATIE,
        Tabel::RobuustheidOordelen => &ROBUUSTHEID_OORDELEN,
        Tabel::Aanbevelingen => &AANBEVELINGEN,
    }
}

/// The columns of a table and whether each is required, in the format's order.
pub fn kolommen(tabel: Tabel) -> impl Iterator<Item = (&'static str, bool)> {
    formaat(tabel).velden.iter().map(|v| (v.naam, v.verplicht))
}

impl Veld {
    /// Every rule the contract applies to this column, in the contract's order:
    /// what its type and list imply, then the column's own rules.
    pub fn alle_regels(&self) -> Vec<Regel> {
        let mut r = Vec::new();
        if self.verplicht {
            r.push(Regel::VerplichtLeeg);
        }
        match self.soort {
            Soort::Tekst => {}
            Soort::Datum => r.extend([Regel::DatumNl, Regel::DatumOngeldig]),
            Soort::Decimaal | Soort::Geheel => {
                r.extend([Regel::DecimaleKomma, Regel::GetalOngeldig])
            }
            Soort::JaNee => r.extend([Regel::JaNeeVariant, Regel::JaNeeOngeldig]),
            Soort::Code(_) => r.extend([Regel::CodeSchrijfwijze, Regel::CodeOnbekend]),
            Soort::Referentie(Referentielijst::Gemeente) => r.push(Regel::GemeenteOnbekend),
            Soort::Referentie(Referentielijst::BevoegdGezag) => r.push(Regel::BevoegdGezagOnbekend),
            Soort::Referentie(_) => {}
        }
        for regel in self.regels {
            if !r.contains(regel) {
                r.push(*regel);
            }
        }
        r
    }

    /// The example value for a delivery over `jaar`: `{jaar}` and `{volgend}` are
    /// that year and the next.
    pub fn voorbeeld_voor(&self, jaar: i32) -> String {
        self.voorbeeld
            .replace("{jaar}", &jaar.to_string())
            .replace("{volgend}", &(jaar + 1).to_string())
    }
}

/// The rules that concern a file or a row as a whole rather than one column.
pub fn bestandsregels() -> Vec<Regel> {
    let per_kolom: Vec<Regel> = TABELLEN
        .iter()
        .flat_map(|t| t.velden.iter().flat_map(Veld::alle_regels))
        .collect();
    Regel::ALL
        .iter()
        .copied()
        .filter(|r| !per_kolom.contains(r))
        .collect()
}
