//! Numbered lists and nested bullets in the model and the file format:
//! the exact JSON, old files byte-identical, levels past one kept and
//! warned about, and the indent / outdent / numbered edits with undo.

use briefsmith::editor::Document;
use briefsmith::io;
use briefsmith::model::{
    list_labels, validate, Block, BlockContent, Brief, Bullet, EditError, Id, Severity,
};

/// A brief with one list in the introduction; returns it and the list's id.
fn with_list(numbered: bool, items: Vec<Bullet>) -> (Brief, Id) {
    let mut b = Brief::new("Lists");
    b.introduction
        .blocks
        .push(Block::new(BlockContent::Bullets { numbered, items }));
    b.assign_missing_ids();
    let id = b.introduction.blocks[0].id;
    (b, id)
}

fn items(b: &Brief, list: Id) -> (bool, Vec<Bullet>) {
    match &b.block(list).expect("the list").content {
        BlockContent::Bullets { numbered, items } => (*numbered, items.clone()),
        other => panic!("{other:?}"),
    }
}

fn levels(b: &Brief, list: Id) -> Vec<u64> {
    items(b, list).1.iter().map(|i| i.level).collect()
}

#[test]
fn numbered_and_level_are_written_only_when_set() {
    let (b, _) = with_list(
        true,
        vec![
            Bullet::new("", "First"),
            Bullet::nested("Lead:", "Under it"),
        ],
    );
    let text = String::from_utf8(io::encode(&b)).unwrap();
    let want = r#"        "type": "bullets",
        "numbered": true,
        "items": [
          {
            "id": 4,
            "text": "First"
          },
          {
            "id": 5,
            "level": 1,
            "lead": "Lead:",
            "text": "Under it"
          }
        ]"#;
    assert!(text.contains(want), "{text}");
    assert_eq!(io::decode(&text).unwrap(), b);

    let (plain, _) = with_list(false, vec![Bullet::new("", "Only")]);
    let text = String::from_utf8(io::encode(&plain)).unwrap();
    assert!(
        !text.contains("numbered") && !text.contains("level"),
        "{text}"
    );
}

#[test]
fn the_version_1_fixture_saves_byte_for_byte() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/versions/v1.brief"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let b = io::decode(&text).unwrap();
    // A file from before briefs had a language gains that one line (the
    // default, English UK) and each commitment its identifier line (a
    // random UUID, given on load) and nothing else: no list fields appear.
    let saved = String::from_utf8(io::encode(&b)).unwrap();
    let without_language = saved.replacen(",\n    \"language\": \"en-GB\"", "", 1);
    assert_ne!(saved, without_language, "the language is written");
    let is_uid_line = |l: &str| {
        let Some(v) = l.trim_start().strip_prefix("\"uid\": \"") else {
            return false;
        };
        v.len() == 38
            && v.ends_with("\",")
            && v[..36].bytes().all(|c| c == b'-' || c.is_ascii_hexdigit())
    };
    let uid_lines = without_language.lines().filter(|l| is_uid_line(l)).count();
    assert_eq!(
        uid_lines,
        text.matches("\"commitment\":").count(),
        "one per commitment"
    );
    let mut without_uids: String = without_language
        .lines()
        .filter(|l| !is_uid_line(l))
        .collect::<Vec<_>>()
        .join("\n");
    without_uids.push('\n');
    assert_eq!(without_uids, text);
    // Saved again, the identifiers stay as they are.
    assert_eq!(io::encode(&io::decode(&saved).unwrap()), saved.as_bytes());
}

#[test]
fn a_level_past_one_is_kept_printed_nested_and_warned_about() {
    let text = r#"{"format":"briefsmith","version":1,"meta":{"title":"T"},"sections":[
      {"heading":"S","blocks":[{"type":"bullets","numbered":true,"items":[
        {"text":"a","level":3},{"text":"b","level":2},{"text":"c","level":18446744073709551615}]}]}]}"#;
    let b = io::decode(text).expect("loads: a deep level is not an error");
    let list = b.sections[0].blocks[0].id;
    assert_eq!(levels(&b, list), vec![3, 2, u64::MAX]);
    // Kept as written, so saving changes nothing.
    let saved = String::from_utf8(io::encode(&b)).unwrap();
    assert!(saved.contains("\"level\": 18446744073709551615"), "{saved}");
    assert_eq!(list_labels(true, &items(&b, list).1), ["1.", "a.", "b."]);
    let problems = validate(&b, chrono::NaiveDate::MIN);
    let warned: Vec<_> = problems
        .iter()
        .filter(|p| p.message.contains("level"))
        .collect();
    assert_eq!(warned.len(), 3, "{problems:#?}");
    assert!(warned.iter().all(|p| p.severity == Severity::Warning));
    assert!(warned[0].message.contains("nothing to nest under"));
    assert_eq!(warned[1].path, "sections[0].blocks[0].items[1]");

    for bad in ["\"deep\"", "-1", "1.5"] {
        let bad = text.replace("\"level\":3", &format!("\"level\":{bad}"));
        assert!(
            io::decode(&bad).is_err(),
            "a level that is not a whole number"
        );
    }
}

#[test]
fn indent_outdent_and_numbered_are_undoable_edits() {
    let (b, list) = with_list(
        false,
        vec![
            Bullet::new("", "one"),
            Bullet::new("", "two"),
            Bullet::new("", "three"),
        ],
    );
    let ids: Vec<Id> = items(&b, list).1.iter().map(|i| i.id).collect();
    let mut doc = Document::new(b, None);

    assert_eq!(
        doc.edit(|b| b.indent_bullet(list, ids[0])),
        Err(EditError::FirstItem)
    );
    assert!(!doc.can_undo(), "a refused edit leaves no step");

    doc.edit(|b| b.indent_bullet(list, ids[1])).unwrap();
    doc.edit(|b| b.indent_bullet(list, ids[2])).unwrap();
    assert_eq!(levels(doc.brief(), list), vec![0, 1, 1]);
    // Outdenting the first child makes it the parent of the one after it.
    doc.edit(|b| b.outdent_bullet(list, ids[1])).unwrap();
    assert_eq!(levels(doc.brief(), list), vec![0, 0, 1]);
    doc.edit(|b| b.set_numbered(list, true)).unwrap();
    assert_eq!(
        list_labels(true, &items(doc.brief(), list).1),
        ["1.", "2.", "a."]
    );
    assert!(items(doc.brief(), list).0);

    assert!(doc.undo());
    assert!(!items(doc.brief(), list).0);
    assert!(doc.undo());
    assert_eq!(levels(doc.brief(), list), vec![0, 1, 1]);
    assert!(doc.undo());
    assert_eq!(levels(doc.brief(), list), vec![0, 1, 0]);
    assert!(doc.redo());
    assert_eq!(levels(doc.brief(), list), vec![0, 1, 1]);
}

#[test]
fn new_bullets_take_the_level_before_them_and_the_first_stays_on_top() {
    let (mut b, list) = with_list(
        true,
        vec![Bullet::new("", "one"), Bullet::nested("", "one a")],
    );
    let new = b.add_row(list, 2).unwrap();
    assert_eq!(levels(&b, list), vec![0, 1, 1]);
    let top = b.add_row(list, 0).unwrap();
    assert_eq!(levels(&b, list), vec![0, 0, 1, 1]);
    // Removing or moving the top item never leaves a nested item first.
    b.remove_row(list, top).unwrap();
    let first = items(&b, list).1[0].id;
    b.remove_row(list, first).unwrap();
    assert_eq!(levels(&b, list), vec![0, 1]);
    b.move_row(list, new, 0).unwrap();
    assert_eq!(levels(&b, list), vec![0, 0]);
    // Lists only: a paragraph has no bullets to indent.
    let para = b.add_block(
        b.introduction.id,
        0,
        BlockContent::Paragraph { text: "p".into() },
    );
    let para = para.unwrap();
    assert_eq!(b.set_numbered(para, true), Err(EditError::NotFound(para)));
}
