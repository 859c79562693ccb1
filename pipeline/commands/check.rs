//! `vth check --partij P --jaar J FOLDER`: a party checks its own files before it
//! sends them, with the same ingest, profile, mapping tables and contract as the
//! batch. Prints the summary per file and the findings per file and rule, writes
//! the party's feedback page beside the folder (never into it) and exits non-zero
//! when the delivery would be refused or rows would go to quarantine. No output
//! tree, no manifest.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::CheckArgs;
use crate::contract::rules::Regel;
use crate::error::{Error, Result};
use crate::ingest::{self, Bestand, Overgeslagen};
use crate::model::Levering;
use crate::publish::report::{self, feedback};
use crate::run::{Batchinvoer, Queries};
use crate::validate::Uitkomst;

/// Exit code: rows of the delivery would go to quarantine (1 is an error that
/// stopped the check, 2 a wrong command line).
pub const EXIT_QUARANTAINE: u8 = 3;
/// Exit code: the delivery would be refused.
pub const EXIT_GEWEIGERD: u8 = 4;

/// The rules that need deliveries this check does not have: the party's earlier
/// years (unless `--eerder` names them) and other parties.
pub const NIET_HIER: [Regel; 4] = [
    Regel::DubbelId,
    Regel::Wees,
    Regel::StrafzaakBijgewerkt,
    Regel::VersieVervangen,
];

pub fn execute(a: CheckArgs) -> Result<ExitCode> {
    let mut config = crate::config::Config::load(
        a.folder.clone(),
        a.folder.clone(),
        a.config.clone(),
        a.templates.clone(),
    )?;
    config.check_templates()?;
    // The feedback covers the year checked, whatever the batch's configuration.
    config.file.jaren = vec![a.jaar];
    let opzet = report::opzet::Opzet::laad(&config.templates)?;
    let q = crate::run::load_queries(&config)?;
    let levering = Levering {
        jaar: a.jaar,
        partij: a.partij.clone(),
    };
    let invoer = bestanden(&a, &config, &q, &levering)?;
    let uitkomst = crate::run::validate(&config, &q, &invoer)?;
    let uitkomst = alleen_dit_jaar(uitkomst, &levering);
    druk_af(
        &uitkomst,
        &invoer.overgeslagen,
        &levering,
        a.eerder.is_some(),
    );
    let pagina = a
        .pagina
        .clone()
        .unwrap_or_else(|| naast(&a.folder, &levering));
    schrijf_pagina(
        &config,
        &q,
        &opzet,
        &uitkomst,
        &levering,
        &pagina,
        a.eerder.is_some(),
    )?;
    println!("wrote {}", pagina.display());
    Ok(uitslag(&uitkomst, &levering))
}

/// The files of the folder as the delivery of (jaar, partij), and those of the
/// party's earlier years in `--eerder`, read for what later rows refer to.
fn bestanden(
    a: &CheckArgs,
    config: &crate::config::Config,
    q: &Queries,
    levering: &Levering,
) -> Result<Batchinvoer> {
    if !a.folder.is_dir() {
        return Err(Error::NotFound {
            wat: "the delivery folder",
            path: std::path::absolute(&a.folder).unwrap_or(a.folder.clone()),
            hoe: "pass the folder that holds the party's files (controles.csv, …) directly".into(),
        });
    }
    let map = |dir: &Path, l: &Levering| {
        ingest::party_files(
            dir,
            l,
            q.profielen.get(&l.partij),
            &config.file.grenzen,
            &q.referentie,
        )
    };
    let mut bestanden: Vec<Bestand> = Vec::new();
    let mut overgeslagen: Vec<Overgeslagen> = Vec::new();
    if let Some(boom) = &a.eerder {
        for jaar in eerdere_jaren(boom, levering)? {
            let l = Levering {
                jaar,
                partij: levering.partij.clone(),
            };
            let (b, _) = map(&boom.join(jaar.to_string()).join(&l.partij), &l)?;
            bestanden.extend(b);
        }
    }
    let (b, o) = map(&a.folder, levering)?;
    bestanden.extend(b);
    overgeslagen.extend(o);
    Ok(Batchinvoer {
        bestanden,
        overgeslagen,
        ophaling: None,
        tekorten: BTreeMap::new(),
    })
}

/// The years before `levering.jaar` for which the tree holds a folder of the party.
fn eerdere_jaren(boom: &Path, levering: &Levering) -> Result<Vec<i32>> {
    let mut jaren = Vec::new();
    for e in std::fs::read_dir(boom).map_err(|e| Error::io(boom, e))? {
        let e = e.map_err(|e| Error::io(boom, e))?;
        let Some(jaar) = e.file_name().to_str().and_then(ingest::jaar_van_map) else {
            continue;
        };
        if jaar < levering.jaar && e.path().join(&levering.partij).is_dir() {
            jaren.push(jaar);
        }
    }
    jaren.sort_unstable();
    Ok(jaren)
}

/// The outcome for the checked delivery only: the earlier years were context.
fn alleen_dit_jaar(mut u: Uitkomst, levering: &Levering) -> Uitkomst {
    u.reconciliatie.retain(|r| r.jaar == levering.jaar);
    u.leveringen.retain(|l| l.jaar == levering.jaar);
    u.bevindingen
        .per_bestand
        .retain(|(l, _, _), _| l == levering);
    u.quarantaine.retain(|r| r.jaar == levering.jaar);
    u
}

fn druk_af(u: &Uitkomst, overgeslagen: &[Overgeslagen], levering: &Levering, eerder: bool) {
    println!("file\tread\taccepted\tquarantined");
    for r in &u.reconciliatie {
        println!(
            "{}\t{}\t{}\t{}",
            r.bestand, r.gelezen, r.geaccepteerd, r.quarantaine
        );
    }
    for o in overgeslagen {
        println!("not read {}: {}", o.relatief, o.reden);
    }
    super::validate::print_refused(u);
    println!();
    println!("file\trule\tseverity\tcount");
    for ((_, bestand, regel), t) in &u.bevindingen.per_bestand {
        let zwaarte = t.voorbeelden.first().map_or("", |b| b.zwaarte.code());
        println!("{bestand}\t{regel}\t{zwaarte}\t{}", t.aantal);
    }
    println!();
    let codes: Vec<&str> = NIET_HIER.iter().map(|r| r.code()).collect();
    if eerder {
        println!(
            "checked with the party's earlier deliveries; rules across parties are left to the batch"
        );
    } else {
        println!(
            "checked within this folder only: {} (an id or reference of an earlier delivery of {} shows as a finding here; pass --eerder <delivery tree> to check against it)",
            codes.join(", "),
            levering.partij
        );
    }
}

/// The feedback page's default place: beside the folder, named after the party
/// and year, so nothing is written into the folder.
fn naast(folder: &Path, levering: &Levering) -> PathBuf {
    let map = std::path::absolute(folder).unwrap_or(folder.to_path_buf());
    let ouder = map.parent().map(Path::to_path_buf).unwrap_or_default();
    let naam = feedback::pagina(&format!("{}-{}", levering.partij, levering.jaar));
    ouder.join(naam)
}

fn schrijf_pagina(
    config: &crate::config::Config,
    q: &Queries,
    opzet: &report::opzet::Opzet,
    uitkomst: &Uitkomst,
    levering: &Levering,
    pad: &Path,
    eerder: bool,
) -> Result<()> {
    let jaren = [levering.jaar];
    let dq = crate::run::datakwaliteit(config, q, uitkomst);
    let inv = feedback::FeedbackInvoer {
        opzet,
        jaren: &jaren,
        dq: &dq,
        uitkomst,
        indicatoren: &[],
        referentie: &q.referentie,
        waarde_tekens: config.file.grenzen.rapport_waarde_tekens,
    };
    let verg = feedback::vergelijking(&inv);
    let p = feedback::partijpagina(&inv, &verg, &levering.partij);
    let niet_hier: Vec<(&str, &str)> = if eerder {
        Vec::new()
    } else {
        NIET_HIER
            .iter()
            .map(|r| (r.code(), r.omschrijving()))
            .collect()
    };
    report::los_pagina(
        &config.templates,
        "terugkoppeling.html",
        pad,
        minijinja::context! {
            v => report::Kop::los(config, jaren.to_vec(), None),
            p => p, controle => true, niet_hier => niet_hier,
        },
    )
}

/// 0: the batch would accept every row; otherwise the worst that would happen.
fn uitslag(u: &Uitkomst, levering: &Levering) -> ExitCode {
    let geweigerd = u
        .leveringen
        .iter()
        .any(|l| l.jaar == levering.jaar && l.status == "geweigerd");
    let quarantaine = u.reconciliatie.iter().any(|r| r.quarantaine > 0);
    if geweigerd {
        ExitCode::from(EXIT_GEWEIGERD)
    } else if quarantaine {
        ExitCode::from(EXIT_QUARANTAINE)
    } else {
        ExitCode::SUCCESS
    }
}
