//! One party-year as one large `controles.csv`, for `vth bench`: how a supplier's
//! national export, a re-delivery of a whole history or a large inspectorate
//! delivers. Canonical CSV, every row valid, written as a stream (12 million rows
//! are 1.1 GB on disk and never held in memory).

use std::io::Write;
use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::error::{Error, Result};
use crate::reference::{Codelijsten, Referentie};

/// Write `rijen` controles of `partij` in `jaar` to `pad`, deterministic in `seed`:
/// gemeenten from the reference list, controletype, taak and resultaat from the
/// code lists, dates spread over the year.
pub fn schrijf(
    pad: &Path,
    partij: &str,
    jaar: i32,
    rijen: usize,
    seed: u64,
    referentie: &Referentie,
    codelijsten: &Codelijsten,
) -> Result<()> {
    let codes = |lijst: &str| -> Vec<&str> {
        codelijsten
            .lijst(lijst)
            .map(|l| l.codes.keys().map(String::as_str).collect())
            .unwrap_or_default()
    };
    let gemeenten: Vec<&str> = referentie.gemeenten.keys().map(String::as_str).collect();
    let (typen, taken, resultaten) = (
        codes("controletype"),
        codes("taak"),
        codes("resultaat_bevinding"),
    );
    if gemeenten.is_empty() || typen.is_empty() || taken.is_empty() || resultaten.is_empty() {
        return Err(Error::Bench {
            stap: "vth bench".into(),
            message: "the reference lists or code lists of queries/ are empty".into(),
        });
    }
    let begin = NaiveDate::from_ymd_opt(jaar, 1, 1).unwrap_or_default();
    let dagen = NaiveDate::from_ymd_opt(jaar, 12, 31)
        .unwrap_or_default()
        .ordinal() as i64;
    if let Some(map) = pad.parent() {
        std::fs::create_dir_all(map).map_err(|e| Error::write(map, e))?;
    }
    let bestand = std::fs::File::create(pad).map_err(|e| Error::write(pad, e))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, bestand);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let fout = |e| Error::write(pad, e);
    let kop: Vec<&str> = crate::contract::format::kolommen(crate::model::Tabel::Controles)
        .map(|(k, _)| k)
        .collect();
    writeln!(w, "{}", kop.join(",")).map_err(fout)?;
    for k in 0..rijen {
        let datum = begin + Duration::days(rng.gen_range(0..dagen));
        // Most controles find nothing; the result codes otherwise evenly.
        let resultaat = if rng.gen_bool(0.8) {
            "nageleefd"
        } else {
            resultaten[rng.gen_range(0..resultaten.len())]
        };
        writeln!(
            w,
            "C{jaar}-{k:08},OBJ-{:06},{partij},{},{datum},{},{},{},{resultaat}",
            rng.gen_range(0..200_000),
            gemeenten[rng.gen_range(0..gemeenten.len())],
            typen[rng.gen_range(0..typen.len())],
            taken[rng.gen_range(0..taken.len())],
            rng.gen_bool(0.05),
        )
        .map_err(fout)?;
    }
    w.flush().map_err(fout)
}
