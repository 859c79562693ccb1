//! Parquet out and back: tables written as polars' own writer writes them (zstd,
//! full statistics, its row groups), a word column's dictionary made from its word
//! numbers instead of by hashing every value.

use std::ops::Range;
use std::path::Path;

use polars::io::parquet::write::BatchedWriter;
use polars::prelude::*;
use polars_arrow::array::{Array, MutableBinaryViewArray, Utf8ViewArray};
use polars_arrow::bitmap::Bitmap;
use polars_parquet::write::{
    array_to_columns, compress, get_dtype_encoding, CompressedPage, DynIter, DynStreamingIterator,
    Encoding, FallibleStreamingIterator, Page, ParquetType, RowGroupIterColumns, WriteOptions,
};

use super::{from_df, to_df, Frame, Values};
use crate::error::{Error, Result};

/// polars' default row group size: a table is written in groups of about this many
/// rows.
const RIJGROEP: usize = 512 * 512;

/// The row groups polars writes a table of `hoogte` rows in: as many groups of
/// 512² rows as fit, the rows spread evenly and the last group taking the rest.
/// Writing a table part by part in these groups gives the same file as writing it
/// whole.
pub fn rijgroepen(hoogte: usize) -> Vec<std::ops::Range<usize>> {
    let n = hoogte / RIJGROEP;
    if n <= 1 {
        return std::iter::once(0..hoogte).collect();
    }
    let grootte = hoogte / n;
    (0..n)
        .map(|i| {
            i * grootte..if i + 1 == n {
                hoogte
            } else {
                (i + 1) * grootte
            }
        })
        .collect()
}

/// What a Parquet file is written from.
pub enum Inhoud<'x> {
    /// A table built whole.
    Geheel(&'x Frame),
    /// A table of this many rows, built one row group at a time (`rijgroepen`):
    /// only one group's columns are held, where the whole table would be a GiB.
    Delen(
        usize,
        &'x (dyn Fn(std::ops::Range<usize>) -> Result<Frame> + Sync),
    ),
}

/// A written file's size and sha256, taken from its bytes as they were written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Afdruk {
    pub bytes: u64,
    pub sha256: String,
}

/// A writer that hashes what passes through it: a file's sha256 without reading
/// it back (the one file's restricted controles: 200 MB read and hashed on one
/// core after the rest of publish was done).
struct Gehasht<W> {
    binnen: W,
    hash: sha2::Sha256,
    bytes: u64,
}

impl<W: std::io::Write> std::io::Write for Gehasht<W> {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        use sha2::Digest;
        let n = self.binnen.write(b)?;
        self.hash.update(&b[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.binnen.flush()
    }
}

impl<W> Gehasht<W> {
    fn afdruk(self) -> Afdruk {
        use sha2::Digest;
        Afdruk {
            bytes: self.bytes,
            sha256: format!("{:x}", self.hash.finalize()),
        }
    }
}

/// Write a table as Parquet: zstd, full column statistics, and one key-value
/// metadata entry per `metadata` pair. `controleer` sees the table's first (or
/// only) part before anything is written; returns its columns' names and types,
/// and the file's size and sha256.
pub fn write_parquet(
    path: &Path,
    inhoud: &Inhoud,
    metadata: &[(String, String)],
    controleer: &dyn Fn(&Frame) -> Result<()>,
) -> Result<(Vec<(String, &'static str)>, Afdruk)> {
    let groepen = match inhoud {
        Inhoud::Geheel(_) => Vec::new(),
        Inhoud::Delen(hoogte, _) => rijgroepen(*hoogte),
    };
    let eerste_deel;
    let eerste: &Frame = match inhoud {
        Inhoud::Geheel(f) => f,
        Inhoud::Delen(_, deel) => {
            eerste_deel = deel(groepen.first().cloned().unwrap_or(0..0))?;
            &eerste_deel
        }
    };
    controleer(eerste)?;
    let typen = eerste
        .columns
        .iter()
        .map(|c| (c.name.clone(), c.values.type_name()))
        .collect();
    let mut df = to_df(eerste)?;
    // polars embeds its Arrow schema at the newest level (string_view), which
    // pyarrow before 16 and R arrow of that age cannot parse. The Parquet columns
    // are plain UTF8 either way; given an `ARROW:schema` entry, polars keeps it, so
    // the embedded schema is the oldest level's (large_string).
    let arrow =
        polars_parquet::write::schema_to_metadata_key(&df.schema().to_arrow(CompatLevel::oldest()));
    let mut kv = Vec::with_capacity(metadata.len() + 1);
    kv.push((arrow.key, arrow.value.unwrap_or_default()));
    kv.extend(metadata.iter().cloned());
    let file = std::fs::File::create(path).map_err(|e| Error::write(path, e))?;
    let mut w = std::io::BufWriter::new(Gehasht {
        binnen: file,
        hash: sha2::Sha256::default(),
        bytes: 0,
    });
    let schrijver = ParquetWriter::new(&mut w)
        .with_compression(ParquetCompression::Zstd(None))
        .with_statistics(StatisticsOptions::full())
        .with_key_value_metadata(Some(KeyValueMetadata::from_static(kv)));
    match inhoud {
        Inhoud::Delen(_, deel) => {
            let batched = schrijver.batched(df.schema())?;
            schrijf_rijgroepen(&batched, &groepen, eerste, &df, deel)?;
            batched.finish()?;
        }
        Inhoud::Geheel(_) => {
            schrijver.finish(&mut df)?;
        }
    }
    let gehasht = w
        .into_inner()
        .map_err(|e| Error::write(path, e.into_error()))?;
    Ok((typen, gehasht.afdruk()))
}

/// The row groups `groepen` of a table written in parts (`deel` builds one; the
/// first is `eerste`, already built, as `df`): built, encoded and compressed side
/// by side, and written in order.
fn schrijf_rijgroepen<W: std::io::Write + Send>(
    batched: &BatchedWriter<W>,
    groepen: &[Range<usize>],
    eerste: &Frame,
    df: &DataFrame,
    deel: &(dyn Fn(Range<usize>) -> Result<Frame> + Sync),
) -> Result<()> {
    use rayon::prelude::*;
    let codering = Codering::van(batched)?;
    // One group per thread at a time. Two or four groups per thread were slower
    // (one file: publish 3.0-3.4 and 4.1-4.8 s against 2.7-2.9): a group's
    // memory is used again while its pages are still mapped, not faulted in
    // afresh.
    let venster = rayon::current_num_threads().max(1);
    // Each window's groups are written (the kernel's copy into the page cache,
    // one thread) while the next window's are built.
    std::thread::scope(|s| -> Result<()> {
        let (naar_schrijver, te_schrijven) = std::sync::mpsc::sync_channel(1);
        let schrijver = s.spawn(|| -> Result<()> {
            for gecodeerd in te_schrijven {
                batched.write_row_groups(gecodeerd)?;
            }
            Ok(())
        });
        let mut gebouwd = Ok(());
        for (i, groepen) in groepen.chunks(venster).enumerate() {
            let gecodeerd = groepen
                .par_iter()
                .enumerate()
                .map(|(j, g)| {
                    if i == 0 && j == 0 {
                        return codering.rijgroepen(eerste, df);
                    }
                    let f = deel(g.clone())?;
                    codering.rijgroepen(&f, &to_df(&f)?)
                })
                .collect::<Result<Vec<_>>>();
            let gecodeerd: Vec<_> = match gecodeerd {
                Ok(g) => g.into_iter().flatten().collect(),
                Err(e) => {
                    gebouwd = Err(e);
                    break;
                }
            };
            // A send fails only when the writer stopped on an error,
            // which its join returns.
            if naar_schrijver.send(gecodeerd).is_err() {
                break;
            }
        }
        drop(naar_schrijver);
        let geschreven = schrijver
            .join()
            .map_err(|_| Error::Engine("the thread writing a Parquet file panicked".into()))?;
        gebouwd.and(geschreven)
    })
}

pub fn read_parquet(path: &Path) -> Result<Frame> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let df = ParquetReader::new(file).finish()?;
    from_df(&df)
}

/// What each row group is encoded with: the writer's own Parquet types, encodings
/// and options, as polars' `encode_and_compress` takes them.
struct Codering {
    typen: Vec<ParquetType>,
    coderingen: Vec<Vec<Encoding>>,
    opties: WriteOptions,
}

impl Codering {
    fn van<W: std::io::Write>(batched: &BatchedWriter<W>) -> Result<Codering> {
        let w = batched
            .get_writer()
            .lock()
            .map_err(|_| Error::Engine("the Parquet writer's lock is poisoned".into()))?;
        Ok(Codering {
            typen: w.parquet_schema().fields().to_vec(),
            coderingen: w
                .schema()
                .iter_values()
                .map(|f| get_dtype_encoding(&f.dtype))
                .collect(),
            opties: w.options(),
        })
    }

    /// The row groups of `frame`, converted as `df` (one per chunk, as polars
    /// makes them), encoded and compressed (`comprimeer`); a text column's
    /// dictionary made here (`tekstcodering`, `Woorden::codering`).
    fn rijgroepen(
        &self,
        frame: &Frame,
        df: &DataFrame,
    ) -> Result<Vec<RowGroupIterColumns<'static, PolarsError>>> {
        let mut groepen = Vec::new();
        let mut begin = 0;
        // The arrays as polars' writer encodes them (`encode_and_compress`): view
        // types become plain UTF8 columns either way; what old readers see is the
        // embedded Arrow schema, written at the oldest level in `write_parquet`.
        for batch in df.iter_chunks(CompatLevel::newest(), false) {
            let rijen = begin..begin + batch.len();
            begin = rijen.end;
            if rijen.is_empty() {
                continue;
            }
            use rayon::prelude::*;
            // The columns side by side (a table of one row group, most of them,
            // would otherwise keep one core busy), their pages in column order.
            let per_kolom = batch
                .columns()
                .par_iter()
                .zip(frame.columns.par_iter())
                .zip(self.typen.par_iter())
                .zip(self.coderingen.par_iter())
                .map(|(((array, c), type_), codering)| {
                    let tekst = match &c.values {
                        Values::Woorden(w) => w.codering(array.as_ref(), rijen.clone()),
                        _ => tekstcodering(array.as_ref()),
                    };
                    let t = type_.clone();
                    let pages = match (codering.as_slice(), tekst) {
                        ([Encoding::RleDictionary], Tekstcodering::Woordenboek(boek)) => {
                            array_to_columns(boek, t, self.opties, codering)?
                        }
                        ([Encoding::RleDictionary], Tekstcodering::Plat) => {
                            array_to_columns(array, t, self.opties, &[Encoding::Plain])?
                        }
                        _ => array_to_columns(array, t, self.opties, codering)?,
                    };
                    pages
                        .into_iter()
                        .map(|p| comprimeer(p, self.opties))
                        .collect::<PolarsResult<Vec<_>>>()
                })
                .collect::<PolarsResult<Vec<_>>>()?;
            let kolommen: Vec<_> = per_kolom.into_iter().flatten().map(Ok).collect();
            groepen.push(DynIter::new(kolommen.into_iter()));
        }
        Ok(groepen)
    }
}

/// A column's pages, each compressed as it is encoded, here: on the thread
/// that builds the row group, not the one thread that writes the file (polars'
/// writer compresses as it writes). The same bytes, as each page is compressed
/// alone, into a buffer of its own.
fn comprimeer(
    pages: DynIter<'static, PolarsResult<Page>>,
    opties: WriteOptions,
) -> PolarsResult<DynStreamingIterator<'static, CompressedPage, PolarsError>> {
    let gecomprimeerd = pages
        .map(|p| Ok(compress(p?, Vec::new(), opties.compression)?))
        .collect::<PolarsResult<Vec<CompressedPage>>>()?;
    Ok(DynStreamingIterator::new(Gecomprimeerd {
        pages: gecomprimeerd.into_iter(),
        huidig: None,
    }))
}

/// A column's compressed pages, handed to the writer one by one.
struct Gecomprimeerd {
    pages: std::vec::IntoIter<CompressedPage>,
    huidig: Option<CompressedPage>,
}

impl FallibleStreamingIterator for Gecomprimeerd {
    type Item = CompressedPage;
    type Error = PolarsError;

    fn advance(&mut self) -> PolarsResult<()> {
        self.huidig = self.pages.next();
        Ok(())
    }

    fn get(&self) -> Option<&CompressedPage> {
        self.huidig.as_ref()
    }
}

/// How a text column's rows go to Parquet.
enum Tekstcodering {
    /// polars' dictionary, made here.
    Woordenboek(Box<dyn Array>),
    /// Plain: polars would not make a dictionary.
    Plat,
    /// As polars' writer does it itself.
    Zelf,
}

/// polars' writer's choice (polars-parquet, `encode_as_dictionary_optional`): a
/// dictionary unless a column of more than 128 values has, by its estimate, over
/// three quarters distinct.
fn polars_kiest_woordenboek(n: usize, geschat: usize) -> bool {
    n <= 128 || geschat as f64 / n as f64 <= 0.75
}

/// polars' estimate of a column's distinct values (`estimate_cardinality`), from
/// its distinct values alone: a HyperLogLog sketch sees each value's hash, the same
/// however often it comes, and polars hashes a null as the empty text. So the
/// estimate is the one polars makes over every row, at the cost of a hash per
/// distinct value.
fn schatting(waarden: &Utf8ViewArray, n: usize, nulls: usize) -> usize {
    use polars_compute::cardinality::estimate_cardinality;
    if nulls == n {
        return 1;
    }
    if nulls == 0 {
        return estimate_cardinality(waarden);
    }
    let met_leeg: Utf8ViewArray =
        MutableBinaryViewArray::<str>::from_values_iter(waarden.values_iter().chain([""])).into();
    estimate_cardinality(&met_leeg)
}

/// The dictionary polars' writer makes of a text column of `n` rows: each
/// distinct value once, in the order of its first row (`waarden`), and each row's
/// key (a null row's key is not written; polars' builder leaves it 0); plain when
/// polars would not make one.
fn woordenboek(keys: Vec<u32>, validity: Option<&Bitmap>, waarden: Utf8ViewArray) -> Tekstcodering {
    use polars_arrow::array::{DictionaryArray, PrimitiveArray};
    use polars_arrow::datatypes::{ArrowDataType, IntegerType};
    let (n, nulls) = (keys.len(), validity.map_or(0, |v| v.unset_bits()));
    if !polars_kiest_woordenboek(n, schatting(&waarden, n, nulls)) {
        return Tekstcodering::Plat;
    }
    let validity = validity.filter(|_| nulls > 0).cloned();
    match DictionaryArray::<u32>::try_new(
        ArrowDataType::Dictionary(
            IntegerType::UInt32,
            Box::new(ArrowDataType::Utf8View),
            false,
        ),
        PrimitiveArray::new(ArrowDataType::UInt32, keys.into(), validity),
        waarden.boxed(),
    ) {
        Ok(boek) => Tekstcodering::Woordenboek(boek.boxed()),
        Err(_) => Tekstcodering::Zelf,
    }
}

/// Whether most of a column's first rows have a view of their own (an id
/// column): then polars' estimate over every row is asked first, before a
/// dictionary is made that would go unused.
fn veel_verschillend(tekst: &Utf8ViewArray) -> bool {
    let proef = &tekst.views()[..tekst.len().min(1024)];
    let verschillend: foldhash::HashSet<u128> = proef.iter().map(|v| v.as_u128()).collect();
    4 * verschillend.len() > 3 * proef.len()
}

/// A text column's dictionary, made with a lookup per row of its 16-byte view
/// instead of a hash of its text: the record tables hold a repeated value (a
/// file's name, a code) once and each row's view of it alike, so a value's text
/// is hashed once per view, not once per row.
fn tekstcodering(array: &dyn Array) -> Tekstcodering {
    let Some(tekst) = array.as_any().downcast_ref::<Utf8ViewArray>() else {
        return Tekstcodering::Zelf;
    };
    let n = tekst.len();
    if n == 0 {
        // polars writes an empty dictionary on a path of its own.
        return Tekstcodering::Zelf;
    }
    if veel_verschillend(tekst) {
        let geschat = polars_compute::cardinality::estimate_cardinality(tekst);
        if !polars_kiest_woordenboek(n, geschat) {
            return Tekstcodering::Plat;
        }
    }
    let mut per_view: foldhash::HashMap<u128, u32> = foldhash::HashMap::default();
    let mut per_waarde: foldhash::HashMap<&str, u32> = foldhash::HashMap::default();
    let mut waarden: MutableBinaryViewArray<str> = MutableBinaryViewArray::new();
    // Rows come in runs of one value (a file's rows, one party's): the run's
    // key without a lookup.
    let mut vorige: Option<(u128, u32)> = None;
    let keys: Vec<u32> = (0..n)
        .map(|r| {
            if tekst.is_null(r) {
                return 0;
            }
            let view = tekst.views()[r].as_u128();
            match vorige {
                Some((v, k)) if v == view => k,
                _ => {
                    let k = *per_view.entry(view).or_insert_with(|| {
                        let waarde = tekst.value(r);
                        *per_waarde.entry(waarde).or_insert_with(|| {
                            waarden.push_value(waarde);
                            (waarden.len() - 1) as u32
                        })
                    });
                    vorige = Some((view, k));
                    k
                }
            }
        })
        .collect();
    woordenboek(keys, tekst.validity(), waarden.into())
}

impl super::Woorden {
    /// Rows `rijen` of this column as polars' writer would encode `array` (the
    /// same rows as text): the dictionary made from the words' numbers, as a
    /// word list holds each word once.
    fn codering(&self, array: &dyn Array, rijen: Range<usize>) -> Tekstcodering {
        let Some(tekst) = array.as_any().downcast_ref::<Utf8ViewArray>() else {
            return Tekstcodering::Zelf;
        };
        if tekst.is_empty() || tekst.len() != rijen.len() || tekst.null_count() > 0 {
            return Tekstcodering::Zelf;
        }
        let (keys, woorden) = self.sleutels(&self.index[rijen]);
        let waarden = self.lijst.kolom(woorden.into_iter());
        let waarden = waarden.0.downcast_iter().next().cloned();
        match waarden {
            Some(w) => woordenboek(keys, None, w),
            None => Tekstcodering::Zelf,
        }
    }

    /// Each row's key in the dictionary of `index` (the words in the order of
    /// their first row) and the words it holds. A list no longer than the rows
    /// numbers its words in a table indexed by word: a load per row instead of a
    /// hash lookup (a large table's code columns, a row group at a time).
    fn sleutels(&self, index: &[u32]) -> (Vec<u32>, Vec<usize>) {
        let mut woorden: Vec<usize> = Vec::new();
        let mut nieuw = |i: u32| {
            woorden.push(i as usize);
            (woorden.len() - 1) as u32
        };
        let keys = if self.lijst.len() <= index.len() {
            let mut sleutel = vec![u32::MAX; self.lijst.len()];
            index
                .iter()
                .map(|&i| match sleutel[i as usize] {
                    u32::MAX => {
                        let k = nieuw(i);
                        sleutel[i as usize] = k;
                        k
                    }
                    k => k,
                })
                .collect()
        } else {
            let mut sleutel: foldhash::HashMap<u32, u32> = foldhash::HashMap::default();
            index
                .iter()
                .map(|&i| *sleutel.entry(i).or_insert_with(|| nieuw(i)))
                .collect()
        };
        (keys, woorden)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::engine::{Column, Tekst, Woorden, Woordenlijst};

    /// The bytes of `frame` written as Parquet, whole (polars' own writer) or in
    /// parts (the engine's row groups, each text column's dictionary its own).
    fn geschreven(frame: &Frame, in_delen: bool) -> Vec<u8> {
        let map = tempfile::tempdir().expect("a temporary folder");
        let pad = map.path().join("t.parquet");
        let deel = |r: Range<usize>| -> Result<Frame> {
            let columns = frame
                .columns
                .iter()
                .map(|c| Column {
                    name: c.name.clone(),
                    values: match &c.values {
                        Values::Tekst(t) => {
                            Values::Tekst(t.iter().skip(r.start).take(r.len()).collect())
                        }
                        Values::Woorden(w) => Values::Woorden(Woorden::new(
                            Arc::clone(&w.lijst),
                            w.index[r.clone()].to_vec(),
                        )),
                        Values::I32(v) => Values::I32(v[r.clone()].to_vec()),
                        _ => unreachable!("the test's frames hold text and numbers"),
                    },
                })
                .collect();
            Ok(Frame { columns })
        };
        let inhoud = if in_delen {
            Inhoud::Delen(frame.height(), &deel)
        } else {
            Inhoud::Geheel(frame)
        };
        let (_, afdruk) = write_parquet(&pad, &inhoud, &[], &|_| Ok(())).expect("written");
        let bytes = std::fs::read(&pad).expect("read back");
        // The size and hash taken while writing are the file's.
        assert_eq!(
            afdruk,
            Afdruk {
                bytes: bytes.len() as u64,
                sha256: crate::ingest::sha256_hex(&bytes),
            }
        );
        bytes
    }

    /// A frame of `rijen` rows: a pseudonym picked from `woorden` words of 64
    /// bytes (a few short enough to live in their views) by a fixed scramble of
    /// the row, as text and as the restricted release holds it (`Woorden`); a file's
    /// name of a few, repeated; a code with a null in every 11 rows; an id per
    /// row; a number. And a file's name at its own place in each row, empty text
    /// beside nulls, and nulls only.
    fn tabel(rijen: usize, woorden: usize) -> Frame {
        let woord = |i: usize| {
            if i % 97 == 3 {
                format!("kort{i}")
            } else {
                format!("{:064x}", (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15))
            }
        };
        let lijst: Woordenlijst = (0..woorden).map(woord).collect();
        let keuze = |r: usize| ((r as u64 * 7_919 + r as u64 / 3) % woorden as u64) as usize;
        let bestanden = ["2024/GM0344/controles.csv", "2025/GM0344/controles.csv"];
        let mut f = Frame::default();
        f.push(
            "pseudoniem",
            Values::Tekst(lijst.kolom((0..rijen).map(keuze))),
        );
        let index = (0..rijen).map(|r| keuze(r) as u32).collect();
        f.push(
            "object_id",
            Values::Woorden(Woorden::new(Arc::new(lijst), index)),
        );
        f.push(
            "bron_bestand",
            Values::Tekst((0..rijen).map(|r| Some(bestanden[r / 1_000 % 2])).collect()),
        );
        let codes = ["periodieke_controle", "hercontrole", "klacht"];
        f.push(
            "controletype",
            Values::Tekst(
                (0..rijen)
                    .map(|r| (r % 11 != 5).then_some(codes[r % 3]))
                    .collect::<Tekst>(),
            ),
        );
        // The same long value at a place of its own in every row: the views differ.
        let kopie: Vec<&str> = (0..rijen).map(|r| bestanden[r % 2]).collect();
        let eind: Vec<u64> = kopie
            .iter()
            .scan(0, |n, w| {
                *n += w.len() as u64;
                Some(*n)
            })
            .collect();
        f.push(
            "kopie",
            Values::Tekst(Tekst::uit_buffer(kopie.concat(), &eind)),
        );
        // Empty text beside nulls, and a column of nulls only.
        let opmerking = |r: usize| match r % 4 {
            0 => None,
            1 => Some(""),
            _ => Some("zie bijlage bij het rapport"),
        };
        f.push(
            "opmerking",
            Values::Tekst((0..rijen).map(opmerking).collect()),
        );
        f.push(
            "leeg",
            Values::Tekst((0..rijen).map(|_| None::<&str>).collect()),
        );
        let ids: Vec<String> = (0..rijen).map(|r| format!("C2024-{r:08}")).collect();
        f.push("controle_id", Values::Tekst(ids.iter().map(Some).collect()));
        f.push(
            "jaar",
            Values::I32((0..rijen).map(|r| Some(2020 + (r % 5) as i32)).collect()),
        );
        f
    }

    #[test]
    fn a_row_groups_keys_number_its_words_by_first_row_with_a_table_or_a_map() {
        // By hand: words 2, 0, 2, 1, 0 get keys 0, 1, 0, 2, 1 and the dictionary
        // is 2, 0, 1. Three words: numbered in a table (no more words than
        // rows); eight: in a map.
        for n in [3, 8] {
            let lijst: Woordenlijst = (0..n).map(|i| format!("w{i}")).collect();
            let woorden = Woorden::new(Arc::new(lijst), Vec::new());
            let (keys, woordenboek) = woorden.sleutels(&[2, 0, 2, 1, 0]);
            assert_eq!(keys, [0, 1, 0, 2, 1], "{n} words");
            assert_eq!(woordenboek, [2, 0, 1], "{n} words");
        }
    }

    #[test]
    fn text_columns_own_dictionaries_write_the_bytes_polars_writes() {
        // Two row groups of 512² rows and a few more, with few words (a dictionary
        // in every group) and with every row its own word (no dictionary: over
        // three quarters distinct); one group likewise; 100 rows of their own
        // words (a dictionary all the same: 128 rows or fewer); about three
        // quarters distinct, where the estimate decides; no rows.
        let twee = 2 * 512 * 512 + 7;
        for (rijen, woorden) in [
            (twee, 50_000),
            (twee, twee),
            (1_000, 900),
            (1_000, 20),
            (20_000, 14_000),
            (20_000, 15_000),
            (20_000, 16_000),
            (100, 100),
            (0, 1),
        ] {
            let f = tabel(rijen, woorden);
            let polars = geschreven(&f, false);
            assert_eq!(
                geschreven(&f, true),
                polars,
                "{rijen} rows of {woorden} words"
            );
            // The file holds the words, read back as text.
            let map = tempfile::tempdir().expect("a temporary folder");
            let pad = map.path().join("t.parquet");
            std::fs::write(&pad, &polars).expect("written");
            let terug = read_parquet(&pad).expect("read");
            for naam in [
                "pseudoniem",
                "object_id",
                "bron_bestand",
                "controletype",
                "kopie",
                "opmerking",
                "leeg",
            ] {
                let verwacht: Option<Vec<Option<String>>> = match f.column(naam) {
                    Some(Values::Tekst(t)) => {
                        Some(t.iter().map(|x| x.map(str::to_string)).collect())
                    }
                    Some(Values::Woorden(w)) => {
                        Some(w.tekst().iter().map(|x| x.map(str::to_string)).collect())
                    }
                    _ => None,
                };
                assert_eq!(terug.str(naam).map(<[_]>::to_vec), verwacht, "{naam}");
            }
        }
    }

    #[test]
    fn the_estimate_from_the_distinct_values_is_polars_estimate_over_every_row() {
        use polars_compute::cardinality::estimate_cardinality;
        // (rows, distinct values, a null every so many rows (0: none)).
        for (rijen, verschillend, null_elke) in [
            (262_144, 200_000, 0),
            (262_144, 5_000, 13),
            (10_000, 300, 7),
            (50, 50, 0),
            (1_000, 1, 1),
            (1_000, 3, 0),
        ] {
            let waarde = |r: usize| match r * 7_919 % verschillend {
                0 => String::new(),
                w => format!("waarde-{w}"),
            };
            let rij = |r: usize| (null_elke == 0 || r % null_elke != 0).then(|| waarde(r));
            let alle: Utf8ViewArray = (0..rijen)
                .map(rij)
                .collect::<MutableBinaryViewArray<str>>()
                .into();
            let mut gezien = std::collections::HashSet::new();
            let distinct: Utf8ViewArray = MutableBinaryViewArray::<str>::from_values_iter(
                alle.iter()
                    .flatten()
                    .filter(|w| gezien.insert(w.to_string())),
            )
            .into();
            assert_eq!(
                schatting(&distinct, rijen, alle.null_count()),
                estimate_cardinality(&alle),
                "{rijen} rows, {verschillend} values, a null every {null_elke}"
            );
        }
    }
}
