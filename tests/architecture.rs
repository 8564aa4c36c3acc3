//! Keeps the data path one-way: only the editor (`app`, `preview`) names
//! egui, eframe or rfd; only `pdf` names printpdf or lopdf; layout reads no
//! clock or environment and keeps no global state, so it stays pure and
//! deterministic.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The file's code, without comment lines.
fn code(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn offenders(allowed: impl Fn(&str) -> bool, words: &[&str]) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 10, "found the sources");
    let mut bad = Vec::new();
    for f in files {
        let rel = f
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if allowed(&rel) {
            continue;
        }
        let c = code(&f);
        for w in words {
            if c.contains(w) {
                bad.push(format!("{rel} names {w}"));
            }
        }
    }
    bad
}

#[test]
fn only_the_editor_names_egui() {
    let bad = offenders(
        |f| {
            f.starts_with("app/") || f == "app.rs" || f == "preview.rs" || f.starts_with("preview/")
        },
        &[
            "egui::",
            "eframe::",
            "egui_extras::",
            "rfd::",
            "use egui",
            "use eframe",
            "use rfd",
            "egui_kittest",
        ],
    );
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn only_pdf_names_printpdf() {
    let bad = offenders(
        |f| f.starts_with("pdf/") || f == "pdf.rs",
        &["printpdf::", "use printpdf", "lopdf::", "use lopdf"],
    );
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn layout_reads_no_clock_or_environment() {
    let bad = offenders(
        |f| !f.starts_with("layout/"),
        &[
            "now()",
            "SystemTime",
            "Instant",
            "env::var",
            "std::fs",
            "rand::",
        ],
    );
    assert!(bad.is_empty(), "{bad:#?}");
}

/// Layout keeps nothing between calls but what its caller hands it (a
/// `LayoutCache`): no statics, locks or thread-locals under `layout/`.
/// Compiled-in font data, parsed once, lives in `fonts.rs`.
#[test]
fn layout_keeps_no_process_global_state() {
    let bad = offenders(
        |f| !f.starts_with("layout/"),
        &[
            // A `static` item, not a `&'static` lifetime.
            " static ",
            "\nstatic ",
            "Mutex",
            "RwLock",
            "OnceLock",
            "OnceCell",
            "LazyLock",
            "thread_local!",
            "lazy_static",
            "AtomicU",
        ],
    );
    assert!(bad.is_empty(), "{bad:#?}");
}
