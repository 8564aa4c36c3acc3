//! The languages a brief can be written in, as its metadata names them
//! (BCP-47 tags). Kept in the model because the tag is saved with the
//! brief; `spell` maps each language to its bundled dictionary.

use super::brief::Brief;

impl Brief {
    /// The language the brief's metadata names, when Briefsmith knows it.
    pub fn language(&self) -> Option<Language> {
        Language::from_tag(&self.meta.language)
    }
}

/// A language Briefsmith has a spelling dictionary for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    /// English as written in the United Kingdom (`en-GB`).
    EnGb,
    /// English as written in the United States (`en-US`).
    EnUs,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::EnGb, Language::EnUs];

    /// The BCP-47 tag saved in the brief.
    pub fn tag(self) -> &'static str {
        match self {
            Language::EnGb => "en-GB",
            Language::EnUs => "en-US",
        }
    }

    /// What the editor and messages call it.
    pub fn name(self) -> &'static str {
        match self {
            Language::EnGb => "English (UK)",
            Language::EnUs => "English (US)",
        }
    }

    /// The language a tag names; tags compare case-insensitively, as BCP-47
    /// says, and `_` is taken for `-` (`en_GB`, the Hunspell spelling).
    pub fn from_tag(tag: &str) -> Option<Language> {
        let t = tag.trim().replace('_', "-");
        Language::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(&t))
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// True when `tag` has the shape of a BCP-47 tag: ASCII letters, digits
/// and hyphens, starting with a 2–8 letter language subtag, each subtag
/// 1–8 characters. It need not be a language Briefsmith knows.
pub fn is_well_formed_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    (2..=8).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_compare_loosely() {
        for l in Language::ALL {
            assert_eq!(Language::from_tag(l.tag()), Some(l));
        }
        assert_eq!(Language::from_tag("en-gb"), Some(Language::EnGb));
        assert_eq!(Language::from_tag(" en_US "), Some(Language::EnUs));
        assert_eq!(Language::from_tag("fr-FR"), None);
        assert_eq!(Language::from_tag(""), None);
    }

    #[test]
    fn well_formed_tags() {
        for ok in ["en", "en-GB", "fr-FR", "zh-Hant-TW", "de-CH-1996"] {
            assert!(is_well_formed_tag(ok), "{ok}");
        }
        for bad in [
            "",
            "e",
            "en GB",
            "en--GB",
            "englishlang",
            "en-",
            "-GB",
            "€n",
        ] {
            assert!(!is_well_formed_tag(bad), "{bad}");
        }
    }
}
