//! Commitments across briefs: identifiers that survive saves, copies and
//! edits; the register (rows, overdue flags, history, unreadable files);
//! carry-forward into the next brief.

use briefsmith::io;
use briefsmith::model::{BlockContent, Brief, Commitment, CommitmentStatus, CommitmentTable};

/// A brief with one commitments table of `rows` (party, commitment).
fn brief_with(title: &str, rows: &[(&str, &str)]) -> Brief {
    let rows = rows.iter().map(|(p, c)| Commitment::new(*p, *c)).collect();
    briefsmith::sample::meeting(title, "", rows)
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

// ----- the register and carry-forward, as a user runs them -----

use std::path::Path;
use std::process::{Command, Output};

use briefsmith::register::{self, Register};

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefsmith"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run briefsmith")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A commitment with every field, and a given identifier.
fn c(
    uid: &str,
    party: &str,
    what: &str,
    due: &str,
    status: Option<CommitmentStatus>,
) -> Commitment {
    Commitment {
        uid: uid.into(),
        owner: format!("{party} office"),
        due: due.into(),
        status,
        ..Commitment::new(party, what)
    }
}

/// Saves a brief titled `title`, meeting on `date`, holding `rows`.
fn save(dir: &Path, name: &str, title: &str, date: &str, rows: Vec<Commitment>) {
    let b = briefsmith::sample::meeting(title, date, rows);
    io::save(&dir.join(name), &b).unwrap();
}

fn json_rows(o: &Output) -> Vec<serde_json::Map<String, serde_json::Value>> {
    let v: serde_json::Value = serde_json::from_str(&stdout(o)).expect("JSON");
    v.as_array()
        .expect("an array")
        .iter()
        .map(|r| r.as_object().expect("objects").clone())
        .collect()
}

use CommitmentStatus::{Done, InProgress, Open};

#[test]
fn rows_and_overdue_flags_for_given_as_of_dates() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    save(
        d,
        "jan.brief",
        "January talks",
        "2027-01-10",
        vec![
            c("u-1", "India", "Host drills", "2027-02-01", Some(Open)),
            c("u-2", "China", "Share data", "2027-02-01", Some(Done)),
            c(
                "u-3",
                "Russia",
                "Send a note",
                "2027-03-01",
                Some(InProgress),
            ),
            c("u-4", "Iran", "Undated", "", None),
        ],
    );
    let flags = |as_of: &str| -> Vec<bool> {
        let o = run(
            &[
                "commitments",
                "jan.brief",
                "--format",
                "json",
                "--as-of",
                as_of,
            ],
            d,
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        json_rows(&o)
            .iter()
            .map(|r| r["overdue"].as_bool().unwrap())
            .collect()
    };
    // Due on the as-of date is not yet overdue; done is never overdue.
    assert_eq!(flags("2027-02-01"), [false, false, false, false]);
    assert_eq!(flags("2027-02-02"), [true, false, false, false]);
    assert_eq!(flags("2027-03-02"), [true, false, true, false]);

    let o = run(&["commitments", "jan.brief", "--as-of", "2027-02-02"], d);
    let table = stdout(&o);
    let lines: Vec<&str> = table.lines().collect();
    assert!(
        lines[0].starts_with("BRIEF") && lines[0].contains("OVERDUE"),
        "{table}"
    );
    assert!(lines[1].starts_with("---"), "{table}");
    assert_eq!(lines.len(), 6, "{table}");
    assert!(
        lines[2].contains("Host drills") && lines[2].contains("OVERDUE"),
        "{table}"
    );
    assert!(!lines[3].contains("OVERDUE"), "{table}");

    // Filters: unfinished only, one party.
    let o = run(
        &["commitments", "jan.brief", "--format", "json", "--open"],
        d,
    );
    let ids: Vec<String> = json_rows(&o)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["u-1", "u-3", "u-4"]);
    let o = run(
        &[
            "commitments",
            "jan.brief",
            "--format",
            "json",
            "--party",
            " russia ",
        ],
        d,
    );
    assert_eq!(json_rows(&o).len(), 1);

    let o = run(&["commitments", "jan.brief", "--as-of", "soon"], d);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("YYYY-MM-DD"), "{}", stderr(&o));
}

#[test]
fn csv_and_json_have_exactly_the_register_columns() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("briefs")).unwrap();
    save(
        d,
        "briefs/a.brief",
        "Talks, \"round\" one",
        "2027-01-10",
        vec![c(
            "u-1",
            "India",
            "Host drills,\nthen report",
            "2027-02-01",
            Some(InProgress),
        )],
    );
    let keys = [
        "brief",
        "brief_title",
        "meeting_date",
        "party",
        "commitment",
        "owner",
        "due",
        "status",
        "overdue",
        "id",
    ];
    let o = run(
        &[
            "commitments",
            "briefs",
            "--format",
            "json",
            "--as-of",
            "2027-03-01",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = json_rows(&o);
    assert_eq!(rows.len(), 1);
    let got: Vec<&str> = rows[0].keys().map(String::as_str).collect();
    let mut want = keys.to_vec();
    want.sort();
    let mut got_sorted = got.clone();
    got_sorted.sort();
    assert_eq!(got_sorted, want);
    let r = &rows[0];
    let path = Path::new("briefs").join("a.brief");
    assert_eq!(r["brief"], path.display().to_string());
    assert_eq!(r["brief_title"], "Talks, \"round\" one");
    assert_eq!(r["meeting_date"], "2027-01-10");
    assert_eq!(r["party"], "India");
    assert_eq!(r["commitment"], "Host drills,\nthen report");
    assert_eq!(r["owner"], "India office");
    assert_eq!(r["due"], "2027-02-01");
    assert_eq!(r["status"], "in_progress");
    assert_eq!(r["overdue"], true);
    assert_eq!(r["id"], "u-1");

    let o = run(
        &[
            "commitments",
            "briefs",
            "--format",
            "csv",
            "--as-of",
            "2027-03-01",
        ],
        d,
    );
    let csv = stdout(&o);
    assert_eq!(
        csv,
        format!(
            "{}\r\n{},\"Talks, \"\"round\"\" one\",2027-01-10,India,\"Host drills,\nthen report\",India office,2027-02-01,in_progress,true,u-1\r\n",
            keys.join(","),
            path.display()
        )
    );
}

#[test]
fn carry_forward_keeps_identity_owner_due_and_status() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    save(
        d,
        "prev.brief",
        "March readout",
        "2027-03-10",
        vec![
            c("u-1", "India", "Host drills", "2027-04-01", Some(Open)),
            c("u-2", "China", "Share data", "2027-04-01", Some(Done)),
            c(
                "u-3",
                "Russia",
                "Send a note",
                "2027-05-01",
                Some(InProgress),
            ),
            c("u-4", "Iran", "No status", "", None),
        ],
    );
    let o = run(
        &[
            "new",
            "--template",
            "bilateral-meeting",
            "--carry-forward",
            "prev.brief",
            "-o",
            "next.brief",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("carried forward 3"), "{}", stdout(&o));
    let next = io::load(&d.join("next.brief")).unwrap();
    let section = next
        .sections
        .iter()
        .find(|s| s.heading == register::CARRIED_HEADING)
        .expect("a carried-forward section");
    let BlockContent::Paragraph { text } = &section.blocks[0].content else {
        panic!("a note first");
    };
    assert!(
        text.contains("“March readout”") && text.contains("2027-03-10"),
        "{text}"
    );
    let BlockContent::Commitments(t) = &section.blocks[1].content else {
        panic!("then the table");
    };
    assert_eq!(t.caption, register::CARRIED_HEADING);
    let prev = io::load(&d.join("prev.brief")).unwrap();
    let want: Vec<Commitment> = table(&prev)
        .rows
        .iter()
        .filter(|r| r.status != Some(Done))
        .cloned()
        .collect();
    assert_eq!(t.rows.len(), 3);
    for (got, want) in t.rows.iter().zip(&want) {
        assert_eq!(
            (
                &got.uid,
                &got.party,
                &got.commitment,
                &got.owner,
                &got.due,
                got.status
            ),
            (
                &want.uid,
                &want.party,
                &want.commitment,
                &want.owner,
                &want.due,
                want.status
            )
        );
    }
    // The new brief's own ids do not clash.
    let mut seen = std::collections::HashSet::new();
    next.for_each_id(|id| assert!(seen.insert(id), "{id} twice"));

    // Carrying forward again into a brief that has them adds nothing.
    let mut again = next.clone();
    assert_eq!(register::carry_forward(&prev, &mut again), 0);
    assert_eq!(again, next);
    // Bring forward into an existing table pulls only what is missing.
    let mut other = brief_with("Other", &[("India", "Own row")]);
    let block = other.sections[0].blocks[0].id;
    assert_eq!(
        register::bring_forward(&prev, &mut other, block).unwrap(),
        3
    );
    assert_eq!(
        register::bring_forward(&prev, &mut other, block).unwrap(),
        0
    );
    assert_eq!(uids(&other)[1..], ["u-1", "u-3", "u-4"]);

    let o = run(
        &["new", "--carry-forward", "missing.brief", "-o", "x.brief"],
        d,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing.brief"), "{}", stderr(&o));
    assert!(!d.join("x.brief").exists());
}

#[test]
fn history_across_three_briefs_flags_backwards_and_dropped_commitments() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    save(
        d,
        "1.brief",
        "January",
        "2027-01-10",
        vec![
            c("steady", "India", "Host drills", "2027-06-01", Some(Open)),
            c(
                "reopened",
                "China",
                "Share data",
                "2027-06-01",
                Some(InProgress),
            ),
            c("dropped", "Russia", "Send a note", "2027-06-01", Some(Open)),
            c("finished", "Iran", "Close out", "2027-06-01", Some(Open)),
        ],
    );
    save(
        d,
        "2.brief",
        "February",
        "2027-02-10",
        vec![
            c(
                "steady",
                "India",
                "Host drills",
                "2027-06-01",
                Some(InProgress),
            ),
            c("reopened", "China", "Share data", "2027-06-01", Some(Done)),
            c("dropped", "Russia", "Send a note", "2027-06-01", Some(Open)),
            c("finished", "Iran", "Close out", "2027-06-01", Some(Done)),
        ],
    );
    save(
        d,
        "3.brief",
        "March",
        "2027-03-10",
        vec![
            c("steady", "India", "Host drills", "2027-06-01", Some(Done)),
            c("reopened", "China", "Share data", "2027-06-01", Some(Open)),
        ],
    );
    // Given out of order: history follows meeting dates.
    let paths: Vec<std::path::PathBuf> = ["3.brief", "1.brief", "2.brief"]
        .iter()
        .map(|p| d.join(p))
        .collect();
    let reg = Register::read(&paths, chrono::NaiveDate::MIN, &|_, _| {});
    assert!(reg.failures.is_empty());
    assert_eq!(reg.rows.len(), 10);
    let statuses = |id: &str| -> Vec<(String, Option<CommitmentStatus>)> {
        reg.history(id)
            .unwrap()
            .steps
            .iter()
            .map(|s| (s.meeting_date.clone(), s.status))
            .collect()
    };
    assert_eq!(
        statuses("steady"),
        [
            ("2027-01-10".to_string(), Some(Open)),
            ("2027-02-10".to_string(), Some(InProgress)),
            ("2027-03-10".to_string(), Some(Done))
        ]
    );
    let h = |id: &str| reg.history(id).unwrap().clone();
    assert!(!h("steady").went_backwards && h("steady").dropped_in.is_none());
    assert!(h("reopened").went_backwards);
    assert!(h("reopened").dropped_in.is_none());
    assert!(!h("dropped").went_backwards);
    assert_eq!(h("dropped").dropped_in, Some(0), "missing from March");
    assert!(h("finished").dropped_in.is_none(), "done, so not missed");
    assert_eq!(
        reg.history_text("reopened"),
        "2027-01-10 in_progress > 2027-02-10 done > 2027-03-10 open; status went backwards"
    );

    let o = run(&["commitments", "3.brief", "1.brief", "2.brief"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("History:"), "{out}");
    assert!(out.contains("status went backwards"), "{out}");
    assert!(
        out.contains(
            "2027-01-10 open > 2027-02-10 open; not done and missing from the 2027-03-10 brief"
        ),
        "{out}"
    );
    // CSV and JSON keep their columns; the flags are said on stderr.
    let o = run(&["commitments", ".", "--format", "csv"], d);
    assert_eq!(stdout(&o).lines().count(), 11, "a header and ten rows");
    let err = stderr(&o);
    assert!(
        err.contains("warning: commitment dropped: ")
            && err.contains("missing from the 2027-03-10 brief"),
        "{err}"
    );
    assert!(err.contains("warning: commitment reopened: "), "{err}");
    assert!(!err.contains("commitment steady"), "{err}");
}

#[test]
fn a_bad_file_among_good_ones_is_named_and_the_rest_listed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("set/sub")).unwrap();
    save(
        d,
        "set/a.brief",
        "A",
        "2027-01-10",
        vec![c("u-1", "India", "One", "", None)],
    );
    save(
        d,
        "set/sub/b.brief",
        "B",
        "2027-02-10",
        vec![c("u-2", "China", "Two", "", None)],
    );
    std::fs::write(d.join("set/broken.brief"), "{\"format\": \"briefsmith\", ").unwrap();
    std::fs::write(d.join("set/notes.txt"), "not a brief").unwrap();
    let o = run(
        &["commitments", "set", "nowhere.brief", "--format", "json"],
        d,
    );
    assert_eq!(o.status.code(), Some(2));
    let ids: Vec<String> = json_rows(&o)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        ["u-1", "u-2"],
        "folders searched recursively, in path order"
    );
    let err = stderr(&o);
    assert!(err.contains("broken.brief"), "{err}");
    assert!(err.contains("nowhere.brief"), "{err}");
    assert!(!err.contains("notes.txt"), "{err}");
}
