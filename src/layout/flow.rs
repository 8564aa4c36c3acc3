//! Vertical flow and page breaking. Content arrives as chunks (a line, a
//! table row, a heading) that say whether a page may break before them;
//! this turns them into pages, honouring keep-with-next, widow and orphan
//! rules and repeating table headers on continued pages (the repeat
//! tagged an artifact, so the tagged PDF reads each table's header once).

use super::page::{Item, OutlineEntry, Tag};

#[derive(Debug, Clone, Default)]
pub struct Chunk {
    pub height: f32,
    /// Dropped when the chunk starts a page.
    pub space_before: f32,
    /// Items with y relative to the chunk's top.
    pub items: Vec<Item>,
    /// May a page break fall right before this chunk?
    pub break_before: bool,
    /// Index of a table header chunk to repeat when this chunk starts a page.
    pub header: Option<usize>,
    /// A section heading: becomes an outline entry.
    pub outline: Option<String>,
}

pub struct Placed {
    pub items: Vec<Item>,
    pub outline: Vec<OutlineEntry>,
}

/// Moves an item down by `dy`; `repeat` marks it a repeated table header,
/// an artifact (a link there stays its link element's, clickable again).
fn shift(mut it: Item, dy: f32, repeat: bool) -> Item {
    if repeat && !matches!(it, Item::Link(_)) {
        it.set_tag(Tag::Repeated);
    }
    match &mut it {
        Item::Text(t) => t.baseline += dy,
        Item::Rule(r) => {
            r.y1 += dy;
            r.y2 += dy;
        }
        Item::Fill(f) => f.y += dy,
        Item::Link(l) => l.y += dy,
    }
    it
}

/// Which chunks go on each page, and at what offset from the body's top.
fn plan(chunks: &[Chunk], height: f32) -> Vec<(usize, Vec<(usize, f32)>)> {
    let mut pages = Vec::new();
    let mut i = 0;
    while i < chunks.len() {
        let start = i;
        let mut placed: Vec<(usize, f32)> = Vec::new();
        let mut y = 0.0;
        // A continued table repeats its header row first.
        if let Some(h) = chunks[i].header {
            if h + 1 != i {
                placed.push((h, 0.0));
                y += chunks[h].height;
            }
        }
        let mut end = chunks.len();
        while i < chunks.len() {
            let c = &chunks[i];
            let first = i == start;
            let sb = if first { 0.0 } else { c.space_before };
            if first || y + sb + c.height <= height + 0.01 {
                placed.push((i, y + sb));
                y += sb + c.height;
                i += 1;
                continue;
            }
            // Overflow: break at the last allowed point on this page.
            let mut j = i;
            while j > start + 1 && !chunks[j].break_before {
                j -= 1;
            }
            if !chunks[j].break_before || j <= start {
                j = i;
            }
            end = j;
            break;
        }
        if end < chunks.len() {
            placed.retain(|(k, _)| *k < end && (*k >= start || chunks[start].header == Some(*k)));
            i = end;
        } else {
            i = chunks.len();
        }
        pages.push((start, placed));
    }
    pages
}

/// Splits chunks into pages whose body starts at `top` and is `height`
/// tall. Takes the chunks: their items move onto the pages, and only
/// table headers repeated on later pages are copied. `furnish(page,
/// pages)` gives the items drawn before and after each page's body (page
/// furniture), asked for page by page.
pub fn paginate(
    mut chunks: Vec<Chunk>,
    top: f32,
    height: f32,
    mut furnish: impl FnMut(usize, usize) -> (Vec<Item>, Vec<Item>),
) -> Vec<Placed> {
    let pages = plan(&chunks, height);
    let total = pages.len();
    let mut repeated = vec![false; chunks.len()];
    for (start, placed) in &pages {
        for (k, _) in placed {
            if k < start {
                repeated[*k] = true;
            }
        }
    }
    let mut out = Vec::with_capacity(pages.len());
    for (start, placed) in pages {
        let (before, after) = furnish(out.len(), total);
        let n: usize = placed.iter().map(|(k, _)| chunks[*k].items.len()).sum();
        let mut items = Vec::with_capacity(before.len() + n + after.len());
        items.extend(before);
        let mut outline = Vec::new();
        for (k, dy) in placed {
            let c = &mut chunks[k];
            if let Some(title) = &c.outline {
                let x = c
                    .items
                    .iter()
                    .find_map(|it| match it {
                        Item::Text(t) => Some(t.x),
                        _ => None,
                    })
                    .unwrap_or(0.0);
                outline.push(OutlineEntry {
                    title: title.clone(),
                    page: out.len(),
                    x,
                    y: top + dy,
                });
            }
            let repeat = k < start;
            if repeated[k] {
                items.extend(c.items.iter().map(|it| shift(it.clone(), top + dy, repeat)));
            } else {
                items.extend(c.items.drain(..).map(|it| shift(it, top + dy, repeat)));
            }
        }
        items.extend(after);
        out.push(Placed { items, outline });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(h: f32, brk: bool) -> Chunk {
        Chunk {
            height: h,
            break_before: brk,
            ..Chunk::default()
        }
    }

    #[test]
    fn keeps_unbreakable_runs_together() {
        // 5 chunks of 10; page holds 35; break not allowed before #3.
        let chunks = vec![
            chunk(10.0, true),
            chunk(10.0, true),
            chunk(10.0, true),
            chunk(10.0, false),
            chunk(10.0, true),
        ];
        let pages = paginate(chunks, 0.0, 35.0, |_, _| Default::default());
        assert_eq!(pages.len(), 2);
    }
}
