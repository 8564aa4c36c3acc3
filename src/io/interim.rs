//! Stand-ins for the io helpers being written on another branch
//! (length-safe side-file names, plain-words causes); replaced at merge.

use std::path::{Path, PathBuf};

pub fn sidecar_name(path: &Path, prefix: &str, suffix: &str) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!("{prefix}{name}{suffix}"))
}

pub fn plain_cause(e: &std::io::Error) -> String {
    e.to_string()
}
