//! Reading: each delivery file decoded (UTF-8, UTF-8 with BOM, UTF-16, Windows-1252)
//! and parsed (CSV in any dialect, an `.xlsx` sheet, a JSON array) into columns of
//! raw text, every row with its physical line. File-level deviations become findings;
//! a file that is no table refuses its delivery, its lines still counted.

use crate::config::Config;
use crate::contract::findings::{Bevinding, Bevindingen};
use crate::contract::format::kolommen;
use crate::contract::rules::{Regel, Zwaarte};
use crate::error::Result;
use crate::ingest::profile::{Formaat, Profielen};
use crate::ingest::table::{self, RawTable, Rijen};
use crate::ingest::{bestand_bevinding, json, text, xlsx, Bestand};

/// One file after reading: its rows, or why the file refuses its delivery.
pub struct IngestedFile<'b> {
    pub bestand: &'b Bestand,
    pub sha256: String,
    pub header: Vec<String>,
    pub rows: Rijen,
    /// Columns outside the exchange format, kept aside and reported.
    pub extra: Vec<String>,
    /// The file was decoded and parsed into a table with a header.
    pub geparsed: bool,
    pub weigering: Option<Bevinding>,
    /// Lines of a UTF-8 file with bytes that are not UTF-8: (line, bytes in hex).
    pub ongeldige_tekens: Vec<(u64, String)>,
}

/// Read every file of a batch, in parallel, one file per task; the findings come
/// back in file order, so the outcome does not depend on the threads.
pub fn read_files<'b>(
    bestanden: &'b [Bestand],
    config: &Config,
    profielen: &Profielen,
) -> Result<(Vec<IngestedFile<'b>>, Bevindingen)> {
    use rayon::prelude::*;
    let per_bestand: Vec<Result<(IngestedFile, Bevindingen)>> = bestanden
        .par_iter()
        .map(|b| {
            let mut bev = Bevindingen::default();
            read_file(b, config, profielen, &mut bev).map(|g| (g, bev))
        })
        .collect();
    // Each file's bytes went when its table was made; the workers' heaps give
    // their pages back now, not a second later while D2 and D5 count the text.
    crate::memory::release();
    let mut bevindingen = Bevindingen::default();
    let mut gelezen = Vec::with_capacity(bestanden.len());
    for r in per_bestand {
        let (g, bev) = r?;
        bevindingen.extend(bev);
        gelezen.push(g);
    }
    Ok((gelezen, bevindingen))
}

/// Decode and parse one file; file-level deviations go to `bevindingen`.
pub fn read_file<'b>(
    b: &'b Bestand,
    config: &Config,
    profielen: &Profielen,
    bevindingen: &mut Bevindingen,
) -> Result<IngestedFile<'b>> {
    let bytes = crate::error::read_bytes(&b.pad)?;
    // The checksum on one core while the file is parsed on the others.
    let (sha256, mut gelezen) = rayon::join(
        || crate::ingest::sha256_hex(&bytes),
        || lees_inhoud(b, &bytes, config, profielen, bevindingen),
    );
    gelezen.sha256 = sha256;
    Ok(gelezen)
}

/// The file's bytes as a table, its header checked against the exchange format.
fn lees_inhoud<'b>(
    b: &'b Bestand,
    bytes: &[u8],
    config: &Config,
    profielen: &Profielen,
    bevindingen: &mut Bevindingen,
) -> IngestedFile<'b> {
    let mut gelezen = IngestedFile {
        bestand: b,
        sha256: String::new(),
        header: vec!["ruwe_regel".into()],
        rows: Rijen::default(),
        extra: Vec::new(),
        geparsed: false,
        weigering: None,
        ongeldige_tekens: Vec::new(),
    };
    if let Some(afwijking) = &b.profiel_afwijking {
        bevindingen.add(bestand_bevinding(
            b,
            Regel::ProfielNietGevolgd,
            config.zwaarte(Regel::ProfielNietGevolgd),
            None,
            None,
            None,
            afwijking.clone(),
        ));
    }
    let Some((mut raw, kopregel)) = parse(bytes, config, &mut gelezen, bevindingen) else {
        return gelezen;
    };
    // The party's own column names, as its profile describes them.
    if let Some(p) = profielen.get(&b.levering.partij) {
        for kolom in &mut raw.header {
            if let Some(landelijk) = p.kolom(b.tabel, kolom) {
                *kolom = landelijk.to_string();
            }
        }
    }
    check_header(raw, kopregel, config, &mut gelezen, bevindingen);
    gelezen
}

/// The file set aside as a whole for `e`, its lines `regels` still counted.
fn onleesbaar(gelezen: &mut IngestedFile, config: &Config, regels: Rijen, e: table::TableError) {
    gelezen.rows = regels;
    gelezen.weigering = Some(bestand_bevinding(
        gelezen.bestand,
        Regel::BestandOnleesbaar,
        config.zwaarte(Regel::BestandOnleesbaar),
        (e.line > 0).then_some(e.line),
        None,
        None,
        format!("het bestand is geen leesbare tabel: {}", e.message),
    ));
}

/// The file as a table, with the line of its header (1, or 2 after Excel's `sep=`
/// line); `None` when it is no table, the refusal and the lines it counts then in
/// `gelezen`.
fn parse(
    bytes: &[u8],
    config: &Config,
    gelezen: &mut IngestedFile,
    bevindingen: &mut Bevindingen,
) -> Option<(RawTable, u64)> {
    let b = gelezen.bestand;
    if b.formaat == Formaat::Xlsx {
        let blad = b.blad.as_deref().unwrap_or(b.tabel.name());
        return match xlsx::parse(bytes, blad, &config.file.grenzen) {
            Ok(t) => Some((t, 1)),
            Err(e) => {
                // A workbook that cannot be opened has no rows that can be counted.
                onleesbaar(gelezen, config, Rijen::default(), e);
                None
            }
        };
    }
    let decoded = decode(bytes, config, gelezen, bevindingen)?;
    gelezen.ongeldige_tekens = decoded.ongeldig.clone();
    let (parsed, kopregel) = if b.formaat == Formaat::Json {
        (json::parse(&decoded.text), 1)
    } else {
        parse_csv(&decoded.text, config, b, bevindingen)
    };
    match parsed {
        Ok(t) => Some((t, kopregel)),
        Err(e) => {
            // CSV: every physical line counts as a row; JSON: the records cannot be
            // told apart, so none are counted and the finding names the line.
            let regels = if b.formaat == Formaat::Csv {
                // The lines after the header (after Excel's `sep=` line too).
                let mut regels = text::count_raw_rows(decoded.text.as_bytes());
                regels.retain(|(l, _)| *l > kopregel);
                als_regels(regels)
            } else {
                Rijen::default()
            };
            onleesbaar(gelezen, config, regels, e);
            None
        }
    }
}

/// The text of a file, its encoding reported when it is not plain UTF-8; `None`
/// when it is no text, the refusal and the raw lines then in `gelezen`.
fn decode<'t>(
    bytes: &'t [u8],
    config: &Config,
    gelezen: &mut IngestedFile,
    bevindingen: &mut Bevindingen,
) -> Option<text::Decoded<'t>> {
    let b = gelezen.bestand;
    let decoded = match text::decode(bytes) {
        Ok(d) => d,
        Err(e) => {
            gelezen.rows = als_regels(text::count_raw_rows(bytes));
            gelezen.weigering = Some(bestand_bevinding(
                b,
                Regel::Tekenset,
                config.zwaarte(Regel::Tekenset),
                Some(e.line),
                None,
                Some(format!("0x{:02X}", e.byte)),
                e.message,
            ));
            return None;
        }
    };
    let omgezet = match decoded.tekenset {
        text::Tekenset::Utf8 => None,
        text::Tekenset::Utf8Bom => Some(Regel::Utf8Bom),
        text::Tekenset::Utf16Le | text::Tekenset::Utf16Be => Some(Regel::Utf16),
        text::Tekenset::Windows1252 => Some(Regel::Windows1252),
    };
    if let Some(regel) = omgezet {
        bevindingen.add(bestand_bevinding(
            b,
            regel,
            config.zwaarte(regel),
            None,
            None,
            None,
            regel.omschrijving().into(),
        ));
    }
    Some(decoded)
}

/// CSV text as a table in its own dialect: Excel's `sep=` line or the sniffed
/// delimiter, both reported; with the line of the header.
fn parse_csv(
    tekst: &str,
    config: &Config,
    b: &Bestand,
    bevindingen: &mut Bevindingen,
) -> (std::result::Result<RawTable, table::TableError>, u64) {
    let mut kopregel = 1;
    // Excel's `sep=;` line declares the delimiter; the header follows it.
    let (delimiter, rest) = match table::excel_sep(tekst) {
        Some((d, rest)) => {
            kopregel = 2;
            bevindingen.add(bestand_bevinding(
                b,
                Regel::ExcelSep,
                config.zwaarte(Regel::ExcelSep),
                Some(1),
                None,
                Some(tekst[..tekst.len() - rest.len()].to_string()),
                Regel::ExcelSep.omschrijving().into(),
            ));
            (d, rest)
        }
        None => (table::sniff_delimiter(tekst), tekst),
    };
    if delimiter != b',' {
        let naam = match delimiter {
            b';' => "puntkomma",
            b'|' => "verticale streep",
            _ => "tab",
        };
        bevindingen.add(bestand_bevinding(
            b,
            Regel::Scheidingsteken,
            config.zwaarte(Regel::Scheidingsteken),
            None,
            None,
            Some(naam.into()),
            format!("scheidingsteken {naam} herkend"),
        ));
    }
    (table::parse(rest, delimiter), kopregel)
}

/// The header against the exchange format: a column named twice refuses the file,
/// a column outside the format is kept aside and reported, a missing required
/// column refuses the file. The rows go to `gelezen` either way, to be counted.
fn check_header(
    raw: RawTable,
    kopregel: u64,
    config: &Config,
    gelezen: &mut IngestedFile,
    bevindingen: &mut Bevindingen,
) {
    let b = gelezen.bestand;
    let tekens = config.file.grenzen.rapport_waarde_tekens;
    if let Some(melding) = dubbele_kolom(&raw.header, tekens) {
        gelezen.rows = raw.rows;
        gelezen.weigering = Some(bestand_bevinding(
            b,
            Regel::BestandOnleesbaar,
            config.zwaarte(Regel::BestandOnleesbaar),
            Some(kopregel),
            None,
            None,
            melding,
        ));
        return;
    }
    gelezen.header = raw.header.clone();
    gelezen.rows = raw.rows;
    gelezen.geparsed = true;
    let bekend: Vec<&str> = kolommen(b.tabel).map(|(k, _)| k).collect();
    for kolom in &raw.header {
        if !bekend.contains(&kolom.as_str()) {
            gelezen.extra.push(kolom.clone());
            bevindingen.add(bestand_bevinding(
                b,
                Regel::OnbekendeKolom,
                config.zwaarte(Regel::OnbekendeKolom),
                Some(kopregel),
                Some(kolom),
                None,
                "kolom hoort niet bij het aanleverformaat; niet gebruikt".into(),
            ));
        }
    }
    // A JSON array without records (`[]`) has no keys, hence no header: it is a
    // delivery of zero rows, not a file without its required columns.
    let zonder_records =
        b.formaat == Formaat::Json && raw.header.is_empty() && gelezen.rows.is_empty();
    let ontbrekend: Vec<&str> = kolommen(b.tabel)
        .filter(|_| !zonder_records)
        .filter(|(k, req)| *req && !raw.header.iter().any(|h| h == k))
        .map(|(k, _)| k)
        .collect();
    if !ontbrekend.is_empty() {
        let mut f = bestand_bevinding(
            b,
            Regel::KolomOntbreekt,
            config.zwaarte(Regel::KolomOntbreekt),
            Some(kopregel),
            Some(&ontbrekend.join(", ")),
            None,
            format!(
                "verplichte kolom(men) {} ontbreken in de kopregel; gevonden: {}",
                ontbrekend.join(", "),
                gevonden_kolommen(&raw.header, tekens)
            ),
        );
        // Without the column no row can be read: the file is refused regardless.
        f.zwaarte = Zwaarte::Weigeren;
        gelezen.weigering = Some(f);
    }
}

/// The columns a header has, for a message: the first [`KOLOMMEN_IN_MELDING`] and how
/// many more, so a corrupt header of 200,000 names does not become the message.
fn gevonden_kolommen(header: &[String], tekens: usize) -> String {
    let mut s = header
        .iter()
        .take(KOLOMMEN_IN_MELDING)
        .map(|k| crate::display::afgekort(k, tekens))
        .collect::<Vec<_>>()
        .join(", ");
    if header.len() > KOLOMMEN_IN_MELDING {
        s.push_str(&format!(
            " … en nog {} kolommen",
            header.len() - KOLOMMEN_IN_MELDING
        ));
    }
    s
}

/// Columns of a header a message names.
const KOLOMMEN_IN_MELDING: usize = 30;

/// The lines of a file that is no table, each as a row of one field, so they are
/// counted and set aside with their text.
fn als_regels(regels: Vec<(u64, String)>) -> Rijen {
    let mut rijen = Rijen::default();
    for (line, tekst) in &regels {
        // One line never holds 4 GiB: the file limits of [grenzen] come first.
        let _ = rijen.push(*line, [tekst.as_str()]);
    }
    rijen
}

/// Two columns with the same name (after case, white space and the profile's
/// renaming): which one holds the value would be a guess, so the file is not read.
/// Each name is normalised once and looked up in a map, so a header of 200,000
/// names costs as much as their bytes, not their number squared.
fn dubbele_kolom(header: &[String], tekens: usize) -> Option<String> {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let mut gezien: foldhash::HashMap<String, usize> = foldhash::HashMap::default();
    for (j, kolom) in header.iter().enumerate() {
        if kolom.trim().is_empty() {
            continue;
        }
        let n = norm(kolom);
        if let Some(&i) = gezien.get(&n) {
            return Some(format!(
                "de kolom `{}` staat twee keer in de kopregel (kolom {} en kolom {}); welke de waarde draagt is niet te zeggen: lever de kolom één keer aan",
                crate::display::afgekort(&n, tekens),
                i + 1,
                j + 1
            ));
        }
        gezien.insert(n, j);
    }
    None
}
