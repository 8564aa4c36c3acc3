//! Article import: the sample gives the shipped template's structure and
//! keeps every sentence; Markdown works; bad files get clear errors.

use std::fs;
use std::path::Path;

use briefsmith::import::{import_file, import_str, Kind};
use briefsmith::model::{text, BlockContent, Brief};

const SAMPLE: &str = include_str!("fixtures/sco-qingdao-article.txt");

fn template() -> Brief {
    briefsmith::templates::find("sco-defence-ministers-qingdao")
        .unwrap()
        .brief()
        .unwrap()
}

/// The structure a reader sees: headings, and each block's text content.
fn structure(b: &Brief) -> Vec<String> {
    let mut out = Vec::new();
    for s in b.all_sections() {
        out.push(format!("# {}", s.heading));
        for bl in &s.blocks {
            match &bl.content {
                BlockContent::Paragraph { text } => out.push(format!("p {text}")),
                BlockContent::Bullets { items, .. } => {
                    for i in items {
                        out.push(format!("- [{}] {}", i.lead, i.text));
                    }
                }
                BlockContent::Table(t) => {
                    out.push(format!(
                        "table {:?}",
                        t.columns.iter().map(|c| &c.name).collect::<Vec<_>>()
                    ));
                    for r in &t.rows {
                        out.push(format!("| {:?}", r.cells));
                    }
                }
                BlockContent::Commitments(t) => {
                    out.push(format!(
                        "commitments {} / {}",
                        t.party_label, t.commitment_label
                    ));
                    for r in &t.rows {
                        out.push(format!(
                            "| {} | {} | {} | {} | {:?}",
                            r.party, r.commitment, r.owner, r.due, r.status
                        ));
                    }
                }
            }
        }
    }
    for r in &b.recommendations {
        out.push(format!("rec {} — {}", r.title, r.description));
    }
    out
}

/// All the text of a brief, in reading order, without markup.
fn all_text(b: &Brief) -> String {
    let mut s = String::new();
    for line in structure(b) {
        s.push_str(&text::plain(&line));
        s.push('\n');
    }
    s
}

fn sentences(article: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in article.lines() {
        let line = line.trim().trim_start_matches("- ");
        if line.is_empty() || line.starts_with("---") {
            continue;
        }
        for cell in line.split('|') {
            for s in cell.split_inclusive(". ") {
                let s = s.trim();
                if !s.is_empty() {
                    out.push(s.to_string());
                }
            }
        }
    }
    out
}

#[test]
fn sample_import_matches_the_shipped_template() {
    let imported = import_str(SAMPLE, Kind::Text);
    assert_eq!(structure(&imported), structure(&template()));
    assert_eq!(imported.sections.len(), 3);
    assert_eq!(imported.recommendations.len(), 4);
    assert_eq!(imported.conclusion.heading, "In Conclusion");
    assert_eq!(
        imported.meta.title,
        "SCO Defense Ministers’ Meeting, Qingdao"
    );
}

#[test]
fn every_sentence_of_the_sample_survives_in_order() {
    for brief in [import_str(SAMPLE, Kind::Text), template()] {
        let text = all_text(&brief);
        let mut from = 0;
        for s in sentences(SAMPLE) {
            // Bullet lead-ins are split off; compare without the colon join.
            let probe = s.replacen(": ", ":] ", 1);
            let found = text[from..].find(&s).or_else(|| text[from..].find(&probe));
            let at = found.unwrap_or_else(|| panic!("missing or out of order: {s:?}"));
            from += at;
        }
    }
}

#[test]
fn sample_tables_become_the_right_kinds() {
    let b = import_str(SAMPLE, Kind::Text);
    let kinds: Vec<&str> = b
        .all_sections()
        .flat_map(|s| &s.blocks)
        .filter(|bl| {
            !matches!(
                bl.content,
                BlockContent::Paragraph { .. } | BlockContent::Bullets { .. }
            )
        })
        .map(|bl| bl.kind_name())
        .collect();
    assert_eq!(kinds, vec!["Commitments", "Table", "Table"]);
    let leads: Vec<String> = b
        .all_sections()
        .flat_map(|s| &s.blocks)
        .filter_map(|bl| match &bl.content {
            BlockContent::Bullets { items, .. } => {
                Some(items.iter().map(|i| i.lead.clone()).collect::<Vec<_>>())
            }
            _ => None,
        })
        .flatten()
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(leads[0], "Information Sharing:");
    assert_eq!(leads.len(), 7);
}

#[test]
fn markdown_import() {
    let md = "# Visit of the Foreign Minister\n\nThe minister *arrives* on Monday.\n\n## Objectives\n\n- **Trade:** agree a roadmap\n- Secure a **joint statement**\n\n## Commitments\n\n| Party | Commitment | Owner | Due | Status |\n|---|---|---|---|---|\n| Us | Send draft | Desk | 2026-12-01 | open |\n\n## Recommendations\n\n| Recommendation | Description |\n| --- | --- |\n| Engage early | Call before the visit. |\n\n## Conclusion\n\nA good visit.\n";
    let b = import_str(md, Kind::Markdown);
    assert_eq!(b.meta.title, "Visit of the Foreign Minister");
    assert_eq!(b.sections.len(), 3);
    assert_eq!(b.sections[0].heading, "Objectives");
    match &b.sections[0].blocks[0].content {
        BlockContent::Bullets { items, .. } => {
            assert_eq!(items[0].lead, "Trade:");
            assert_eq!(items[0].text, "agree a roadmap");
            assert_eq!(items[1].text, "Secure a **joint statement**");
        }
        other => panic!("{other:?}"),
    }
    match &b.sections[1].blocks[0].content {
        BlockContent::Commitments(t) => {
            assert_eq!(t.rows[0].owner, "Desk");
            assert_eq!(t.rows[0].due, "2026-12-01");
            assert_eq!(
                t.rows[0].status,
                Some(briefsmith::model::CommitmentStatus::Open)
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(b.recommendations[0].title, "Engage early");
    assert_eq!(b.conclusion.heading, "Conclusion");
    assert!(
        matches!(&b.introduction.blocks[0].content, BlockContent::Paragraph { text } if text == "The minister *arrives* on Monday.")
    );
}

#[test]
fn unstructured_text_is_kept_as_paragraphs() {
    let odd = "just some words\n| not | a table\n*** stars *** and \\ backslashes\n\u{200b}zero width 🚀 emoji עברית\n";
    let b = import_str(odd, Kind::Text);
    let t = all_text(&b);
    for piece in [
        "just some words",
        "| not | a table",
        "*** stars *** and \\ backslashes",
        "🚀 emoji עברית",
    ] {
        assert!(t.contains(piece), "{piece:?} missing from {t}");
    }
}

#[test]
fn empty_and_binary_files_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        fs::write(&p, bytes).unwrap();
        p
    };
    let check = |p: &Path, want: &str| {
        let msg = import_file(p).unwrap_err().to_string();
        assert!(
            msg.contains(&p.display().to_string()) && msg.contains(want),
            "{msg}"
        );
    };
    check(&write("empty.txt", b"  \n\n"), "empty");
    check(
        &write("bin.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00"),
        "binary",
    );
}

#[test]
fn windows_1252_and_utf16_articles_are_read_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("latin1.txt");
    fs::write(
        &p,
        b"Caf\xe9 Society Talks\n\nThe talks went well \x96 mostly.\n",
    )
    .unwrap();
    let i = briefsmith::import::import_file_reported(&p).unwrap();
    assert_eq!(i.brief.meta.title, "Caf\u{e9} Society Talks");
    assert!(all_text(&i.brief).contains("went well \u{2013} mostly."));
    assert!(i.report.lines[0].contains("Windows-1252"), "{:?}", i.report);

    let p = dir.path().join("utf16.txt");
    let mut bytes = vec![0xff, 0xfe];
    for u in "Harbour Talks\n\nThe harbour reopened.\n".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    fs::write(&p, bytes).unwrap();
    let i = briefsmith::import::import_file_reported(&p).unwrap();
    assert_eq!(i.brief.meta.title, "Harbour Talks");
    assert!(i.report.lines[0].contains("UTF-16LE"), "{:?}", i.report);
}

#[test]
fn rtf_articles_are_read_as_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("note.rtf");
    let rtf = r"{\rtf1\ansi{\fonttbl{\f0 Arial;}}\f0 Rail Corridor Talks\par\par Ministers agreed a timetable for the corridor.\par\par Funding\par\par Each side pays for its own track.\par}";
    fs::write(&p, rtf).unwrap();
    let i = briefsmith::import::import_file_reported(&p).unwrap();
    assert_eq!(i.brief.meta.title, "Rail Corridor Talks");
    assert_eq!(i.brief.sections[0].heading, "Funding");
    assert!(!all_text(&i.brief).contains('\\'));
}

/// Each list of a brief: whether numbered, and its items as
/// "level lead|text".
fn lists(b: &Brief) -> Vec<(bool, Vec<String>)> {
    b.all_sections()
        .flat_map(|s| &s.blocks)
        .filter_map(|bl| match &bl.content {
            BlockContent::Bullets { numbered, items } => Some((
                *numbered,
                items
                    .iter()
                    .map(|i| format!("{} {}|{}", i.level, i.lead, i.text))
                    .collect(),
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn plain_text_numbered_lists_and_nested_items() {
    let article = "Visit Preparations\n\
        The delegation arrives on Monday and meets the minister on Tuesday.\n\
        Agenda\n\
        1. Opening remarks\n\
        2) Trade: tariffs and quotas\n  \
          - Steel\n\t\
          * Agriculture\n\
        3. Closing statement\n\
        Talking points\n\
        - Stress continuity\n    \
            - Since the 2019 agreement\n\
        - Avoid the border question\n";
    let b = import_str(article, Kind::Text);
    assert_eq!(b.sections[0].heading, "Agenda");
    assert_eq!(
        lists(&b),
        vec![
            (
                true,
                vec![
                    "0 |Opening remarks".to_string(),
                    "0 Trade:|tariffs and quotas".into(),
                    "1 |Steel".into(),
                    "1 |Agriculture".into(),
                    "0 |Closing statement".into(),
                ]
            ),
            (
                false,
                vec![
                    "0 |Stress continuity".to_string(),
                    "1 |Since the 2019 agreement".into(),
                    "0 |Avoid the border question".into(),
                ]
            ),
        ]
    );
    assert_eq!(b.sections.len(), 2, "no list item became a section");
}

#[test]
fn numbered_headings_and_lone_numbers_are_not_lists() {
    let article = "Annual Review\n\
        The review covers the year's work in some detail.\n\
        1. Background\n\
        The programme began in 2019 with three partners.\n\
        2. Findings\n\
        Most targets were met on time and within budget.\n\
        3 ships arrived in May, which was earlier than planned.\n";
    let b = import_str(article, Kind::Text);
    let headings: Vec<&str> = b.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings, ["1. Background", "2. Findings"]);
    assert!(lists(&b).is_empty(), "{:?}", lists(&b));
}

#[test]
fn hard_wrapped_numbered_items_continue_on_indented_lines() {
    let article = "Short Title\n\n\
        An opening paragraph that is wrapped\n\
        across several short lines because\n\
        its author liked narrow text.\n\n\
        1. The first point, which runs\n   \
           over two lines.\n\
        2. The second point.\n";
    let b = import_str(article, Kind::Text);
    assert_eq!(
        lists(&b),
        vec![(
            true,
            vec![
                "0 |The first point, which runs over two lines.".to_string(),
                "0 |The second point.".into(),
            ]
        )]
    );
}

#[test]
fn markdown_numbered_and_nested_lists() {
    let md = "# Visit\n\n## Agenda\n\n1. Opening\n2. **Trade:** tariffs\n   - Steel\n   - Grain\n3. Close\n\n## Points\n\n- Continuity\n  1. Since 2019\n     - deeper items flatten\n- Borders\n";
    let b = import_str(md, Kind::Markdown);
    assert_eq!(
        lists(&b),
        vec![
            (
                true,
                vec![
                    "0 |Opening".to_string(),
                    "0 Trade:|tariffs".into(),
                    "1 |Steel".into(),
                    "1 |Grain".into(),
                    "0 |Close".into(),
                ]
            ),
            (
                false,
                vec![
                    "0 |Continuity".to_string(),
                    "1 |Since 2019".into(),
                    "1 |deeper items flatten".into(),
                    "0 |Borders".into(),
                ]
            ),
        ]
    );
}

/// The first commitments table of a brief.
fn first_commitments(b: &Brief) -> &briefsmith::model::CommitmentTable {
    b.all_sections()
        .flat_map(|s| &s.blocks)
        .find_map(|bl| match &bl.content {
            BlockContent::Commitments(t) => Some(t),
            _ => None,
        })
        .expect("a commitments table")
}

#[test]
fn commitment_tables_keep_every_column_heading() {
    let article = "Title Here\n\nSome opening text.\n\n| Delegation | Commitment | Lead Official | Deadline | Progress |\n|---|---|---|---|---|\n| Chile | Host a workshop. | Ms Rojas | 30 June 2027 | On track |\n| Peru | Share data. | Mr Diaz | Q4 2027 | Delayed |\n";
    let b = import_str(article, Kind::Text);
    let t = first_commitments(&b);
    assert_eq!(t.party_label, "Delegation");
    assert_eq!(t.commitment_label, "Commitment");
    assert_eq!(t.owner_label, "Lead Official");
    assert_eq!(t.due_label, "Deadline");
    assert_eq!(t.status_label, "Progress");
    assert_eq!(t.rows[0].owner, "Ms Rojas");
    assert_eq!(t.rows[0].due, "2027-06-30");
    assert_eq!(
        t.rows[0].status,
        Some(briefsmith::model::CommitmentStatus::InProgress)
    );
    assert_eq!(t.rows[1].due, "Q4 2027");
    assert_eq!(t.rows[1].status, None);
    assert_eq!(t.rows[1].extra["status_word"], "Delayed");
    // A period due date warns; it does not fail `check`.
    let problems = briefsmith::model::validate(
        &b,
        chrono::NaiveDate::from_ymd_opt(2027, 1, 1).expect("date"),
    );
    assert!(
        problems
            .iter()
            .all(|p| p.severity != briefsmith::model::Severity::Error),
        "{problems:?}"
    );
    // Labels survive a save and load; default labels are not written.
    let json = serde_json::to_string(&b).expect("json");
    assert!(json.contains("\"owner_label\":\"Lead Official\""));
    let plain = briefsmith::model::CommitmentTable::default();
    let json = serde_json::to_string(&plain).expect("json");
    assert!(!json.contains("owner_label") && !json.contains("due_label"));
}

#[test]
fn recommendation_columns_are_placed_by_meaning() {
    let article = "Title Here\n\nOpening text.\n\n| Recommendation | Owner | Description |\n|---|---|---|\n| Fund the secretariat | Treasury | Agree a two-year budget. |\n";
    let b = import_str(article, Kind::Text);
    let r = &b.recommendations[0];
    assert_eq!(r.title, "Fund the secretariat");
    assert_eq!(r.owner, "Treasury");
    assert_eq!(r.description, "Agree a two-year budget.");
}

#[test]
fn header_words_match_whole_words_only() {
    let article = "Title Here\n\nOpening text.\n\n| Member | Pledge | Last update |\n|---|---|---|\n| Fiji | Plant mangroves. | May |\n";
    let b = import_str(article, Kind::Text);
    let tables: Vec<_> = b
        .all_sections()
        .flat_map(|s| &s.blocks)
        .map(|bl| bl.kind_name())
        .collect();
    assert!(tables.contains(&"Table"), "{tables:?}");
    assert!(!tables.contains(&"Commitments"));
}

#[test]
fn word_documents_give_headings_lists_and_tables() {
    use docx_rs::{
        AbstractNumbering, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat, Numbering,
        NumberingId, Paragraph, Run, Start, Table, TableCell, TableRow,
    };
    let para = |t: &str| Paragraph::new().add_run(Run::new().add_text(t));
    let cell = |t: &str| TableCell::new().add_paragraph(para(t));
    let level = Level::new(
        0,
        Start::new(1),
        NumberFormat::new("decimal"),
        LevelText::new("%1."),
        LevelJc::new("left"),
    );
    let item = |t: &str| para(t).numbering(NumberingId::new(2), IndentLevel::new(0));
    let doc = Docx::new()
        .add_abstract_numbering(AbstractNumbering::new(1).add_level(level))
        .add_numbering(Numbering::new(2, 1))
        .add_paragraph(para("Desert Water Talks").style("Title"))
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("Ministers met "))
                .add_run(Run::new().add_text("twice").bold())
                .add_run(Run::new().add_text(" in May.")),
        )
        .add_paragraph(para("Agreed").style("Heading1"))
        .add_paragraph(item("Share well data."))
        .add_paragraph(item("Meet again in June."))
        .add_table(Table::new(vec![
            TableRow::new(vec![cell("Party"), cell("Pledge"), cell("Due")]),
            TableRow::new(vec![
                cell("Jordan"),
                cell("Map the aquifer."),
                cell("Q3 2027"),
            ]),
        ]));
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("talks.docx");
    let file = fs::File::create(&p).unwrap();
    doc.build().pack(file).unwrap();
    let b = import_file(&p).unwrap();
    assert_eq!(b.meta.title, "Desert Water Talks");
    let intro = structure(&b);
    assert!(
        intro.contains(&"p Ministers met **twice** in May.".to_string()),
        "{intro:?}"
    );
    assert_eq!(b.sections[0].heading, "Agreed");
    assert_eq!(
        lists(&b),
        vec![(
            true,
            vec![
                "0 |Share well data.".to_string(),
                "0 |Meet again in June.".to_string()
            ]
        )]
    );
    assert!(
        intro.contains(&"commitments Party / Pledge".to_string()),
        "{intro:?}"
    );
    assert!(
        intro.contains(&"| Jordan | Map the aquifer. |  | Q3 2027 | None".to_string()),
        "{intro:?}"
    );

    let bad = dir.path().join("bad.docx");
    fs::write(&bad, b"not a zip").unwrap();
    let msg = import_file(&bad).unwrap_err().to_string();
    assert!(msg.contains("bad.docx") && msg.contains("Word"), "{msg}");
}

#[test]
fn a_dateline_under_a_kicker_still_gives_place_and_date() {
    let text = "READOUT\nNordic–Baltic Talks, Riga\n\nRIGA, 4 February 2027 — Officials from the eight states met on Thursday.\n\nBackground\nThe talks follow damage to two cables.\n";
    let b = briefsmith::import::import_str(text, briefsmith::import::Kind::Text);
    assert_eq!(b.meta.location, "Riga");
    assert_eq!(b.meta.start_date, "2027-02-04");
}
