//! How the items of a list nest and what marks them: the level each item
//! prints at and its label ("•"/"–" for bullets, "1."/"a." for numbered
//! lists). Layout and the editor both read lists through here, so the
//! preview, the PDF and the editor agree.

use super::brief::Bullet;

/// The level each item prints at, 0 or 1 ([`Bullet::MAX_LEVEL`]): any
/// stored level above 0 prints nested, but the first item prints at 0, which has nothing to
/// nest under. A file with deeper levels (validation warns of them) still
/// shows and prints sensibly.
pub fn list_depths(items: &[Bullet]) -> impl Iterator<Item = u8> + '_ {
    items
        .iter()
        .enumerate()
        .map(|(i, b)| u8::from(i > 0 && b.level > 0))
}

/// The bullet of a top-level item.
pub const BULLET: &str = "•";
/// The bullet of a nested item: an en dash, which every bundled font has.
pub const NESTED_BULLET: &str = "–";

/// The label of each item, in order. Bulleted lists use "•", nested items
/// "–". Numbered lists count their top-level items "1.", "2.", …; items
/// nested under a numbered item are lettered "a.", "b.", … starting again
/// under each number (a drafting convention: "see 2.b").
pub fn list_labels(numbered: bool, items: &[Bullet]) -> Vec<String> {
    let (mut top, mut sub) = (0usize, 0usize);
    list_depths(items)
        .map(|depth| match (numbered, depth) {
            (false, 0) => BULLET.to_string(),
            (false, _) => NESTED_BULLET.to_string(),
            (true, 0) => {
                top += 1;
                sub = 0;
                format!("{top}.")
            }
            (true, _) => {
                sub += 1;
                format!("{}.", letters(sub))
            }
        })
        .collect()
}

/// 1 → "a", 26 → "z", 27 → "aa": bijective base 26, as spreadsheets name
/// columns, so a long nested list never runs out of letters.
fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_letters() {
        let items = [
            Bullet::nested("", "clamped to the top: first"),
            Bullet::nested("", "a"),
            Bullet::nested("", "b"),
            Bullet::new("", "2"),
            Bullet {
                level: 7,
                ..Bullet::new("", "deep reads as nested")
            },
        ];
        assert_eq!(list_labels(true, &items), ["1.", "a.", "b.", "2.", "a."]);
        assert_eq!(list_labels(false, &items), ["•", "–", "–", "•", "–"]);
        assert_eq!(letters(26), "z");
        assert_eq!(letters(27), "aa");
        assert_eq!(letters(28), "ab");
    }
}
