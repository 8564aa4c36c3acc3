//! Validation finds what a drafter must fix, with a path and severity.

use briefsmith::model::{
    validate, Block, BlockContent, Brief, Recommendation, Section, Severity, Table,
};
use chrono::NaiveDate;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

fn messages(b: &Brief) -> Vec<(Severity, String, String)> {
    validate(b, today())
        .into_iter()
        .map(|p| (p.severity, p.path, p.message))
        .collect()
}

#[test]
fn a_good_brief_has_no_errors() {
    for t in briefsmith::templates::TEMPLATES {
        let b = t.brief().unwrap();
        let errors: Vec<_> = messages(&b)
            .into_iter()
            .filter(|m| m.0 == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", t.name);
    }
}

#[test]
fn finds_each_kind_of_problem() {
    let mut b = Brief::new("");
    b.meta.start_date = "26 June".into();
    b.meta.end_date = "2025-13-01".into();
    b.sections.push(Section::new(""));
    let mut s = Section::new("Tables");
    let mut t = Table::new("", &["A", "B"]);
    t.push_row(["1"]);
    s.blocks.push(Block::new(BlockContent::Table(t)));
    b.sections.push(s);
    let mut r = Recommendation::new("", "desc");
    r.due = "soon".into();
    b.recommendations.push(r);
    b.assign_missing_ids();

    let m = messages(&b);
    let has = |sev: Severity, path: &str, text: &str| {
        m.iter()
            .any(|(s, p, msg)| *s == sev && p == path && msg.contains(text))
    };
    assert!(has(Severity::Error, "meta.title", "no title"), "{m:?}");
    assert!(
        has(Severity::Error, "meta.start_date", "not a date"),
        "{m:?}"
    );
    assert!(has(Severity::Error, "meta.end_date", "not a date"), "{m:?}");
    assert!(has(Severity::Error, "sections[0]", "no heading"), "{m:?}");
    assert!(has(Severity::Warning, "sections[0]", "empty"), "{m:?}");
    assert!(
        has(
            Severity::Error,
            "sections[1].blocks[0].rows[0]",
            "1 cells but the table has 2 columns"
        ),
        "{m:?}"
    );
    assert!(
        has(Severity::Error, "recommendations[0]", "no title"),
        "{m:?}"
    );
    assert!(
        has(
            Severity::Error,
            "recommendations[0]",
            "'soon' is not a date"
        ),
        "{m:?}"
    );
}

#[test]
fn end_before_start_is_a_warning() {
    let mut b = Brief::new("T");
    b.meta.start_date = "2025-06-26".into();
    b.meta.end_date = "2025-06-25".into();
    assert!(messages(&b)
        .iter()
        .any(|(s, p, _)| *s == Severity::Warning && p == "meta.end_date"));
}

#[test]
fn bundled_templates_are_saved_in_canonical_form() {
    for t in briefsmith::templates::TEMPLATES {
        let mut b = t.brief().unwrap();
        // Templates hold no commitment identifiers: each brief made from
        // one gets its own, so two briefs from it never share a commitment.
        assert!(
            !t.source.contains("\"uid\""),
            "{} holds identifiers",
            t.name
        );
        let again = t.brief().unwrap();
        if b.uids().iter().any(|u| !u.is_empty()) {
            assert!(b.uids().is_disjoint(&again.uids()), "{}", t.name);
        }
        b.forget_uids();
        assert_eq!(
            String::from_utf8(briefsmith::io::encode(&b)).unwrap(),
            t.source,
            "{} is not canonical: run `cargo run --example canonicalize -- --template templates/*.brief`",
            t.name
        );
    }
}

#[test]
fn numbers_json_cannot_write_back_are_reset() {
    let mut s = briefsmith::model::Style {
        font_size: f32::INFINITY,
        ..Default::default()
    };
    s.margins_mm.left = f32::NAN;
    s.margins_mm.top = 30.0;
    s.sanitize();
    assert_eq!(s.font_size, 10.5);
    assert_eq!(s.margins_mm.left, 22.0);
    assert_eq!(s.margins_mm.top, 30.0, "finite values stay");
}

/// A brief with one hidden control character in a field of each kind, and
/// the path and character `check` must name for it.
fn brief_with_hidden_controls() -> (Brief, Vec<(&'static str, &'static str)>) {
    use briefsmith::model::{Bullet, Commitment, CommitmentTable};
    let mut b = Brief::new("Title");
    b.meta.drafter = "Desk\u{7}Officer".into();
    b.meta.version = "0.3\u{0}".into();
    b.introduction
        .blocks
        .push(Block::paragraph("Intro\u{1b}[31m"));
    let mut s = Section::new("Heading \u{202e}txt.exe");
    s.blocks.push(Block::paragraph("Para\u{2066}graph\u{2069}"));
    s.blocks.push(Block::new(BlockContent::Bullets {
        numbered: false,
        items: vec![Bullet::new("Lead\u{8}:", "Bullet\u{202a}text")],
    }));
    let mut t = Table::new("Cap\u{1}tion", &["Col\u{7f}", "B"]);
    t.push_row(["ok", "cell\u{c}"]);
    s.blocks.push(Block::new(BlockContent::Table(t)));
    let mut c = CommitmentTable {
        party_label: "Party\u{202d}".into(),
        ..CommitmentTable::default()
    };
    let mut row = Commitment::new("Par\u{2}ty", "Com\u{3}mit");
    row.owner = "Own\u{4}er".into();
    c.rows.push(row);
    s.blocks.push(Block::new(BlockContent::Commitments(c)));
    b.sections.push(s);
    b.recommendations
        .push(Recommendation::new("Rec\u{2067}title", "Desc\u{5}ription"));
    b.conclusion
        .blocks
        .push(Block::paragraph("The \u{2068}end"));
    b.assign_missing_ids();
    let want = vec![
        ("meta.drafter", "U+0007"),
        ("meta.version", "U+0000"),
        ("introduction.blocks[0].text", "U+001B"),
        ("sections[0].heading", "U+202E"),
        ("sections[0].blocks[0].text", "U+2066, U+2069"),
        ("sections[0].blocks[1].items[0].lead", "U+0008"),
        ("sections[0].blocks[1].items[0].text", "U+202A"),
        ("sections[0].blocks[2].caption", "U+0001"),
        ("sections[0].blocks[2].columns[0].name", "U+007F"),
        ("sections[0].blocks[2].rows[0].cells[1]", "U+000C"),
        ("sections[0].blocks[3].party_label", "U+202D"),
        ("sections[0].blocks[3].rows[0].party", "U+0002"),
        ("sections[0].blocks[3].rows[0].commitment", "U+0003"),
        ("sections[0].blocks[3].rows[0].owner", "U+0004"),
        ("recommendations[0].title", "U+2067"),
        ("recommendations[0].description", "U+0005"),
        ("conclusion.blocks[0].text", "U+2068"),
    ];
    (b, want)
}

#[test]
fn hidden_control_characters_are_named_with_their_field() {
    let (b, want) = brief_with_hidden_controls();
    let m = messages(&b);
    let hidden: Vec<(String, String)> = m
        .iter()
        .filter(|(_, _, msg)| msg.contains("invisible control"))
        .map(|(s, p, msg)| {
            assert_eq!(*s, Severity::Warning, "{p}: {msg}");
            (p.clone(), msg.clone())
        })
        .collect();
    assert_eq!(hidden.len(), want.len(), "{hidden:#?}");
    for ((path, msg), (want_path, chars)) in hidden.iter().zip(&want) {
        assert_eq!(path, want_path);
        assert!(msg.ends_with(&format!(": {chars}")), "{path}: {msg}");
    }
    // The warning points at the item that holds the field.
    let p = validate(&b, today())
        .into_iter()
        .find(|p| p.path == "sections[0].blocks[3].rows[0].owner")
        .unwrap();
    assert_eq!(p.id, {
        let BlockContent::Commitments(c) = &b.sections[0].blocks[3].content else {
            panic!()
        };
        Some(c.rows[0].id)
    });
    // Warnings only: nothing here is an error.
    assert!(m.iter().all(|(s, _, _)| *s == Severity::Warning), "{m:?}");
}

#[test]
fn tabs_newlines_and_right_to_left_text_raise_no_warning() {
    let mut b = Brief::new("Line one\nline two\tand a tab");
    let mut s = Section::new("שלום עולם \u{200f}");
    s.blocks.push(Block::paragraph("a\nb\tc"));
    b.sections.push(s);
    b.assign_missing_ids();
    assert!(messages(&b).is_empty(), "{:?}", messages(&b));
}

#[test]
fn every_text_field_is_checked() {
    // Every string the file holds, found from the saved JSON itself, is a
    // field the walk visits, under the same path.
    let (b, _) = brief_with_hidden_controls();
    let mut b = b;
    for f in briefsmith::model::MetaField::ALL {
        if f.get(&b.meta).is_empty() {
            b.set_meta(f, "x");
        }
    }
    if let BlockContent::Commitments(c) = &mut b.sections[0].blocks[3].content {
        c.caption = "c".into();
        c.rows[0].due = "2026-01-01".into();
        // Column headings other than the defaults are written, so walked.
        c.owner_label = "Lead".into();
        c.due_label = "Deadline".into();
        c.status_label = "Progress".into();
    }
    b.recommendations[0].owner = "o".into();
    b.recommendations[0].due = "2026-01-01".into();
    let json: serde_json::Value = serde_json::from_slice(&briefsmith::io::encode(&b)).unwrap();
    fn strings(v: &serde_json::Value, path: String, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(_) => out.push(path),
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    strings(x, format!("{path}[{i}]"), out);
                }
            }
            serde_json::Value::Object(o) => {
                for (k, x) in o {
                    // Choices from a fixed list, not text.
                    // Commitment identifiers are not text either.
                    if !["format", "type", "status", "paper", "family", "uid"].contains(&k.as_str())
                    {
                        let p = if path.is_empty() {
                            k.clone()
                        } else {
                            format!("{path}.{k}")
                        };
                        strings(x, p, out);
                    }
                }
            }
            _ => {}
        }
    }
    let mut in_file = Vec::new();
    strings(&json, String::new(), &mut in_file);
    let mut walked = Vec::new();
    b.for_each_text(|f| walked.push(f.path.to_string()));
    in_file.sort();
    walked.sort();
    assert_eq!(walked, in_file);
}

#[test]
fn unbalanced_bold_and_italic_markers_are_named_with_their_field() {
    use briefsmith::model::{Bullet, Commitment, CommitmentTable};
    let mut b = Brief::new("Markers *stay* plain in the **title");
    b.meta.subtitle = "a *b".into();
    let mut s = Section::new("Heading **not markup");
    s.blocks
        .push(Block::paragraph("This is **bold and never closed."));
    s.blocks.push(Block::paragraph(
        "Cost is 5 * 3 units, 5*3 too, and *draft* only; a \\*star.",
    ));
    s.blocks.push(Block::new(BlockContent::Bullets {
        numbered: false,
        items: vec![Bullet::new("Lead*", "text *open and **two** bold")],
    }));
    let mut t = Table::new("Cap", &["A", "B"]);
    t.push_row(["**x", "fine"]);
    s.blocks.push(Block::new(BlockContent::Table(t)));
    let mut c = CommitmentTable::default();
    let mut row = Commitment::new("Party", "Commit *to this");
    row.due = "2026-01-01*".into();
    c.rows.push(row);
    s.blocks.push(Block::new(BlockContent::Commitments(c)));
    b.sections.push(s);
    b.recommendations
        .push(Recommendation::new("**Act", "now and *here*"));
    b.assign_missing_ids();
    let found: Vec<(String, String)> = messages(&b)
        .into_iter()
        .filter(|(sev, _, msg)| *sev == Severity::Warning && msg.contains("prints as stars"))
        .map(|(_, path, msg)| (path, msg))
        .collect();
    let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        vec![
            "sections[0].blocks[0].text",
            "sections[0].blocks[2].items[0].lead",
            "sections[0].blocks[2].items[0].text",
            "sections[0].blocks[3].rows[0].cells[0]",
            "sections[0].blocks[4].rows[0].commitment",
            "recommendations[0].title",
        ],
        "{found:#?}"
    );
    assert!(
        found[0]
            .1
            .starts_with("\"**\" opens and never closes in \"This is **bold and nev…\""),
        "{}",
        found[0].1
    );
    assert!(
        found[1].1.contains("closes but never opened"),
        "{}",
        found[1].1
    );
}
