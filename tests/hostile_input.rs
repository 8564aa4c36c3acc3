//! Every file in `tests/fixtures/bad/` — truncated, bit-flipped, deeply
//! nested, wrong types, control characters, right-to-left text, emoji,
//! zero-width characters, empty everything, absurd styles, ids and list
//! levels, huge words — is loaded, checked (spelling too), imported, laid out and
//! exported: a clear error naming the file, or a correct result; never a
//! panic or a hang.

use std::path::{Path, PathBuf};

use briefsmith::import::import_file;
use briefsmith::io;
use briefsmith::layout::{layout, LayoutOptions, Warning};
use briefsmith::model::validate;
use briefsmith::pdf::{write_pdf, PdfOptions};
use briefsmith::spell::{spelling_warnings, Speller};

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// Which files must be refused, and which must open.
const REFUSED: [&str; 8] = [
    "fuzz-float-overflow.brief",
    "truncated.brief",
    "bit-flipped.brief",
    "deeply-nested.brief",
    "wrong-types.brief",
    "empty-file.brief",
    "not-json.brief",
    "newer-version.brief",
];

#[test]
fn every_bad_file_gets_a_clear_error_or_a_correct_result() {
    let files = corpus();
    assert!(files.len() >= 18, "the corpus is there");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let speller = Speller::new(briefsmith::model::Language::EnGb).unwrap();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        match io::load(f) {
            Err(e) => {
                assert!(REFUSED.contains(&name.as_str()), "{name} should open: {e}");
                assert!(
                    e.to_string().contains(&name),
                    "the message names the file: {e}"
                );
            }
            Ok(brief) => {
                assert!(
                    !REFUSED.contains(&name.as_str()),
                    "{name} should be refused"
                );
                let _ = validate(&brief, today);
                // Spelling, suggestions and the UK/US check, in bounded time.
                let t = std::time::Instant::now();
                let _ = spelling_warnings(&brief, &speller);
                assert!(
                    t.elapsed().as_secs() < 20,
                    "{name}: spelling took {:?}",
                    t.elapsed()
                );
                // Ids are unique after loading, whatever the file said.
                let mut ids = std::collections::HashSet::new();
                brief.for_each_id(|id| assert!(ids.insert(id), "{name}: duplicate id {id}"));
                let doc = layout(&brief, &LayoutOptions { today: Some(today) });
                assert!(!doc.pages.is_empty(), "{name}");
                let pdf = write_pdf(
                    &doc,
                    &PdfOptions {
                        created: Some(0),
                        ..Default::default()
                    },
                )
                .unwrap();
                assert!(pdf.starts_with(b"%PDF-"), "{name}");
                // It also saves and loads back unchanged.
                let again = io::decode(std::str::from_utf8(&io::encode(&brief)).unwrap()).unwrap();
                assert_eq!(again, brief, "{name} round trip");
            }
        }
        // Whatever the bytes, importing them as an article never panics.
        if let Err(e) = import_file(f) {
            assert!(e.to_string().contains(&name), "{e}");
        }
    }
}

#[test]
fn unprintable_characters_are_named_in_warnings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let b = io::load(&dir.join("emoji.brief")).unwrap();
    let doc = layout(&b, &LayoutOptions::default());
    assert!(
        doc.warnings
            .iter()
            .any(|w| matches!(w, Warning::MissingGlyph { ch: '🚀', .. })),
        "{:?}",
        doc.warnings
    );
    // Zero-width characters need no glyph and raise no warning.
    let z = io::load(&dir.join("zero-width.brief")).unwrap();
    let doc = layout(&z, &LayoutOptions::default());
    assert!(
        doc.warnings.iter().all(|w| !matches!(
            w,
            Warning::MissingGlyph {
                ch: '\u{200b}' | '\u{feff}' | '\u{00ad}',
                ..
            }
        )),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn a_ten_thousand_row_table_lays_out_and_exports() {
    let b = briefsmith::sample::generated(0, 10_000);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("rows.brief");
    io::save(&p, &b).unwrap();
    let loaded = io::load(&p).unwrap();
    let doc = layout(&loaded, &LayoutOptions::default());
    assert!(doc.pages.len() > 300, "{} pages", doc.pages.len());
    let pdf = write_pdf(
        &doc,
        &PdfOptions {
            created: Some(0),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(pdf.len() > 100_000);
}

#[test]
fn files_over_the_size_limit_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.brief");
    std::fs::File::create(&p)
        .unwrap()
        .set_len(io::MAX_FILE_BYTES + 1)
        .unwrap();
    let e = io::load(&p).unwrap_err().to_string();
    assert!(e.contains("huge.brief") && e.contains("16 MiB"), "{e}");
    let e = import_file(&p).unwrap_err().to_string();
    assert!(e.contains("huge.brief"), "{e}");
}
