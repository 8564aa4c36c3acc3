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
            "\"soon\" is not a date"
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
        let b = t.brief().unwrap();
        assert_eq!(
            String::from_utf8(briefsmith::io::encode(&b)).unwrap(),
            t.source,
            "{} is not canonical: run `cargo run --example canonicalize -- templates/*.brief`",
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
