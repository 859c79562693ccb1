//! The data contract's rules, each with a code, a default severity and a Dutch text
//! for the feedback to parties. Severities can be overridden in `queries/config.toml`.

use serde::{Deserialize, Serialize};

/// What happens to a row (or delivery) that breaks a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Zwaarte {
    /// Row kept, finding counted and reported.
    #[serde(alias = "warn")]
    Waarschuwing,
    /// Row set aside in quarantaine.parquet with the reason.
    #[serde(alias = "quarantine")]
    Quarantaine,
    /// The whole delivery (party × year) is refused; the batch goes on without it.
    #[serde(alias = "fail")]
    Weigeren,
}

impl Zwaarte {
    pub fn code(self) -> &'static str {
        match self {
            Zwaarte::Waarschuwing => "waarschuwing",
            Zwaarte::Quarantaine => "quarantaine",
            Zwaarte::Weigeren => "weigeren",
        }
    }
}

macro_rules! regels {
    ($( $variant:ident => $code:literal, $zwaarte:ident, $tekst:literal; )*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Regel { $( $variant, )* }

        impl Regel {
            pub const ALL: &'static [Regel] = &[ $( Regel::$variant, )* ];

            pub fn code(self) -> &'static str {
                match self { $( Regel::$variant => $code, )* }
            }

            pub fn standaard_zwaarte(self) -> Zwaarte {
                match self { $( Regel::$variant => Zwaarte::$zwaarte, )* }
            }

            /// Dutch description for the feedback report.
            pub fn omschrijving(self) -> &'static str {
                match self { $( Regel::$variant => $tekst, )* }
            }

            /// The lowest severity a rule can have: a file that cannot be read refuses
            /// its delivery, and a row without its required values, with a duplicate
            /// id or a broken reference cannot be kept without double counting or
            /// losing its place, so configuration may not lower these.
            pub fn minimum_zwaarte(self) -> Zwaarte {
                match self {
                    Regel::Tekenset
                    | Regel::KolomOntbreekt
                    | Regel::BestandOnleesbaar
                    | Regel::PartijOnbekend
                    | Regel::LeveringGeweigerd => Zwaarte::Weigeren,
                    Regel::AantalVelden
                    | Regel::WaardeTeLang
                    | Regel::VerplichtLeeg
                    | Regel::DubbelId
                    | Regel::OordeelVoorDeadline
                    | Regel::Wees => {
                        Zwaarte::Quarantaine
                    }
                    _ => Zwaarte::Waarschuwing,
                }
            }

            pub fn from_code(code: &str) -> Option<Regel> {
                Regel::ALL.iter().copied().find(|r| r.code() == code)
            }
        }
    };
}

regels! {
    // Safe automatic handling of dialects (exchange-format.md): always warnings.
    Utf8Bom => "utf8_bom", Waarschuwing, "Bestand begint met een UTF-8 BOM; verwijderd.";
    Windows1252 => "windows_1252", Waarschuwing, "Bestand is Windows-1252 in plaats van UTF-8; omgezet.";
    Utf16 => "utf16", Waarschuwing, "Bestand is UTF-16 (Excel: Unicode-tekst) in plaats van UTF-8; omgezet.";
    ProfielNietGevolgd => "profiel_niet_gevolgd", Waarschuwing, "Het profiel van de partij beschrijft andere bestanden; het bestand in het landelijke aanleverformaat is gelezen.";
    Scheidingsteken => "scheidingsteken", Waarschuwing, "Ander scheidingsteken dan de komma herkend.";
    ExcelSep => "excel_sep", Waarschuwing, "Eerste regel sep=… (van Excel) gelezen als het scheidingsteken; de kopregel staat op regel 2.";
    DatumNl => "datum_nl", Waarschuwing, "Datum als dd-mm-jjjj geschreven; omgezet naar ISO.";
    DecimaleKomma => "decimale_komma", Waarschuwing, "Decimale komma gebruikt; omgezet naar punt.";
    JaNeeVariant => "ja_nee_variant", Waarschuwing, "Ja/nee-waarde in afwijkende vorm (J/N, Ja/Nee, 1/0); omgezet.";
    CodeSchrijfwijze => "code_schrijfwijze", Waarschuwing, "Code met afwijkende hoofdletters of spaties; genormaliseerd.";
    OnbekendeKolom => "onbekende_kolom", Waarschuwing, "Kolom die het aanleverformaat niet kent; apart gehouden.";
    // Delivery-level problems.
    Tekenset => "tekenset", Weigeren, "Bestand is geen UTF-8, UTF-16 met BOM of Windows-1252 (een regel met losse ongeldige bytes in een UTF-8-bestand gaat in quarantaine).";
    KolomOntbreekt => "kolom_ontbreekt", Weigeren, "Verplichte kolom ontbreekt in het bestand.";
    BestandOnleesbaar => "bestand_onleesbaar", Weigeren, "Bestand kan niet als tabel worden gelezen.";
    PartijOnbekend => "partij_onbekend", Weigeren, "De map van de levering noemt geen bekende partij.";
    LeveringGeweigerd => "levering_geweigerd", Weigeren, "De levering is geweigerd om een fout elders in de levering; zie de oorzaak.";
    // Row-level contract.
    AantalVelden => "aantal_velden", Quarantaine, "Regel heeft een ander aantal velden dan de kopregel.";
    WaardeTeLang => "waarde_te_lang", Quarantaine, "Een waarde is langer dan de grens (standaard 4.000 tekens).";
    VerplichtLeeg => "verplicht_leeg", Quarantaine, "Verplicht veld is leeg.";
    CodeOnbekend => "code_onbekend", Quarantaine, "Waarde komt niet voor in de landelijke codelijst of een mappingtabel.";
    DatumOngeldig => "datum_ongeldig", Quarantaine, "Geen geldige datum (verwacht jjjj-mm-dd).";
    JaNeeOngeldig => "ja_nee_ongeldig", Quarantaine, "Geen geldige ja/nee-waarde (verwacht true/false of ja/nee).";
    GetalOngeldig => "getal_ongeldig", Quarantaine, "Geen geldig getal.";
    GemeenteOnbekend => "gemeente_onbekend", Quarantaine, "Gemeentecode komt niet voor in de referentielijst van gemeenten.";
    BevoegdGezagOnbekend => "bevoegd_gezag_onbekend", Quarantaine, "Bevoegd gezag is geen bekende GM-, PV-, WS-code of rijksdienst.";
    ControledatumBuitenJaar => "controledatum_buiten_jaar", Quarantaine, "Controledatum valt niet in het jaar van de levering.";
    DatumNaPeildatum => "datum_na_peildatum", Quarantaine, "Datum ligt na de peildatum van de levering.";
    JaarOrganisatie => "jaar_organisatie", Quarantaine, "Jaar in organisatie.csv wijkt af van het jaar van de levering.";
    DubbelId => "dubbel_id", Quarantaine, "Id komt meer dan eens voor binnen de partij.";
    Wees => "wees", Quarantaine, "Verwijst naar een controle of overtreding die niet (geaccepteerd) is aangeleverd.";
    DatumVolgorde => "datum_volgorde", Quarantaine, "Een datum ligt voor de datum waarop hij volgt (afdoening voor instroom, uitspraak voor afdoening).";
    UitspraakZonderDagvaarding => "uitspraak_zonder_dagvaarding", Quarantaine, "Een uitspraak hoort alleen bij een zaak met afdoening dagvaarding.";
    InstroomNaJaar => "instroom_na_jaar", Quarantaine, "Datum van instroom ligt na het jaar van de levering.";
    StrafzaakBijgewerkt => "strafzaak_bijgewerkt", Waarschuwing, "Strafzaak in een later jaar opnieuw aangeleverd; de laatste versie telt.";
    VersieVervangen => "versie_vervangen", Waarschuwing, "Oordeel, status of implementatiestap met dezelfde sleutel in de levering van een later jaar opnieuw aangeleverd; die versie telt.";
    OordeelVoorDeadline => "oordeel_voor_deadline", Quarantaine, "Oordeel niet_robuust met een peildatum_oordeel voor de deadline.";
    ModelmandaatStrijdig => "modelmandaat_strijdig", Waarschuwing, "modelmandaat_vastgesteld in organisatie.csv en de status van het modelmandaat in implementatie.csv spreken elkaar tegen.";
    ErnstTegenstrijdig => "ernst_tegenstrijdig", Waarschuwing, "Geleverde ernst wijkt af van de ernst volgens gevolg × gedrag; geleverde ernst gebruikt.";
    RedenGeenHandhaving => "reden_geen_handhaving_ontbreekt", Waarschuwing, "Bewust niet handhaven zonder reden.";
    // The two legal combination rules (LHSO), per overtreding.
    LhsoDwangsomBestuursdwang => "lhso_dwangsom_en_bestuursdwang", Waarschuwing, "Last onder dwangsom en last onder bestuursdwang lopen tegelijk voor één overtreding.";
    LhsoBoeteStrafrecht => "lhso_boete_en_strafrecht", Waarschuwing, "Bestuurlijke boete samen met een strafrechtelijke sanctie voor één overtreding.";
}
