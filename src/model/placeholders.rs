//! Placeholders a template leaves to fill in, such as `[Country]` or
//! `[Counterpart name]`: square brackets around a short phrase starting
//! with a letter (not a link's `[text](…)`, not a footnote's `[1]`).
//! `check` warns of them; the editor asks before a brief with any is marked
//! Final or exported.

use super::brief::Brief;

/// The longest phrase read as a placeholder.
const MAX_LEN: usize = 60;

/// Every placeholder in `text`, with its brackets, in order.
pub fn placeholders_in(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find([']', '[', '\n']) else {
            break;
        };
        let inner = &after[..close];
        let closed = after[close..].starts_with(']');
        let tail = &after[close + 1..];
        if closed
            && inner.chars().next().is_some_and(char::is_alphabetic)
            && inner.chars().count() <= MAX_LEN
            && !tail.starts_with('(')
        {
            let start = offset + open;
            out.push(&text[start..start + inner.len() + 2]);
        }
        let step = open + 1 + close;
        offset += step;
        rest = &rest[step..];
    }
    out
}

impl Brief {
    /// Every different placeholder left in the brief, in document order.
    pub fn placeholders(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        self.for_each_text(|f| {
            for p in placeholders_in(f.text) {
                if !out.iter().any(|o| o == p) {
                    out.push(p.to_string());
                }
            }
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracketed_phrases_are_placeholders_but_links_and_numbers_are_not() {
        assert_eq!(
            placeholders_in("Meet [Counterpart name] of [Country] in [City]."),
            vec!["[Counterpart name]", "[Country]", "[City]"]
        );
        assert!(placeholders_in("see [the site](https://x) and [1], []").is_empty());
        assert!(placeholders_in("an [unclosed bracket").is_empty());
        assert_eq!(placeholders_in("[[Nested]]"), vec!["[Nested]"]);
        assert_eq!(placeholders_in("é [Pays] ü"), vec!["[Pays]"]);
    }

    #[test]
    fn a_template_lists_its_placeholders_once_each() {
        let b = crate::templates::find("bilateral-meeting")
            .and_then(|t| t.brief().ok())
            .expect("template");
        let found = b.placeholders();
        assert!(found.contains(&"[Country]".to_string()), "{found:?}");
        assert_eq!(found.iter().filter(|p| *p == "[Country]").count(), 1);
    }
}
