//! Generated briefs of any size, built from the bundled SCO sample, for
//! benchmarks and tests: many copies of its sections and a long
//! commitments table with realistic, varied rows.

use crate::model::{
    Block, BlockContent, Brief, Commitment, CommitmentStatus, CommitmentTable, Section,
};
use crate::templates;

const PARTIES: [&str; 10] = [
    "China",
    "Russia",
    "India",
    "Pakistan",
    "Kazakhstan",
    "Kyrgyzstan",
    "Tajikistan",
    "Uzbekistan",
    "Iran",
    "Belarus",
];
const ACTIONS: [&str; 8] = [
    "Conduct joint anti-terrorism drills",
    "Enhance cybersecurity protocols",
    "Facilitate intelligence sharing",
    "Develop mechanisms that facilitate the timely exchange of intelligence among member states to preempt threats",
    "Establish regular joint military exercises to foster interoperability and build trust among armed forces",
    "Strengthen collective defenses against cyber assaults",
    "Instigate more frequent discussions focused on regional security challenges, engaging both military and civilian sectors",
    "Establishment of a dedicated task force focused on counter-terrorism",
];

/// A brief titled `title`, meeting on `date` (may be empty), with one
/// section holding one commitments table of `rows`: what the commitments
/// register's tests and benchmark are made of.
pub fn meeting(title: &str, date: &str, rows: Vec<Commitment>) -> Brief {
    let mut b = Brief::new(title);
    b.meta.start_date = date.into();
    let mut s = Section::new("Commitments");
    s.blocks
        .push(Block::new(BlockContent::Commitments(CommitmentTable {
            rows,
            ..CommitmentTable::default()
        })));
    b.sections.push(s);
    b.assign_missing_ids();
    b
}

/// The SCO sample brief.
pub fn sco() -> Brief {
    let mut b = templates::find(templates::SAMPLE)
        .and_then(|t| t.brief().ok())
        .unwrap_or_else(|| Brief::new("SCO"));
    fixed_uids(&mut b);
    b
}

/// Numbers the commitments' identifiers in document order instead of the
/// random ones a new brief gets, so a sample is the same brief, byte for
/// byte, in every process and run (tests compare them across processes).
fn fixed_uids(b: &mut Brief) {
    let mut n = 0u64;
    for s in b.all_sections_mut() {
        for block in &mut s.blocks {
            if let BlockContent::Commitments(t) = &mut block.content {
                for c in &mut t.rows {
                    n += 1;
                    c.uid = format!("00000000-0000-4000-8000-{n:012x}");
                }
            }
        }
    }
}

/// `copies` copies of the SCO sections plus a commitments table of `rows` rows.
pub fn generated(copies: usize, rows: usize) -> Brief {
    let base = sco();
    let mut b = base.clone();
    b.sections.clear();
    for i in 0..copies {
        for s in &base.sections {
            let mut s = s.clone();
            s.heading = format!("{} (part {})", s.heading, i + 1);
            b.sections.push(s);
        }
    }
    let mut table = CommitmentTable {
        caption: "Member commitments and review schedule".into(),
        party_label: "Member Nation".into(),
        commitment_label: "Key Commitment".into(),
        ..CommitmentTable::default()
    };
    for r in 0..rows {
        let mut text = format!(
            "C-{:04}: {} (phase {}, review Q{})",
            r + 1,
            ACTIONS[r % ACTIONS.len()],
            r % 5 + 1,
            r % 4 + 1
        );
        if r % 3 == 0 {
            text.push_str("; progress reviewed at the next ministerial meeting with a written report to the secretariat");
        }
        text.push('.');
        let mut c = Commitment::new(PARTIES[r % PARTIES.len()], text);
        c.due = format!("20{}-{:02}-{:02}", 26 + r % 2, r % 12 + 1, r % 28 + 1);
        c.status = Some(
            [
                CommitmentStatus::Open,
                CommitmentStatus::InProgress,
                CommitmentStatus::Done,
            ][r % 3],
        );
        table.rows.push(c);
    }
    let mut s = Section::new("Commitments Register");
    s.blocks.push(Block::paragraph(
        "Every commitment recorded at the meeting, with its review schedule.",
    ));
    s.blocks.push(Block::new(BlockContent::Commitments(table)));
    b.sections.push(s);
    b.assign_missing_ids();
    fixed_uids(&mut b);
    b
}
