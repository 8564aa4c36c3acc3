//! Total-fit line breaking (Knuth and Plass, "Breaking paragraphs into
//! lines", 1981) over boxes, glue and penalties: the breaks of a whole
//! paragraph are chosen together, minimising the sum of every line's
//! demerits (how far its spaces stretch or shrink, its hyphen, how it sits
//! next to the line before), where a first-fit breaker decides line by
//! line and leaves the cost to the lines that follow. Knows nothing of
//! text: `text` turns words and spaces into items and sets the lines.

/// A cost at or below this forces a break; at or above it forbids one.
pub const FORCED: f32 = -10_000.0;

/// The badness of a line that cannot stretch at all. Looser lines than
/// the tolerance are only set as a last resort, and then the least loose
/// are best: badness grows with the cube of the ratio up to this.
const INFINITE_BADNESS: f32 = 1e7;

/// Active breaks kept at once: bounds the work per item, so a paragraph
/// of any length is broken in time linear in its length.
const MAX_ACTIVE: usize = 160;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Item {
    /// Material that is never broken: a word, or a piece of one.
    Box {
        width: f32,
    },
    /// A space: a possible break; stretches and shrinks when justified,
    /// and disappears at a break.
    Glue {
        width: f32,
        stretch: f32,
        shrink: f32,
    },
    Penalty(Penalty),
}

/// A possible break inside or after a word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Penalty {
    /// Width added to the line if it breaks here (a hyphen).
    pub width: f32,
    /// The cost of breaking here; [`FORCED`] forces a break.
    pub cost: f32,
    /// The line ends with a hyphen: counted for consecutive hyphens.
    pub flagged: bool,
    /// Room a line ending here may leave without being loose: inside a
    /// word longer than a line, the width of the next character, which
    /// did not fit.
    pub leeway: f32,
}

/// How lines are judged.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub width: f32,
    /// The loosest line considered, as a ratio of the stretch used; with
    /// `f32::INFINITY` every line that is not too full is (the last resort).
    pub tolerance: f32,
    /// The tightest line, as a ratio of the shrink used (at least -1):
    /// shrink may cost less per point than it is allowed to go.
    pub min_ratio: f32,
    /// Stretch every line end has: ragged text, whose spaces keep their
    /// width, may end short of the measure at this cost.
    pub rag: f32,
    pub line_penalty: f32,
    /// Added for two hyphenated lines in a row.
    pub double_hyphen_demerits: f32,
    /// Added when the second-last line of a paragraph ends with a hyphen.
    pub final_hyphen_demerits: f32,
    /// Added when a line is much looser or tighter than the one before.
    pub fitness_demerits: f32,
    /// Hyphenated lines allowed in a row (more only as a last resort).
    pub max_hyphens_in_a_row: u8,
}

impl Params {
    pub fn new(width: f32) -> Params {
        Params {
            width,
            tolerance: 2.0,
            min_ratio: -1.0,
            rag: 0.0,
            line_penalty: 10.0,
            double_hyphen_demerits: 10_000.0,
            final_hyphen_demerits: 5_000.0,
            fitness_demerits: 10_000.0,
            max_hyphens_in_a_row: 2,
        }
    }
}

/// A chosen break: the index of its item, and how much the line that ends
/// there stretches (positive) or shrinks (negative) as a ratio.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Break {
    pub at: usize,
    pub ratio: f32,
}

#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    width: f64,
    stretch: f64,
    shrink: f64,
}

struct Node {
    /// The item of the break; for the paragraph's start, `usize::MAX`.
    at: usize,
    line: u32,
    fitness: u8,
    /// Hyphenated lines in a row ending here.
    hyphens: u8,
    demerits: f64,
    ratio: f32,
    prev: Option<usize>,
    /// Totals where the next line starts (after the break's discarded items).
    start: Sums,
}

/// TeX's fitness classes: very loose, loose, decent, tight.
fn fitness(ratio: f32) -> u8 {
    if ratio > 1.0 {
        0
    } else if ratio > 0.5 {
        1
    } else if ratio >= -0.5 {
        2
    } else {
        3
    }
}

fn badness(ratio: f32) -> f32 {
    if ratio.is_infinite() {
        INFINITE_BADNESS
    } else {
        (100.0 * ratio.abs().powi(3)).min(INFINITE_BADNESS)
    }
}

/// The best breaks of `items`, which must end with a forced break; `None`
/// when no set of lines is within `p.tolerance` (then try a looser one:
/// with an infinite tolerance there is always an answer, with lines too
/// full only where a single box is wider than the measure).
pub fn break_items(items: &[Item], p: &Params) -> Option<Vec<Break>> {
    let Some(last_item) = items.len().checked_sub(1) else {
        return Some(Vec::new());
    };
    let last_resort = p.tolerance.is_infinite();
    let mut sums = Vec::with_capacity(items.len() + 1);
    let mut s = Sums::default();
    for it in items {
        sums.push(s);
        match *it {
            Item::Box { width } => s.width += width as f64,
            Item::Glue {
                width,
                stretch,
                shrink,
            } => {
                s.width += width as f64;
                s.stretch += stretch as f64;
                s.shrink += shrink as f64;
            }
            Item::Penalty(_) => {}
        }
    }
    sums.push(s);
    // Where a line after a break at `b` starts: discarded spaces and
    // unused breaks skipped, up to the next box or forced break.
    let start_after = |b: usize| {
        let mut j = b + 1;
        while let Some(it) = items.get(j) {
            match it {
                Item::Glue { .. } => j += 1,
                Item::Penalty(q) if q.cost > FORCED => j += 1,
                _ => break,
            }
        }
        sums[j.min(items.len())]
    };
    let mut nodes = vec![Node {
        at: usize::MAX,
        line: 0,
        fitness: 2,
        hyphens: 0,
        demerits: 0.0,
        ratio: 0.0,
        prev: None,
        start: Sums::default(),
    }];
    let mut active: Vec<usize> = vec![0];
    struct Candidate {
        from: usize,
        demerits: f64,
        ratio: f32,
        hyphens: u8,
    }
    for (b, item) in items.iter().enumerate() {
        let (pw, cost, flagged, leeway) = match *item {
            Item::Box { .. } => continue,
            Item::Glue { .. } => {
                if !matches!(items.get(b.wrapping_sub(1)), Some(Item::Box { .. })) {
                    continue;
                }
                (0.0, 0.0, false, 0.0)
            }
            Item::Penalty(q) => {
                if q.cost >= -FORCED {
                    continue;
                }
                (q.width, q.cost, q.flagged, q.leeway)
            }
        };
        let forced = cost <= FORCED;
        let end = sums[b];
        // Best candidate per fitness class and hyphen count (0, 1, 2+).
        let mut best: [[Option<Candidate>; 3]; 4] = Default::default();
        let mut last_removed = None;
        let mut i = 0;
        while i < active.len() {
            let from = active[i];
            let a = &nodes[from];
            let natural = (end.width - a.start.width) as f32 + pw;
            let stretch = (end.stretch - a.start.stretch) as f32 + p.rag;
            let shrink = (end.shrink - a.start.shrink) as f32;
            let slack = p.width - natural;
            // Room the next character would not fit in is no looseness;
            // a line of nothing but a long word's letters, which has no
            // spaces to justify, may end short like ragged text.
            let loose = slack - leeway.min(slack.max(0.0));
            let stretch = if stretch == 0.0 && leeway > 0.0 {
                leeway * 3.0
            } else {
                stretch
            };
            let ratio = if slack >= -0.01 {
                // The paragraph's last line need not be full.
                if forced || loose <= 0.01 {
                    0.0
                } else if stretch > 0.0 {
                    loose / stretch
                } else {
                    f32::INFINITY
                }
            } else if shrink > 0.0 {
                slack / shrink
            } else {
                f32::NEG_INFINITY
            };
            // A line too full stays too full with more words (not counting
            // a hyphen, which a later break would not have).
            let too_full = natural - pw + shrink * p.min_ratio > p.width + 0.01;
            if forced || too_full {
                last_removed = Some(active.remove(i));
            } else {
                i += 1;
            }
            if ratio < p.min_ratio - 1e-4 || (ratio > p.tolerance && !last_resort) {
                continue;
            }
            let hyphens = if flagged { a.hyphens + 1 } else { 0 };
            let mut d = (p.line_penalty + badness(ratio)).powi(2);
            if cost > 0.0 {
                d += cost * cost;
            } else if cost > FORCED {
                d -= cost * cost;
            }
            if flagged && a.hyphens > 0 {
                d += p.double_hyphen_demerits;
            }
            if hyphens > p.max_hyphens_in_a_row {
                if !last_resort {
                    continue;
                }
                d += 1e15;
            }
            if forced && a.hyphens > 0 {
                d += p.final_hyphen_demerits;
            }
            let f = fitness(ratio);
            if f.abs_diff(a.fitness) > 1 {
                d += p.fitness_demerits;
            }
            let total = a.demerits + d as f64;
            let slot = &mut best[f as usize][hyphens.min(2) as usize];
            if slot.as_ref().is_none_or(|c| total < c.demerits) {
                *slot = Some(Candidate {
                    from,
                    demerits: total,
                    ratio,
                    hyphens,
                });
            }
        }
        let mut created = false;
        for (f, row) in best.into_iter().enumerate() {
            for c in row.into_iter().flatten() {
                nodes.push(Node {
                    at: b,
                    line: nodes[c.from].line + 1,
                    fitness: f as u8,
                    hyphens: c.hyphens,
                    demerits: c.demerits,
                    ratio: c.ratio,
                    prev: Some(c.from),
                    start: start_after(b),
                });
                active.push(nodes.len() - 1);
                created = true;
            }
        }
        if active.is_empty() && !created {
            // Nothing fits: a box wider than the measure. As a last resort
            // it gets a line of its own, too full.
            let from = match (last_resort, last_removed) {
                (true, Some(n)) => n,
                _ => return None,
            };
            let a = &nodes[from];
            nodes.push(Node {
                at: b,
                line: a.line + 1,
                fitness: 3,
                hyphens: 0,
                demerits: a.demerits + 1e16,
                ratio: -1.0,
                prev: Some(from),
                start: start_after(b),
            });
            active.push(nodes.len() - 1);
        }
        if active.len() > MAX_ACTIVE {
            // Keep the most promising, and the newest (so progress is
            // never lost); ties go to the earlier ones.
            let mut d: Vec<f64> = active.iter().map(|n| nodes[*n].demerits).collect();
            let (_, limit, _) = d.select_nth_unstable_by(MAX_ACTIVE - 2, f64::total_cmp);
            let limit = *limit;
            let mut at_limit = active
                .iter()
                .filter(|n| nodes[**n].demerits < limit)
                .count();
            let last = active[active.len() - 1];
            active.retain(|n| {
                let dn = nodes[*n].demerits;
                let keep = *n == last || dn < limit || (dn == limit && at_limit < MAX_ACTIVE - 1);
                if dn == limit && *n != last && keep {
                    at_limit += 1;
                }
                keep
            });
        }
    }
    let best = active
        .iter()
        .filter(|n| nodes[**n].at == last_item)
        .min_by(|x, y| nodes[**x].demerits.total_cmp(&nodes[**y].demerits))?;
    let mut out = Vec::new();
    let mut n = Some(*best);
    while let Some(i) = n {
        let node = &nodes[i];
        if node.at != usize::MAX {
            out.push(Break {
                at: node.at,
                ratio: node.ratio,
            });
        }
        n = node.prev;
    }
    out.reverse();
    Some(out)
}
