//! `codebook.md` of a release: every column of every dataset with its meaning, type,
//! unit and code list, from the same descriptions as `datapackage.json`.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::datapackage::{waarden, Geschreven};
use super::Herkomst;
use crate::datasets::Release;
use crate::indicators::disclosure::Onderdrukking;
use crate::reference::Codelijsten;

fn cel(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn codebook(
    release: Release,
    geschreven: &[Geschreven],
    codelijsten: &Codelijsten,
    herkomst: &Herkomst,
    pseudonimisering: &str,
    onderdrukking: &Onderdrukking,
) -> String {
    let mut md = String::new();
    let titel = match release {
        Release::Open => "open release",
        Release::Restricted => "beperkte release",
    };
    let _ = writeln!(
        md,
        "# Codeboek Staat van VTH {}, {titel}\n",
        herkomst.editie
    );
    let _ = writeln!(
        md,
        "Verslagjaren {}; run `{}`; pijplijn {}; schemaversie {}. Elk Parquet-bestand draagt dezelfde gegevens in de key-value metadata `staat_van_vth`. Zie `datapackage.json` voor het machineleesbare schema.\n",
        herkomst
            .jaren
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        herkomst.run_id,
        herkomst.tool_versie,
        herkomst.schema_versie
    );
    match release {
        Release::Open => {
            let o = onderdrukking;
            let _ = writeln!(
                md,
                "Onthullingscontrole: een aantal kleiner dan de drempel en een aandeel met een te kleine noemer zijn leeg met status `onderdrukt` (primaire onderdrukking, in de tabellen van het rapport: `.`). Secundaire onderdrukking: waar een onderdrukte cel het gepubliceerde totaal min de rest van haar groep zou zijn (de eenheden van een niveau tegen nationaal, de codes van een uitsplitsing tegen hun totaal), of gelijk aan de teller of noemer van een gepubliceerd aandeel, is ook de kleinste andere cel onderdrukt, tot elke groep geen of ten minste twee onderdrukte cellen heeft die samen niet onder de drempel liggen. In `indicatoren.parquet`: {} cellen, {} primair onderdrukt ({}), {} secundair ({}). Er staan geen gegevens op recordniveau in deze release.\n",
                o.cellen,
                o.primair,
                super::report::procent(o.pct(o.primair)),
                o.secundair,
                super::report::procent(o.pct(o.secundair)),
            );
        }
        Release::Restricted => {
            let _ = writeln!(md, "Pseudonimisering van `object_id`: {pseudonimisering}. De sleutel staat in geen enkel uitvoerbestand.\n");
        }
    }
    let mut lijsten: BTreeSet<&str> = BTreeSet::new();
    for g in geschreven.iter().filter(|g| g.release == release) {
        let ds = g.dataset;
        let _ = writeln!(md, "## {} (`{}`)\n", ds.naam, ds.bestand);
        let _ = writeln!(md, "{}\n", ds.omschrijving);
        let _ = writeln!(md, "- Regels: {}", g.rijen);
        if !ds.sleutel.is_empty() {
            let _ = writeln!(md, "- Primaire sleutel: {}", ds.sleutel.join(", "));
        }
        if !ds.uniek.is_empty() {
            let _ = writeln!(
                md,
                "- Uniek per combinatie van: {} (lege waarden tellen mee als waarde)",
                ds.uniek.join(", ")
            );
        }
        let _ = writeln!(md, "- Sortering: {}", ds.sortering.join(", "));
        for v in ds.verwijzingen {
            let _ = writeln!(
                md,
                "- Verwijzing: ({}) naar {} ({})",
                v.kolommen.join(", "),
                v.dataset,
                v.naar.join(", ")
            );
        }
        let _ = writeln!(md, "\n| kolom | type | verplicht | eenheid | waarden | betekenis |\n|---|---|---|---|---|---|");
        for k in ds.kolommen {
            let t = g
                .typen
                .iter()
                .find(|(n, _)| n == k.naam)
                .map_or("string", |(_, t)| *t);
            let w = match k.codelijst {
                Some(l) => {
                    lijsten.insert(l.split('.').next().unwrap_or(l));
                    format!("codelijst `{l}`")
                }
                None if !k.waarden.is_empty() => k
                    .waarden
                    .iter()
                    .map(|w| format!("`{w}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                None => String::new(),
            };
            let _ = writeln!(
                md,
                "| `{}` | {t} | {} | {} | {} | {} |",
                k.naam,
                if k.verplicht { "ja" } else { "nee" },
                k.eenheid.unwrap_or(""),
                cel(&w),
                cel(k.omschrijving)
            );
        }
        let _ = writeln!(md);
    }
    if !lijsten.is_empty() {
        let _ = writeln!(md, "## Codelijsten\n");
        for naam in lijsten {
            let Some(l) = codelijsten.lijst(naam) else {
                continue;
            };
            let _ = writeln!(md, "### {naam}\n\n| code | naam |\n|---|---|");
            let kolom = crate::datasets::Kolombeschrijving {
                naam: "",
                omschrijving: "",
                verplicht: false,
                codelijst: Some(naam),
                waarden: &[],
                eenheid: None,
            };
            for c in waarden(&kolom, codelijsten, "string") {
                let code = c.as_str().unwrap_or_default().to_string();
                let oms = l.attr(&code, "naam").unwrap_or("");
                let _ = writeln!(md, "| `{code}` | {} |", cel(oms));
            }
            let _ = writeln!(md);
        }
    }
    md
}
