//! What the editor remembers between runs (through eframe's storage): the
//! theme choice, recent files and which panes are shown. Window size and splitter positions are
//! kept by eframe and egui themselves. Never the document.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

const KEY: &str = "briefsmith-settings";
const MAX_RECENT: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: Theme,
    pub recent: Vec<PathBuf>,
    /// The outline pane (left) is shown.
    pub show_outline: bool,
    /// The preview pane (right) as the user last chose it; `None` follows
    /// the window width, so a small window starts with room to edit.
    pub show_preview: Option<bool>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: Theme::System,
            recent: Vec::new(),
            show_outline: true,
            show_preview: None,
        }
    }
}

impl Settings {
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Settings {
        storage
            .and_then(|s| eframe::get_value(s, KEY))
            .unwrap_or_default()
    }

    pub fn save(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, KEY, self);
    }

    pub fn apply_theme(&self, ctx: &egui::Context) {
        ctx.set_theme(match self.theme {
            Theme::System => egui::ThemePreference::System,
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
        });
    }

    /// Puts `path` first in the recent files.
    pub fn add_recent(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}
