//! Help > About: the version and build, and the licences of every bundled
//! font, dictionary and colour profile, read from the window by label.

mod common;

use common::{click, harness, settle};
use egui_kittest::kittest::Queryable;

/// Licence, copyright and read-me files under `assets/`, found here by
/// walking the folder (not through the list compiled into the program),
/// so a licence file the build missed fails the test.
fn licence_files_in_assets() -> Vec<String> {
    fn walk(dir: &std::path::Path, root: &std::path::Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).expect("read assets/").flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, root, out);
                continue;
            }
            let name = e.file_name().to_string_lossy().to_lowercase();
            let licence = ["licen", "copyright", "readme", "copying"]
                .iter()
                .any(|w| name.contains(w))
                || name.starts_with("ofl")
                || name.starts_with("gpl-")
                || name.starts_with("lgpl-");
            if licence {
                let rel = p.strip_prefix(root).expect("under assets/");
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let mut out = Vec::new();
    walk(&root, &root, &mut out);
    out
}

#[test]
fn help_about_shows_the_version_and_the_licence_of_every_bundled_file() {
    let mut h = harness(None);
    click(&mut h, "Help");
    click(&mut h, "About Briefsmith…");

    // The version, then the commit it was built from.
    h.get_by_label_contains(&format!("Version {} (git ", env!("CARGO_PKG_VERSION")));

    let files = licence_files_in_assets();
    assert!(files.iter().any(|f| f.starts_with("fonts/")));
    assert!(files.iter().any(|f| f.starts_with("dictionaries/")));
    assert!(files.iter().any(|f| f.starts_with("icc/")));
    for f in &files {
        h.get_by_label_contains(&format!("{f}:"));
    }
    // The licence is named from the file's text, first the main one.
    h.get_by_label_contains("fonts/OFL-NotoSerif-NotoSans.txt: SIL Open Font License 1.1");
    h.get_by_label_contains("fonts/LICENSE-DroidSansFallback.txt: Apache License 2.0");
    h.get_by_label_contains("icc/LICENSE-sRGB.txt: CC0 1.0");
}
#[test]
fn a_licence_text_opens_in_full_from_the_about_window() {
    let mut h = harness(None);
    click(&mut h, "Help");
    click(&mut h, "About Briefsmith…");
    assert!(h
        .query_by_label_contains("This Font Software is licensed under the SIL Open Font License")
        .is_none());
    // Further down the list than the window shows: scrolled to first.
    h.get_by_label("Text of fonts/OFL-NotoSerif-NotoSans.txt")
        .scroll_to_me();
    settle(&mut h);
    click(&mut h, "Text of fonts/OFL-NotoSerif-NotoSans.txt");
    h.get_by_label_contains("This Font Software is licensed under the SIL Open Font License");
}
