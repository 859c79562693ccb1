//! The contract's column predicates over strafzaken (`spec/strafrechtketen.md`):
//! one record per case, the versions of a case compared later by the batch rules.

use chrono::Datelike;

use super::{Kolombestand, Kolomuitkomst};
use crate::contract::rules::Regel;
use crate::harmonise::{Bestandsrecords, Harmoniser, Record};
use crate::model::{Bestandsnaam, Code, Strafzaak};
use crate::reference::OVERIG;

impl Harmoniser<'_> {
    pub(super) fn strafzaken(&self, mut b: Kolombestand, naam: &Bestandsnaam) -> Kolomuitkomst {
        let jaar = b.levering.jaar;
        let parketnummer = b.verplicht("parketnummer");
        let partij_verbalisant = self.verbalisanten(&mut b);
        let maatregel_id = b.ruw("maatregel_id");
        let datum_instroom = b.datum("datum_instroom", &|_| true);
        // A new case enters in the year of the delivery; an update repeats a case
        // of an earlier year. A case from a later year cannot be in this file.
        let m = Code::from(format!(
            "een strafzaak in de levering over {jaar} is uiterlijk in dat jaar ingestroomd"
        ));
        b.waar(
            "datum_instroom",
            Regel::InstroomNaJaar,
            &datum_instroom,
            |_, d| {
                d.filter(|d| d.year() > jaar)
                    .map(|d| (d.to_string(), m.clone()))
            },
        );
        b.niet_na_peildatum("datum_instroom", &datum_instroom);
        let afdoeningen = self.lijst("afdoening_om");
        let afdoening = b.code("afdoening", afdoeningen);
        let datum_afdoening = b.datum("datum_afdoening", &|k| afdoening[k].is_some());
        b.niet_na_peildatum("datum_afdoening", &datum_afdoening);
        b.volgorde(
            "datum_afdoening",
            &datum_afdoening,
            "datum_instroom",
            &datum_instroom,
        );
        let uitspraken = self.lijst("uitspraak");
        let uitspraak = b.code("uitspraak", uitspraken);
        b.waar(
            "uitspraak",
            Regel::UitspraakZonderDagvaarding,
            uitspraak.iter(),
            |k, u| {
                let a = afdoening[k].as_deref();
                u.as_deref().filter(|_| a != Some("dagvaarding")).map(|u| {
                    let m = format!(
                        "een uitspraak volgt alleen op afdoening dagvaarding (hier: {})",
                        a.unwrap_or("geen afdoening")
                    );
                    (u.to_string(), Code::from(m))
                })
            },
        );
        let datum_uitspraak = b.datum("datum_uitspraak", &|k| uitspraak[k].is_some());
        b.niet_na_peildatum("datum_uitspraak", &datum_uitspraak);
        b.volgorde(
            "datum_uitspraak",
            &datum_uitspraak,
            "datum_afdoening",
            &datum_afdoening,
        );
        let bedrag_eur = b.decimaal("bedrag_eur");
        let rijen = b.gemaakt(&[
            &|k| parketnummer[k].is_some(),
            &|k| partij_verbalisant[k].is_some(),
            &|k| datum_instroom[k].is_some(),
        ]);
        let categorie = |lijst: &crate::reference::Codelijst, c: &Option<Code>| {
            c.as_deref()
                .and_then(|c| lijst.attr(c, "categorie"))
                .map(str::to_string)
        };
        let records = rijen
            .iter()
            .zip(b.bronnen(naam, &rijen))
            .map(|(&k, bron)| {
                Some(Record::Strafzaak(Box::new(Strafzaak {
                    partij: b.levering.partij.clone(),
                    jaar,
                    parketnummer: parketnummer[k].unwrap_or_default().to_string(),
                    partij_verbalisant: partij_verbalisant[k].unwrap_or_default().to_string(),
                    maatregel_id: maatregel_id[k].map(str::to_string),
                    datum_instroom: datum_instroom[k].unwrap_or_default(),
                    afdoening: afdoening[k].as_deref().map(str::to_string),
                    categorie_afdoening: categorie(afdoeningen, &afdoening[k]),
                    datum_afdoening: datum_afdoening[k],
                    uitspraak: uitspraak[k].as_deref().map(str::to_string),
                    categorie_uitspraak: categorie(uitspraken, &uitspraak[k]),
                    datum_uitspraak: datum_uitspraak[k],
                    bedrag_eur: bedrag_eur[k],
                    koppeling: "niet_gekoppeld",
                    bron,
                })))
            })
            .collect();
        b.uitkomst(Bestandsrecords::Overig(records), &rijen)
    }

    /// partij_verbalisant: required, and a party of the reference lists or `overig`.
    fn verbalisanten<'a>(&self, b: &mut Kolombestand<'a>) -> Vec<Option<&'a str>> {
        let partij_verbalisant = b.verplicht("partij_verbalisant");
        let m = Code::from(
            "verwacht de code van een partij uit de referentielijsten (omgevingsdienst, GM-, PV-, WS-code, ILT, NVWA) of overig",
        );
        b.waar(
            "partij_verbalisant",
            Regel::CodeOnbekend,
            &partij_verbalisant,
            |_, p| {
                p.filter(|p| *p != OVERIG && self.referentie.partijsoort(p).is_none())
                    .map(|p| (p.to_string(), m.clone()))
            },
        );
        partij_verbalisant
    }
}
