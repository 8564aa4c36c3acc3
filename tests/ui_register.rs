//! The commitments register in the editor: View > Commitments register
//! reads a folder off the UI thread, filters, sorts, exports CSV and opens
//! a brief at a commitment; File > New from previous brief and a table's
//! "Bring forward from…" carry unfinished commitments with their identity.

mod common;

use std::path::Path;
use std::time::Duration;

use briefsmith::io;
use briefsmith::model::{BlockContent, Brief, Commitment, CommitmentStatus, Place};
use common::{click, harness, set_field, settle};
use egui_kittest::kittest::Queryable;

fn c(uid: &str, party: &str, what: &str, due: &str, status: CommitmentStatus) -> Commitment {
    Commitment {
        uid: uid.into(),
        owner: format!("{party} office"),
        due: due.into(),
        status: Some(status),
        ..Commitment::new(party, what)
    }
}

fn save(path: &Path, title: &str, date: &str, rows: Vec<Commitment>) -> Brief {
    let b = briefsmith::sample::meeting(title, date, rows);
    io::save(path, &b).expect("save");
    b
}

fn carried(b: &Brief) -> Vec<(String, Option<CommitmentStatus>)> {
    b.all_sections()
        .flat_map(|s| &s.blocks)
        .flat_map(|bl| match &bl.content {
            BlockContent::Commitments(t) => {
                t.rows.iter().map(|c| (c.uid.clone(), c.status)).collect()
            }
            _ => Vec::new(),
        })
        .collect()
}

use CommitmentStatus::{Done, InProgress, Open};

#[test]
fn the_register_window_reads_filters_sorts_exports_and_opens_a_brief() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("set")).unwrap();
    save(
        &d.join("set/jan.brief"),
        "January",
        "2020-01-10",
        vec![
            c("u-1", "Ruritania", "Host the drills", "2020-02-01", Open),
            c("u-2", "Freedonia", "Share the data", "2020-02-01", Done),
        ],
    );
    let feb = save(
        &d.join("set/feb.brief"),
        "February",
        "2020-02-10",
        vec![
            c(
                "u-1",
                "Ruritania",
                "Host the drills",
                "2020-02-01",
                InProgress,
            ),
            c("u-3", "Freedonia", "Send the note", "2099-01-01", Open),
        ],
    );
    std::fs::write(d.join("set/broken.brief"), "{ not json").unwrap();

    let mut h = harness(None);
    click(&mut h, "View");
    click(&mut h, "Commitments register…");
    set_field(
        &mut h,
        "Briefs or folders",
        &d.join("set").display().to_string(),
    );
    click(&mut h, "Read briefs");
    for _ in 0..400 {
        h.step();
        if !h.state().register_view().is_reading() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    settle(&mut h);
    let reg = h.state().register_view().register().expect("read");
    assert_eq!(reg.rows.len(), 4);
    h.get_by_label_contains("4 commitments in 2 briefs; 1 could not be read");
    h.get_by_label_contains("broken.brief");
    h.get_by_label("4 of 4 commitments shown");
    // The history column follows u-1 from January to February.
    assert_eq!(
        h.get_all_by_label("2020-01-10 open > 2020-02-10 in_progress")
            .count(),
        2
    );
    assert_eq!(
        h.get_all_by_label("Overdue").count(),
        3,
        "the column heading, and u-1 twice: done and future ones are not"
    );

    set_field(&mut h, "Filter by party", "freedonia");
    h.get_by_label("2 of 4 commitments shown");
    assert!(h.query_by_label("Host the drills").is_none());
    h.get_by_label("Overdue only").click();
    settle(&mut h);
    h.get_by_label("0 of 4 commitments shown");
    h.get_by_label("Overdue only").click();
    settle(&mut h);

    // Sorted by commitment: "Send" before "Share"; again, the other way.
    click(&mut h, "Commitment");
    let y = |h: &egui_kittest::Harness<'static, _>, l: &str| h.get_by_label(l).rect().top();
    assert!(y(&h, "Send the note") < y(&h, "Share the data"));
    click(&mut h, "Commitment (ascending)");
    assert!(y(&h, "Send the note") > y(&h, "Share the data"));

    let csv = d.join("out.csv");
    set_field(&mut h, "CSV file", &csv.display().to_string());
    click(&mut h, "Export as CSV");
    let text = std::fs::read_to_string(&csv).expect("exported");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "brief,brief_title,meeting_date,party,commitment,owner,due,status,overdue,id"
    );
    assert_eq!(lines.len(), 3, "the rows shown: {text}");
    h.get_by_label_contains("Exported 2 rows");

    // A row opens its brief at that commitment.
    click(&mut h, "feb.brief");
    let doc = h.state().document();
    assert!(doc.path().is_some_and(|p| p.ends_with("feb.brief")));
    let table = feb.sections[0].blocks[0].id;
    assert_eq!(h.state().selection(), Place::Block(table));
}

#[test]
fn new_from_previous_brief_carries_unfinished_commitments_forward() {
    let dir = tempfile::tempdir().unwrap();
    let prev = dir.path().join("prev.brief");
    save(
        &prev,
        "March readout",
        "2027-03-10",
        vec![
            c("u-1", "Ruritania", "Host the drills", "2027-04-01", Open),
            c("u-2", "Freedonia", "Share the data", "2027-04-01", Done),
            c(
                "u-3",
                "Freedonia",
                "Send the note",
                "2027-05-01",
                InProgress,
            ),
        ],
    );
    let mut h = harness(None);
    click(&mut h, "File");
    click(&mut h, "New from previous brief…");
    set_field(&mut h, "File path", &prev.display().to_string());
    click(&mut h, "Carry forward");
    h.get_by_label_contains("carrying forward 2 unfinished commitments");
    let b = h.state().document().brief();
    assert!(
        h.state().document().path().is_none(),
        "a new, unsaved brief"
    );
    assert_eq!(
        carried(b),
        [
            ("u-1".to_string(), Some(Open)),
            ("u-3".to_string(), Some(InProgress))
        ]
    );
    assert!(b
        .sections
        .iter()
        .any(|s| s.heading == "Commitments carried forward"));
}

#[test]
fn bring_forward_from_pulls_unfinished_commitments_into_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let prev = dir.path().join("prev.brief");
    save(
        &prev,
        "March readout",
        "2027-03-10",
        vec![
            c("u-1", "Ruritania", "Host the drills", "2027-04-01", Open),
            c("u-2", "Freedonia", "Share the data", "2027-04-01", Done),
        ],
    );
    let next = dir.path().join("next.brief");
    let b = save(
        &next,
        "April",
        "2027-04-10",
        vec![c("u-9", "Ruritania", "Own row", "", Open)],
    );
    let table = b.sections[0].blocks[0].id;
    let mut h = harness(Some(next));
    settle(&mut h);
    h.state_mut().select_place(Place::Block(table));
    settle(&mut h);
    click(&mut h, "Bring forward from…");
    set_field(&mut h, "File path", &prev.display().to_string());
    click(&mut h, "Bring forward");
    h.get_by_label_contains("Brought forward 1 unfinished commitments");
    let uids: Vec<String> = carried(h.state().document().brief())
        .into_iter()
        .map(|(u, _)| u)
        .collect();
    assert_eq!(uids, ["u-9", "u-1"]);
    assert!(h.state().document().is_dirty());
}
