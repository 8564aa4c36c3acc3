//! Help > About: the version and git hash this build came from, and the
//! licences of what is bundled (fonts, dictionaries, colour profile). The
//! licence list is the one `build.rs` finds under `assets/` (files named
//! `LICENSE…`, `OFL…`, `*.copyright`, `README…`, `GPL-3`…), so a font added
//! with its licence file is listed here, in `briefsmith package-files` and
//! so in the packages' `/usr/share/doc/briefsmith/licences`, with no code
//! change.

use super::EditorApp;

/// What `--version` prints and About shows: version and commit.
pub const VERSION_LINE: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (git ",
    env!("BRIEFSMITH_GIT_HASH"),
    ")"
);

/// The bundled licence files: path under `assets/`, and contents.
pub const LICENCE_FILES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/licences.rs"));

/// Licences a bundled licence file names, recognised by their own titles
/// (or SPDX identifiers), most specific first.
const KNOWN: &[(&str, &[&str])] = &[
    (
        "SIL Open Font License 1.1",
        &["SIL Open Font License", "OFL-1.1"],
    ),
    ("Apache License 2.0", &["Apache License", "Apache-2.0"]),
    (
        "GNU Lesser General Public License 3",
        &["GNU LESSER GENERAL PUBLIC LICENSE", "LGPL-3"],
    ),
    (
        "GNU Lesser General Public License (version in the text)",
        &["LGPL licence", "LGPL license"],
    ),
    (
        "GNU Lesser General Public License 2.1",
        &["LGPL-2.1", "Lesser General Public License version 2.1"],
    ),
    (
        "GNU General Public License 3",
        &[
            "GNU GENERAL PUBLIC LICENSE\n                       Version 3",
            "GPL-3",
        ],
    ),
    (
        "Mozilla Public License",
        &["Mozilla Public License", "MPL-"],
    ),
    ("BSD licence", &["BSD"]),
    ("MIT licence", &["MIT License", "Expat"]),
    ("CC0 1.0", &["CC0"]),
    ("Public domain", &["public domain"]),
];

/// The names of the licences `text` mentions, in `KNOWN`'s order.
pub fn licence_names(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    KNOWN
        .iter()
        .filter(|(_, marks)| marks.iter().any(|m| lower.contains(&m.to_lowercase())))
        .map(|(name, _)| *name)
        .collect()
}

/// Whether Help > About is open.
#[derive(Debug, Default)]
pub struct About {
    pub open: bool,
}

impl EditorApp {
    pub(super) fn about_window(&mut self, ctx: &egui::Context) {
        let mut open = self.about.open;
        egui::Window::new("About Briefsmith")
            .open(&mut open)
            .default_size([640.0, 560.0])
            .collapsible(false)
            .show(ctx, |ui| {
                ui.heading("Briefsmith");
                ui.label(format!("Version {VERSION_LINE}"));
                ui.label("Edit meeting briefs and export them as typeset PDF.");
                ui.label("Licence: MIT OR Apache-2.0");
                ui.separator();
                ui.strong("Bundled fonts, dictionaries and colour profile");
                egui::ScrollArea::vertical()
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        for (path, bytes) in LICENCE_FILES {
                            let text = String::from_utf8_lossy(bytes);
                            let names = licence_names(&text);
                            ui.label(format!(
                                "{path}: {}",
                                if names.is_empty() {
                                    "see the file".to_string()
                                } else {
                                    names.join(", ")
                                }
                            ));
                            ui.collapsing(format!("Text of {path}"), |ui| {
                                ui.label(egui::RichText::new(text).monospace().small());
                            });
                        }
                    });
            });
        self.about.open = open;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_font_licence_is_compiled_in_and_named() {
        let fonts: Vec<_> = LICENCE_FILES
            .iter()
            .filter(|(p, _)| p.starts_with("fonts/"))
            .collect();
        assert!(!fonts.is_empty());
        for (path, bytes) in fonts {
            let names = licence_names(&String::from_utf8_lossy(bytes));
            assert!(!names.is_empty(), "{path} names no licence we know");
        }
    }

    #[test]
    fn licence_names_come_from_the_text() {
        assert_eq!(
            licence_names("This Font Software is licensed under the SIL Open Font License"),
            vec!["SIL Open Font License 1.1"]
        );
        assert!(licence_names("a word list").is_empty());
    }
}
