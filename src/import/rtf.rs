//! RTF read as plain text: groups, control words and destinations (font
//! tables, pictures, `{\*…}`) are dropped; `\par` and `\line` end lines,
//! `\'hh` and `\uN` give their characters. The text then goes to the
//! plain-text reader, so headings and lists are guessed as for `.txt`.

/// Groups whose text is not part of the article.
const SKIP: [&str; 10] = [
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "header",
    "footer",
    "listtable",
    "listoverridetable",
    "generator",
];

/// The plain text of an RTF document.
pub fn to_text(rtf: &str) -> String {
    let mut out = String::new();
    // For each open group: whether its text is skipped.
    let mut skip: Vec<bool> = vec![false];
    let mut chars = rtf.chars().peekable();
    // After `\uN`, the one fallback character to drop.
    let mut drop_next = 0;
    while let Some(c) = chars.next() {
        let skipping = skip.last().copied().unwrap_or(false);
        match c {
            '{' => skip.push(skipping),
            '}' => {
                skip.pop();
                if skip.is_empty() {
                    skip.push(false);
                }
            }
            '\\' => {
                let Some(&n) = chars.peek() else { break };
                if n == '\'' {
                    chars.next();
                    let hex: String = chars.by_ref().take(2).collect();
                    if let Ok(b) = u8::from_str_radix(&hex, 16) {
                        if !skipping && drop_next == 0 {
                            let byte = [b];
                            let (s, _, _) = encoding_rs::WINDOWS_1252.decode(&byte);
                            out.push_str(&s);
                        }
                    }
                    drop_next = 0;
                } else if n.is_ascii_alphabetic() {
                    let mut word = String::new();
                    while let Some(&a) = chars.peek().filter(|a| a.is_ascii_alphabetic()) {
                        word.push(a);
                        chars.next();
                    }
                    let mut num = String::new();
                    while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit() || **d == '-') {
                        num.push(d);
                        chars.next();
                    }
                    if chars.peek() == Some(&' ') {
                        chars.next();
                    }
                    if SKIP.contains(&word.as_str()) {
                        if let Some(top) = skip.last_mut() {
                            *top = true;
                        }
                        continue;
                    }
                    if skipping {
                        continue;
                    }
                    match word.as_str() {
                        "par" | "line" | "sect" | "page" => out.push('\n'),
                        "tab" | "cell" => out.push('\t'),
                        "row" => out.push('\n'),
                        "u" => {
                            if let Some(ch) = num
                                .parse::<i32>()
                                .ok()
                                .map(|v| if v < 0 { v + 65536 } else { v })
                                .and_then(|v| char::from_u32(v as u32))
                            {
                                out.push(ch);
                            }
                            drop_next = 1;
                        }
                        "emdash" => out.push('—'),
                        "endash" => out.push('–'),
                        "lquote" => out.push('‘'),
                        "rquote" => out.push('’'),
                        "ldblquote" => out.push('“'),
                        "rdblquote" => out.push('”'),
                        "bullet" => out.push('•'),
                        _ => {}
                    }
                } else {
                    chars.next();
                    match n {
                        '*' => {
                            if let Some(top) = skip.last_mut() {
                                *top = true;
                            }
                        }
                        '~' if !skipping => out.push('\u{a0}'),
                        '{' | '}' | '\\' if !skipping => out.push(n),
                        '\n' | '\r' if !skipping => out.push('\n'),
                        _ => {}
                    }
                }
            }
            '\r' | '\n' => {}
            _ if skipping => {}
            _ if drop_next > 0 => drop_next -= 1,
            _ => out.push(c),
        }
    }
    // Paragraphs end with `\par`; a blank line between them lets the
    // plain-text reader see each as its own block.
    out.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_words_and_tables_are_dropped() {
        let rtf = r"{\rtf1\ansi{\fonttbl{\f0 Times;}}{\*\generator Word;}\f0\fs24 Caf\'e9 Talks\par The talks ended\u8212? well.\par}";
        assert_eq!(to_text(rtf), "Café Talks\n\nThe talks ended— well.");
    }
}
