//! Joins a page's touching, collinear vertical rules into one: a table's
//! column lines are drawn row by row, and a 1,000-row table's segments
//! were a sixth of the PDF. One line per column and page is what a
//! typesetter draws, and what the reader and the preview paint faster.

use super::page::{Item, Rule};

/// How close (points) two ends must be to count as touching.
const TOUCH: f32 = 0.01;

fn vertical(r: &Rule) -> bool {
    (r.x1 - r.x2).abs() < TOUCH && r.y1 <= r.y2
}

/// Extends earlier segments by the later ones that continue them and
/// drops the later ones. A segment is only joined to one painted before
/// a fill that covers it if no such fill came in between, so that no
/// shading is painted over a line that was drawn after it.
pub fn join(items: &mut Vec<Item>) {
    // Index of the open (extendable) segment of each line: its item.
    let mut open: Vec<usize> = Vec::new();
    let mut keep = vec![true; items.len()];
    for i in 0..items.len() {
        match &items[i] {
            Item::Fill(f) => {
                let (left, right) = (f.x, f.x + f.w);
                open.retain(|&k| match &items[k] {
                    Item::Rule(r) => {
                        let half = r.width / 2.0;
                        r.x1 + half < left || r.x1 - half > right
                    }
                    _ => false,
                });
            }
            Item::Rule(r) if vertical(r) => {
                let continues = open.iter().position(|&k| match &items[k] {
                    Item::Rule(o) => {
                        (o.x1 - r.x1).abs() < TOUCH
                            && (o.y2 - r.y1).abs() < TOUCH
                            && o.width == r.width
                            && o.color == r.color
                            && o.tag == r.tag
                    }
                    _ => false,
                });
                match continues {
                    Some(at) => {
                        let k = open[at];
                        let y2 = r.y2;
                        if let Item::Rule(o) = &mut items[k] {
                            o.y2 = y2;
                        }
                        keep[i] = false;
                    }
                    None => open.push(i),
                }
            }
            _ => {}
        }
    }
    let mut flags = keep.into_iter();
    items.retain(|_| flags.next().unwrap_or(true));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::page::Fill;
    use crate::layout::{Color, Tag};

    fn rule(x: f32, y1: f32, y2: f32) -> Item {
        Item::Rule(Rule {
            x1: x,
            y1,
            x2: x,
            y2,
            width: 0.5,
            color: Color::BLACK,
            tag: Tag::Layout,
        })
    }

    fn spans(items: &[Item]) -> Vec<(f32, f32, f32)> {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Rule(r) => Some((r.x1, r.y1, r.y2)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_column_line_drawn_row_by_row_becomes_one_line() {
        let mut items = vec![
            rule(10.0, 0.0, 20.0),
            rule(50.0, 0.0, 20.0),
            rule(10.0, 20.0, 35.0),
            rule(50.0, 20.0, 35.0),
            // A gap: a new line.
            rule(10.0, 40.0, 50.0),
        ];
        join(&mut items);
        assert_eq!(
            spans(&items),
            vec![(10.0, 0.0, 35.0), (50.0, 0.0, 35.0), (10.0, 40.0, 50.0)]
        );
    }

    #[test]
    fn a_line_is_not_joined_across_shading_painted_over_it() {
        let shade = Item::Fill(Fill {
            x: 0.0,
            y: 20.0,
            w: 30.0,
            h: 15.0,
            color: Color::BLACK,
            tag: Tag::Layout,
        });
        let mut items = vec![
            rule(10.0, 0.0, 20.0),
            rule(50.0, 0.0, 20.0),
            shade,
            rule(10.0, 20.0, 35.0),
            rule(50.0, 20.0, 35.0),
        ];
        join(&mut items);
        // The line under the shading starts again after it; the other
        // column is clear of it.
        assert_eq!(
            spans(&items),
            vec![(10.0, 0.0, 20.0), (50.0, 0.0, 35.0), (10.0, 20.0, 35.0)]
        );
    }
}
