//! The parts a brief is laid out in (introduction, numbered sections,
//! recommendations, conclusion), and laying out the parts the cache lacks
//! on two threads before they are put together in order. A part's layout
//! depends on the state the parts before it leave (keep with next, tables
//! so far): that is predicted from the brief, and a part whose prediction
//! was wrong is simply laid out again in order, so the pages are the same
//! either way.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use chrono::NaiveDate;

use super::{hash_section, Composer, Part, PartCache};
use crate::layout::page::Tag;
use crate::layout::text::TextCache;
use crate::layout::Theme;
use crate::model::{text, BlockContent, Brief, Recommendation, Section};

/// Below this much text (bytes, roughly) a second thread costs more than
/// it saves.
const PARALLEL_MIN: usize = 4_000;

/// One part of the brief, laid out and cached on its own.
#[derive(Clone, Copy)]
pub(super) enum Job<'b> {
    Intro(&'b Section),
    /// A numbered section (`tag` 1) or the conclusion (3).
    Numbered {
        tag: u8,
        number: usize,
        fallback: &'static str,
        section: &'b Section,
    },
    Recommendations(usize, &'b [Recommendation]),
}

/// The parts of `brief`, in order.
pub(super) fn jobs(brief: &Brief) -> Vec<Job<'_>> {
    let mut out = vec![Job::Intro(&brief.introduction)];
    let mut number = 0;
    for s in &brief.sections {
        number += 1;
        out.push(Job::Numbered {
            tag: 1,
            number,
            fallback: "Untitled section",
            section: s,
        });
    }
    if !brief.recommendations.is_empty() {
        number += 1;
        out.push(Job::Recommendations(number, &brief.recommendations));
    }
    if !brief.conclusion.blocks.is_empty() {
        number += 1;
        out.push(Job::Numbered {
            tag: 3,
            number,
            fallback: "Conclusion",
            section: &brief.conclusion,
        });
    }
    out
}

impl<'b> Job<'b> {
    pub(super) fn build(self, c: &mut Composer) {
        match self {
            Job::Intro(intro) => {
                if !intro.heading.trim().is_empty() {
                    c.heading(&intro.heading, Some(intro.id));
                }
                c.section_blocks(intro);
            }
            Job::Numbered {
                number,
                fallback,
                section,
                ..
            } => c.numbered(number, fallback, section),
            Job::Recommendations(number, recs) => c.recommendations(number, recs),
        }
    }

    /// A hash of everything in the brief the part's layout depends on.
    pub(super) fn content(self) -> u64 {
        let mut h = DefaultHasher::new();
        match self {
            Job::Intro(s) => {
                (0u8, 0usize).hash(&mut h);
                hash_section(s, &mut h);
            }
            Job::Numbered {
                tag,
                number,
                section,
                ..
            } => {
                (tag, number).hash(&mut h);
                hash_section(section, &mut h);
            }
            Job::Recommendations(number, recs) => {
                (2u8, number).hash(&mut h);
                for r in recs {
                    let Recommendation {
                        id,
                        title,
                        description,
                        owner,
                        due,
                        extra: _,
                    } = r;
                    (id, title, description, owner, due).hash(&mut h);
                }
            }
        }
        h.finish()
    }

    fn section(self) -> Option<&'b Section> {
        match self {
            Job::Intro(s) | Job::Numbered { section: s, .. } => Some(s),
            Job::Recommendations(..) => None,
        }
    }

    /// Tables in the part (each numbers its caption).
    fn tables(self) -> usize {
        self.section().map_or(0, |s| {
            s.blocks
                .iter()
                .filter(|b| {
                    matches!(
                        b.content,
                        BlockContent::Table(_) | BlockContent::Commitments(_)
                    )
                })
                .count()
        })
    }

    /// Whether the part leaves its last line to be kept with what follows
    /// (a prediction: only speed depends on it).
    fn keep_after(self, keep: bool) -> bool {
        let (mut keep, blocks) = match self {
            Job::Intro(s) => (keep || !s.heading.trim().is_empty(), &s.blocks[..]),
            Job::Numbered { section, .. } => (true, &section.blocks[..]),
            Job::Recommendations(..) => return false,
        };
        for b in blocks {
            match &b.content {
                BlockContent::Paragraph { text: t } if !t.trim().is_empty() => {
                    keep = text::plain(t).trim_end().ends_with(':');
                }
                BlockContent::Paragraph { .. } => {}
                BlockContent::Bullets { items, .. } if items.is_empty() => {}
                _ => keep = false,
            }
        }
        keep
    }

    /// Roughly how much text the part lays out, to share the work evenly.
    fn cost(self) -> usize {
        let Some(s) = self.section() else {
            let Job::Recommendations(_, recs) = self else {
                return 0;
            };
            return recs
                .iter()
                .map(|r| r.title.len() + r.description.len() + 50)
                .sum();
        };
        let cells = |v: &[String]| v.iter().map(|c| c.len() + 20).sum::<usize>();
        100 + s
            .blocks
            .iter()
            .map(|b| match &b.content {
                BlockContent::Paragraph { text } => text.len(),
                BlockContent::Bullets { items, .. } => {
                    items.iter().map(|i| i.lead.len() + i.text.len() + 30).sum()
                }
                BlockContent::Table(t) => t.rows.iter().map(|r| 2 * cells(&r.cells)).sum(),
                BlockContent::Commitments(t) => t
                    .rows
                    .iter()
                    .map(|r| 2 * (r.party.len() + r.commitment.len() + r.owner.len() + 60))
                    .sum(),
            })
            .sum::<usize>()
    }
}

/// What a part's layout depends on besides its content.
#[derive(Clone, Copy)]
pub(super) struct Context<'a> {
    pub t: &'a Theme,
    pub theme_key: u64,
    pub today: Option<NaiveDate>,
}

impl Context<'_> {
    /// The cache key of a part laid out after parts that left `keep_next`
    /// and `tables`.
    pub(super) fn key(self, content: u64, keep_next: bool, tables: usize) -> u64 {
        let mut h = DefaultHasher::new();
        (content, keep_next, tables, self.today, self.theme_key).hash(&mut h);
        h.finish()
    }

    /// Lays out one part on its own (element ids and chunk indices from 0).
    pub(super) fn build(
        self,
        keep_next: bool,
        tables: usize,
        parts: &PartCache,
        words: &mut TextCache,
        build: impl FnOnce(&mut Composer),
    ) -> Part {
        let mut warnings = Vec::new();
        let mut sub = Composer {
            t: self.t,
            out: Vec::new(),
            warnings: &mut warnings,
            parts,
            words,
            keep_next,
            today: self.today,
            tables,
            theme_key: self.theme_key,
            elems: Vec::new(),
            cur: Tag::Layout,
            meta_table: None,
        };
        build(&mut sub);
        let (chunks, keep_next, tables, elems) = (sub.out, sub.keep_next, sub.tables, sub.elems);
        Part {
            chunks,
            warnings,
            keep_next,
            tables,
            elems,
        }
    }
}

/// Lays out the parts `parts` lacks, as far as their context can be
/// predicted, half on this thread (with `words`) and half on a second one
/// (with `helper`), and adds them to `parts`. Small briefs stay on one.
/// The jobs' content hashes, in order.
pub(super) fn prebuild(
    cx: Context,
    jobs: &[Job],
    parts: &mut PartCache,
    words: &mut TextCache,
    helper: &mut TextCache,
) -> Vec<u64> {
    let contents: Vec<u64> = jobs.iter().map(|j| j.content()).collect();
    // After the title block: nothing kept, no tables yet.
    let (mut keep, mut tables) = (false, 0);
    let mut todo = Vec::new();
    for (job, content) in jobs.iter().zip(&contents) {
        let key = cx.key(*content, keep, tables);
        if !parts.contains_key(&key) {
            todo.push((key, *job, keep, tables, job.cost()));
        }
        keep = job.keep_after(keep);
        tables += job.tables();
    }
    if todo.len() < 2 || todo.iter().map(|j| j.4).sum::<usize>() < PARALLEL_MIN {
        return contents;
    }
    // The biggest first, each to the thread with less to do.
    todo.sort_by_key(|j| std::cmp::Reverse(j.4));
    let (mut mine, mut theirs) = (Vec::new(), Vec::new());
    let (mut a, mut b) = (0, 0);
    for j in todo {
        if a <= b {
            a += j.4;
            mine.push(j);
        } else {
            b += j.4;
            theirs.push(j);
        }
    }
    let known = &*parts;
    let run = |list: Vec<(u64, Job, bool, usize, usize)>, words: &mut TextCache| {
        list.into_iter()
            .map(|(key, job, keep, tables, _)| {
                let part = cx.build(keep, tables, known, words, |c| job.build(c));
                (key, Arc::new(part))
            })
            .collect::<Vec<_>>()
    };
    let (done, more) = std::thread::scope(|s| {
        // Without a second thread, the parts it had are laid out in order.
        let other = std::thread::Builder::new().spawn_scoped(s, || run(theirs, helper));
        let done = run(mine, words);
        match other.map(|t| t.join()) {
            Ok(Ok(more)) => (done, more),
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            Err(_) => (done, Vec::new()),
        }
    });
    parts.extend(done);
    parts.extend(more);
    contents
}
