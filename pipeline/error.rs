//! Typed errors of the library. Only `main` turns them into reports (anyhow).
//!
//! Data problems are *not* errors: a bad row becomes a quarantine entry and a bad
//! delivery a refused delivery (see `validate`). These errors are for problems that
//! stop a run: a missing configuration, an unreadable SQL file, an engine failure.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    // The OS error is part of the message and not a `source`, so a report that
    // prints the chain names it once.
    #[error("cannot read {path}: {fout}")]
    Io { path: PathBuf, fout: std::io::Error },
    #[error("cannot write {path}: {fout}")]
    Write { path: PathBuf, fout: std::io::Error },
    /// A folder or file the run needs is not where it was looked for.
    #[error("{wat} not found at {path}; {hoe}")]
    NotFound {
        wat: &'static str,
        path: PathBuf,
        hoe: String,
    },
    #[error("invalid configuration in {path}: {message}")]
    Config { path: PathBuf, message: String },
    #[error("invalid file in queries/ ({path}): {message}")]
    Queries { path: PathBuf, message: String },
    #[error("indicator {indicator}: {message}")]
    Indicator { indicator: String, message: String },
    #[error("data engine: {0}")]
    Engine(String),
    #[error("report: {0}")]
    Report(String),
    /// The pipeline's own values could not be written as JSON (a bug, never data).
    #[error("cannot write {wat} as JSON: {fout}")]
    Json {
        wat: &'static str,
        fout: serde_json::Error,
    },
    /// A frame does not have the columns its dataset describes (a bug, never data).
    #[error("dataset {dataset} does not match its description: {message}")]
    Dataset {
        dataset: &'static str,
        message: String,
    },
    /// A file this run wrote could not be read back as what it should hold.
    #[error("the published {path} could not be read back as {wat}")]
    ReadBack { path: PathBuf, wat: &'static str },
    #[error("{path} is not a manifest written by vth run: {message}")]
    Manifest { path: PathBuf, message: String },
    /// `vth verify` found files that differ from the manifest.
    #[error("{path}: {afwijkend} of {gecontroleerd} files differ from manifest.json")]
    Verify {
        path: PathBuf,
        afwijkend: usize,
        gecontroleerd: usize,
    },
    /// The output folder of `vth fetch` holds something else.
    #[error("{path} is not empty and holds no {record}: fetch writes a delivery tree of its own; choose a new folder")]
    FetchOutputNotEmpty { path: PathBuf, record: &'static str },
    #[error("cannot start {wat}: {message}")]
    Start { wat: &'static str, message: String },
    #[error("cannot generate {path}: {message}")]
    Generate { path: PathBuf, message: String },
    #[error("bench: {stap}: {message}")]
    Bench { stap: String, message: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(path: impl Into<PathBuf>, fout: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            fout,
        }
    }

    /// A failed write, create, rename or removal.
    pub fn write(path: impl Into<PathBuf>, fout: std::io::Error) -> Self {
        Error::Write {
            path: path.into(),
            fout,
        }
    }
}

impl From<polars::error::PolarsError> for Error {
    fn from(e: polars::error::PolarsError) -> Self {
        Error::Engine(e.to_string())
    }
}

impl From<minijinja::Error> for Error {
    fn from(e: minijinja::Error) -> Self {
        // `{:#}` includes the template name and line of the failure.
        Error::Report(format!("{e:#}"))
    }
}

/// Read a whole file, naming it on failure.
pub fn read_bytes(path: &std::path::Path) -> Result<Vec<u8>> {
    /// Below twice this a file is read in one go; each part is this size
    /// (machinery).
    #[cfg(unix)]
    const DEEL: usize = 64 << 20;
    #[cfg(unix)]
    if let Some(bytes) = read_in_parts(path, DEEL).map_err(|e| Error::io(path, e))? {
        return Ok(bytes);
    }
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// A large file read in parts side by side (one core copies about 1.7 GB/s out
/// of the page cache: a delivery of 1.1 GB took 0.6 s before parsing could
/// start). `None` for a small file, or one whose size changed while it was read:
/// then it is read whole, as it is now.
#[cfg(unix)]
fn read_in_parts(path: &std::path::Path, deel: usize) -> std::io::Result<Option<Vec<u8>>> {
    use rayon::prelude::*;
    use std::os::unix::fs::FileExt;
    let file = std::fs::File::open(path)?;
    let Ok(len) = usize::try_from(file.metadata()?.len()) else {
        return Ok(None);
    };
    if len < 2 * deel {
        return Ok(None);
    }
    let mut bytes = vec![0u8; len];
    let gelezen = bytes
        .par_chunks_mut(deel)
        .enumerate()
        .try_for_each(|(i, d)| file.read_exact_at(d, (i * deel) as u64));
    match gelezen {
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        r => r?,
    }
    // Grown since its size was taken: read it whole instead.
    if file.read_at(&mut [0u8], len as u64)? != 0 {
        return Ok(None);
    }
    Ok(Some(bytes))
}

/// Read a UTF-8 text file from the project (configuration, SQL, templates).
pub fn read_text(path: &std::path::Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::io(path, e))
}

/// The files of `dir` with extension `ext`, sorted, so every folder of `queries/`
/// is read in the same order on every machine.
pub fn files_with_extension(dir: &std::path::Path, ext: &str) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let path = e.map_err(|e| Error::io(dir, e))?.path();
        if path.extension().is_some_and(|x| x == ext) {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[cfg(unix)]
    #[test]
    fn a_file_read_in_parts_is_the_file() {
        let map = tempfile::tempdir().expect("a temporary folder");
        let pad = map.path().join("groot.csv");
        let inhoud: Vec<u8> = (0..10_007u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&pad, &inhoud).expect("written");
        let gelezen = super::read_in_parts(&pad, 1_000).expect("read");
        assert_eq!(gelezen.as_deref(), Some(inhoud.as_slice()));
        // Smaller than two parts: read whole by the caller.
        assert_eq!(super::read_in_parts(&pad, 6_000).expect("read"), None);
        assert_eq!(super::read_bytes(&pad).expect("read"), inhoud);
    }
}
