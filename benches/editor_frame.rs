//! Editor responsiveness on a generated 100-page brief, with the real
//! layout engine: the time of a frame when nothing changed, and of a
//! keystroke in a paragraph until the preview shows it. Prints figures;
//! targets are under 4 ms and under 16 ms.
//!
//! Run with `cargo bench --bench editor_frame`.

use std::time::{Duration, Instant};

use briefsmith::app::{engine_layout, EditorApp, Options};
use briefsmith::model::{Brief, Place};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;

const TARGET_PAGES: usize = 100;

/// The sample brief with its sections repeated until it lays out to at
/// least `TARGET_PAGES` pages.
fn big_brief() -> (Brief, usize) {
    let sample = briefsmith::templates::find(briefsmith::templates::SAMPLE)
        .and_then(|t| t.brief().ok())
        .unwrap_or_else(|| Brief::new("Bench"));
    let mut brief = sample.clone();
    let mut copies = 1;
    loop {
        let pages = engine_layout(&brief).pages.len();
        if pages >= TARGET_PAGES || copies >= 200 {
            return (brief, pages);
        }
        let per_copy = (pages / copies).max(1);
        let want = (TARGET_PAGES / per_copy + 1).max(copies + 1);
        while copies < want {
            for s in &sample.sections {
                let mut s = s.clone();
                s.heading = format!("{} ({})", s.heading, copies + 1);
                brief.sections.push(s);
            }
            copies += 1;
        }
        // Copies carry the sample's ids; give them their own.
        for s in brief.sections.iter_mut().skip(sample.sections.len()) {
            s.id = briefsmith::model::Id::UNSET;
            for b in &mut s.blocks {
                b.id = briefsmith::model::Id::UNSET;
            }
        }
        brief.assign_missing_ids();
    }
}

fn percentile(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    v[((v.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let (brief, pages) = big_brief();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.brief");
    briefsmith::io::save(&path, &brief).expect("save the generated brief");
    println!(
        "generated brief: {} sections, {pages} pages",
        brief.sections.len()
    );

    let start = Instant::now();
    let layout = engine_layout(&brief);
    println!("full layout on this thread: {}", ms(start.elapsed()));
    drop(layout);

    let mut h = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_eframe(move |cc| {
            EditorApp::new(
                &cc.egui_ctx,
                None,
                Options {
                    file: Some(path),
                    native_dialogs: false,
                    layout: engine_layout,
                    recovery_dir: None,
                },
            )
        });
    let settle = |h: &mut Harness<'static, EditorApp>| {
        let start = Instant::now();
        while !h.state().preview_is_current() && start.elapsed() < Duration::from_secs(30) {
            h.step();
            std::thread::sleep(Duration::from_millis(1));
        }
        h.step();
        h.step();
    };
    settle(&mut h);
    println!("pages in the preview: {}", h.state().page_count());

    // Select a paragraph in the middle of the brief.
    let mid = &h.state().document().brief().sections[brief.sections.len() / 2];
    let para = mid.blocks[0].id;
    h.state_mut().select_place(Place::Block(para));
    settle(&mut h);

    // 1. Frames with no change.
    let mut idle = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        h.step();
        idle.push(t.elapsed());
    }
    let mean = idle.iter().sum::<Duration>() / idle.len() as u32;
    println!(
        "frame with no change: mean {}, median {}, p95 {} (target < 4 ms)",
        ms(mean),
        ms(percentile(&mut idle, 0.5)),
        ms(percentile(&mut idle, 0.95))
    );

    // 2. Keystroke until the preview shows it.
    let label = "Paragraph text (Ctrl+B bold, Ctrl+I italic)";
    h.get_by_label(label).focus();
    h.step();
    let mut keys = Vec::new();
    let mut frames = Vec::new();
    for _ in 0..30 {
        h.get_by_label(label).type_text("x");
        let t = Instant::now();
        h.step();
        frames.push(t.elapsed());
        while !h.state().preview_is_current() && t.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_micros(200));
            h.step();
        }
        h.step(); // the frame that paints the new pages
        keys.push(t.elapsed());
    }
    println!(
        "keystroke frame (typing, before layout): median {}, max {}",
        ms(percentile(&mut frames, 0.5)),
        ms(percentile(&mut frames, 1.0))
    );
    println!(
        "keystroke to preview updated: median {}, p95 {}, max {} (target < 16 ms)",
        ms(percentile(&mut keys, 0.5)),
        ms(percentile(&mut keys, 0.95)),
        ms(percentile(&mut keys, 1.0))
    );
}
