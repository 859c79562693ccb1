//! The only module that talks to polars: the pipeline's own column types in, SQL
//! over registered tables, Parquet out and back (`parquet.rs`). A polars upgrade
//! should touch this folder alone.

use chrono::NaiveDate;
use polars::prelude::*;
use polars::sql::SQLContext;
use polars_arrow::array::{Utf8ViewArray, View};
use polars_arrow::bitmap::MutableBitmap;
use polars_buffer::Buffer;

use crate::error::{Error, Result};

mod parquet;
pub use parquet::{read_parquet, rijgroepen, write_parquet, Inhoud};

/// A column of text built from borrowed values (the record datasets), held as the
/// engine holds text: no String per cell, and no second copy when the table is
/// registered or written.
#[derive(Debug, Clone)]
pub struct Tekst(StringChunked);

impl Tekst {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, k: usize) -> Option<&str> {
        self.0.get(k)
    }

    pub fn iter(&self) -> impl Iterator<Item = Option<&str>> + '_ {
        self.0.iter()
    }
}

impl Tekst {
    /// The values of `tekst` that end at each of `eind` (each begins where the
    /// one before ends). A view per value; when every value is too long for its
    /// view and the text holds nothing else, the text becomes the column's buffer
    /// without a copy (an id column).
    pub fn uit_buffer(tekst: String, eind: &[u64]) -> Tekst {
        let bereik = |i: usize| {
            let begin = if i == 0 { 0 } else { eind[i - 1] as usize };
            (begin, eind[i] as usize)
        };
        // Each value is a stretch of the text between char boundaries, in order.
        assert!(
            (0..eind.len()).all(|i| {
                let (b, e) = bereik(i);
                b <= e && tekst.is_char_boundary(e)
            }),
            "uit_buffer: the ends do not cut the text into its values"
        );
        if u32::try_from(tekst.len()).is_err() {
            // A view's offset is 32 bits: beyond 4 GiB the builder splits the text.
            return (0..eind.len())
                .map(|i| {
                    let (b, e) = bereik(i);
                    Some(&tekst[b..e])
                })
                .collect();
        }
        let lang = |(b, e): (usize, usize)| e - b > View::MAX_INLINE_SIZE as usize;
        let lange_bytes: usize = (0..eind.len())
            .map(bereik)
            .filter(|&r| lang(r))
            .map(|(b, e)| e - b)
            .sum();
        let bytes = tekst.into_bytes();
        // The text is the buffer as it is when every value needs it and it holds
        // nothing more; else only the long values are copied into one (short ones
        // live in their views).
        let eigen = lange_bytes == bytes.len() && bytes.capacity() == bytes.len();
        let mut buffer: Vec<u8> = if eigen {
            Vec::new()
        } else {
            Vec::with_capacity(lange_bytes)
        };
        let views: Vec<View> = (0..eind.len())
            .map(|i| {
                let (b, e) = bereik(i);
                let w = &bytes[b..e];
                if !lang((b, e)) {
                    View::new_inline(w)
                } else if eigen {
                    View::new_from_bytes(w, 0, b as u32)
                } else {
                    let v = View::new_from_bytes(w, 0, buffer.len() as u32);
                    buffer.extend_from_slice(w);
                    v
                }
            })
            .collect();
        let buffer = if eigen { bytes } else { buffer };
        // The values tile the text from its start: together as long as up to the
        // last end.
        let waarden = eind.last().map_or(0, |&e| e as usize);
        // SAFETY: the bytes are a String's and every value lies between char
        // boundaries (checked above); each view was made from its bytes, inline or
        // at its offset in the one buffer.
        unsafe { tekst_van_views(views, Buffer::from(buffer), waarden) }
    }
}

/// A column of `views` into one `buffer` (empty when every value is inline),
/// `waarden` bytes of values in all, none absent.
///
/// # Safety
/// Each view is inline or points at its value's bytes in `buffer` (index 0), and
/// every value is UTF-8.
unsafe fn tekst_van_views(views: Vec<View>, buffer: Buffer<u8>, waarden: usize) -> Tekst {
    // SAFETY: as the caller promises.
    unsafe { tekst_van_views_met(views, None, buffer, waarden) }
}

/// As [`tekst_van_views`], a row absent where `geldig` has its bit unset.
///
/// # Safety
/// As [`tekst_van_views`]; `geldig` has one bit per view.
unsafe fn tekst_van_views_met(
    views: Vec<View>,
    geldig: Option<MutableBitmap>,
    buffer: Buffer<u8>,
    waarden: usize,
) -> Tekst {
    let lengte = buffer.len();
    let buffers: Vec<Buffer<u8>> = if lengte == 0 {
        Vec::new()
    } else {
        vec![buffer]
    };
    // SAFETY: as the caller promises; one buffer.
    let array = unsafe {
        Utf8ViewArray::new_unchecked(
            polars_arrow::datatypes::ArrowDataType::Utf8View,
            Buffer::from(views),
            Buffer::from(buffers),
            geldig.map(Into::into),
            Some(waarden),
            lengte,
        )
    };
    Tekst(StringChunked::with_chunk(PlSmallStr::EMPTY, array))
}

impl PartialEq for Tekst {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<S: AsRef<str>> FromIterator<Option<S>> for Tekst {
    fn from_iter<I: IntoIterator<Item = Option<S>>>(iter: I) -> Self {
        TekstBouwer::uit(iter).af()
    }
}

/// Distinct texts stored once, for columns that pick one of them per row (the
/// pseudonym of each row's object): a row costs its view, not a copy of its text.
pub struct Woordenlijst {
    buffer: Buffer<u8>,
    views: Vec<View>,
}

impl Woordenlijst {
    pub fn len(&self) -> usize {
        self.views.len()
    }

    pub fn is_empty(&self) -> bool {
        self.views.is_empty()
    }

    /// The column of word `i` for each index, in order.
    pub fn kolom(&self, index: impl ExactSizeIterator<Item = usize>) -> Tekst {
        self.kolom_opt(index.map(Some))
    }

    /// As [`Woordenlijst::kolom`], a row without a word absent: the same array
    /// as [`TekstBouwer`] builds from the words (a validity only when a row is
    /// absent).
    pub fn kolom_opt(&self, index: impl ExactSizeIterator<Item = Option<usize>>) -> Tekst {
        let n = index.len();
        let mut views = Vec::with_capacity(n);
        let mut geldig: Option<MutableBitmap> = None;
        let mut bytes_totaal = 0;
        for (r, i) in index.enumerate() {
            match i {
                Some(i) => {
                    let v = self.views[i];
                    bytes_totaal += v.length as usize;
                    views.push(v);
                    if let Some(g) = &mut geldig {
                        g.push(true);
                    }
                }
                None => {
                    views.push(View::default());
                    geldig
                        .get_or_insert_with(|| {
                            let mut g = MutableBitmap::with_capacity(n);
                            g.extend_constant(r, true);
                            g
                        })
                        .push(false);
                }
            }
        }
        // SAFETY: every view was made from the bytes of a &str, inline or at its
        // offset in the one buffer; the validity has a bit per view.
        unsafe { tekst_van_views_met(views, geldig, self.buffer.clone(), bytes_totaal) }
    }
}

impl<S: AsRef<str>> FromIterator<S> for Woordenlijst {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        let mut bytes: Vec<u8> = Vec::new();
        let mut views = Vec::new();
        for w in iter {
            let b = w.as_ref().as_bytes();
            if b.len() <= View::MAX_INLINE_SIZE as usize {
                views.push(View::new_inline(b));
            } else {
                // One buffer: a list of more than 4 GiB of text is not expected
                // (pseudonyms are 64 bytes an object).
                views.push(View::new_from_bytes(b, 0, bytes.len() as u32));
                bytes.extend_from_slice(b);
            }
        }
        Woordenlijst {
            buffer: Buffer::from(bytes),
            views,
        }
    }
}

/// A column that picks a word of a list per row (each row's pseudonym): the words
/// are the list's, stored once, and each row holds its word's number, from which a
/// Parquet row group's dictionary is made without hashing a word per row. The
/// list's words are distinct (a pseudonym per object), so a number is a word.
#[derive(Clone)]
pub struct Woorden {
    lijst: std::sync::Arc<Woordenlijst>,
    index: Vec<u32>,
}

impl Woorden {
    pub fn new(lijst: std::sync::Arc<Woordenlijst>, index: Vec<u32>) -> Woorden {
        Woorden { lijst, index }
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The column as text: a view per row.
    pub fn tekst(&self) -> Tekst {
        self.lijst.kolom(self.index.iter().map(|&i| i as usize))
    }
}

impl std::fmt::Debug for Woorden {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Woorden").field(&self.tekst()).finish()
    }
}

impl PartialEq for Woorden {
    fn eq(&self, other: &Self) -> bool {
        self.tekst() == other.tekst()
    }
}

/// Text built value by value into a view array in which a long value that
/// repeats (a code, the file a row came from: the same few values for millions of
/// rows) is stored once and its view repeated, where polars' builder would copy it
/// for every row. A small cache keyed by the value's address finds repeats; a hit
/// is checked byte for byte, so an address reused for other text is never
/// mistaken.
struct TekstBouwer {
    views: Vec<View>,
    geldig: Option<MutableBitmap>,
    klaar: Vec<Buffer<u8>>,
    bezig: Vec<u8>,
    cache: [(usize, View); TekstBouwer::PLEKKEN],
    bytes_totaal: usize,
}

impl TekstBouwer {
    const PLEKKEN: usize = 64;
    /// A buffer's offsets are u32: a new one starts well before.
    const BUFFER_GRENS: usize = 1 << 30;

    fn met_ruimte(n: usize) -> TekstBouwer {
        TekstBouwer {
            views: Vec::with_capacity(n),
            geldig: None,
            klaar: Vec::new(),
            bezig: Vec::new(),
            cache: [(0, View::default()); TekstBouwer::PLEKKEN],
            bytes_totaal: 0,
        }
    }

    fn push(&mut self, w: Option<&str>) {
        let Some(w) = w else {
            let n = self.views.len();
            self.views.push(View::default());
            let ruimte = self.views.capacity();
            self.geldig
                .get_or_insert_with(|| {
                    let mut b = MutableBitmap::with_capacity(ruimte);
                    b.extend_constant(n, true);
                    b
                })
                .push(false);
            return;
        };
        let b = w.as_bytes();
        self.bytes_totaal += b.len();
        if let Some(g) = &mut self.geldig {
            g.push(true);
        }
        if b.len() <= View::MAX_INLINE_SIZE as usize {
            self.views.push(View::new_inline(b));
            return;
        }
        let adres = b.as_ptr() as usize;
        // Two places per address: two values that alternate (a file name and a
        // code) never push each other out, whatever their addresses.
        let set = (adres >> 3) % (TekstBouwer::PLEKKEN / 2) * 2;
        if let Some(eerder) = [set, set + 1]
            .into_iter()
            .find_map(|plek| self.eerder(plek, adres, b))
        {
            self.views.push(eerder);
            return;
        }
        if self.bezig.len() + b.len() > TekstBouwer::BUFFER_GRENS {
            self.klaar
                .push(Buffer::from(std::mem::take(&mut self.bezig)));
        }
        let view = View::new_from_bytes(b, self.klaar.len() as u32, self.bezig.len() as u32);
        self.bezig.extend_from_slice(b);
        self.cache[set + 1] = self.cache[set];
        self.cache[set] = (adres, view);
        self.views.push(view);
    }

    /// The view of cache place `plek` when it holds these bytes at this address.
    fn eerder(&self, plek: usize, adres: usize, b: &[u8]) -> Option<View> {
        let (eerder_adres, eerder) = self.cache[plek];
        let zelfde = eerder_adres == adres && eerder.length as usize == b.len() && {
            let buffer = match self.klaar.get(eerder.buffer_idx as usize) {
                Some(k) => k.as_slice(),
                None => self.bezig.as_slice(),
            };
            let o = eerder.offset as usize;
            &buffer[o..o + b.len()] == b
        };
        zelfde.then_some(eerder)
    }

    /// A builder holding `waarden`.
    fn uit<S: AsRef<str>>(waarden: impl IntoIterator<Item = Option<S>>) -> TekstBouwer {
        let waarden = waarden.into_iter();
        let mut b = TekstBouwer::met_ruimte(waarden.size_hint().0);
        for w in waarden {
            b.push(w.as_ref().map(AsRef::as_ref));
        }
        b
    }

    fn af(self) -> Tekst {
        Tekst(StringChunked::with_chunk(PlSmallStr::EMPTY, self.array()))
    }

    fn array(mut self) -> Utf8ViewArray {
        if !self.bezig.is_empty() {
            self.klaar.push(Buffer::from(self.bezig));
        }
        let buffer_len = self.klaar.iter().map(|b| b.len()).sum();
        // SAFETY: every view was made from the bytes of a &str, inline or at its
        // offset in the buffer with its index; the validity has one bit per view.
        unsafe {
            Utf8ViewArray::new_unchecked(
                polars_arrow::datatypes::ArrowDataType::Utf8View,
                Buffer::from(self.views),
                Buffer::from(self.klaar),
                self.geldig.map(Into::into),
                Some(self.bytes_totaal),
                buffer_len,
            )
        }
    }
}

/// A key column of row numbers added to a held table for the queries.
pub enum Nummers<'a> {
    /// Each row's own number.
    Rij,
    /// A number per row.
    Elk(&'a [u32]),
    /// A number per row, or none.
    Van(&'a [Option<u32>]),
}

/// A column of values in the pipeline's own types.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    Str(Vec<Option<String>>),
    /// Text built from borrowed values (the record datasets).
    Tekst(Tekst),
    /// A word of a list per row (the pseudonyms).
    Woorden(Woorden),
    I32(Vec<Option<i32>>),
    I64(Vec<Option<i64>>),
    F64(Vec<Option<f64>>),
    Bool(Vec<Option<bool>>),
    Date(Vec<Option<NaiveDate>>),
}

impl Values {
    pub fn len(&self) -> usize {
        match self {
            Values::Str(v) => v.len(),
            Values::Tekst(v) => v.len(),
            Values::Woorden(v) => v.len(),
            Values::I32(v) => v.len(),
            Values::I64(v) => v.len(),
            Values::F64(v) => v.len(),
            Values::Bool(v) => v.len(),
            Values::Date(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The Frictionless / codebook type name.
    pub fn type_name(&self) -> &'static str {
        match self {
            Values::Str(_) | Values::Tekst(_) | Values::Woorden(_) => "string",
            Values::I32(_) | Values::I64(_) => "integer",
            Values::F64(_) => "number",
            Values::Bool(_) => "boolean",
            Values::Date(_) => "date",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub values: Values,
}

/// A table in the pipeline's own types.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Frame {
    pub columns: Vec<Column>,
}

impl Frame {
    pub fn height(&self) -> usize {
        self.columns.first().map_or(0, |c| c.values.len())
    }

    pub fn push(&mut self, name: &str, values: Values) {
        self.columns.push(Column {
            name: name.to_string(),
            values,
        });
    }

    /// Replace the values of a column (same length); false when there is none.
    pub fn vervang(&mut self, name: &str, values: Values) -> bool {
        match self.columns.iter_mut().find(|c| c.name == name) {
            Some(c) if c.values.len() == values.len() => {
                c.values = values;
                true
            }
            _ => false,
        }
    }

    pub fn column(&self, name: &str) -> Option<&Values> {
        self.columns
            .iter()
            .find(|c| c.name == name)
            .map(|c| &c.values)
    }

    pub fn str(&self, name: &str) -> Option<&[Option<String>]> {
        match self.column(name)? {
            Values::Str(v) => Some(v),
            _ => None,
        }
    }

    pub fn f64(&self, name: &str) -> Option<&[Option<f64>]> {
        match self.column(name)? {
            Values::F64(v) => Some(v),
            _ => None,
        }
    }

    /// A numeric column as f64, whatever integer or float type the engine gave it
    /// (a column of nulls only, which comes back as text, too); `None` when the
    /// column is absent or not numeric.
    pub fn getallen(&self, name: &str) -> Option<Vec<Option<f64>>> {
        match self.column(name)? {
            Values::F64(v) => Some(v.clone()),
            Values::I64(v) => Some(v.iter().map(|x| x.map(|x| x as f64)).collect()),
            Values::I32(v) => Some(v.iter().map(|x| x.map(f64::from)).collect()),
            Values::Str(v) if v.iter().all(Option::is_none) => Some(vec![None; v.len()]),
            _ => None,
        }
    }

    pub fn i64(&self, name: &str) -> Option<&[Option<i64>]> {
        match self.column(name)? {
            Values::I64(v) => Some(v),
            _ => None,
        }
    }
}

const EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(1970, 1, 1) {
    Some(d) => d,
    None => panic!("epoch"),
};

/// The day number of a date (days since 1970-01-01), from chrono's day count
/// (a subtraction of dates, per row of a column, costs more).
fn days(d: NaiveDate) -> i32 {
    chrono::Datelike::num_days_from_ce(&d) - DAGEN_TOT_EPOCH
}

/// Days from 0001-01-01 (chrono's day 1) to 1970-01-01 (day 0 here).
const DAGEN_TOT_EPOCH: i32 = 719_163;

/// The date of a day number (days since 1970-01-01); none beyond chrono's range.
fn datum(dag: i32) -> Option<NaiveDate> {
    EPOCH.checked_add_signed(chrono::Duration::days(dag.into()))
}

/// The values of a Date column as dates, each from the bounds of its year
/// (chrono's arithmetic from 1970 on every row took 0.1 s of CPU per 12 million).
fn datums(s: &Series) -> Result<Vec<Option<NaiveDate>>> {
    let dagen = s.cast(&DataType::Int32)?;
    let mut jaar = Jaargrenzen::default();
    Ok(dagen
        .i32()?
        .iter()
        .map(|v| v.and_then(|d| jaar.datum(d)))
        .collect())
}

/// The year of a day number (days since 1970-01-01). Dates of one year follow each
/// other in a table: chrono is asked once per year met, not once per row.
#[derive(Default)]
struct Jaargrenzen {
    /// The last year met and its days `[begin, eind)`.
    laatste: Option<(i32, i32, i32)>,
}

impl Jaargrenzen {
    fn van(&mut self, dag: i32) -> Option<i32> {
        if let Some((jaar, begin, eind)) = self.laatste {
            if (begin..eind).contains(&dag) {
                return Some(jaar);
            }
        }
        let jaar = chrono::Datelike::year(&datum(dag)?);
        let grens = |j: i32| NaiveDate::from_ymd_opt(j, 1, 1).map(days);
        if let (Some(begin), Some(eind)) = (grens(jaar), grens(jaar + 1)) {
            self.laatste = Some((jaar, begin, eind));
        }
        Some(jaar)
    }

    /// The date of a day number: its day of the year within the last year met.
    fn datum(&mut self, dag: i32) -> Option<NaiveDate> {
        let jaar = self.van(dag)?;
        match self.laatste {
            Some((j, begin, eind)) if j == jaar && (begin..eind).contains(&dag) => {
                NaiveDate::from_yo_opt(jaar, u32::try_from(dag - begin + 1).ok()?)
            }
            // A year at the edge of chrono's range has no bounds kept.
            _ => datum(dag),
        }
    }
}

fn to_df(frame: &Frame) -> Result<DataFrame> {
    // Columns are independent: converted side by side (millions of rows each).
    use rayon::prelude::*;
    let cols = frame
        .columns
        .par_iter()
        .map(naar_polars)
        .collect::<Result<Vec<_>>>()?;
    Ok(DataFrame::new(frame.height(), cols)?)
}

/// As [`to_df`], each column's values let go as soon as polars holds them.
fn to_df_eigen(frame: Frame) -> Result<DataFrame> {
    use rayon::prelude::*;
    let hoogte = frame.height();
    let cols = frame
        .columns
        .into_par_iter()
        .map(|c| naar_polars(&c))
        .collect::<Result<Vec<_>>>()?;
    Ok(DataFrame::new(hoogte, cols)?)
}

fn naar_polars(c: &Column) -> Result<polars::prelude::Column> {
    let name = PlSmallStr::from(c.name.as_str());
    Ok(match &c.values {
        Values::Str(v) => polars::prelude::Column::new(name, v),
        Values::Tekst(v) => v.0.clone().with_name(name).into_column(),
        Values::Woorden(v) => v.tekst().0.with_name(name).into_column(),
        Values::I32(v) => Int32Chunked::with_chunk(name, getallen(v, |x| *x)).into_column(),
        Values::I64(v) => Int64Chunked::with_chunk(name, getallen(v, |x| *x)).into_column(),
        Values::F64(v) => Float64Chunked::with_chunk(name, getallen(v, |x| *x)).into_column(),
        Values::Bool(v) => polars::prelude::Column::new(name, v),
        Values::Date(v) => Int32Chunked::with_chunk(name, getallen(v, |d| days(*d)))
            .into_date()
            .into_column(),
    })
}

/// A column of optional values as polars' array of numbers `getal` makes of
/// them: the numbers in one pass and, only when a value is absent, the validity
/// in another, as polars' builder leaves them (it pushed row by row: a column of
/// 12 million took 0.1 s on one core at the end of kolommen).
fn getallen<W, T: polars_arrow::types::NativeType>(
    waarden: &[Option<W>],
    getal: impl Fn(&W) -> T,
) -> polars_arrow::array::PrimitiveArray<T> {
    let getallen: Vec<T> = waarden
        .iter()
        .map(|w| w.as_ref().map_or_else(T::default, &getal))
        .collect();
    let geldig = waarden
        .iter()
        .any(Option::is_none)
        .then(|| waarden.iter().map(Option::is_some).collect());
    polars_arrow::array::PrimitiveArray::new(T::PRIMITIVE.into(), getallen.into(), geldig)
}

fn from_df(df: &DataFrame) -> Result<Frame> {
    from_df_met(df, false)
}

/// `gedeeld`: text columns stay the engine's (shared, no String per cell).
fn from_df_met(df: &DataFrame, gedeeld: bool) -> Result<Frame> {
    let mut frame = Frame::default();
    for c in df.columns() {
        let s = c.as_materialized_series();
        let values = match s.dtype() {
            DataType::String if gedeeld => Values::Tekst(Tekst(s.str()?.clone())),
            DataType::String => {
                Values::Str(s.str()?.iter().map(|v| v.map(str::to_string)).collect())
            }
            DataType::Null => Values::Str(vec![None; s.len()]),
            DataType::Boolean => Values::Bool(s.bool()?.iter().collect()),
            DataType::Date => Values::Date(datums(s)?),
            DataType::Int32 => Values::I32(s.i32()?.iter().collect()),
            DataType::Float32 | DataType::Float64 => {
                Values::F64(s.cast(&DataType::Float64)?.f64()?.iter().collect())
            }
            dt if dt.is_integer() => Values::I64(s.cast(&DataType::Int64)?.i64()?.iter().collect()),
            dt => {
                return Err(Error::Engine(format!(
                    "column {} has type {dt}, which the pipeline does not read",
                    c.name()
                )))
            }
        };
        frame.push(c.name().as_str(), values);
    }
    Ok(frame)
}

/// A table held as the engine holds it: the record tables after validation, which
/// the indicator queries and the published datasets both read, so the records they
/// were built from can go. A clone shares the columns.
#[derive(Clone)]
pub struct EngineTable(DataFrame);

impl EngineTable {
    pub fn uit(frame: &Frame) -> Result<EngineTable> {
        Ok(EngineTable(to_df(frame)?))
    }

    /// As [`EngineTable::uit`], the frame's columns let go one by one as they convert.
    pub fn uit_eigen(frame: Frame) -> Result<EngineTable> {
        Ok(EngineTable(to_df_eigen(frame)?))
    }

    pub fn hoogte(&self) -> usize {
        self.0.height()
    }

    /// A text column, shared; an error names a column that is absent or not text.
    pub fn tekst(&self, naam: &str) -> Result<Tekst> {
        Ok(Tekst(
            self.0.column(naam)?.as_materialized_series().str()?.clone(),
        ))
    }

    /// The year of each value of a date column.
    pub fn jaren(&self, naam: &str) -> Result<Vec<Option<i32>>> {
        let s = self.0.column(naam)?.as_materialized_series();
        if s.dtype() != &DataType::Date {
            return Err(Error::Engine(format!("column {naam} is not a date column")));
        }
        let dagen = s.cast(&DataType::Int32)?;
        // In stretches side by side (the one file: 12 million dates, twice per
        // run), each stretch with its own year boundaries, written in place.
        use rayon::prelude::*;
        const STUK: usize = 1 << 16;
        let mut uit = vec![None; dagen.len()];
        let mut vrij = uit.as_mut_slice();
        for deel in dagen.i32()?.downcast_iter() {
            let (hier, rest) = vrij.split_at_mut(deel.len());
            vrij = rest;
            hier.par_chunks_mut(STUK).enumerate().for_each(|(i, stuk)| {
                let mut jaar = Jaargrenzen::default();
                for (j, u) in stuk.iter_mut().enumerate() {
                    *u = deel.get(i * STUK + j).and_then(|d| jaar.van(d));
                }
            });
        }
        Ok(uit)
    }

    /// The rows `rijen`, in that order, as a frame (text shared, not copied).
    pub fn rijen(&self, rijen: &[u32]) -> Result<Frame> {
        // Rows in the table's own order (an export in id order) are a slice of
        // it: no gather of every column. Only of columns of one chunk each, as
        // a gather gives: a Parquet row group is written per chunk.
        let een_stuk = self.0.columns().iter().all(|c| c.n_chunks() == 1);
        if let (true, Some(&eerste)) = (een_stuk, rijen.first()) {
            if rijen.iter().zip(eerste..).all(|(&r, k)| r == k) {
                return from_df_met(&self.0.slice(i64::from(eerste), rijen.len()), true);
            }
        }
        let idx = IdxCa::from_vec(
            PlSmallStr::EMPTY,
            rijen.iter().map(|&i| i as IdxSize).collect(),
        );
        from_df_met(&self.0.take(&idx)?, true)
    }
}

/// SQL over named tables, executed by polars (lazy). Queries run side by side on
/// one engine (`query` takes `&self`); `detached` makes a copy whose
/// registrations are its own. No `Clone`: polars' context keeps its tables behind
/// one map that every clone of it shares, so a cloned engine's registrations
/// would be every clone's.
pub struct SqlEngine {
    ctx: SQLContext,
    /// What was registered under each name, to build an `detached` copy from.
    tabellen: PlHashMap<String, LazyFrame>,
}

impl Default for SqlEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl SqlEngine {
    pub fn new() -> Self {
        SqlEngine {
            ctx: SQLContext::new(),
            tabellen: PlHashMap::new(),
        }
    }

    /// A copy with the same tables (their columns shared, not copied) in which
    /// registering a table leaves this engine and its clones as they are: the
    /// years of the indicators each register their own year input side by side.
    pub fn detached(&self) -> SqlEngine {
        let mut copy = SqlEngine::new();
        for (naam, lf) in &self.tabellen {
            copy.put(naam, lf.clone());
        }
        copy
    }

    /// Register `lf` as `name`, in polars' context and in the engine's own list.
    fn put(&mut self, name: &str, lf: LazyFrame) {
        self.ctx.register(name, lf.clone());
        self.tabellen.insert(name.to_string(), lf);
    }

    pub fn register(&mut self, name: &str, frame: &Frame) -> Result<()> {
        self.register_as(&[name], frame)
    }

    /// One table under several names, converted once (the columns are shared).
    pub fn register_as(&mut self, names: &[&str], frame: &Frame) -> Result<()> {
        let df = to_df(frame)?;
        for name in names {
            self.put(name, df.clone().lazy());
        }
        Ok(())
    }

    /// A held table under several names, without the columns `zonder` and with
    /// the key columns `nummers` (numbers only the engine holds).
    pub fn register_tabel(
        &mut self,
        names: &[&str],
        tabel: &EngineTable,
        zonder: &[&str],
        nummers: &[(&str, Nummers)],
    ) -> Result<()> {
        let mut df = tabel.0.drop_many(zonder.iter().copied());
        let hoogte = df.height();
        for (naam, n) in nummers {
            let naam = PlSmallStr::from(*naam);
            let ca = match n {
                Nummers::Rij => UInt32Chunked::from_vec(naam, (0..hoogte as u32).collect()),
                Nummers::Elk(v) => UInt32Chunked::from_slice(naam, v),
                Nummers::Van(v) => UInt32Chunked::from_iter_options(naam, v.iter().copied()),
            };
            if ca.len() != hoogte {
                return Err(Error::Engine(format!(
                    "key column {} has {} values for a table of {hoogte} rows",
                    ca.name(),
                    ca.len()
                )));
            }
            df.with_column(ca.into_column())?;
        }
        for name in names {
            self.put(name, df.clone().lazy());
        }
        Ok(())
    }

    /// Run `sql` once and register its result as `name`, replacing a table of that
    /// name for the queries that follow; returns the number of rows.
    pub fn materialise(&mut self, name: &str, sql: &str) -> Result<usize> {
        let df = self.ctx.execute(sql)?.collect()?;
        let rijen = df.height();
        self.put(name, df.lazy());
        Ok(rijen)
    }

    pub fn query(&self, sql: &str) -> Result<Frame> {
        // polars' context keeps per-statement state (its plan arenas, CTEs), so
        // each query works on a copy of it; the tables are shared, not copied.
        let df = self.ctx.clone().execute(sql)?.collect()?;
        from_df(&df)
    }
}

#[cfg(test)]
mod tests {
    use polars_arrow::array::Array;

    use super::*;

    #[test]
    fn the_year_of_a_day_number_is_chronos_in_any_order() {
        // Days around 1900 (no leap year), 2000 (one) and 2024, forwards, backwards
        // and jumping between years; beyond chrono's range there is no year.
        let mut dagen: Vec<i32> = (-25_600..-25_200).chain(10_800..11_400).collect();
        dagen.extend((19_700..20_100).rev());
        dagen.extend([0, -1, 19_722, 10_956, 19_723, i32::MAX, 19_724, i32::MIN, 0]);
        let mut jaar = Jaargrenzen::default();
        for d in dagen {
            let chrono = datum(d).map(|x| chrono::Datelike::year(&x));
            assert_eq!(jaar.van(d), chrono, "day {d}");
        }
        assert_eq!(Jaargrenzen::default().van(19_723), Some(2024));
        assert_eq!(Jaargrenzen::default().van(19_722), Some(2023));
    }

    #[test]
    fn number_and_date_columns_are_the_arrays_polars_builds() {
        // With an absent value every seventh row, and with none (then polars
        // keeps no validity either); the same values, nulls and layout.
        let met: Vec<Option<i64>> = (0..1_000)
            .map(|k| (k % 7 != 3).then_some(k * 1_000_003))
            .collect();
        let zonder: Vec<Option<i64>> = (0..1_000).map(Some).collect();
        for v in [met, zonder] {
            let ons = Int64Chunked::with_chunk("x".into(), getallen(&v, |x| *x)).into_series();
            let polars = Series::new("x".into(), &v);
            assert!(ons.equals_missing(&polars));
            assert_eq!(ons.null_count(), polars.null_count());
            assert_eq!(ons.chunks().len(), polars.chunks().len());
            assert_eq!(
                ons.chunks()[0].validity().is_some(),
                polars.chunks()[0].validity().is_some()
            );
        }
        // By hand: 1 January 2024 is day 19,723; and chrono's subtraction.
        let dag = |j, m, d| NaiveDate::from_ymd_opt(j, m, d).map(days);
        assert_eq!(dag(2024, 1, 1), Some(19_723));
        assert_eq!(dag(1969, 12, 31), Some(-1));
        for d in (-30_000..30_000).step_by(7).filter_map(datum) {
            assert_eq!(i64::from(days(d)), (d - EPOCH).num_days(), "{d}");
        }
    }

    #[test]
    fn the_date_of_a_day_number_is_chronos_in_any_order() {
        // As for the year, and the last days of chrono's range (its own bounds
        // are not kept there); by hand, day 19,723 is 1 January 2024 and 19,782
        // is 29 February 2024.
        let mut dagen: Vec<i32> = (-25_600..-25_200).chain(10_800..11_400).collect();
        dagen.extend((19_700..20_100).rev());
        let einde = datum(i32::MAX).map_or_else(
            || (EPOCH - NaiveDate::MAX).num_days().unsigned_abs() as i32,
            |_| i32::MAX,
        );
        dagen.extend([0, -1, 19_722, 10_956, 0]);
        dagen.extend([einde, einde - 1, i32::MAX, i32::MIN, 0]);
        let mut jaar = Jaargrenzen::default();
        for d in dagen {
            assert_eq!(jaar.datum(d), datum(d), "day {d}");
        }
        let mut jaar = Jaargrenzen::default();
        assert_eq!(jaar.datum(19_723), NaiveDate::from_ymd_opt(2024, 1, 1));
        assert_eq!(jaar.datum(19_782), NaiveDate::from_ymd_opt(2024, 2, 29));
    }

    #[test]
    fn the_years_of_a_date_column_are_chronos_across_its_stretches() {
        // 200,003 rows (four stretches and a part), days going back and forth
        // over 1999-2026, an absent date every seventh row.
        let data: Vec<Option<NaiveDate>> = (0..200_003i64)
            .map(|k| {
                let dag = 10_500 + (k * 7_919) % 10_000;
                (k % 7 != 3).then(|| datum(dag as i32)).flatten()
            })
            .collect();
        let mut f = Frame::default();
        f.push("controledatum", Values::Date(data.clone()));
        let jaren = EngineTable::uit(&f)
            .and_then(|t| t.jaren("controledatum"))
            .expect("a date column");
        let verwacht: Vec<Option<i32>> = data
            .iter()
            .map(|d| d.map(|d| chrono::Datelike::year(&d)))
            .collect();
        assert_eq!(jaren, verwacht);
        assert_eq!(jaren.iter().filter(|j| j.is_none()).count(), 28_572);
    }

    #[test]
    fn text_taken_as_a_buffer_reads_back_each_value() {
        let lang = "C2024-00000001";
        for waarden in [
            vec![lang, "C2024-00000002", "Café ’t Hoekje, Dorpsstraat 1"],
            vec!["kort", lang, "", "OBJ-000123"],
            vec![],
        ] {
            let tekst: String = waarden.concat();
            let eind: Vec<u64> = waarden
                .iter()
                .scan(0u64, |n, w| {
                    *n += w.len() as u64;
                    Some(*n)
                })
                .collect();
            let t = Tekst::uit_buffer(tekst, &eind);
            let terug: Vec<Option<&str>> = t.iter().collect();
            let verwacht: Vec<Option<&str>> = waarden.iter().map(|w| Some(*w)).collect();
            assert_eq!(terug, verwacht);
            // Only the long values are held in the buffer.
            let a = t.0.downcast_iter().next().expect("one chunk");
            let lang: usize = waarden
                .iter()
                .filter(|w| w.len() > 12)
                .map(|w| w.len())
                .sum();
            assert_eq!(a.total_buffer_len(), lang, "{waarden:?}");
        }
    }

    #[test]
    fn a_word_list_column_reads_back_each_rows_word_and_stores_each_word_once() {
        let lang = "a".repeat(64);
        let lijst: Woordenlijst = [lang.as_str(), "kort", "ook-een-lang-woord"]
            .into_iter()
            .collect();
        assert_eq!(lijst.len(), 3);
        let kolom = lijst.kolom([2, 0, 0, 1, 2].into_iter());
        let terug: Vec<Option<&str>> = kolom.iter().collect();
        assert_eq!(
            terug,
            [
                Some("ook-een-lang-woord"),
                Some(lang.as_str()),
                Some(lang.as_str()),
                Some("kort"),
                Some("ook-een-lang-woord"),
            ]
        );
        // The long words once (64 + 18 bytes); "kort" fits in its view.
        let a = kolom.0.downcast_iter().next().expect("one chunk");
        assert_eq!(a.total_buffer_len(), 64 + 18);
        assert_eq!(a.total_bytes_len(), 18 + 64 + 64 + 4 + 18);
        assert!(lijst.kolom(std::iter::empty()).is_empty());
    }

    #[test]
    fn a_word_list_column_with_absent_rows_is_the_builders_column() {
        let woorden = ["periodieke_controle", "GM0518", ""];
        let lijst: Woordenlijst = woorden.into_iter().collect();
        let index = [Some(0), None, Some(1), Some(0), Some(2), None];
        let kolom = lijst.kolom_opt(index.into_iter());
        let gebouwd: Tekst = index.iter().map(|i| i.map(|i| woorden[i])).collect();
        assert_eq!(kolom, gebouwd);
        let (a, b) = (
            kolom.0.downcast_iter().next().expect("one chunk"),
            gebouwd.0.downcast_iter().next().expect("one chunk"),
        );
        assert_eq!(a.validity(), b.validity());
        assert_eq!(a.null_count(), 2);
        assert_eq!(a.total_bytes_len(), 19 + 6 + 19);
        // No absent row: no validity, as the builder makes it.
        let vol = lijst.kolom_opt([Some(1), Some(0)].into_iter());
        let a = vol.0.downcast_iter().next().expect("one chunk");
        assert!(a.validity().is_none());
    }

    #[test]
    fn repeated_long_text_is_stored_once_and_reads_back_unchanged() {
        let bestand = String::from("2024/GM0344/controles.csv");
        let code = String::from("periodieke_controle");
        let waarden: Vec<Option<&str>> = vec![
            Some(&bestand),
            Some(&code),
            None,
            Some("kort"),
            Some(&bestand),
            Some(&code),
            Some(&bestand),
        ];
        let a = TekstBouwer::uit(waarden.iter().copied()).array();
        let terug: Vec<Option<&str>> = a.iter().collect();
        assert_eq!(terug, waarden);
        // Each long value once; "kort" fits in its view.
        assert_eq!(a.total_buffer_len(), bestand.len() + code.len());
        assert_eq!(a.null_count(), 1);
    }

    #[test]
    fn text_at_a_reused_address_is_not_taken_for_the_previous_value() {
        // Owned values freed after each row: the allocator may hand the same
        // address to the next, different text of the same length.
        let waarden = [
            "object-0000000001",
            "object-0000000002",
            "object-0000000001",
        ];
        let a = TekstBouwer::uit(waarden.iter().map(|w| Some(w.to_string()))).array();
        let terug: Vec<Option<&str>> = a.iter().collect();
        assert_eq!(terug, waarden.map(Some));
    }
}
