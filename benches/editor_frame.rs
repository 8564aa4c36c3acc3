//! Editor responsiveness on a generated 100-page brief, with the real
//! layout engine and spelling on: the time of a frame when nothing
//! changed, and of a keystroke in a paragraph until the preview shows it
//! (and until the spelling count has caught up). Prints figures; targets
//! are under 4 ms and under 16 ms.
//!
//! Run with `cargo bench --bench editor_frame`.

use std::time::{Duration, Instant};

use briefsmith::app::{engine_layout, EditorApp, Options};
use briefsmith::model::{Brief, Place};

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
        let pages = engine_layout(&brief, &mut Default::default()).pages.len();
        if pages >= TARGET_PAGES || copies >= 200 {
            return (brief, pages);
        }
        // Pages a copy of the sections adds, from the layout so far.
        let per_copy = (pages as f64 / copies as f64).max(0.5);
        let missing = (TARGET_PAGES - pages) as f64;
        let want = copies + ((missing / per_copy).ceil() as usize).max(1);
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

/// One frame as eframe runs it, minus the GPU: the egui pass and tessellation.
fn frame(ctx: &egui::Context, app: &mut EditorApp, events: Vec<egui::Event>) -> Duration {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 1000.0),
        )),
        events,
        ..Default::default()
    };
    let t = Instant::now();
    let mut out = ctx.run_ui(input, |ui| app.frame(ui));
    let prims = ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
    // Font atlas uploads would go to the GPU here.
    out.textures_delta.clear();
    std::hint::black_box(prims);
    t.elapsed()
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
    let layout = engine_layout(&brief, &mut Default::default());
    println!("full layout of the brief: {}", ms(start.elapsed()));
    drop(layout);

    let ctx = egui::Context::default();
    let mut app = EditorApp::new(
        &ctx,
        None,
        Options {
            file: Some(path),
            native_dialogs: false,
            layout: engine_layout,
            recovery_dir: None,
        },
    );
    // Start-up: fonts, first layout.
    let t = Instant::now();
    while (!app.preview_is_current() || t.elapsed() < Duration::from_millis(300))
        && t.elapsed() < Duration::from_secs(60)
    {
        frame(&ctx, &mut app, Vec::new());
        std::thread::sleep(Duration::from_millis(2));
    }
    println!("pages in the preview: {}", app.page_count());
    let t = Instant::now();
    let spelled = app.wait_for_checks(Duration::from_secs(60));
    println!(
        "spelling of the whole brief ready {} after the preview (checked: {spelled})",
        ms(t.elapsed())
    );

    // Select and focus a paragraph in the middle of the brief.
    let mid = &app.document().brief().sections[brief.sections.len() / 2];
    let para = mid.blocks[0].id;
    app.select_place(Place::Block(para));
    for _ in 0..5 {
        frame(&ctx, &mut app, Vec::new());
    }
    ctx.memory_mut(|m| m.request_focus(egui::Id::unique(("para", para))));
    for _ in 0..5 {
        frame(&ctx, &mut app, Vec::new());
    }

    // 1. Frames with no change.
    let mut idle: Vec<Duration> = (0..300)
        .map(|_| frame(&ctx, &mut app, Vec::new()))
        .collect();
    let mean = idle.iter().sum::<Duration>() / idle.len() as u32;
    println!(
        "frame with no change: mean {}, median {}, p95 {} (target < 4 ms)",
        ms(mean),
        ms(percentile(&mut idle, 0.5)),
        ms(percentile(&mut idle, 0.95))
    );

    // 2. A keystroke until a frame shows the new layout.
    let before = app.document().content_id();
    let mut typing = Vec::new();
    let mut updated = Vec::new();
    let mut layouts = Vec::new();
    let mut spelling = Vec::new();
    for _ in 0..40 {
        let t = Instant::now();
        typing.push(frame(&ctx, &mut app, vec![egui::Event::Text("x".into())]));
        // The window sleeps until the layout thread wakes it, then paints.
        app.wait_for_preview(Duration::from_secs(10));
        frame(&ctx, &mut app, Vec::new());
        updated.push(t.elapsed());
        layouts.push(app.last_layout_duration());
        // The spelling thread, meanwhile, re-checks the changed field.
        app.wait_for_checks(Duration::from_secs(10));
        spelling.push(t.elapsed());
    }
    assert_ne!(
        app.document().content_id(),
        before,
        "the keystrokes edited the brief"
    );
    println!(
        "keystroke frame (the edit itself): median {}, max {}",
        ms(percentile(&mut typing, 0.5)),
        ms(percentile(&mut typing, 1.0))
    );
    println!(
        "layout of the whole brief on the layout thread: median {}",
        ms(percentile(&mut layouts, 0.5))
    );
    println!(
        "keystroke to spelling count updated: median {}, max {}",
        ms(percentile(&mut spelling, 0.5)),
        ms(percentile(&mut spelling, 1.0))
    );
    println!(
        "keystroke to preview updated: median {}, p95 {}, max {} (target < 16 ms)",
        ms(percentile(&mut updated, 0.5)),
        ms(percentile(&mut updated, 0.95)),
        ms(percentile(&mut updated, 1.0))
    );
}
