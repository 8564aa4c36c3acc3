//! Spell checking speed and the dictionaries' cost: parse time and memory
//! of each bundled dictionary (each measured in a fresh child process, so
//! one does not hide the other's memory), a full check of a generated
//! brief of at least 100 pages with a fresh speller and with a warm one,
//! the incremental check after one keystroke, the UK/US check, and one
//! suggestion. Prints figures.
//!
//! Run with `cargo bench --bench spelling`.

use std::time::{Duration, Instant};

use briefsmith::layout::{layout, LayoutOptions};
use briefsmith::model::{BlockContent, Brief, Language};
use briefsmith::spell::{check_brief, mixed_spellings, SpellCheck, Speller};

const TARGET_PAGES: usize = 100;

fn rss_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with(field)).map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse()
                    .unwrap_or(0)
            })
        })
        .unwrap_or(0)
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// In a child process: parse one dictionary and print time and memory.
fn parse_child(tag: &str) {
    let Some(lang) = Language::from_tag(tag) else {
        return;
    };
    let before = rss_kib("VmRSS:");
    let t = Instant::now();
    let speller = Speller::new(lang).expect("bundled dictionary");
    let took = t.elapsed();
    let after = rss_kib("VmRSS:");
    std::hint::black_box(&speller);
    println!(
        "{:<13} parse {:>9}   memory +{:.1} MB (RSS {:.1} → {:.1} MB; peak {:.1} MB)",
        lang.name(),
        ms(took),
        (after.saturating_sub(before)) as f64 / 1024.0,
        before as f64 / 1024.0,
        after as f64 / 1024.0,
        rss_kib("VmHWM:") as f64 / 1024.0
    );
}

/// The generated sample with enough copies to lay out to 100 pages.
fn big_brief() -> (Brief, usize) {
    let opts = LayoutOptions {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 30),
    };
    let mut copies = 25;
    loop {
        let b = briefsmith::sample::generated(copies, copies * 25);
        let pages = layout(&b, &opts).pages.len();
        if pages >= TARGET_PAGES || copies > 200 {
            return (b, pages);
        }
        copies += 2;
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--parse-only") {
        if let Some(tag) = args.get(i + 1) {
            parse_child(tag);
        }
        return;
    }
    let profile = if cfg!(debug_assertions) {
        "debug build"
    } else {
        "release build"
    };
    println!("Spelling ({profile})");
    println!();
    let exe = std::env::current_exe().expect("own path");
    for lang in Language::ALL {
        for _ in 0..3 {
            let out = std::process::Command::new(&exe)
                .args(["--parse-only", lang.tag()])
                .output()
                .expect("run child");
            print!("{}", String::from_utf8_lossy(&out.stdout));
        }
    }

    let (brief, pages) = big_brief();
    let mut words = 0usize;
    let mut fields = 0usize;
    brief.for_each_text(|f| {
        fields += 1;
        words += briefsmith::model::text::plain(f.text)
            .split_whitespace()
            .count();
    });
    println!();
    println!(
        "brief: {pages} pages, {fields} fields, {words} words ({})",
        brief.meta.language
    );

    for lang in Language::ALL {
        // Cold: a fresh speller, every distinct word judged once.
        let mut cold = Vec::new();
        let mut found = 0;
        for _ in 0..3 {
            let speller = Speller::new(lang).expect("dictionary");
            let t = Instant::now();
            let mut check = SpellCheck::new();
            found = check.update(&brief, &speller).len();
            cold.push(t.elapsed());
        }
        let speller = Speller::new(lang).expect("dictionary");
        let mut check = SpellCheck::new();
        check.update(&brief, &speller);
        // Warm: a second full check by another SpellCheck, words memoised.
        let warm = median(
            (0..5)
                .map(|_| {
                    let t = Instant::now();
                    let mut c = SpellCheck::new();
                    std::hint::black_box(c.update(&brief, &speller).len());
                    t.elapsed()
                })
                .collect(),
        );
        // One keystroke in one paragraph, then the incremental update.
        let mut edited = brief.clone();
        let id = edited.sections[5]
            .blocks
            .iter()
            .find(|b| matches!(b.content, BlockContent::Paragraph { .. }))
            .map(|b| b.id)
            .expect("a paragraph");
        let keystroke = median(
            (0..20)
                .map(|i| {
                    if let Some(b) = edited.block(id) {
                        if let BlockContent::Paragraph { text } = &b.content {
                            let t = format!("{text}{}", if i % 2 == 0 { " x" } else { "" });
                            let _ = edited.set_paragraph_text(id, &t);
                        }
                    }
                    let t = Instant::now();
                    std::hint::black_box(check.update(&edited, &speller).len());
                    t.elapsed()
                })
                .collect(),
        );
        // The command line's check: suggestions for every problem.
        let t = Instant::now();
        let full = check_brief(&brief, &speller).len();
        let with_suggestions = t.elapsed();
        let _ = speller_counterpart_warmup(&brief, &speller);
        let mix = median(
            (0..3)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(mixed_spellings(&brief, &speller));
                    t.elapsed()
                })
                .collect(),
        );
        let t = Instant::now();
        let s = speller.suggest("recieve");
        let suggest = t.elapsed();
        println!();
        println!("{}: {found} problems", lang.name());
        println!(
            "  full check, fresh speller     {:>10} (median of 3; min {})",
            ms(median(cold.clone())),
            ms(*cold.iter().min().unwrap_or(&Duration::ZERO))
        );
        println!("  full check, warm speller      {:>10}", ms(warm));
        println!(
            "  after one keystroke           {:>10} (incremental, median of 20)",
            ms(keystroke)
        );
        println!(
            "  check_brief with suggestions  {:>10} ({full} problems, suggestions memoised per word)",
            ms(with_suggestions)
        );
        println!(
            "  UK/US mix check               {:>10} (both dictionaries loaded)",
            ms(mix)
        );
        println!(
            "  suggest(\"recieve\")            {:>10} → {s:?}",
            ms(suggest)
        );
    }
}

/// The UK/US check parses the other English on first use; keep that out
/// of its timing.
fn speller_counterpart_warmup(brief: &Brief, speller: &Speller) -> Duration {
    let t = Instant::now();
    std::hint::black_box(mixed_spellings(brief, speller));
    t.elapsed()
}
