//! The data contract over the three large tables (controles, overtredingen,
//! handhavingsmaatregelen) as column predicates. Each column of a file is checked
//! as a whole: a code column once per distinct value, joined back to its rows; a
//! date or number column value by value, without a struct per row. Every rule that
//! fires goes to one findings table, [`Vondst`] (row, rule, column, value, what to
//! do), in row order and within a row in the contract's order. The records are
//! then built column by column from the rows that can become one.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use foldhash::{HashMap, HashMapExt};

use super::{ernst, values, verwacht, Bestandsrecords, Codes, Harmoniser};
use crate::contract::rules::Regel;
use crate::ingest::table::Rijen;
use crate::model::{
    Bestandsnaam, Bron, Code, Controles, ErnstBron, Levering, Maatregelen, OptTeksten,
    Overtredingen, Tabel, Teksten,
};
use crate::reference::Codelijst;

/// One finding of the contract over a file's columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Vondst {
    /// The row's index in the file (0 = the first data row).
    pub rij: u32,
    pub regel: Regel,
    pub kolom: &'static str,
    /// The value as read (or as the rule saw it), shared by the rows that hold it.
    pub waarde: Option<Code>,
    /// What was expected and what to do, in Dutch, shared by the rows it concerns.
    pub melding: Code,
}

/// A file of one of the large tables after the contract.
pub struct Kolomuitkomst {
    pub records: Bestandsrecords,
    /// Per row of the file its record's place in `records`, [`GEEN`] when the row
    /// became none (a required value is missing or unreadable, or the row took no
    /// part).
    pub record: Vec<u32>,
    /// The findings table, in row order, and within a row in the contract's order.
    pub vondsten: Vec<Vondst>,
    /// Rows per (column, local value, national code, mapping table) a party
    /// mapping table translated.
    pub vertaald: BTreeMap<(&'static str, String, String, String), u64>,
}

/// A row that became no record.
pub const GEEN: u32 = u32::MAX;

/// A finding a distinct value gives each row that holds it: rule, value, message.
type Gevonden = (Regel, Code, Code);

/// A distinct (delivered ernst, gevolg, gedrag) of a file's overtredingen.
type Ernstsleutel<'a> = (Option<&'a str>, Option<u32>, Option<u32>);

/// What a distinct (ernst, gevolg, gedrag) comes to: the LHSO axes, the ernst and
/// where it came from, and the findings its rows get.
struct Ernstklasse {
    gevolg: Option<Code>,
    gedrag: Option<Code>,
    ernst: Code,
    bron: ErnstBron,
    /// The axis whose value fits neither scheme, with that value.
    assen_onbekend: Option<(&'static str, Option<Code>)>,
    /// The message when the delivered ernst differs from the matrix.
    tegenstrijdig: Option<Code>,
}

/// The columns of one file as read, the rows that take part (a row set aside
/// before harmonisation, for its bytes or its number of fields, takes part in no
/// predicate), and what the predicates found so far.
struct Bestand<'a> {
    h: &'a Harmoniser<'a>,
    levering: &'a Levering,
    header: &'a [String],
    rows: &'a Rijen,
    actief: &'a [bool],
    vertaling: Option<&'a super::mapping::Vertaling>,
    /// The party's own date format (profile), accepted besides ISO.
    datumformaat: Option<&'a str>,
    codes: Codes,
    vondsten: Vec<Vondst>,
    vertaald: BTreeMap<(&'static str, String, String, String), u64>,
}

/// A column's values reduced to its distinct values and, per row, which one it
/// holds (`None` for an empty value or a row that takes no part).
struct Distinct<'a> {
    waarden: Vec<&'a str>,
    per_rij: Vec<Option<u32>>,
}

impl<'a> Bestand<'a> {
    fn ruw(&self, kolom: &str) -> Vec<Option<&'a str>> {
        let n = self.rows.len();
        let Some(i) = self.header.iter().position(|h| h == kolom) else {
            return vec![None; n];
        };
        let rows = self.rows;
        (0..n)
            .map(|k| {
                self.actief[k]
                    .then(|| rows.veld(k, i))
                    .flatten()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
            })
            .collect()
    }

    fn distinct(&self, kolom: &str) -> Distinct<'a> {
        let ruw = self.ruw(kolom);
        let mut plaats: HashMap<&'a str, u32> = HashMap::new();
        let mut waarden = Vec::new();
        let per_rij = ruw
            .into_iter()
            .map(|w| {
                w.map(|w| {
                    *plaats.entry(w).or_insert_with(|| {
                        waarden.push(w);
                        (waarden.len() - 1) as u32
                    })
                })
            })
            .collect();
        Distinct { waarden, per_rij }
    }

    fn vind(
        &mut self,
        k: usize,
        regel: Regel,
        kolom: &'static str,
        waarde: Option<Code>,
        m: &Code,
    ) {
        self.vondsten.push(Vondst {
            rij: k as u32,
            regel,
            kolom,
            waarde,
            melding: m.clone(),
        });
    }

    fn verplicht_melding(kolom: &str) -> Code {
        Code::from(format!("{kolom} is verplicht; vul een waarde in"))
    }

    /// A required value as read (trimmed); empty is `verplicht_leeg`.
    fn verplicht(&mut self, kolom: &'static str) -> Vec<Option<&'a str>> {
        let w = self.ruw(kolom);
        let m = Self::verplicht_melding(kolom);
        for (k, v) in w.iter().enumerate() {
            if self.actief[k] && v.is_none() {
                self.vind(k, Regel::VerplichtLeeg, kolom, None, &m);
            }
        }
        w
    }

    /// A column of typed values: each read by `lees` (with the warning of an
    /// accepted deviation, or the rule it breaks), else by `terugval` without a
    /// finding; empty is `verplicht_leeg` when `verplicht`.
    fn getypeerd<T: Copy>(
        &mut self,
        kolom: &'static str,
        verplicht: bool,
        lees: impl Fn(&str) -> values::Parsed<T>,
        terugval: impl Fn(&str) -> Option<T>,
    ) -> Vec<Option<T>> {
        let leeg = Self::verplicht_melding(kolom);
        let mut meldingen: BTreeMap<Regel, Code> = BTreeMap::new();
        let mut melding = |r: Regel, fout: bool| {
            meldingen
                .entry(r)
                .or_insert_with(|| Code::from(if fout { verwacht(r) } else { r.omschrijving() }))
                .clone()
        };
        let ruw = self.ruw(kolom);
        let mut uit = Vec::with_capacity(ruw.len());
        for (k, w) in ruw.into_iter().enumerate() {
            let Some(w) = w else {
                if verplicht && self.actief[k] {
                    self.vind(k, Regel::VerplichtLeeg, kolom, None, &leeg);
                }
                uit.push(None);
                continue;
            };
            uit.push(match lees(w) {
                Ok((v, waarschuwing)) => {
                    if let Some(r) = waarschuwing {
                        let (waarde, m) = (self.codes.code(w), melding(r, false));
                        self.vind(k, r, kolom, Some(waarde), &m);
                    }
                    Some(v)
                }
                Err(r) => match terugval(w) {
                    Some(v) => Some(v),
                    None => {
                        let (waarde, m) = (self.codes.code(w), melding(r, true));
                        self.vind(k, r, kolom, Some(waarde), &m);
                        None
                    }
                },
            });
        }
        uit
    }

    fn datum(&mut self, kolom: &'static str, verplicht: bool) -> Vec<Option<NaiveDate>> {
        let formaat = self.datumformaat;
        self.getypeerd(kolom, verplicht, values::date, |w| {
            formaat.and_then(|f| NaiveDate::parse_from_str(w, f).ok())
        })
    }

    fn booleaan(&mut self, kolom: &'static str) -> Vec<Option<bool>> {
        self.getypeerd(kolom, false, values::boolean, |_| None)
    }

    fn decimaal(&mut self, kolom: &'static str) -> Vec<Option<f64>> {
        self.getypeerd(kolom, false, values::decimal, |_| None)
    }

    /// Dates after the peildatum of the delivery.
    fn niet_na_peildatum(&mut self, kolom: &'static str, data: &[Option<NaiveDate>]) {
        let peildatum = self.h.config.peildatum(self.levering.jaar);
        let m = Code::from(format!(
            "datum ligt na de peildatum {peildatum} van deze levering"
        ));
        for (k, d) in data.iter().enumerate() {
            if let Some(d) = d.filter(|d| *d > peildatum) {
                let w = self.codes.code(&d.to_string());
                self.vind(k, Regel::DatumNaPeildatum, kolom, Some(w), &m);
            }
        }
    }

    /// The national code a party mapping table gives each distinct value, with the
    /// rows it translated counted for the audit trail.
    fn vertalingen(&mut self, kolom: &'static str, d: &Distinct<'a>) -> Vec<Option<String>> {
        let Some(v) = self.vertaling else {
            return vec![None; d.waarden.len()];
        };
        let mut rijen = vec![0u64; d.waarden.len()];
        for i in d.per_rij.iter().flatten() {
            rijen[*i as usize] += 1;
        }
        d.waarden
            .iter()
            .zip(rijen)
            .map(|(w, n)| {
                let (c, tabel) = v.vertaal(kolom, w)?;
                *self
                    .vertaald
                    .entry((kolom, w.to_string(), c.to_string(), tabel.to_string()))
                    .or_default() += n;
                Some(c.to_string())
            })
            .collect()
    }

    /// An optional code from a national list, per distinct value: the party's
    /// mapping tables first (the same word can mean something else at this party
    /// than nationally), then the list, with a spelling warning or `code_onbekend`.
    fn code(&mut self, kolom: &'static str, lijst: &Codelijst) -> Vec<Option<Code>> {
        let d = self.distinct(kolom);
        let vertaald = self.vertalingen(kolom, &d);
        // Per distinct value: its code and the finding its rows get.
        let mut onbekend: Option<Code> = None;
        let uitkomsten: Vec<(Option<Code>, Option<Gevonden>)> = d
            .waarden
            .iter()
            .zip(vertaald)
            .map(|(w, v)| {
                if let Some(c) = v {
                    return (Some(self.codes.code(&c)), None);
                }
                match self.codes.lijstcode(w, lijst) {
                    Ok((c, waarschuwing)) => {
                        let f = waarschuwing.map(|r| {
                            (r, self.codes.code(w), Code::from(format!("gelezen als {c}")))
                        });
                        (Some(c), f)
                    }
                    Err(r) => {
                        let m = onbekend
                            .get_or_insert_with(|| {
                                let geldig: Vec<&str> =
                                    lijst.codes.keys().map(String::as_str).collect();
                                Code::from(format!(
                                    "onbekende code; geldig in codelijst {}: {} (of laat het monitoringteam deze waarde opnemen in een mappingtabel van de partij)",
                                    lijst.naam,
                                    geldig.join(", ")
                                ))
                            })
                            .clone();
                        (None, Some((r, self.codes.code(w), m)))
                    }
                }
            })
            .collect();
        let mut uit = Vec::with_capacity(d.per_rij.len());
        for (k, i) in d.per_rij.iter().enumerate() {
            let Some(i) = i else {
                uit.push(None);
                continue;
            };
            let (c, f) = &uitkomsten[*i as usize];
            if let Some((r, w, m)) = f {
                self.vind(k, *r, kolom, Some(w.clone()), m);
            }
            uit.push(c.clone());
        }
        uit
    }

    /// A required value checked against a reference list, per distinct value.
    fn referentie(
        &mut self,
        kolom: &'static str,
        regel: Regel,
        melding: &str,
        geldig: impl Fn(&str) -> bool,
    ) -> Vec<Option<Code>> {
        let d = self.distinct(kolom);
        let leeg = Self::verplicht_melding(kolom);
        let m = Code::from(melding);
        let uitkomsten: Vec<(Code, bool)> = d
            .waarden
            .iter()
            .map(|w| (self.codes.code(w), geldig(w)))
            .collect();
        let mut uit = Vec::with_capacity(d.per_rij.len());
        for (k, i) in d.per_rij.iter().enumerate() {
            match i {
                None => {
                    if self.actief[k] {
                        self.vind(k, Regel::VerplichtLeeg, kolom, None, &leeg);
                    }
                    uit.push(None);
                }
                Some(i) => {
                    let (c, ok) = &uitkomsten[*i as usize];
                    if !ok {
                        self.vind(k, regel, kolom, Some(c.clone()), &m);
                    }
                    uit.push(Some(c.clone()));
                }
            }
        }
        uit
    }

    /// The rows that become a record: taking part, with every required value.
    fn gemaakt(&self, verplicht: &[&dyn Fn(usize) -> bool]) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&k| self.actief[k] && verplicht.iter().all(|v| v(k)))
            .collect()
    }

    fn bronnen(&self, naam: &Bestandsnaam, rijen: &[usize]) -> Vec<Bron> {
        rijen
            .iter()
            .map(|&k| Bron {
                bestand: naam.clone(),
                regel: self.rows.line(k),
            })
            .collect()
    }

    fn uitkomst(mut self, records: Bestandsrecords, rijen: &[usize]) -> Kolomuitkomst {
        let mut record = vec![GEEN; self.rows.len()];
        for (i, &k) in rijen.iter().enumerate() {
            // A file's records fit in u32: the file is read whole into memory
            // first, and 4 billion rows would be tens of GiB.
            record[k] = i as u32;
        }
        // Predicate by predicate, each in row order: a stable sort by row puts
        // each row's findings in the contract's order.
        self.vondsten.sort_by_key(|v| v.rij);
        Kolomuitkomst {
            records,
            record,
            vondsten: self.vondsten,
            vertaald: self.vertaald,
        }
    }
}

/// The values of the rows `rijen` of a column, for a record column.
fn neem<T: Clone + Default>(kolom: &[Option<T>], rijen: &[usize]) -> Vec<T> {
    rijen
        .iter()
        .map(|&k| kolom[k].clone().unwrap_or_default())
        .collect()
}

fn neem_opt<T: Clone>(kolom: &[Option<T>], rijen: &[usize]) -> Vec<Option<T>> {
    rijen.iter().map(|&k| kolom[k].clone()).collect()
}

fn teksten(kolom: &[Option<&str>], rijen: &[usize]) -> Teksten {
    rijen
        .iter()
        .map(|&k| kolom[k].unwrap_or_default())
        .collect()
}

impl Harmoniser<'_> {
    /// The contract over a file of one of the three large tables, column by
    /// column; `actief` says which rows take part (one flag per row).
    pub fn kolommen(
        &self,
        levering: &Levering,
        naam: &Bestandsnaam,
        tabel: Tabel,
        header: &[String],
        rows: &Rijen,
        actief: &[bool],
    ) -> Kolomuitkomst {
        let b = Bestand {
            h: self,
            levering,
            header,
            rows,
            actief,
            vertaling: self.vertalingen.get(&levering.partij),
            datumformaat: self
                .profielen
                .get(&levering.partij)
                .and_then(|p| p.datumformaat.as_deref()),
            codes: Codes::default(),
            vondsten: Vec::new(),
            vertaald: BTreeMap::new(),
        };
        match tabel {
            Tabel::Controles => self.controles(b, naam),
            Tabel::Overtredingen => self.overtredingen(b, naam),
            Tabel::Handhavingsmaatregelen => self.maatregelen(b, naam),
            // The small tables are harmonised row by row (`Harmoniser::rij`).
            _ => b.uitkomst(Bestandsrecords::voor(tabel), &[]),
        }
    }

    fn controles(&self, mut b: Bestand, naam: &Bestandsnaam) -> Kolomuitkomst {
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
        let controledatum = b.datum("controledatum", true);
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
            partij: vec![b.codes.code(&b.levering.partij); n],
            jaar: vec![jaar; n],
            controle_id: teksten(&controle_id, &rijen),
            object_id: teksten(&object_id, &rijen),
            bevoegd_gezag: neem(&bevoegd_gezag, &rijen),
            gemeente_code: neem(&gemeente_code, &rijen),
            controledatum: neem(&controledatum, &rijen),
            controletype: neem_opt(&controletype, &rijen),
            taak: neem_opt(&taak, &rijen),
            brzo: neem_opt(&brzo, &rijen),
            resultaat: neem_opt(&resultaat, &rijen),
            bron: b.bronnen(naam, &rijen),
        };
        b.uitkomst(Bestandsrecords::Controles(c), &rijen)
    }

    fn overtredingen(&self, mut b: Bestand, naam: &Bestandsnaam) -> Kolomuitkomst {
        let overtreding_id = b.verplicht("overtreding_id");
        let controle_id = b.verplicht("controle_id");
        let overtredingsdatum = b.datum("overtredingsdatum", true);
        b.niet_na_peildatum("overtredingsdatum", &overtredingsdatum);
        let handhavingsstrategie =
            b.code("handhavingsstrategie", self.lijst("handhavingsstrategie"));
        let ernst_geleverd = b.code("ernst", self.lijst("ernst"));
        // The LHSO axes after the party's mapping tables, per distinct value.
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
        // The classification per distinct (ernst, gevolg, gedrag), joined back.
        let mut plaats: HashMap<Ernstsleutel, usize> = HashMap::new();
        let mut klassen: Vec<Ernstklasse> = Vec::new();
        let mut klasse_van = Vec::with_capacity(b.rows.len());
        for (k, geleverd) in ernst_geleverd.iter().enumerate() {
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
        let indicatie_handhaving = b.booleaan("indicatie_handhaving");
        let reden_geen_handhaving = b.ruw("reden_geen_handhaving");
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
        let hersteldatum = b.datum("hersteldatum", false);
        b.niet_na_peildatum("hersteldatum", &hersteldatum);
        let rijen = b.gemaakt(&[
            &|k| overtreding_id[k].is_some(),
            &|k| controle_id[k].is_some(),
            &|k| overtredingsdatum[k].is_some(),
        ]);
        let n = rijen.len();
        let klasse = |k: usize| &klassen[klasse_van[k]];
        let leeg = b.codes.code("");
        let mut reden = OptTeksten::default();
        for &k in &rijen {
            crate::model::Kolom::zet(&mut reden, reden_geen_handhaving[k]);
        }
        let o = Overtredingen {
            partij: vec![b.codes.code(&b.levering.partij); n],
            jaar: vec![b.levering.jaar; n],
            overtreding_id: teksten(&overtreding_id, &rijen),
            controle_id: teksten(&controle_id, &rijen),
            overtredingsdatum: neem(&overtredingsdatum, &rijen),
            handhavingsstrategie: neem_opt(&handhavingsstrategie, &rijen),
            gevolg: rijen.iter().map(|&k| klasse(k).gevolg.clone()).collect(),
            gedrag: rijen.iter().map(|&k| klasse(k).gedrag.clone()).collect(),
            ernst: rijen.iter().map(|&k| klasse(k).ernst.clone()).collect(),
            ernst_bron: rijen.iter().map(|&k| klasse(k).bron).collect(),
            indicatie_handhaving: neem_opt(&indicatie_handhaving, &rijen),
            reden_geen_handhaving: reden,
            hersteldatum: neem_opt(&hersteldatum, &rijen),
            // Filled from the linked controle during validation.
            object_id: rijen.iter().map(|_| "").collect(),
            gemeente_code: vec![leeg; n],
            bron: b.bronnen(naam, &rijen),
        };
        b.uitkomst(Bestandsrecords::Overtredingen(o), &rijen)
    }

    fn maatregelen(&self, mut b: Bestand, naam: &Bestandsnaam) -> Kolomuitkomst {
        let maatregel_id = b.verplicht("maatregel_id");
        let overtreding_id = b.verplicht("overtreding_id");
        let instrumenten = self.lijst("handhavingsinstrument");
        let handhavingsinstrument = b.code("handhavingsinstrument", instrumenten);
        let datum_opleggen = b.datum("datum_opleggen", true);
        b.niet_na_peildatum("datum_opleggen", &datum_opleggen);
        let datum_afronding = b.datum("datum_afronding", false);
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
        let mut attributen: HashMap<&str, (Option<Code>, Option<i64>)> = HashMap::new();
        let mut categorie = Vec::with_capacity(n);
        let mut zwaarte = Vec::with_capacity(n);
        for &k in &rijen {
            let (c, z) = match handhavingsinstrument[k].as_deref() {
                Some(i) => attributen
                    .entry(i)
                    .or_insert_with(|| {
                        (
                            instrumenten.attr(i, "categorie").map(|c| b.codes.code(c)),
                            instrumenten
                                .attr(i, "zwaarte")
                                .and_then(|z| z.parse::<i64>().ok()),
                        )
                    })
                    .clone(),
                None => (None, None),
            };
            categorie.push(c);
            zwaarte.push(z);
        }
        drop(attributen);
        let m = Maatregelen {
            partij: vec![b.codes.code(&b.levering.partij); n],
            jaar: vec![b.levering.jaar; n],
            maatregel_id: teksten(&maatregel_id, &rijen),
            overtreding_id: teksten(&overtreding_id, &rijen),
            handhavingsinstrument: neem_opt(&handhavingsinstrument, &rijen),
            categorie,
            zwaarte,
            datum_opleggen: neem(&datum_opleggen, &rijen),
            datum_afronding: neem_opt(&datum_afronding, &rijen),
            status: neem_opt(&status, &rijen),
            bedrag_eur: neem_opt(&bedrag_eur, &rijen),
            bron: b.bronnen(naam, &rijen),
        };
        b.uitkomst(Bestandsrecords::Maatregelen(m), &rijen)
    }
}
