//! The commitments register at scale: 1,000 generated briefs holding
//! 20,000 commitments (chains of briefs carrying commitments forward, so
//! histories are exercised) in a temporary folder, read in process and by
//! the whole `briefsmith commitments` process. Target: under 2 s whole
//! process. Prints figures.
//!
//! Run with `cargo bench --bench register` (or `--profile dev` for a
//! debug build).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use briefsmith::io;
use briefsmith::model::{
    Block, BlockContent, Brief, Commitment, CommitmentStatus, CommitmentTable, Section,
};
use briefsmith::register::{to_csv, to_table, Register};

const BRIEFS: usize = 1_000;
const PER_BRIEF: usize = 20;
/// Briefs per meeting series: each carries half its commitments on.
const SERIES: usize = 10;

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Writes the briefs into `dir` (in 10 sub-folders); returns the count of
/// commitments written.
fn generate(dir: &Path) -> usize {
    let statuses = [
        Some(CommitmentStatus::Open),
        Some(CommitmentStatus::InProgress),
        Some(CommitmentStatus::Done),
        None,
    ];
    let mut total = 0;
    let mut carried: Vec<Commitment> = Vec::new();
    for i in 0..BRIEFS {
        if i % SERIES == 0 {
            carried.clear();
        }
        let mut b = Brief::new(format!("Meeting {i}"));
        let month = i % SERIES + 1;
        b.meta.start_date = format!("20{:02}-{month:02}-10", 20 + i / SERIES % 70);
        let mut rows: Vec<Commitment> = carried.clone();
        while rows.len() < PER_BRIEF {
            let n = rows.len();
            let mut c = Commitment::new(
                format!("Party {}", n % 7),
                format!("Commitment {n} of meeting {i}, with a sentence of ordinary length."),
            );
            c.owner = format!("Owner {}", n % 5);
            c.due = format!("2027-{:02}-{:02}", n % 12 + 1, n % 28 + 1);
            c.status = statuses[(i + n) % 4];
            rows.push(c);
        }
        let mut s = Section::new("Commitments");
        s.blocks
            .push(Block::paragraph("Commitments made and carried."));
        s.blocks
            .push(Block::new(BlockContent::Commitments(CommitmentTable {
                rows,
                ..CommitmentTable::default()
            })));
        b.sections.push(s);
        b.assign_missing_ids();
        let BlockContent::Commitments(t) = &b.sections[0].blocks[1].content else {
            unreachable!()
        };
        total += t.rows.len();
        carried = t.rows.iter().take(PER_BRIEF / 2).cloned().collect();
        let sub = dir.join(format!("series-{:03}", i / SERIES));
        std::fs::create_dir_all(&sub).expect("folder");
        std::fs::write(sub.join(format!("brief-{i:04}.brief")), io::encode(&b)).expect("write");
    }
    total
}

fn main() {
    let tmp = tempfile::tempdir().expect("temp folder");
    let dir = tmp.path().join("briefs");
    let t = Instant::now();
    let n = generate(&dir);
    println!(
        "generated {BRIEFS} briefs, {n} commitments in {}",
        ms(t.elapsed())
    );
    let as_of = chrono::NaiveDate::from_ymd_opt(2027, 6, 1).expect("date");
    let paths: Vec<PathBuf> = vec![dir.clone()];

    let mut read = Vec::new();
    let mut reg = Register::default();
    for _ in 0..3 {
        let t = Instant::now();
        reg = Register::read(&paths, as_of, &|_, _| {});
        read.push(t.elapsed());
    }
    assert_eq!(reg.rows.len(), n);
    assert!(reg.failures.is_empty());
    let notable = reg.histories.values().filter(|h| h.is_notable()).count();
    let t = Instant::now();
    let rows = reg.filtered(false, None);
    let csv = to_csv(&rows);
    let table = to_table(&rows);
    let lines = reg.history_lines();
    let out = t.elapsed();
    println!(
        "in process: read + register {} (median of 3); {} rows, {notable} histories; CSV {} KB + table + history lines in {}",
        ms(median(read)),
        reg.rows.len(),
        csv.len() / 1024,
        ms(out)
    );
    std::hint::black_box((table, lines));

    let bin = env!("CARGO_BIN_EXE_briefsmith");
    for format in ["table", "csv", "json"] {
        let mut runs = Vec::new();
        for _ in 0..3 {
            let t = Instant::now();
            let status = Command::new(bin)
                .args(["commitments", "--format", format, "--as-of", "2027-06-01"])
                .arg(&dir)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .expect("run briefsmith");
            runs.push(t.elapsed());
            assert!(status.success(), "briefsmith commitments failed");
        }
        let m = median(runs);
        println!(
            "whole process `briefsmith commitments --format {format}` over {BRIEFS} briefs: {} (median of 3) — target 2000 ms: {}",
            ms(m),
            if m < Duration::from_secs(2) { "met" } else { "MISSED" }
        );
    }
}
