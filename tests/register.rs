//! Commitments across briefs: identifiers that survive saves, copies and
//! edits; the register (rows, overdue flags, history, unreadable files);
//! carry-forward into the next brief.

use briefsmith::io;
use briefsmith::model::{
    Block, BlockContent, Brief, Commitment, CommitmentStatus, CommitmentTable, Section,
};

/// A brief with one commitments table of `rows` (party, commitment).
fn brief_with(title: &str, rows: &[(&str, &str)]) -> Brief {
    let mut b = Brief::new(title);
    let mut s = Section::new("Commitments");
    s.blocks
        .push(Block::new(BlockContent::Commitments(CommitmentTable {
            rows: rows.iter().map(|(p, c)| Commitment::new(*p, *c)).collect(),
            ..CommitmentTable::default()
        })));
    b.sections.push(s);
    b.assign_missing_ids();
    b
}

fn table(b: &Brief) -> &CommitmentTable {
    b.sections
        .iter()
        .flat_map(|s| &s.blocks)
        .find_map(|bl| match &bl.content {
            BlockContent::Commitments(t) => Some(t),
            _ => None,
        })
        .expect("a commitments table")
}

fn uids(b: &Brief) -> Vec<String> {
    table(b).rows.iter().map(|c| c.uid.clone()).collect()
}

fn is_uuid_v4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.iter().map(|p| p.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && s.bytes()
            .all(|c| c == b'-' || matches!(c, b'0'..=b'9' | b'a'..=b'f'))
        && parts[2].starts_with('4')
}

#[test]
fn every_commitment_gets_a_uuid_that_survives_save_load_and_text_edits() {
    let mut b = brief_with("A", &[("India", "Host drills"), ("China", "Share data")]);
    let ids = uids(&b);
    assert!(ids.iter().all(|u| is_uuid_v4(u)), "{ids:?}");
    assert_ne!(ids[0], ids[1]);

    let text = String::from_utf8(io::encode(&b)).unwrap();
    assert!(text.contains(&format!("\"uid\": \"{}\"", ids[0])), "{text}");
    let back = io::decode(&text).unwrap();
    assert_eq!(uids(&back), ids);
    assert_eq!(io::encode(&back), text.as_bytes(), "byte-stable");

    // Editing the text keeps the identity.
    let (block, row) = (b.sections[0].blocks[0].id, table(&b).rows[0].id);
    let c = b.commitment_mut(block, row).unwrap();
    c.commitment = "Host joint drills in 2027".into();
    c.status = Some(CommitmentStatus::InProgress);
    assert_eq!(uids(&b), ids);
}

#[test]
fn an_old_file_gets_identifiers_on_load_and_keeps_them_once_saved() {
    let text = r#"{"format":"briefsmith","version":1,"meta":{"title":"Old"},"sections":[
      {"heading":"S","blocks":[{"type":"commitments","rows":[
        {"party":"A","commitment":"one"},{"party":"B","commitment":"two","uid":"hand-written-1"}]}]}]}"#;
    let b = io::decode(text).unwrap();
    let ids = uids(&b);
    assert!(is_uuid_v4(&ids[0]), "{ids:?}");
    assert_eq!(
        ids[1], "hand-written-1",
        "an identifier from the file is kept"
    );
    let saved = io::encode(&b);
    let again = io::decode(std::str::from_utf8(&saved).unwrap()).unwrap();
    assert_eq!(uids(&again), ids);
}

#[test]
fn a_copy_into_another_brief_keeps_identity_and_a_duplicate_gets_a_new_one() {
    let mut a = brief_with("A", &[("India", "Host drills")]);
    let original = uids(&a)[0].clone();

    // Copied into another brief: the same commitment.
    let mut other = Brief::new("B");
    let section = other.add_section(0, "Carried").unwrap();
    let block = a.sections[0].blocks[0].content.clone();
    other.add_block(section, 0, block).unwrap();
    assert_eq!(uids(&other), std::slice::from_ref(&original));

    // Duplicated within a brief: a new commitment.
    let (block, row) = (a.sections[0].blocks[0].id, table(&a).rows[0].id);
    a.duplicate_row(block, row).unwrap();
    let after = uids(&a);
    assert_eq!(after[0], original);
    assert!(is_uuid_v4(&after[1]) && after[1] != original, "{after:?}");
    // The whole table or section duplicated: new ones too.
    a.duplicate_block(block).unwrap();
    let sid = a.sections[0].id;
    a.duplicate_section(sid).unwrap();
    let all: Vec<String> = a
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .flat_map(|bl| match &bl.content {
            BlockContent::Commitments(t) => t.rows.iter().map(|c| c.uid.clone()).collect(),
            _ => Vec::new(),
        })
        .collect();
    let unique: std::collections::HashSet<_> = all.iter().collect();
    assert_eq!(all.len(), 8);
    assert_eq!(unique.len(), 8, "{all:?}");
    // A new row has one from the start.
    a.add_row(block, 0).unwrap();
    assert!(is_uuid_v4(&uids(&a)[0]));
}
