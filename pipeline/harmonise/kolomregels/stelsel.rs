//! The contract's column predicates over the stelsel tables (`spec/stelsel.md`):
//! organisatie, implementatie, robuustheid_oordelen and aanbevelingen. A few
//! hundred rows a batch; one record per row.

use super::{Kolombestand, Kolomuitkomst};
use crate::contract::rules::Regel;
use crate::harmonise::{Bestandsrecords, Harmoniser, Record};
use crate::model::{Aanbeveling, Bestandsnaam, Code, Implementatie, Oordeel, Organisatie};

/// The text of a required value, present on every row that became a record.
fn tekst<T: std::ops::Deref<Target = str>>(w: &Option<T>) -> String {
    w.as_deref().unwrap_or_default().to_string()
}

impl Harmoniser<'_> {
    pub(super) fn organisaties(&self, mut b: Kolombestand, naam: &Bestandsnaam) -> Kolomuitkomst {
        let leverjaar = b.levering.jaar;
        let jaar = b.geheel("jaar", true);
        let m = Code::from(format!("verwacht {leverjaar} (het jaar van de levering)"));
        b.waar("jaar", Regel::JaarOrganisatie, &jaar, |_, j| {
            j.filter(|j| *j != i64::from(leverjaar))
                .map(|j| (j.to_string(), m.clone()))
        });
        // A row without a readable jaar becomes no record, and its other values
        // are not read.
        for (k, j) in jaar.iter().enumerate() {
            if j.is_none() {
                b.actief[k] = false;
            }
        }
        let vth_uren_werkprogramma = b.geheel("vth_uren_werkprogramma", false);
        let fte_totaal = b.decimaal("fte_totaal");
        let fte_eigen_dienst = b.decimaal("fte_eigen_dienst");
        let voldoet_kc_basistaken = b.booleaan("voldoet_kc_basistaken");
        let voldoet_kc_plustaken = b.booleaan("voldoet_kc_plustaken");
        let innovatieagenda = b.booleaan("innovatieagenda");
        let innovatiebudget_eur = b.decimaal("innovatiebudget_eur");
        let begroting_eur = b.decimaal("begroting_eur");
        let weerstandsvermogen_eur = b.decimaal("weerstandsvermogen_eur");
        let benodigd_weerstandsvermogen_eur = b.decimaal("benodigd_weerstandsvermogen_eur");
        let informatiegestuurd = b.booleaan("informatiegestuurd");
        let werkgebied_coherent = b.booleaan("werkgebied_coherent");
        let gemeenten_basistaken_volledig = b.geheel("gemeenten_basistaken_volledig", false);
        let modelmandaat_vastgesteld = b.booleaan("modelmandaat_vastgesteld");
        let laatste_visitatie = b.datum("laatste_visitatie", &|_| false);
        let rijen = b.gemaakt(&[&|k| jaar[k].is_some()]);
        let records = rijen
            .iter()
            .zip(b.bronnen(naam, &rijen))
            .map(|(&k, bron)| {
                Some(Record::Organisatie(Box::new(Organisatie {
                    partij: b.levering.partij.clone(),
                    jaar: leverjaar,
                    vth_uren_werkprogramma: vth_uren_werkprogramma[k],
                    fte_totaal: fte_totaal[k],
                    fte_eigen_dienst: fte_eigen_dienst[k],
                    voldoet_kc_basistaken: voldoet_kc_basistaken[k],
                    voldoet_kc_plustaken: voldoet_kc_plustaken[k],
                    innovatieagenda: innovatieagenda[k],
                    innovatiebudget_eur: innovatiebudget_eur[k],
                    begroting_eur: begroting_eur[k],
                    weerstandsvermogen_eur: weerstandsvermogen_eur[k],
                    benodigd_weerstandsvermogen_eur: benodigd_weerstandsvermogen_eur[k],
                    informatiegestuurd: informatiegestuurd[k],
                    werkgebied_coherent: werkgebied_coherent[k],
                    gemeenten_basistaken_volledig: gemeenten_basistaken_volledig[k],
                    modelmandaat_vastgesteld: modelmandaat_vastgesteld[k],
                    laatste_visitatie: laatste_visitatie[k],
                    bron,
                })))
            })
            .collect();
        b.uitkomst(Bestandsrecords::Overig(records), &rijen)
    }

    pub(super) fn implementaties(&self, mut b: Kolombestand, naam: &Bestandsnaam) -> Kolomuitkomst {
        let product = b.verplichte_code("product", self.lijst("ibp_product"));
        let status = b.verplichte_code("status", self.lijst("status_implementatie"));
        let datum = b.datum("datum", &|_| true);
        b.niet_na_peildatum("datum", &datum);
        let gemeenten_besloten = b.geheel("gemeenten_besloten", false);
        let m = Code::from("verwacht een aantal gemeenten van 0 of meer");
        b.waar(
            "gemeenten_besloten",
            Regel::GetalOngeldig,
            &gemeenten_besloten,
            |_, n| n.filter(|n| *n < 0).map(|n| (n.to_string(), m.clone())),
        );
        let bron_document = b.verplicht("bron");
        let toelichting = b.ruw("toelichting");
        let rijen = b.gemaakt(&[
            &|k| product[k].is_some(),
            &|k| status[k].is_some(),
            &|k| datum[k].is_some(),
            &|k| bron_document[k].is_some(),
        ]);
        let records = rijen
            .iter()
            .zip(b.bronnen(naam, &rijen))
            .map(|(&k, bron)| {
                let (product, datum) = (tekst(&product[k]), datum[k].unwrap_or_default());
                Some(Record::Implementatie(Box::new(Implementatie {
                    partij: b.levering.partij.clone(),
                    jaar: b.levering.jaar,
                    sleutel: format!("{product}|{datum}"),
                    product,
                    status: tekst(&status[k]),
                    datum,
                    gemeenten_besloten: gemeenten_besloten[k].filter(|n| *n >= 0),
                    bron_document: tekst(&bron_document[k]),
                    toelichting: toelichting[k].map(str::to_string),
                    bron,
                })))
            })
            .collect();
        b.uitkomst(Bestandsrecords::Overig(records), &rijen)
    }

    pub(super) fn oordelen(&self, mut b: Kolombestand, naam: &Bestandsnaam) -> Kolomuitkomst {
        let diensten = &self.referentie.omgevingsdiensten;
        let od = b.verplicht("omgevingsdienst_code");
        let m = Code::from(
            "verwacht de code van een omgevingsdienst uit queries/referentie/omgevingsdiensten.csv (bijvoorbeeld odbn)",
        );
        b.waar("omgevingsdienst_code", Regel::CodeOnbekend, &od, |_, o| {
            o.filter(|o| !diensten.contains_key(*o))
                .map(|o| (o.to_string(), m.clone()))
        });
        let peildatum_oordeel = b.datum("peildatum_oordeel", &|_| true);
        b.niet_na_peildatum("peildatum_oordeel", &peildatum_oordeel);
        let soort = b.verplichte_code("soort", self.lijst("soort_oordeel"));
        let oordeel = b.verplichte_code("oordeel", self.lijst("oordeel_robuustheid"));
        let deadline = self.config.deadline();
        b.waar("oordeel", Regel::OordeelVoorDeadline, oordeel.iter(), |k, o| {
            let d = peildatum_oordeel[k].filter(|d| *d < deadline)?;
            (o.as_deref() == Some("niet_robuust")).then(|| {
                let m = format!("niet_robuust kan pas na de deadline {deadline}; deze peildatum_oordeel is {d}. Gebruik onzeker of niet_aannemelijk");
                ("niet_robuust".to_string(), Code::from(m))
            })
        });
        let bron_document = b.verplicht("bron");
        let toelichting = b.ruw("toelichting");
        let rijen = b.gemaakt(&[
            &|k| od[k].is_some_and(|o| diensten.contains_key(o)),
            &|k| peildatum_oordeel[k].is_some(),
            &|k| soort[k].is_some(),
            &|k| oordeel[k].is_some(),
            &|k| bron_document[k].is_some(),
        ]);
        let records = rijen
            .iter()
            .zip(b.bronnen(naam, &rijen))
            .map(|(&k, bron)| {
                let (od, peildatum_oordeel, soort) = (
                    tekst(&od[k]),
                    peildatum_oordeel[k].unwrap_or_default(),
                    tekst(&soort[k]),
                );
                Some(Record::Oordeel(Box::new(Oordeel {
                    partij: b.levering.partij.clone(),
                    jaar: b.levering.jaar,
                    sleutel: format!("{od}|{peildatum_oordeel}|{soort}"),
                    omgevingsdienst_code: od,
                    peildatum_oordeel,
                    soort,
                    oordeel: tekst(&oordeel[k]),
                    bron_document: tekst(&bron_document[k]),
                    toelichting: toelichting[k].map(str::to_string),
                    bron,
                })))
            })
            .collect();
        b.uitkomst(Bestandsrecords::Overig(records), &rijen)
    }

    pub(super) fn aanbevelingen(&self, mut b: Kolombestand, naam: &Bestandsnaam) -> Kolomuitkomst {
        let nummer = b.verplichte_code("nummer", self.lijst("aanbeveling_van_aartsen"));
        let peildatum_status = b.datum("peildatum_status", &|_| true);
        b.niet_na_peildatum("peildatum_status", &peildatum_status);
        let status = b.verplichte_code("status", self.lijst("status_aanbeveling"));
        let verantwoordelijk = b.verplicht("verantwoordelijk");
        let toelichting = b.verplicht("toelichting");
        let bron_document = b.verplicht("bron");
        let nummer: Vec<Option<i64>> = nummer
            .iter()
            .map(|n| n.as_deref().and_then(|n| n.parse().ok()))
            .collect();
        let rijen = b.gemaakt(&[
            &|k| nummer[k].is_some(),
            &|k| peildatum_status[k].is_some(),
            &|k| status[k].is_some(),
            &|k| verantwoordelijk[k].is_some(),
            &|k| toelichting[k].is_some(),
            &|k| bron_document[k].is_some(),
        ]);
        let records = rijen
            .iter()
            .zip(b.bronnen(naam, &rijen))
            .map(|(&k, bron)| {
                let (nummer, peildatum_status) = (
                    nummer[k].unwrap_or_default(),
                    peildatum_status[k].unwrap_or_default(),
                );
                Some(Record::Aanbeveling(Box::new(Aanbeveling {
                    partij: b.levering.partij.clone(),
                    jaar: b.levering.jaar,
                    sleutel: format!("{nummer}|{peildatum_status}"),
                    nummer,
                    peildatum_status,
                    status: tekst(&status[k]),
                    verantwoordelijk: tekst(&verantwoordelijk[k]),
                    toelichting: tekst(&toelichting[k]),
                    bron_document: tekst(&bron_document[k]),
                    bron,
                })))
            })
            .collect();
        b.uitkomst(Bestandsrecords::Overig(records), &rijen)
    }
}
