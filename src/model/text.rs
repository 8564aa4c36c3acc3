//! Inline markup of brief text: `**bold**`, `*italic*`, `***both***`, and
//! `\*` for a literal asterisk. Parsing never fails: an unmatched marker is
//! kept as a literal character, so no typed text is ever lost. Also which
//! characters are hidden controls, kept out of PDF properties, bookmarks
//! and file names.

/// Whether `text` is in NFC already (a quick check, then a full one).
pub fn is_nfc(text: &str) -> bool {
    use unicode_normalization::{is_nfc, is_nfc_quick, IsNormalized};
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => true,
        IsNormalized::No => false,
        IsNormalized::Maybe => is_nfc(text),
    }
}

/// `text` in Unicode Normalization Form C (composed): what the brief
/// stores, however the text was typed, pasted, imported or saved.
/// Borrowed when it already is (the quick check decides most text).
pub fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    if is_nfc(text) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.nfc().collect())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

/// What one character of marked-up text is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Printed.
    Text,
    /// Part of a `*` run that opens or closes emphasis; not printed.
    Marker,
    /// The backslash of `\*`; not printed.
    Escape,
}

/// One character of marked-up text: its role and the style it prints in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CharStyle {
    pub role: Role,
    pub bold: bool,
    pub italic: bool,
}

/// A run of `*` that could open or close emphasis but found no partner,
/// so (some of) its stars print as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unmatched {
    /// Char index of the run's first star.
    pub start: usize,
    /// Stars in the run, and how many of them print.
    pub len: usize,
    pub left_over: usize,
    pub can_open: bool,
    pub can_close: bool,
}

/// How marked-up text reads: one [`CharStyle`] per `char` of the input,
/// and the marker runs left unmatched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    pub chars: Vec<CharStyle>,
    pub unmatched: Vec<Unmatched>,
}

/// CommonMark's punctuation: ASCII punctuation and (approximately) Unicode
/// punctuation and symbols — anything neither a letter, digit nor space.
fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() || !(c.is_alphanumeric() || c.is_whitespace() || c.is_control())
}

/// A delimiter run on CommonMark's stack.
struct Delim {
    orig: usize,
    /// Stars not yet used, `lo..hi` (char indices).
    lo: usize,
    hi: usize,
    start: usize,
    can_open: bool,
    can_close: bool,
    active: bool,
}

/// Finds which `*` runs pair up, following CommonMark's rules for `*`
/// emphasis (left- and right-flanking runs, the rule of three, the
/// "process emphasis" algorithm), so `5 * 3` keeps its star and `*draft*`
/// is italic. `\*` is a literal star.
pub fn analyse(input: &str) -> Analysis {
    let chars: Vec<char> = input.chars().collect();
    let n = chars.len();
    let mut roles = vec![Role::Text; n];
    let mut delims: Vec<Delim> = Vec::new();
    let mut i = 0;
    while i < n {
        if chars[i] == '\\' && chars.get(i + 1) == Some(&'*') {
            roles[i] = Role::Escape;
            i += 2;
            continue;
        }
        if chars[i] == '*' {
            let start = i;
            while i < n && chars[i] == '*' {
                i += 1;
            }
            // Start and end of text count as white space.
            let before = start.checked_sub(1).map(|k| chars[k]).unwrap_or(' ');
            let after = chars.get(i).copied().unwrap_or(' ');
            let left = !after.is_whitespace()
                && (!is_punct(after) || before.is_whitespace() || is_punct(before));
            let right = !before.is_whitespace()
                && (!is_punct(before) || after.is_whitespace() || is_punct(after));
            delims.push(Delim {
                orig: i - start,
                lo: start,
                hi: i,
                start,
                can_open: left,
                can_close: right,
                active: true,
            });
            continue;
        }
        i += 1;
    }

    // Process emphasis: each closer looks back for the nearest opener.
    let mut bold = vec![0i32; n + 1];
    let mut italic = vec![0i32; n + 1];
    let mut bottom = [[0usize; 2]; 3];
    let mut c = 0;
    while c < delims.len() {
        if !delims[c].active || !delims[c].can_close || delims[c].lo == delims[c].hi {
            c += 1;
            continue;
        }
        let key = (delims[c].orig % 3, usize::from(delims[c].can_open));
        let floor = bottom[key.0][key.1];
        let closer = &delims[c];
        let found = (floor..c).rev().find(|&k| {
            let o = &delims[k];
            o.active
                && o.can_open
                && o.lo < o.hi
                && !((o.can_close || closer.can_open)
                    && !closer.orig.is_multiple_of(3)
                    && (o.orig + closer.orig).is_multiple_of(3))
        });
        match found {
            Some(o) => {
                let use_n = if delims[o].hi - delims[o].lo >= 2 && delims[c].hi - delims[c].lo >= 2
                {
                    2
                } else {
                    1
                };
                let open_end = delims[o].hi;
                let close_start = delims[c].lo;
                delims[o].hi -= use_n;
                delims[c].lo += use_n;
                for r in &mut roles[delims[o].hi..open_end] {
                    *r = Role::Marker;
                }
                for r in &mut roles[close_start..delims[c].lo] {
                    *r = Role::Marker;
                }
                let depth = if use_n == 2 { &mut bold } else { &mut italic };
                depth[open_end] += 1;
                depth[close_start] -= 1;
                for d in &mut delims[o + 1..c] {
                    d.active = false;
                }
                if delims[o].lo == delims[o].hi {
                    delims[o].active = false;
                }
                if delims[c].lo == delims[c].hi {
                    delims[c].active = false;
                    c += 1;
                }
            }
            None => {
                bottom[key.0][key.1] = c;
                if !delims[c].can_open {
                    delims[c].active = false;
                }
                c += 1;
            }
        }
    }

    let (mut b, mut it) = (0, 0);
    let mut out = Vec::with_capacity(n);
    for (k, role) in roles.into_iter().enumerate() {
        b += bold[k];
        it += italic[k];
        out.push(CharStyle {
            role,
            bold: b > 0,
            italic: it > 0,
        });
    }
    let unmatched = delims
        .iter()
        .filter(|d| d.lo < d.hi && (d.can_open || d.can_close))
        .map(|d| Unmatched {
            start: d.start,
            len: d.orig,
            left_over: d.hi - d.lo,
            can_open: d.can_open,
            can_close: d.can_close,
        })
        .collect();
    Analysis {
        chars: out,
        unmatched,
    }
}

/// Splits marked-up text into styled spans; adjacent spans differ in style.
pub fn parse(input: &str) -> Vec<Span> {
    // Without a star there is no markup (a backslash escapes stars only):
    // most text, and layout parses all of it on every change.
    if !input.contains('*') {
        if input.is_empty() {
            return Vec::new();
        }
        return vec![Span {
            text: input.to_string(),
            bold: false,
            italic: false,
        }];
    }
    parse_marked(input)
}

fn parse_marked(input: &str) -> Vec<Span> {
    let a = analyse(input);
    let mut spans: Vec<Span> = Vec::new();
    for (c, st) in input.chars().zip(&a.chars) {
        if st.role != Role::Text {
            continue;
        }
        match spans.last_mut() {
            Some(last) if last.bold == st.bold && last.italic == st.italic => last.text.push(c),
            _ => spans.push(Span {
                text: c.to_string(),
                bold: st.bold,
                italic: st.italic,
            }),
        }
    }
    spans
}

/// A marker run that probably meant emphasis but prints as stars: a
/// run that could only open (or only close), or a run of two or more.
/// A single star between letters or digits (`5*3`) is left alone.
pub fn suspicious_markers(input: &str) -> Vec<Unmatched> {
    analyse(input)
        .unmatched
        .into_iter()
        .filter(|u| u.can_open != u.can_close || u.len >= 2)
        .collect()
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

/// Bold or italic, for [`toggle_emphasis`] and [`restyle`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Emphasis {
    Bold,
    Italic,
}

/// One printed character with its style, and whether it was written `\*`.
#[derive(Debug, Clone, Copy)]
struct Styled {
    c: char,
    bold: bool,
    italic: bool,
    escaped: bool,
}

/// The printed characters of `text`, and for each source char index the
/// number of printed characters before it (one more entry for the end).
fn content(text: &str) -> (Vec<Styled>, Vec<usize>) {
    let a = analyse(text);
    let mut out = Vec::new();
    let mut before = Vec::with_capacity(a.chars.len() + 1);
    let mut escaped = false;
    for (c, st) in text.chars().zip(&a.chars) {
        before.push(out.len());
        match st.role {
            Role::Escape => escaped = true,
            Role::Marker => {}
            Role::Text => {
                out.push(Styled {
                    c,
                    bold: st.bold,
                    italic: st.italic,
                    escaped: std::mem::take(&mut escaped),
                });
            }
        }
    }
    before.push(out.len());
    (out, before)
}

/// Writes styled characters back as markup; `escape_all` writes every
/// literal star as `\*`. Returns the text and, per printed character, the
/// char indices in that text where it starts (at its `\`, if any) and ends.
fn write(chars: &[Styled], escape_all: bool) -> (String, Vec<usize>, Vec<usize>) {
    let mut out = String::new();
    let mut count = 0usize;
    let mut at = Vec::with_capacity(chars.len());
    let mut ends = Vec::with_capacity(chars.len());
    let mut open: Vec<Emphasis> = Vec::new();
    let push = |out: &mut String, count: &mut usize, s: &str| {
        out.push_str(s);
        *count += s.chars().count();
    };
    let marker = |e: Emphasis| match e {
        Emphasis::Bold => "**",
        Emphasis::Italic => "*",
    };
    for ch in chars.iter().copied().chain(std::iter::once(Styled {
        c: '\0',
        bold: false,
        italic: false,
        escaped: false,
    })) {
        let wants = |e: Emphasis| match e {
            Emphasis::Bold => ch.bold,
            Emphasis::Italic => ch.italic,
        };
        // Close from the innermost out, down to the first style that ends.
        if let Some(first) = open.iter().position(|e| !wants(*e)) {
            let reopen: Vec<Emphasis> = open[first..]
                .iter()
                .copied()
                .filter(|e| wants(*e))
                .collect();
            while open.len() > first {
                if let Some(e) = open.pop() {
                    push(&mut out, &mut count, marker(e));
                }
            }
            for e in reopen {
                push(&mut out, &mut count, marker(e));
                open.push(e);
            }
        }
        for e in [Emphasis::Bold, Emphasis::Italic] {
            if wants(e) && !open.contains(&e) {
                push(&mut out, &mut count, marker(e));
                open.push(e);
            }
        }
        if ch.c == '\0' && at.len() == chars.len() {
            break;
        }
        at.push(count);
        if ch.c == '*' && (ch.escaped || escape_all) {
            push(&mut out, &mut count, "\\");
        }
        let mut buf = [0u8; 4];
        push(&mut out, &mut count, ch.c.encode_utf8(&mut buf));
        ends.push(count);
    }
    (out, at, ends)
}

/// Sets `emphasis` on (or off) for the printed characters `from..to` of
/// `text` (indices into [`plain`]), rewriting the markers as needed.
/// White space at the edges of a styled stretch stays unstyled, since
/// CommonMark will not open emphasis before a space. Returns the new text
/// and the char indices of the first and after the last restyled
/// character in it, or `None` when no markup prints that way.
pub fn restyle(
    text: &str,
    from: usize,
    to: usize,
    emphasis: Emphasis,
    on: bool,
) -> Option<(String, usize, usize)> {
    let (out, at, ends) = restyle_at(text, from, to, emphasis, on)?;
    let n = out.chars().count();
    let to = to.min(at.len());
    let from = from.min(to);
    let start = at.get(from).copied().unwrap_or(n);
    let end = if to > from { ends[to - 1] } else { start };
    Some((out, start, end))
}

/// [`restyle`], returning where each printed character starts and ends.
fn restyle_at(
    text: &str,
    from: usize,
    to: usize,
    emphasis: Emphasis,
    on: bool,
) -> Option<(String, Vec<usize>, Vec<usize>)> {
    let (mut chars, _) = content(text);
    let to = to.min(chars.len());
    let from = from.min(to);
    let set = |ch: &mut Styled, e: Emphasis, v: bool| match e {
        Emphasis::Bold => ch.bold = v,
        Emphasis::Italic => ch.italic = v,
    };
    for ch in &mut chars[from..to] {
        set(ch, emphasis, on);
    }
    // Spaces at the edges of a styled stretch lose the style.
    for e in [Emphasis::Bold, Emphasis::Italic] {
        let get = |c: &Styled| match e {
            Emphasis::Bold => c.bold,
            Emphasis::Italic => c.italic,
        };
        let n = chars.len();
        let mut i = 0;
        while i < n {
            if !get(&chars[i]) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < n && get(&chars[j]) {
                j += 1;
            }
            let (mut a, mut b) = (i, j);
            while a < b && chars[a].c.is_whitespace() {
                a += 1;
            }
            while b > a && chars[b - 1].c.is_whitespace() {
                b -= 1;
            }
            for k in (i..a).chain(b..j) {
                set(&mut chars[k], e, false);
            }
            i = j;
        }
    }
    let want = |c: &Styled| (c.c, c.bold, c.italic);
    for escape_all in [false, true] {
        let (out, at, ends) = write(&chars, escape_all);
        let (got, _) = content(&out);
        if got.iter().map(want).eq(chars.iter().map(want)) {
            return Some((out, at, ends));
        }
    }
    None
}

/// The number of printed characters before char index `at` of `text`.
pub fn printed_index(text: &str, at: usize) -> usize {
    let (_, before) = content(text);
    before[at.min(before.len() - 1)]
}

/// The style that typing at char index `at` continues: that of the
/// printed character before it, as (bold, italic).
pub fn style_at(text: &str, at: usize) -> (bool, bool) {
    let (chars, before) = content(text);
    let k = before[at.min(before.len() - 1)];
    k.checked_sub(1)
        .and_then(|k| chars.get(k))
        .map_or((false, false), |c| (c.bold, c.italic))
}

/// Whether the printed characters `from..to` all have `emphasis`.
fn all_styled(chars: &[Styled], from: usize, to: usize, emphasis: Emphasis) -> bool {
    chars[from..to]
        .iter()
        .filter(|c| !c.c.is_whitespace())
        .all(|c| match emphasis {
            Emphasis::Bold => c.bold,
            Emphasis::Italic => c.italic,
        })
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '_')
}

/// Ctrl+B / Ctrl+I on the selection `start..end` (char indices into
/// `text`, markers included): makes it bold (italic) unless it all is
/// already, then makes it plain. With no selection, the word at the
/// cursor is toggled and the cursor stays where it was in the word.
/// Returns the new text and selection, or `None` when the cursor is not in
/// a word (the caller then styles what is typed next) or the change cannot
/// be written as markup.
pub fn toggle_emphasis(
    text: &str,
    start: usize,
    end: usize,
    emphasis: Emphasis,
) -> Option<(String, usize, usize)> {
    let (chars, before) = content(text);
    let last = before.len() - 1;
    let (a, b) = (start.min(end).min(last), start.max(end).min(last));
    let (mut from, mut to) = (before[a], before[b]);
    let collapsed = from == to;
    if collapsed {
        while from > 0 && is_word(chars[from - 1].c) {
            from -= 1;
        }
        while to < chars.len() && is_word(chars[to].c) {
            to += 1;
        }
    } else {
        // Only the selected words change; spaces around them stay plain.
        while from < to && chars[from].c.is_whitespace() {
            from += 1;
        }
        while to > from && chars[to - 1].c.is_whitespace() {
            to -= 1;
        }
    }
    if from == to {
        return None;
    }
    let on = !all_styled(&chars, from, to, emphasis);
    let (out, at, ends) = restyle_at(text, from, to, emphasis, on)?;
    let (s, e) = (at[from], ends[to - 1]);
    if collapsed {
        // The cursor stays at the same character of the word.
        let k = before[a];
        let cur = if k < to { at[k].max(s) } else { e };
        return Some((out, cur, cur));
    }
    Some((out, s, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_without_stars_parses_as_the_full_analysis_does() {
        for s in [
            "",
            "plain",
            "back\\slash \\",
            "a\\b",
            "tab\tnew\nline",
            "\u{200B}",
        ] {
            assert_eq!(parse(s), parse_marked(s), "{s:?}");
        }
    }

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

    /// Flattens the spec's HTML (`<em>`, `<strong>`, `&quot;`) into spans.
    fn from_html(html: &str) -> Vec<(String, bool, bool)> {
        let html = html.replace("&quot;", "\"");
        let (mut strong, mut em) = (0, 0);
        let mut out: Vec<(String, bool, bool)> = Vec::new();
        let mut rest = html.as_str();
        while !rest.is_empty() {
            let tags = [
                ("<strong>", 1, 0),
                ("</strong>", -1, 0),
                ("<em>", 0, 1),
                ("</em>", 0, -1),
            ];
            if let Some((t, s, e)) = tags.iter().find(|(t, _, _)| rest.starts_with(t)) {
                strong += s;
                em += e;
                rest = &rest[t.len()..];
                continue;
            }
            let c = rest.chars().next().unwrap_or(' ');
            rest = &rest[c.len_utf8()..];
            let style = (strong > 0, em > 0);
            match out.last_mut() {
                Some(l) if (l.1, l.2) == style => l.0.push(c),
                _ => out.push((c.to_string(), style.0, style.1)),
            }
        }
        out
    }

    /// The CommonMark 0.31 spec's examples of `*` emphasis (those without
    /// underscores, links, code or HTML), with their expected output.
    const SPEC: &[(&str, &str)] = &[
        ("*foo bar*", "<em>foo bar</em>"),
        ("a * foo bar*", "a * foo bar*"),
        ("a*\"foo\"*", "a*&quot;foo&quot;*"),
        ("*\u{a0}a\u{a0}*", "*\u{a0}a\u{a0}*"),
        ("foo*bar*", "foo<em>bar</em>"),
        ("5*6*78", "5<em>6</em>78"),
        ("*foo bar *", "*foo bar *"),
        ("*foo bar\n*", "*foo bar\n*"),
        ("*(*foo)", "*(*foo)"),
        ("*(*foo*)*", "<em>(<em>foo</em>)</em>"),
        ("*foo*bar", "<em>foo</em>bar"),
        ("**foo bar**", "<strong>foo bar</strong>"),
        ("** foo bar**", "** foo bar**"),
        ("a**\"foo\"**", "a**&quot;foo&quot;**"),
        ("foo**bar**", "foo<strong>bar</strong>"),
        ("**foo bar **", "**foo bar **"),
        ("**(**foo)", "**(**foo)"),
        ("*(**foo**)*", "<em>(<strong>foo</strong>)</em>"),
        (
            "**Gomphocarpus (*Gomphocarpus physocarpus*, syn.\n*Asclepias physocarpa*)**",
            "<strong>Gomphocarpus (<em>Gomphocarpus physocarpus</em>, syn.\n<em>Asclepias physocarpa</em>)</strong>",
        ),
        (
            "**foo \"*bar*\" foo**",
            "<strong>foo &quot;<em>bar</em>&quot; foo</strong>",
        ),
        ("**foo**bar", "<strong>foo</strong>bar"),
        ("*foo\nbar*", "<em>foo\nbar</em>"),
        ("*foo **bar** baz*", "<em>foo <strong>bar</strong> baz</em>"),
        ("*foo *bar* baz*", "<em>foo <em>bar</em> baz</em>"),
        ("*foo **bar***", "<em>foo <strong>bar</strong></em>"),
        ("*foo**bar**baz*", "<em>foo<strong>bar</strong>baz</em>"),
        ("*foo**bar*", "<em>foo**bar</em>"),
        ("***foo** bar*", "<em><strong>foo</strong> bar</em>"),
        ("*foo**bar***", "<em>foo<strong>bar</strong></em>"),
        ("foo***bar***baz", "foo<em><strong>bar</strong></em>baz"),
        (
            "foo******bar*********baz",
            "foo<strong><strong><strong>bar</strong></strong></strong>***baz",
        ),
        (
            "*foo **bar *baz* bim** bop*",
            "<em>foo <strong>bar <em>baz</em> bim</strong> bop</em>",
        ),
        ("** is not an empty emphasis", "** is not an empty emphasis"),
        (
            "**** is not an empty strong emphasis",
            "**** is not an empty strong emphasis",
        ),
        ("**foo\nbar**", "<strong>foo\nbar</strong>"),
        ("**foo *bar* baz**", "<strong>foo <em>bar</em> baz</strong>"),
        (
            "**foo **bar** baz**",
            "<strong>foo <strong>bar</strong> baz</strong>",
        ),
        ("***foo* bar**", "<strong><em>foo</em> bar</strong>"),
        ("**foo *bar***", "<strong>foo <em>bar</em></strong>"),
        (
            "**foo *bar **baz**\nbim* bop**",
            "<strong>foo <em>bar <strong>baz</strong>\nbim</em> bop</strong>",
        ),
        ("foo ***", "foo ***"),
        ("foo *\\**", "foo <em>*</em>"),
        ("foo *****", "foo *****"),
        ("foo **\\***", "foo <strong>*</strong>"),
        ("**foo*", "*<em>foo</em>"),
        ("*foo**", "<em>foo</em>*"),
        ("***foo**", "*<strong>foo</strong>"),
        ("****foo*", "***<em>foo</em>"),
        ("**foo***", "<strong>foo</strong>*"),
        ("*foo****", "<em>foo</em>***"),
        ("**foo**", "<strong>foo</strong>"),
        ("****foo****", "<strong><strong>foo</strong></strong>"),
        (
            "******foo******",
            "<strong><strong><strong>foo</strong></strong></strong>",
        ),
        ("***foo***", "<em><strong>foo</strong></em>"),
        ("**foo **bar baz**", "**foo <strong>bar baz</strong>"),
        ("*foo *bar baz*", "*foo <em>bar baz</em>"),
        ("\\*not emphasized*", "*not emphasized*"),
    ];

    #[test]
    fn star_emphasis_follows_the_commonmark_spec() {
        let mut wrong = Vec::new();
        for (md, html) in SPEC {
            if styles(md) != from_html(html) {
                wrong.push(format!("{md:?}: got {:?}, want {html:?}", styles(md)));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn a_star_between_spaces_or_digits_prints_as_a_star() {
        let s = "Cost is 5 * 3 units and *draft* only.";
        assert_eq!(plain(s), "Cost is 5 * 3 units and draft only.");
        assert!(styles(s).contains(&("draft".into(), false, true)));
        assert_eq!(plain("5* 3 and 5 *3"), "5* 3 and 5 *3");
        assert_eq!(plain("a ** b"), "a ** b");
        assert!(suspicious_markers("5 * 3").is_empty());
        assert!(suspicious_markers("5*3").is_empty());
        assert_eq!(suspicious_markers("**open and").len(), 1);
        assert_eq!(suspicious_markers("a *b").len(), 1);
        assert!(suspicious_markers("*a* **b**").is_empty());
    }

    #[test]
    fn every_character_has_a_role() {
        let a = analyse(r"**b** \* x");
        let roles: Vec<Role> = a.chars.iter().map(|c| c.role).collect();
        use Role::*;
        assert_eq!(
            roles,
            vec![Marker, Marker, Text, Marker, Marker, Text, Escape, Text, Text, Text]
        );
        assert!(a.chars[2].bold && !a.chars[5].bold);
    }

    fn toggle(t: &str, a: usize, b: usize, e: Emphasis) -> (String, usize, usize) {
        toggle_emphasis(t, a, b, e).unwrap_or_else(|| panic!("no toggle in {t:?} {a}..{b}"))
    }

    #[test]
    fn emphasis_wraps_and_unwraps_the_selection() {
        let (t, a, b) = toggle("make this bold", 5, 9, Emphasis::Bold);
        assert_eq!((t.as_str(), a, b), ("make **this** bold", 7, 11));
        let (t, a, b) = toggle(&t, a, b, Emphasis::Bold);
        assert_eq!((t.as_str(), a, b), ("make this bold", 5, 9));
        // Spaces selected at the edges stay outside the markers.
        let (t, _, _) = toggle("make this bold", 4, 10, Emphasis::Italic);
        assert_eq!(t, "make *this* bold");
    }

    #[test]
    fn emphasis_without_a_selection_toggles_the_word_at_the_cursor() {
        let (t, a, b) = toggle("make this bold", 7, 7, Emphasis::Bold);
        assert_eq!((t.as_str(), a, b), ("make **this** bold", 9, 9));
        let (t, a, b) = toggle(&t, a, b, Emphasis::Bold);
        assert_eq!((t.as_str(), a, b), ("make this bold", 7, 7));
        let (t, a, _) = toggle("make this bold", 9, 9, Emphasis::Italic);
        assert_eq!((t.as_str(), a), ("make *this* bold", 10));
        assert_eq!(toggle_emphasis("a  b", 2, 2, Emphasis::Bold), None);
        assert_eq!(toggle_emphasis("", 0, 0, Emphasis::Bold), None);
        assert_eq!(
            toggle_emphasis("é", 1, 1, Emphasis::Italic).map(|t| t.0),
            Some("*é*".into())
        );
    }

    #[test]
    fn emphasis_inside_and_across_styled_text() {
        // Un-bolding a word in the middle of bold text splits it.
        let (t, _, _) = toggle("**make this bold**", 7, 11, Emphasis::Bold);
        assert_eq!(t, "**make** this **bold**");
        // Bolding across a bold word merges into one stretch.
        let (t, _, _) = toggle("make **this** bold", 0, 18, Emphasis::Bold);
        assert_eq!(t, "**make this bold**");
        // Italic inside bold nests.
        let (t, _, _) = toggle("**make this bold**", 7, 11, Emphasis::Italic);
        assert_eq!(t, "**make *this* bold**");
        assert_eq!(plain(&t), "make this bold");
        // Literal stars elsewhere are kept as they were written.
        let (t, _, _) = toggle(r"5 * 3 is \*fifteen\*", 11, 18, Emphasis::Bold);
        assert_eq!(t, r"5 * 3 is \***fifteen**\*");
        assert_eq!(plain(&t), "5 * 3 is *fifteen*");
    }

    #[test]
    fn emphasis_twice_gives_back_the_text() {
        let texts = [
            "Cost is 5 * 3 units and *draft* only.",
            "**Key topics** of discussion included: *a*, b and c.",
            "plain words, some (in brackets) and \"quoted\" ones",
        ];
        for t in texts {
            let n = t.chars().count();
            for a in 0..=n {
                for e in [Emphasis::Bold, Emphasis::Italic] {
                    let Some((once, x, y)) = toggle_emphasis(t, a, a, e) else {
                        continue;
                    };
                    assert_eq!(plain(&once), plain(t), "{t:?} at {a}");
                    let (twice, _, _) = toggle(&once, x, y, e);
                    assert_eq!(plain(&twice), plain(t), "{t:?} at {a}: {once:?}");
                    // Styles come back, but for spaces between two styled words.
                    let inked = |s: &str| -> Vec<(char, bool, bool)> {
                        s.chars()
                            .zip(analyse(s).chars)
                            .filter(|(c, st)| st.role == Role::Text && !c.is_whitespace())
                            .map(|(c, st)| (c, st.bold, st.italic))
                            .collect()
                    };
                    assert_eq!(inked(&twice), inked(t), "{t:?} at {a}: {once:?} {twice:?}");
                    if !t.starts_with("**") {
                        assert_eq!(twice, t, "{t:?} at {a}: {once:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn restyling_what_was_typed() {
        // "x" typed at 5, styled bold: the cursor goes after it, inside.
        let (t, a, b) = restyle("make x bold", 5, 6, Emphasis::Bold, true).unwrap_or_default();
        assert_eq!((t.as_str(), a, b), ("make **x** bold", 7, 8));
    }
}
