//! Every edit the editor makes, applied to a real brief and checked.

use briefsmith::model::{validate, BlockContent, Brief, EditError, Id, Severity, Table};

fn sample() -> Brief {
    briefsmith::templates::find("sco-defence-ministers-qingdao")
        .expect("sample template")
        .brief()
        .expect("sample loads")
}

fn headings(b: &Brief) -> Vec<String> {
    b.sections.iter().map(|s| s.heading.clone()).collect()
}

fn table_id(b: &Brief) -> Id {
    b.all_sections()
        .flat_map(|s| &s.blocks)
        .find(|bl| matches!(bl.content, BlockContent::Table(_)))
        .map(|bl| bl.id)
        .expect("a table")
}

fn table(b: &Brief, id: Id) -> &Table {
    match &b.block(id).expect("block").content {
        BlockContent::Table(t) => t,
        _ => panic!("not a table"),
    }
}

#[test]
fn add_remove_move_duplicate_rename_sections() {
    let mut b = sample();
    let before = headings(&b);
    let id = b.add_section(1, "New Section").unwrap();
    assert_eq!(b.sections[1].heading, "New Section");
    assert_eq!(b.sections.len(), before.len() + 1);

    b.move_section(id, 3).unwrap();
    assert_eq!(b.sections[3].id, id);

    let dup = b.duplicate_section(b.sections[0].id).unwrap();
    assert_eq!(b.sections[1].id, dup);
    assert_eq!(b.sections[1].heading, b.sections[0].heading);
    assert_eq!(b.sections[1].blocks.len(), b.sections[0].blocks.len());
    // The copy has fresh ids everywhere, so no id is used twice.
    assert!(validate(&b, chrono::NaiveDate::MIN)
        .iter()
        .all(|p| !p.message.contains("used twice")));

    b.rename_section(id, "Renamed").unwrap();
    assert_eq!(b.section(id).unwrap().heading, "Renamed");

    b.remove_section(id).unwrap();
    b.remove_section(dup).unwrap();
    assert_eq!(headings(&b), before);

    assert_eq!(
        b.remove_section(b.introduction.id),
        Err(EditError::FixedSection)
    );
    assert_eq!(
        b.move_section(b.sections[0].id, 99),
        Err(EditError::OutOfRange { index: 99, len: 3 })
    );
    assert_eq!(
        b.remove_section(Id(999_999)),
        Err(EditError::NotFound(Id(999_999)))
    );
}

#[test]
fn blocks_add_remove_move_between_sections_and_duplicate() {
    let mut b = sample();
    let s0 = b.sections[0].id;
    let s2 = b.sections[2].id;
    let n0 = b.sections[0].blocks.len();
    let p = b
        .add_block(
            s0,
            0,
            BlockContent::Paragraph {
                text: "Hello".into(),
            },
        )
        .unwrap();
    assert_eq!(b.sections[0].blocks[0].id, p);
    b.set_paragraph_text(p, "Hello **world**").unwrap();
    assert!(
        matches!(&b.block(p).unwrap().content, BlockContent::Paragraph { text } if text == "Hello **world**")
    );

    b.move_block(p, s2, 1).unwrap();
    assert_eq!(b.sections[0].blocks.len(), n0);
    assert_eq!(b.sections[2].blocks[1].id, p);
    // Into the conclusion, which is a section too.
    b.move_block(p, b.conclusion.id, 0).unwrap();
    assert_eq!(b.conclusion.blocks[0].id, p);
    // Within the same section, to the end.
    let last = b.conclusion.blocks.len() - 1;
    b.move_block(p, b.conclusion.id, last).unwrap();
    assert_eq!(b.conclusion.blocks[last].id, p);

    let d = b.duplicate_block(p).unwrap();
    assert_ne!(d, p);
    assert_eq!(b.block(d).unwrap().content, b.block(p).unwrap().content);

    let removed = b.remove_block(p).unwrap();
    assert_eq!(removed.id, p);
    assert!(b.block(p).is_none());
    assert!(b.move_block(d, b.conclusion.id, 99).is_err());
}

#[test]
fn table_rows_and_cells() {
    let mut b = sample();
    let t = table_id(&b);
    let rows = table(&b, t).rows.len();
    let r = b.add_row(t, rows).unwrap();
    assert_eq!(table(&b, t).rows.len(), rows + 1);
    assert_eq!(table(&b, t).rows[rows].cells, vec!["", ""]);
    b.set_cell(t, r, 1, "Cell text").unwrap();
    assert_eq!(table(&b, t).rows[rows].cells[1], "Cell text");
    assert!(b.set_cell(t, r, 2, "x").is_err());

    b.move_row(t, r, 0).unwrap();
    assert_eq!(table(&b, t).rows[0].id, r);
    let d = b.duplicate_row(t, r).unwrap();
    assert_eq!(table(&b, t).rows[1].id, d);
    assert_eq!(table(&b, t).rows[1].cells, table(&b, t).rows[0].cells);
    b.remove_row(t, r).unwrap();
    b.remove_row(t, d).unwrap();
    assert_eq!(table(&b, t).rows.len(), rows);
}

#[test]
fn table_columns() {
    let mut b = sample();
    let t = table_id(&b);
    let first_row = table(&b, t).rows[0].cells.clone();
    let c = b.add_column(t, 1, "Lead").unwrap();
    assert_eq!(table(&b, t).columns[1].name, "Lead");
    assert!(table(&b, t)
        .rows
        .iter()
        .all(|r| r.cells.len() == 3 && r.cells[1].is_empty()));
    b.rename_column(t, c, "Lead nation").unwrap();
    assert_eq!(table(&b, t).columns[1].name, "Lead nation");
    b.move_column(t, c, 2).unwrap();
    assert_eq!(table(&b, t).columns[2].id, c);
    assert_eq!(
        table(&b, t).rows[0].cells,
        vec![first_row[0].clone(), first_row[1].clone(), String::new()]
    );
    b.remove_column(t, c).unwrap();
    assert_eq!(table(&b, t).rows[0].cells, first_row);

    for i in 0..6 {
        b.add_column(t, 0, &format!("C{i}")).unwrap();
    }
    assert_eq!(b.add_column(t, 0, "Ninth"), Err(EditError::TooManyColumns));
    let ids: Vec<Id> = table(&b, t).columns.iter().map(|c| c.id).collect();
    for id in &ids[1..] {
        b.remove_column(t, *id).unwrap();
    }
    assert_eq!(b.remove_column(t, ids[0]), Err(EditError::LastColumn));
}

#[test]
fn bullets_and_commitments_share_row_operations() {
    let mut b = sample();
    let bullets = b.sections[1]
        .blocks
        .iter()
        .find(|bl| matches!(bl.content, BlockContent::Bullets { .. }))
        .unwrap()
        .id;
    let n = match &b.block(bullets).unwrap().content {
        BlockContent::Bullets { items, .. } => items.len(),
        _ => unreachable!(),
    };
    let new = b.add_row(bullets, n).unwrap();
    let item = b.bullet_mut(bullets, new).unwrap();
    item.lead = "Maritime Security:".into();
    item.text = "Joint patrols.".into();
    b.move_row(bullets, new, 0).unwrap();
    match &b.block(bullets).unwrap().content {
        BlockContent::Bullets { items, .. } => {
            assert_eq!(items.len(), n + 1);
            assert_eq!(items[0].lead, "Maritime Security:");
        }
        _ => unreachable!(),
    }

    let commitments = b.sections[0]
        .blocks
        .iter()
        .find(|bl| matches!(bl.content, BlockContent::Commitments(_)))
        .unwrap()
        .id;
    let c = b.add_row(commitments, 0).unwrap();
    let row = b.commitment_mut(commitments, c).unwrap();
    row.party = "China".into();
    row.due = "2020-01-01".into();
    let problems = validate(&b, chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    assert!(problems
        .iter()
        .any(|p| p.id == Some(c) && p.message.contains("overdue")));
    assert!(problems
        .iter()
        .any(|p| p.id == Some(c) && p.message.contains("without a party or text")));
    let d = b.duplicate_row(commitments, c).unwrap();
    b.remove_row(commitments, c).unwrap();
    assert!(b.commitment_mut(commitments, d).is_ok());
    assert_eq!(
        b.add_row(b.introduction.blocks[0].id, 0),
        Err(EditError::NoRows(b.introduction.blocks[0].id))
    );
}

#[test]
fn recommendations() {
    let mut b = sample();
    let n = b.recommendations.len();
    let r = b
        .add_recommendation(n, "Maritime Dialogue", "Open a channel.")
        .unwrap();
    assert_eq!(b.recommendations[n].title, "Maritime Dialogue");
    b.move_recommendation(r, 0).unwrap();
    assert_eq!(b.recommendations[0].id, r);
    let d = b.duplicate_recommendation(r).unwrap();
    assert_eq!(b.recommendations[1].id, d);
    b.recommendation_mut(d).unwrap().title.clear();
    let problems = validate(&b, chrono::NaiveDate::MIN);
    assert!(problems.iter().any(|p| p.severity == Severity::Error
        && p.id == Some(d)
        && p.message == "recommendation has no title"));
    b.remove_recommendation(d).unwrap();
    b.remove_recommendation(r).unwrap();
    assert_eq!(b.recommendations.len(), n);
}

#[test]
fn fresh_ids_never_collide() {
    let mut b = sample();
    let mut seen = std::collections::HashSet::new();
    b.for_each_id(|id| assert!(seen.insert(id), "duplicate {id}"));
    let s = b.add_section(0, "x").unwrap();
    assert!(!seen.contains(&s));
}
