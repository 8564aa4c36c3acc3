//! Tables: column widths from content, wrapped cells, a shaded header row,
//! ruled cells, rows as page-breakable chunks with the header repeated on
//! continued pages, and rows taller than a page split between lines.

use super::flow::Chunk;
use super::page::{Color, Element, Fill, Item, Role, Rule, Tag, Warning};
use super::text::{break_lines, natural_widths, Line, LineConfig, Styled, TextCache, TextStyle};
use super::Theme;
use crate::model::Id;

pub struct Cell {
    pub spans: Vec<Styled>,
    pub color: Color,
}

pub struct TableSpec<'a> {
    /// The table's structure element: rows and cells become its children.
    pub table: u32,
    pub header: Vec<Cell>,
    pub rows: Vec<(Option<Id>, Vec<Cell>)>,
    pub source: Option<Id>,
    pub theme: &'a Theme,
    pub x: f32,
    pub width: f32,
}

fn natural_width(
    cell: &Cell,
    style: TextStyle,
    warnings: &mut Vec<Warning>,
    words: &mut TextCache,
) -> (f32, f32) {
    // Cells may hold hard line breaks: the widest line counts.
    let lines = natural_widths(&cell.spans, style, warnings, words);
    let max = lines.into_iter().fold(0.0, f32::max);
    // The widest single word: the narrowest the column can sensibly be.
    let mut min: f32 = 0.0;
    for s in &cell.spans {
        let font = crate::fonts::FontId::styled(style.sans, s.bold, s.italic);
        for w in s.text.split_whitespace() {
            min = min.max(words.shapes.width(font, w, style.size));
        }
    }
    (min.min(max), max)
}

/// Column widths that fill `total`: every column gets its longest word,
/// the rest is shared in proportion to how much more each one wants.
pub fn column_widths(
    spec: &TableSpec,
    style: TextStyle,
    warnings: &mut Vec<Warning>,
    words: &mut TextCache,
) -> Vec<f32> {
    let n = spec.header.len().max(1);
    let pad = 2.0 * spec.theme.cell_pad_x;
    let mut min = vec![0.0f32; n];
    let mut max = vec![0.0f32; n];
    let step = (spec.rows.len() / 400).max(1);
    let rows = std::iter::once(&spec.header).chain(spec.rows.iter().step_by(step).map(|(_, r)| r));
    // The natural width of every cell looked at, to compare column widths by.
    let mut sampled: Vec<Vec<f32>> = Vec::new();
    for (r, row) in rows.enumerate() {
        // Short phrases ("Member Nation", "In progress") are not worth
        // wrapping; headers get more room for that than body cells.
        let unbreakable = spec.width * if r == 0 { 0.25 } else { 0.16 };
        let mut widths = Vec::with_capacity(n);
        for (c, cell) in row.iter().enumerate().take(n) {
            let (lo, hi) = natural_width(cell, style, warnings, words);
            let lo = if hi <= unbreakable { hi } else { lo };
            min[c] = min[c].max(lo + pad);
            max[c] = max[c].max(hi + pad);
            widths.push(hi + pad);
        }
        sampled.push(widths);
    }
    let total = spec.width;
    // No column narrower than a tenth of an even share, nor wider than the table.
    let floor = total / n as f32 * 0.35;
    for c in 0..n {
        min[c] = min[c].clamp(floor.min(total / n as f32), total / n as f32 * 2.0);
        max[c] = max[c].max(min[c]);
    }
    let sum_max: f32 = max.iter().sum();
    let sum_min: f32 = min.iter().sum();
    if sum_max <= total {
        // Everything fits: the room left goes to the columns in proportion
        // to their content, so a column of short names stays narrow beside
        // a column of phrases (an even share made them look alike).
        let extra = total - sum_max;
        return max
            .iter()
            .map(|m| m + extra * m / sum_max.max(0.001))
            .collect();
    }
    if sum_min >= total {
        return min.iter().map(|m| m * total / sum_min).collect();
    }
    let shared = share(&min, &max, vec![false; n], total);
    // Columns that want no more than a fair share of what is left (names,
    // dates, a status) get their natural width, so they do not wrap while
    // a wide column has room to spare; the others share the rest. Where
    // that makes the table longer (the wide column had no room to spare)
    // the shares stand.
    let mut natural = vec![false; n];
    loop {
        let free = natural.iter().filter(|f| !**f).count();
        let taken: f32 = (0..n).filter(|c| natural[*c]).map(|c| max[c]).sum();
        let fair = (total - taken) / free.max(1) as f32;
        let fits: Vec<usize> = (0..n).filter(|c| !natural[*c] && max[*c] <= fair).collect();
        if fits.is_empty() || fits.len() == free {
            break;
        }
        fits.into_iter().for_each(|c| natural[c] = true);
    }
    let fitted = share(&min, &max, natural, total);
    if estimated_lines(&sampled, &fitted) <= estimated_lines(&sampled, &shared) {
        fitted
    } else {
        shared
    }
}

/// Column widths filling `total`: columns marked `natural` get their
/// natural width, the others their longest word and a share of the rest
/// in proportion to how much more they want. Every column shares when
/// the marked ones leave too little.
fn share(min: &[f32], max: &[f32], mut natural: Vec<bool>, total: f32) -> Vec<f32> {
    let n = min.len();
    let taken = |nat: &[bool]| (0..n).filter(|c| nat[*c]).map(|c| max[c]).sum::<f32>();
    let free_min = |nat: &[bool]| (0..n).filter(|c| !nat[*c]).map(|c| min[c]).sum::<f32>();
    if taken(&natural) + free_min(&natural) > total {
        natural = vec![false; n];
    }
    let left = total - taken(&natural) - free_min(&natural);
    let want: f32 = (0..n)
        .filter(|c| !natural[*c])
        .map(|c| max[c] - min[c])
        .sum();
    (0..n)
        .map(|c| {
            if natural[c] {
                max[c]
            } else {
                min[c] + left * (max[c] - min[c]) / want.max(0.001)
            }
        })
        .collect()
}

/// Roughly how many lines the sampled rows take at `widths`: each row as
/// many as its fullest cell, a cell its natural width over the column's
/// (a tenth lost to word ends).
fn estimated_lines(rows: &[Vec<f32>], widths: &[f32]) -> usize {
    rows.iter()
        .map(|row| {
            row.iter()
                .zip(widths)
                .map(|(natural, w)| {
                    if natural <= w {
                        1
                    } else {
                        (natural / (w * 0.9)).ceil() as usize
                    }
                })
                .max()
                .unwrap_or(1)
        })
        .sum()
}

struct LaidRow {
    cells: Vec<Vec<Line>>,
    height: f32,
}

fn lay_row(
    cells: &[Cell],
    widths: &[f32],
    style: TextStyle,
    theme: &Theme,
    source: Option<Id>,
    warnings: &mut Vec<Warning>,
    words: &mut TextCache,
) -> LaidRow {
    let mut laid = Vec::new();
    let mut lines_max = 1;
    for (c, w) in widths.iter().enumerate() {
        let lines = match cells.get(c) {
            Some(cell) => {
                let st = TextStyle {
                    color: cell.color,
                    ..style
                };
                // Names stay whole: a capitalised word in a cell is
                // mostly one.
                let cfg = LineConfig::new(w - 2.0 * theme.cell_pad_x)
                    .hyphenate(theme.hyphenate)
                    .names_whole();
                break_lines(&cell.spans, st, &cfg, source, warnings, words)
            }
            None => Vec::new(),
        };
        lines_max = lines_max.max(lines.len());
        laid.push(lines);
    }
    LaidRow {
        height: lines_max as f32 * theme.table_leading + 2.0 * theme.cell_pad_y,
        cells: laid,
    }
}

/// Draws rows `from..to` (line indices) of a laid row as one chunk; their
/// runs move into it (every line is drawn once).
fn row_chunk(
    row: &mut LaidRow,
    widths: &[f32],
    spec: &TableSpec,
    fill: Option<Color>,
    lines: std::ops::Range<usize>,
    bold_rule: bool,
    cells: &[u32],
) -> Chunk {
    let theme = spec.theme;
    let n_lines = lines.len().max(1);
    let height = n_lines as f32 * theme.table_leading + 2.0 * theme.cell_pad_y;
    let mut items = Vec::new();
    if let Some(color) = fill {
        items.push(Item::Fill(Fill {
            x: spec.x,
            y: 0.0,
            w: spec.width,
            h: height,
            color,
            tag: Tag::Layout,
        }));
    }
    let mut x = spec.x;
    for (c, w) in widths.iter().enumerate() {
        for (k, line) in row.cells[c]
            .iter_mut()
            .enumerate()
            .skip(lines.start)
            .take(lines.len())
        {
            let baseline = theme.cell_pad_y
                + (k - lines.start) as f32 * theme.table_leading
                + theme.table_ascent;
            for mut r in line.runs.drain(..) {
                r.x += x + theme.cell_pad_x;
                r.baseline = baseline;
                if let Some(id) = cells.get(c) {
                    r.tag = Tag::Content(*id);
                }
                items.push(Item::Text(r));
            }
        }
        x += w;
    }
    // Rules: a box around every cell.
    let rule = |x1: f32, y1: f32, x2: f32, y2: f32, width: f32| {
        Item::Rule(Rule {
            x1,
            y1,
            x2,
            y2,
            width,
            color: theme.rule_color,
            tag: Tag::Layout,
        })
    };
    // Body rows sit on the rule above them (the header's or the previous
    // row's bottom), so only the header draws a top rule.
    if fill.is_some() {
        items.push(rule(
            spec.x,
            0.0,
            spec.x + spec.width,
            0.0,
            theme.rule_width,
        ));
    }
    let bottom_w = if bold_rule {
        theme.rule_width * 2.0
    } else {
        theme.rule_width
    };
    items.push(rule(spec.x, height, spec.x + spec.width, height, bottom_w));
    let mut x = spec.x;
    items.push(rule(x, 0.0, x, height, theme.rule_width));
    for w in widths {
        x += w;
        items.push(rule(x, 0.0, x, height, theme.rule_width));
    }
    Chunk {
        height,
        items,
        ..Chunk::default()
    }
}

/// Lays out a table as chunks appended to `out`. `max_height` is the page
/// body height, used to split rows taller than a page.
/// The text style of a table's cells.
fn table_style(theme: &Theme) -> TextStyle {
    TextStyle {
        sans: theme.sans,
        size: theme.table_size,
        color: theme.text,
    }
}

pub fn table_chunks(
    spec: &TableSpec,
    max_height: f32,
    out: &mut Vec<Chunk>,
    elems: &mut Vec<Element>,
    warnings: &mut Vec<Warning>,
    words: &mut TextCache,
) {
    let mut add = |role: Role, parent: u32| {
        elems.push(Element {
            role,
            parent: Some(parent),
        });
        elems.len() as u32 - 1
    };
    let head = add(Role::THead, spec.table);
    let tr = add(Role::TR, head);
    let mut th = Vec::new();
    let theme = spec.theme;
    let style = table_style(theme);
    let widths = column_widths(spec, style, warnings, words);
    // One header cell a column, even where the header row has none.
    th.extend((0..widths.len()).map(|_| add(Role::TH { row: false }, tr)));
    let body = (!spec.rows.is_empty()).then(|| add(Role::TBody, spec.table));
    let mut header = lay_row(
        &spec.header,
        &widths,
        style,
        theme,
        spec.source,
        warnings,
        words,
    );
    let header_lines = header.cells.iter().map(Vec::len).max().unwrap_or(1);
    let header_height = header.height;
    let mut hc = row_chunk(
        &mut header,
        &widths,
        spec,
        Some(theme.header_fill),
        0..header_lines,
        true,
        &th,
    );
    hc.break_before = true;
    hc.space_before = theme.para_gap;
    let header_index = out.len();
    out.push(hc);
    for (i, (id, cells)) in spec.rows.iter().enumerate() {
        let mut row = lay_row(
            cells,
            &widths,
            style,
            theme,
            id.or(spec.source),
            warnings,
            words,
        );
        let lines = row.cells.iter().map(Vec::len).max().unwrap_or(1);
        let tr = add(Role::TR, body.unwrap_or(spec.table));
        let td: Vec<u32> = (0..widths.len()).map(|_| add(Role::TD, tr)).collect();
        // Lines per slice so that header + slice fits on a page.
        let room = ((max_height - header_height - 2.0 * theme.cell_pad_y) / theme.table_leading)
            .floor()
            .max(1.0) as usize;
        let mut from = 0;
        let mut first_slice = true;
        loop {
            let to = (from + room).min(lines.max(1));
            let mut c = row_chunk(&mut row, &widths, spec, None, from..to, false, &td);
            // Like lines of a paragraph: no single row left alone on a page.
            let n = spec.rows.len();
            c.break_before = !first_slice || (i >= 2 && n - i >= 2);
            c.header = Some(header_index);
            out.push(c);
            first_slice = false;
            from = to;
            if from >= lines {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Theme;

    fn cell(theme: &Theme, text: &str, bold: bool) -> Cell {
        Cell {
            spans: vec![Styled {
                text: text.into(),
                bold,
                italic: false,
            }],
            color: theme.text,
        }
    }

    #[test]
    fn names_and_dates_stay_on_one_line_where_the_wide_column_has_room() {
        let brief = crate::sample::generated(0, 30);
        let theme = Theme::of(&brief);
        let style = table_style(&theme);
        let cell = |s: &str| cell(&theme, s, false);
        let names = [
            "Ahmad bin Abdullah",
            "Maria Fernanda Oliveira",
            "Li Wei",
            "Nursultan Abdrakhmanov",
        ];
        let spec = TableSpec {
            table: 0,
            header: ["Owner", "Commitment", "Due", "Status"]
                .iter()
                .map(|h| cell(h))
                .collect(),
            rows: (0..12)
                .map(|i| {
                    (
                        None,
                        vec![
                            cell(names[i % names.len()]),
                            cell(if i % 3 == 0 {
                                "Develop mechanisms that facilitate the timely exchange of \
                                 intelligence among member states to preempt threats"
                            } else {
                                "Conduct joint anti-terrorism drills"
                            }),
                            cell("2026-01-01 (overdue)"),
                            cell("In progress"),
                        ],
                    )
                })
                .collect(),
            source: None,
            theme: &theme,
            x: 0.0,
            width: theme.body_width(),
        };
        let widths = column_widths(&spec, style, &mut Vec::new(), &mut TextCache::default());
        for (i, (_, row)) in spec.rows.iter().enumerate() {
            let laid = lay_row(
                row,
                &widths,
                style,
                &theme,
                None,
                &mut Vec::new(),
                &mut TextCache::default(),
            );
            if i % 3 != 0 {
                assert!(laid.cells.iter().all(|c| c.len() == 1), "row {i} wraps");
            }
            for c in [0, 2, 3] {
                assert_eq!(
                    laid.cells[c].len(),
                    1,
                    "column {c} wraps; widths {widths:?}"
                );
            }
        }
        assert!((widths.iter().sum::<f32>() - theme.body_width()).abs() < 0.1);
    }

    /// A table whose text fits on one line a cell (the SCO sample's
    /// member nations and their commitments) shares the room left by
    /// content: the column of names stays narrow beside the phrases.
    #[test]
    fn room_left_in_a_table_that_fits_follows_the_content() {
        let brief = crate::sample::generated(0, 30);
        let theme = Theme::of(&brief);
        let style = table_style(&theme);
        let cell = |s: &str| cell(&theme, s, false);
        let rows = [
            ("Russia", "Conduct joint anti-terrorism drills"),
            ("India", "Enhance cybersecurity protocols"),
            ("Kazakhstan", "Facilitate intelligence sharing"),
        ];
        let spec = TableSpec {
            table: 0,
            header: vec![cell("Member Nation"), cell("Key Commitment")],
            rows: rows
                .iter()
                .map(|(a, b)| (None, vec![cell(a), cell(b)]))
                .collect(),
            source: None,
            theme: &theme,
            x: 0.0,
            width: theme.body_width(),
        };
        let widths = column_widths(&spec, style, &mut Vec::new(), &mut TextCache::default());
        assert!((widths.iter().sum::<f32>() - theme.body_width()).abs() < 0.1);
        // Even shares of the room left gave 40 % to the names.
        assert!(
            widths[0] < 0.35 * theme.body_width(),
            "names take {widths:?} of {}",
            theme.body_width()
        );
    }

    #[test]
    fn short_headers_do_not_wrap() {
        let brief = crate::sample::generated(0, 30);
        let theme = Theme::of(&brief);
        let style = table_style(&theme);
        let cell = |s: &str, bold: bool| cell(&theme, s, bold);
        let spec = TableSpec {
            table: 0,
            header: vec![
                cell("Member Nation", true),
                cell("Key Commitment", true),
                cell("Due", true),
                cell("Status", true),
            ],
            rows: (0..30)
                .map(|i| {
                    (
                        None,
                        vec![
                            cell("Kazakhstan", false),
                            cell(
                                &"Develop mechanisms that facilitate the timely exchange "
                                    .repeat(1 + i % 3),
                                false,
                            ),
                            cell("2026-01-01 (overdue)", false),
                            cell("In progress", false),
                        ],
                    )
                })
                .collect(),
            source: None,
            theme: &theme,
            x: 0.0,
            width: theme.body_width(),
        };
        let widths = column_widths(&spec, style, &mut Vec::new(), &mut TextCache::default());
        let header = lay_row(
            &spec.header,
            &widths,
            style,
            &theme,
            None,
            &mut Vec::new(),
            &mut TextCache::default(),
        );
        assert!(
            header.cells.iter().all(|c| c.len() == 1),
            "widths {widths:?}"
        );
        assert!((widths.iter().sum::<f32>() - theme.body_width()).abs() < 0.1);
    }
}
