//! The contract's column predicates over the three large tables: controles,
//! overtredingen and handhavingsmaatregelen.

use chrono::Datelike;
use foldhash::{HashMap, HashMapExt};

use super::{
    neem, neem_opt, teksten, Codewaarden, Distinct, Ernstklasse, Ernstsleutel, Kolombestand,
    Kolomuitkomst,
};
use crate::contract::rules::Regel;
use crate::harmonise::{ernst, Bestandsrecords, Harmoniser};
use crate::model::codekolom::Gecodeerd;
use crate::model::{Bestandsnaam, Code, Controles, Maatregelen, OptTeksten, Overtredingen};

impl Harmoniser<'_> {
    pub(super) fn controles(&self, mut b: Kolombestand, naam: &Bestandsnaam) -> Kolomuitkomst {
        let jaar = b.levering.jaar;
        let controle_id = b.verplicht("controle_id");
        let object_id = b.verplicht("object_id");
        let bevoegd_gezag = b.referentie(
            "bevoegd_gezag",
            Regel::BevoegdGezagOnbekend,
            "verwacht een GMnnnn-, PVnn- of WSnn-code uit de referentielijsten, of ILT/NVWA/OM",
            |bg| self.referentie.is_bevoegd_gezag(bg),
        );
        let gemeente_code = b.referentie(
            "gemeente_code",
            Regel::GemeenteOnbekend,
            "verwacht een GMnnnn-code van een bestaande gemeente (indeling 2025)",
            |g| self.referentie.gemeenten.contains_key(g),
        );
        let controledatum = b.datum("controledatum", &|_| true);
        let m = Code::from(format!(
            "controledatum moet in {jaar} liggen; lever de controle aan met het jaar waarin zij is uitgevoerd"
        ));
        for (k, d) in controledatum.iter().enumerate() {
            if let Some(d) = d.filter(|d| d.year() != jaar) {
                let w = b.codes.code(&d.to_string());
                b.vind(
                    k,
                    Regel::ControledatumBuitenJaar,
                    "controledatum",
                    Some(w),
                    &m,
                );
            }
        }
        b.niet_na_peildatum("controledatum", &controledatum);
        let controletype = b.code("controletype", self.lijst("controletype"));
        let taak = b.code("taak", self.lijst("taak"));
        let brzo = b.booleaan("brzo");
        let resultaat = b.code("resultaat", self.lijst("resultaat_bevinding"));
        let rijen = b.gemaakt(&[
            &|k| controle_id[k].is_some(),
            &|k| object_id[k].is_some(),
            &|k| bevoegd_gezag[k].is_some(),
            &|k| gemeente_code[k].is_some(),
            &|k| controledatum[k].is_some(),
        ]);
        let n = rijen.len();
        let c = Controles {
            partij: Gecodeerd::overal(b.codes.code(&b.levering.partij), n),
            jaar: vec![jaar; n],
            controle_id: teksten(&controle_id, &rijen),
            object_id: teksten(&object_id, &rijen),
            bevoegd_gezag: bevoegd_gezag.kolom(&rijen),
            gemeente_code: gemeente_code.kolom(&rijen),
            controledatum: neem(controledatum, &rijen),
            controletype: controletype.kolom(&rijen),
            taak: taak.kolom(&rijen),
            brzo: neem_opt(brzo, &rijen),
            resultaat: resultaat.kolom(&rijen),
            bron: b.bronnen(naam, &rijen),
        };
        b.uitkomst(Bestandsrecords::Controles(c), &rijen)
    }

    pub(super) fn overtredingen(&self, mut b: Kolombestand, naam: &Bestandsnaam) -> Kolomuitkomst {
        let overtreding_id = b.verplicht("overtreding_id");
        let controle_id = b.verplicht("controle_id");
        let overtredingsdatum = b.datum("overtredingsdatum", &|_| true);
        b.niet_na_peildatum("overtredingsdatum", &overtredingsdatum);
        let handhavingsstrategie =
            b.code("handhavingsstrategie", self.lijst("handhavingsstrategie"));
        let ernst_geleverd = b.code("ernst", self.lijst("ernst"));
        let (klassen, klasse_van) = self.ernstklassen(&mut b, &ernst_geleverd);
        meld_ernst(&mut b, &klassen, &klasse_van);
        let indicatie_handhaving = b.booleaan("indicatie_handhaving");
        let reden_geen_handhaving = b.ruw("reden_geen_handhaving");
        meld_reden(&mut b, &indicatie_handhaving, &reden_geen_handhaving);
        let hersteldatum = b.datum("hersteldatum", &|_| false);
        b.niet_na_peildatum("hersteldatum", &hersteldatum);
        let rijen = b.gemaakt(&[
            &|k| overtreding_id[k].is_some(),
            &|k| controle_id[k].is_some(),
            &|k| overtredingsdatum[k].is_some(),
        ]);
        let n = rijen.len();
        let klasse = |k: usize| &klassen[klasse_van[k]];
        // Each row chooses its class's code.
        let rij_klasse = || rijen.iter().map(|&k| klasse_van[k]);
        let mut reden = OptTeksten::default();
        for &k in &rijen {
            crate::model::Kolom::zet(&mut reden, reden_geen_handhaving[k]);
        }
        let o = Overtredingen {
            partij: Gecodeerd::overal(b.codes.code(&b.levering.partij), n),
            jaar: vec![b.levering.jaar; n],
            overtreding_id: teksten(&overtreding_id, &rijen),
            controle_id: teksten(&controle_id, &rijen),
            overtredingsdatum: neem(overtredingsdatum, &rijen),
            handhavingsstrategie: handhavingsstrategie.kolom(&rijen),
            gevolg: Gecodeerd::gekozen(klassen.iter().map(|c| c.gevolg.as_ref()), rij_klasse()),
            gedrag: Gecodeerd::gekozen(klassen.iter().map(|c| c.gedrag.as_ref()), rij_klasse()),
            ernst: Gecodeerd::gekozen(klassen.iter().map(|c| Some(&c.ernst)), rij_klasse()),
            ernst_bron: rijen.iter().map(|&k| klasse(k).bron).collect(),
            indicatie_handhaving: neem_opt(indicatie_handhaving, &rijen),
            reden_geen_handhaving: reden,
            hersteldatum: neem_opt(hersteldatum, &rijen),
            // Filled from the linked controle during validation.
            object_id: rijen.iter().map(|_| "").collect(),
            gemeente_code: Gecodeerd::overal(b.codes.code(""), n),
            bron: b.bronnen(naam, &rijen),
        };
        b.uitkomst(Bestandsrecords::Overtredingen(o), &rijen)
    }

    /// Every row's ernst: classified once per distinct (ernst, gevolg, gedrag), the
    /// LHSO axes after the party's mapping tables, and joined back as the index of
    /// its class (`usize::MAX` for a row already set aside).
    fn ernstklassen(
        &self,
        b: &mut Kolombestand,
        ernst_geleverd: &Codewaarden,
    ) -> (Vec<Ernstklasse>, Vec<usize>) {
        let (gevolg, gedrag) = (b.distinct("gevolg"), b.distinct("gedrag"));
        let gevolg_gemapt = b.vertalingen("gevolg", &gevolg);
        let gedrag_gemapt = b.vertalingen("gedrag", &gedrag);
        let as_waarde = |d: &Distinct, gemapt: &[Option<String>], k: usize| {
            d.per_rij[k].map(|i| {
                let i = i as usize;
                gemapt[i]
                    .clone()
                    .unwrap_or_else(|| d.waarden[i].to_string())
            })
        };
        let mut plaats: HashMap<Ernstsleutel, usize> = HashMap::new();
        let mut klassen: Vec<Ernstklasse> = Vec::new();
        let mut klasse_van = Vec::with_capacity(b.rows.len());
        for k in 0..b.rows.len() {
            let geleverd = &ernst_geleverd[k];
            if !b.actief[k] {
                klasse_van.push(usize::MAX);
                continue;
            }
            let sleutel = (geleverd.as_deref(), gevolg.per_rij[k], gedrag.per_rij[k]);
            let i = *plaats.entry(sleutel).or_insert_with(|| {
                let (gv, gd) = (
                    as_waarde(&gevolg, &gevolg_gemapt, k),
                    as_waarde(&gedrag, &gedrag_gemapt, k),
                );
                let (assen, fout) = match ernst::assen(gv.as_deref(), gd.as_deref()) {
                    Ok(a) => (a, None),
                    Err(kolom) => {
                        let raw = if kolom == "gevolg" { gv } else { gd };
                        ((None, None, false), Some((kolom, raw)))
                    }
                };
                let c = ernst::classificeer(
                    geleverd.as_deref().map(str::to_string),
                    assen.0,
                    assen.1,
                    assen.2,
                    &self.codelijsten.lhso_ernst,
                );
                let cel = format!(
                    "{}{}",
                    c.gevolg.clone().unwrap_or_default(),
                    c.gedrag.clone().unwrap_or_default()
                );
                klassen.push(Ernstklasse {
                    gevolg: c.gevolg.as_deref().map(|g| b.codes.code(g)),
                    gedrag: c.gedrag.as_deref().map(|g| b.codes.code(g)),
                    ernst: b.codes.code(&c.ernst),
                    bron: c.bron,
                    assen_onbekend: fout
                        .map(|(kolom, raw)| (kolom, raw.as_deref().map(|r| b.codes.code(r)))),
                    tegenstrijdig: c.tegenstrijdig.then(|| {
                        Code::from(format!(
                            "interventiepositionering {cel} geeft een andere ernst; geleverde ernst gebruikt"
                        ))
                    }),
                });
                klassen.len() - 1
            });
            klasse_van.push(i);
        }
        (klassen, klasse_van)
    }

    pub(super) fn maatregelen(&self, mut b: Kolombestand, naam: &Bestandsnaam) -> Kolomuitkomst {
        let maatregel_id = b.verplicht("maatregel_id");
        let overtreding_id = b.verplicht("overtreding_id");
        let instrumenten = self.lijst("handhavingsinstrument");
        let handhavingsinstrument = b.code("handhavingsinstrument", instrumenten);
        let datum_opleggen = b.datum("datum_opleggen", &|_| true);
        b.niet_na_peildatum("datum_opleggen", &datum_opleggen);
        let datum_afronding = b.datum("datum_afronding", &|_| false);
        b.niet_na_peildatum("datum_afronding", &datum_afronding);
        let status = b.code("status", self.lijst("status_maatregel"));
        let bedrag_eur = b.decimaal("bedrag_eur");
        let rijen = b.gemaakt(&[
            &|k| maatregel_id[k].is_some(),
            &|k| overtreding_id[k].is_some(),
            &|k| datum_opleggen[k].is_some(),
        ]);
        let n = rijen.len();
        // The instrument's category and weight from the national code list, once
        // per distinct instrument.
        let (categorieen, zwaarten): (Vec<Option<Code>>, Vec<Option<i64>>) = handhavingsinstrument
            .codes
            .iter()
            .map(|i| match i.as_deref() {
                Some(i) => (
                    instrumenten.attr(i, "categorie").map(|c| b.codes.code(c)),
                    instrumenten
                        .attr(i, "zwaarte")
                        .and_then(|z| z.parse::<i64>().ok()),
                ),
                None => (None, None),
            })
            .unzip();
        let instrument_van = |k: usize| handhavingsinstrument.per_rij[k] as usize;
        let categorie = Gecodeerd::gekozen(
            categorieen.iter().map(Option::as_ref),
            rijen.iter().map(|&k| instrument_van(k)),
        );
        let zwaarte = rijen.iter().map(|&k| zwaarten[instrument_van(k)]).collect();
        let m = Maatregelen {
            partij: Gecodeerd::overal(b.codes.code(&b.levering.partij), n),
            jaar: vec![b.levering.jaar; n],
            maatregel_id: teksten(&maatregel_id, &rijen),
            overtreding_id: teksten(&overtreding_id, &rijen),
            handhavingsinstrument: handhavingsinstrument.kolom(&rijen),
            categorie,
            zwaarte,
            datum_opleggen: neem(datum_opleggen, &rijen),
            datum_afronding: neem_opt(datum_afronding, &rijen),
            status: status.kolom(&rijen),
            bedrag_eur: neem_opt(bedrag_eur, &rijen),
            bron: b.bronnen(naam, &rijen),
        };
        b.uitkomst(Bestandsrecords::Maatregelen(m), &rijen)
    }
}

/// The findings of a row's ernst class: LHSO axes that are no code, a delivered
/// ernst the axes contradict.
fn meld_ernst(b: &mut Kolombestand, klassen: &[Ernstklasse], klasse_van: &[usize]) {
    let assen_melding =
        Code::from("verwacht gevolg 1–4 en gedrag A–D (LHSO), of omgekeerd (LHS 2014)");
    for (k, &i) in klasse_van.iter().enumerate() {
        let Some(c) = klassen.get(i) else {
            continue;
        };
        if let Some((kolom, raw)) = &c.assen_onbekend {
            b.vind(k, Regel::CodeOnbekend, kolom, raw.clone(), &assen_melding);
        }
        if let Some(m) = &c.tegenstrijdig {
            b.vind(
                k,
                Regel::ErnstTegenstrijdig,
                "ernst",
                Some(c.ernst.clone()),
                m,
            );
        }
    }
}

/// indicatie_handhaving = false asks for a reden.
fn meld_reden(
    b: &mut Kolombestand,
    indicatie_handhaving: &[Option<bool>],
    reden_geen_handhaving: &[Option<&str>],
) {
    let m = Code::from("bij indicatie_handhaving = false hoort een reden");
    for k in 0..b.rows.len() {
        if indicatie_handhaving[k] == Some(false) && reden_geen_handhaving[k].is_none() {
            b.vind(
                k,
                Regel::RedenGeenHandhaving,
                "reden_geen_handhaving",
                None,
                &m,
            );
        }
    }
}
