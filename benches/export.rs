//! Export speed: layout and PDF writing measured separately, in process,
//! for the SCO sample and a generated ~140-page brief (40 copies of the
//! SCO sections plus a 1,000-row commitments table). Prints milliseconds
//! per document and per page, bytes per page and peak memory; tagged (the
//! default) and untagged side by side, so what tagging costs shows.
//! Run with `cargo bench --bench export`.

use std::time::{Duration, Instant};

use briefsmith::layout::{layout, layout_cached, LayoutCache, LayoutOptions};
use briefsmith::model::Brief;
use briefsmith::pdf::{write_pdf, PdfOptions};

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1000.0
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse()
                    .unwrap_or(0)
            })
        })
        .unwrap_or(0)
}

fn measure(name: &str, brief: &Brief, runs: usize) {
    for untagged in [false, true] {
        measure_one(name, brief, runs, untagged);
    }
}

fn measure_one(name: &str, brief: &Brief, runs: usize, untagged: bool) {
    let opts = LayoutOptions {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 30),
    };
    let pdf_opts = PdfOptions {
        created: Some(1_750_000_000),
        untagged,
        ..Default::default()
    };
    let name = format!("{name}{}", if untagged { " (untagged)" } else { "" });
    // Warm up: font parsing is a one-off cost; shaped words are kept in
    // the cache this loop owns, as an editor's layout thread keeps them.
    let mut cache = LayoutCache::default();
    let doc = layout_cached(brief, &opts, &mut cache);
    let bytes = write_pdf(&doc, &pdf_opts).expect("pdf");
    let (mut lt, mut pt, mut total) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        // A full layout: parts cached by an earlier run are forgotten.
        cache.clear_parts();
        let t0 = Instant::now();
        let doc = layout_cached(brief, &opts, &mut cache);
        let t1 = Instant::now();
        let out = write_pdf(&doc, &pdf_opts).expect("pdf");
        let t2 = Instant::now();
        assert_eq!(out.len(), bytes.len());
        lt.push(t1 - t0);
        pt.push(t2 - t1);
        total.push(t2 - t0);
    }
    let pages = doc.pages.len();
    let (l, p, t) = (median(lt), median(pt), median(total));
    println!(
        "{name:<22} {pages:>4} pages | layout {l:>7.2} ms | pdf {p:>7.2} ms | total {t:>7.2} ms | {:>5.2} ms/page | {:>7} bytes ({:>6} bytes/page)",
        t / pages as f64,
        bytes.len(),
        bytes.len() / pages
    );
}

/// A keystroke: one word typed into a paragraph in the middle of the brief,
/// then the whole brief laid out again (what the editor's preview does).
fn relayout_after_keystroke(name: &str, brief: &Brief, runs: usize) {
    let opts = LayoutOptions::default();
    let mut b = brief.clone();
    let mut cache = LayoutCache::default();
    let _ = layout_cached(&b, &opts, &mut cache);
    let mid = b.sections.len() / 2;
    let mut times = Vec::new();
    let mut pages = 0;
    for i in 0..runs {
        if let Some(briefsmith::model::BlockContent::Paragraph { text }) =
            b.sections[mid].blocks.first_mut().map(|bl| &mut bl.content)
        {
            text.push_str(&format!(" w{i}"));
        }
        let t0 = Instant::now();
        let doc = layout_cached(&b, &opts, &mut cache);
        times.push(t0.elapsed());
        pages = doc.pages.len();
        assert!(pages > 0);
    }
    println!(
        "{name:<10} relayout after a keystroke: {:.2} ms (median of {runs}, {pages} pages)",
        median(times)
    );
}

/// Total-fit line breaking stays linear: one paragraph of 1,000 and of
/// 10,000 words (the SCO brief's text repeated), justified and hyphenated.
fn long_paragraph(sco: &Brief) {
    use briefsmith::layout::hyphenate::Lang;
    use briefsmith::layout::text::{break_lines, Align, LineConfig, Styled, TextCache, TextStyle};
    use briefsmith::model::BlockContent;
    let words: Vec<String> = sco
        .all_sections()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match &b.content {
            BlockContent::Paragraph { text } => Some(text.clone()),
            _ => None,
        })
        .flat_map(|t| t.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect();
    let style = TextStyle {
        sans: false,
        size: 10.5,
        color: briefsmith::layout::Color::BLACK,
    };
    let cfg = LineConfig::new(470.55)
        .align(Align::Justify)
        .hyphenate(Some(Lang::English));
    for n in [1_000, 10_000] {
        let text: Vec<&str> = words.iter().cycle().take(n).map(String::as_str).collect();
        let spans = [Styled {
            text: text.join(" "),
            bold: false,
            italic: false,
        }];
        let _ = break_lines(
            &spans,
            style,
            &cfg,
            None,
            &mut Vec::new(),
            &mut TextCache::default(),
        );
        let mut times = Vec::new();
        let mut lines = 0;
        for _ in 0..5 {
            let t0 = Instant::now();
            lines = break_lines(
                &spans,
                style,
                &cfg,
                None,
                &mut Vec::new(),
                &mut TextCache::default(),
            )
            .len();
            times.push(t0.elapsed());
        }
        println!(
            "one paragraph of {n:>6} words: {lines:>5} lines in {:>7.2} ms",
            median(times)
        );
    }
}

fn main() {
    let sco = briefsmith::sample::sco();
    let big = briefsmith::sample::generated(40, 1000);
    let cold = Instant::now();
    let d = layout(&sco, &LayoutOptions::default());
    let _ = write_pdf(
        &d,
        &PdfOptions {
            created: Some(0),
            ..Default::default()
        },
    );
    println!(
        "first export in process (font loading, cold caches): {:.1} ms",
        cold.elapsed().as_secs_f64() * 1000.0
    );
    measure("sco", &sco, 50);
    measure("generated", &big, 5);
    // Linearity: the same brief at several sizes.
    for copies in [10, 20, 40] {
        measure(
            &format!("gen x{copies}"),
            &briefsmith::sample::generated(copies, copies * 25),
            3,
        );
    }
    relayout_after_keystroke("sco", &sco, 50);
    relayout_after_keystroke("generated", &big, 20);
    // The limit is for a brief of about 100 pages.
    relayout_after_keystroke("gen ~100p", &briefsmith::sample::generated(30, 740), 20);
    long_paragraph(&sco);
    println!("peak memory: {} MiB", peak_rss_kib() / 1024);
}
