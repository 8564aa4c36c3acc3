//! Inline markup of brief text: `**bold**`, `*italic*`, `***both***`, and
//! `\*` for a literal asterisk. Parsing never fails: an unmatched marker is
//! kept as a literal character, so no typed text is ever lost. Also which
//! characters are hidden controls, kept out of PDF properties, bookmarks
//! and file names.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

/// Splits marked-up text into styled spans; adjacent spans differ in style.
pub fn parse(input: &str) -> Vec<Span> {
    let chars: Vec<char> = input.chars().collect();
    // First pass: find which marker runs pair up, so unmatched ones stay literal.
    let mut markers: Vec<(usize, usize)> = Vec::new(); // (position, run length)
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\\' && i + 1 < chars.len() && chars[i + 1] == '*' {
            i += 2;
            continue;
        }
        if chars[i] == '*' {
            let start = i;
            while i < chars.len() && chars[i] == '*' {
                i += 1;
            }
            markers.push((start, (i - start).min(3)));
            continue;
        }
        i += 1;
    }
    let mut active = vec![false; markers.len()];
    // Pair bold (2) and italic (1) markers independently; a run of 3 toggles both.
    for want in [2usize, 1] {
        let mut open: Option<usize> = None;
        for (k, &(_, len)) in markers.iter().enumerate() {
            if len == want || len == 3 {
                match open {
                    None => open = Some(k),
                    Some(o) => {
                        active[o] = true;
                        active[k] = true;
                        open = None;
                    }
                }
            }
        }
    }

    let mut spans: Vec<Span> = Vec::new();
    let (mut bold, mut italic) = (false, false);
    let mut buf = String::new();
    let mut i = 0;
    let mut mk = 0;
    let flush = |buf: &mut String, spans: &mut Vec<Span>, bold: bool, italic: bool| {
        if buf.is_empty() {
            return;
        }
        match spans.last_mut() {
            Some(last) if last.bold == bold && last.italic == italic => last.text.push_str(buf),
            _ => spans.push(Span {
                text: buf.clone(),
                bold,
                italic,
            }),
        }
        buf.clear();
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() && chars[i + 1] == '*' {
            buf.push('*');
            i += 2;
            continue;
        }
        if c == '*' {
            let (pos, len) = markers[mk];
            debug_assert_eq!(pos, i);
            let mut run = 0;
            while i + run < chars.len() && chars[i + run] == '*' {
                run += 1;
            }
            if active[mk] {
                flush(&mut buf, &mut spans, bold, italic);
                match len {
                    1 => italic = !italic,
                    2 => bold = !bold,
                    _ => {
                        bold = !bold;
                        italic = !italic;
                    }
                }
                // A run longer than 3 keeps its extra stars as text.
                for _ in len..run {
                    buf.push('*');
                }
            } else {
                for _ in 0..run {
                    buf.push('*');
                }
            }
            i += run;
            mk += 1;
            continue;
        }
        buf.push(c);
        i += 1;
    }
    flush(&mut buf, &mut spans, bold, italic);
    spans
}

/// The text without markup, as a reader sees it.
pub fn plain(input: &str) -> String {
    parse(input).into_iter().map(|s| s.text).collect()
}

/// Escapes literal asterisks so that `plain(escape(s)) == s`.
pub fn escape(input: &str) -> String {
    input.replace('*', "\\*")
}

/// Control characters (U+0000–U+001F but tab and newline, U+007F) and
/// bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069).
/// They print nothing, yet can hide text or make a name read backwards
/// (`report\u{202E}fdp.exe`), so they never reach a PDF's document
/// properties, its bookmarks or a file name, and `check` warns of them.
pub fn is_hidden_control(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{8}'
            | '\u{b}'..='\u{1f}'
            | '\u{7f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// `s` as one line for metadata, bookmarks and file names: hidden controls
/// left out, tabs and newlines turned into spaces.
pub fn single_line(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\t' | '\n' => Some(' '),
            c if is_hidden_control(c) => None,
            c => Some(c),
        })
        .collect()
}

/// Ctrl+B / Ctrl+I: wraps the characters `start..end` (char indices) in
/// `marker` (`**` or `*`), or unwraps them when they are already wrapped.
/// Returns the new text and the selection (char indices) over the same words.
pub fn toggle_emphasis(
    text: &str,
    start: usize,
    end: usize,
    marker: &str,
) -> (String, usize, usize) {
    let chars: Vec<char> = text.chars().collect();
    let mk: Vec<char> = marker.chars().collect();
    let m = mk.len();
    let (a, b) = (
        start.min(end).min(chars.len()),
        start.max(end).min(chars.len()),
    );
    let wrapped =
        a >= m && b + m <= chars.len() && chars[a - m..a] == mk[..] && chars[b..b + m] == mk[..];
    let mut out: Vec<char> = Vec::with_capacity(chars.len() + 2 * m);
    if wrapped {
        out.extend_from_slice(&chars[..a - m]);
        out.extend_from_slice(&chars[a..b]);
        out.extend_from_slice(&chars[b + m..]);
        (out.into_iter().collect(), a - m, b - m)
    } else {
        out.extend_from_slice(&chars[..a]);
        out.extend_from_slice(&mk);
        out.extend_from_slice(&chars[a..b]);
        out.extend_from_slice(&mk);
        out.extend_from_slice(&chars[b..]);
        (out.into_iter().collect(), a + m, b + m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styles(s: &str) -> Vec<(String, bool, bool)> {
        parse(s)
            .into_iter()
            .map(|sp| (sp.text, sp.bold, sp.italic))
            .collect()
    }

    #[test]
    fn bold_and_italic() {
        assert_eq!(
            styles("a **b** *c* d"),
            vec![
                ("a ".into(), false, false),
                ("b".into(), true, false),
                (" ".into(), false, false),
                ("c".into(), false, true),
                (" d".into(), false, false)
            ]
        );
    }

    #[test]
    fn both_at_once() {
        assert_eq!(styles("***x***"), vec![("x".into(), true, true)]);
    }

    #[test]
    fn unmatched_markers_stay_literal() {
        assert_eq!(plain("5 * 3 = 15"), "5 * 3 = 15");
        assert_eq!(plain("**open"), "**open");
        assert_eq!(plain("a ** b"), "a ** b");
    }

    #[test]
    fn escaped_star_is_literal() {
        assert_eq!(plain(r"\*not italic\*"), "*not italic*");
        assert_eq!(plain(&escape("a*b")), "a*b");
    }

    #[test]
    fn hidden_controls_are_exactly_the_listed_ranges() {
        let hidden: Vec<u32> = (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|c| is_hidden_control(*c))
            .map(|c| c as u32)
            .collect();
        let mut want: Vec<u32> = (0..0x20).filter(|c| *c != 9 && *c != 10).collect();
        want.push(0x7f);
        want.extend(0x202a..=0x202e);
        want.extend(0x2066..=0x2069);
        assert_eq!(hidden, want);
    }

    #[test]
    fn single_line_drops_controls_and_joins_lines() {
        assert_eq!(
            single_line("a\u{0}b\tc\r\nd\u{202e}e\u{2067}f\u{7f}"),
            "ab c def"
        );
        // Right-to-left text itself is kept; only the overrides go.
        assert_eq!(single_line("שלום \u{200f}x"), "שלום \u{200f}x");
    }

    #[test]
    fn emphasis_wraps_and_unwraps_the_selection() {
        let (t, a, b) = toggle_emphasis("make this bold", 5, 9, "**");
        assert_eq!((t.as_str(), a, b), ("make **this** bold", 7, 11));
        let (t, a, b) = toggle_emphasis(&t, a, b, "**");
        assert_eq!((t.as_str(), a, b), ("make this bold", 5, 9));
        let (t, a, b) = toggle_emphasis("é", 1, 1, "*");
        assert_eq!((t.as_str(), a, b), ("é**", 2, 2));
    }
}
