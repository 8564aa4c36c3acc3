//! End to end: the real editor (headless, through the same app code the
//! window runs) is edited, killed with SIGKILL once its autosave has run,
//! and started again; the restart offers the edit back and restores it.
//!
//! Has its own `main` (harness = false) so it can run itself as the child
//! process that gets killed.

mod common;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use briefsmith::app::{engine_layout, EditorApp, Options};
use common::{click, set_field, settle};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;

const EDIT: &str = "Drafted before the crash";

fn editor(recovery: PathBuf) -> Harness<'static, EditorApp> {
    let mut h = common::app_harness(Options {
        file: None,
        native_dialogs: false,
        layout: engine_layout,
        recovery_dir: Some(recovery),
    });
    settle(&mut h);
    h
}

fn recovery_files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(".recovery.json"))
                .count()
        })
        .unwrap_or(0)
}

/// The child: edit, wait for the autosave, say so, then wait to be killed.
fn child(recovery: PathBuf) {
    let mut h = editor(recovery.clone());
    set_field(&mut h, "Drafter", EDIT);
    let start = Instant::now();
    while recovery_files(&recovery) == 0 && start.elapsed() < Duration::from_secs(20) {
        h.step();
        std::thread::sleep(Duration::from_millis(50));
    }
    println!("autosaved {}", recovery_files(&recovery));
    loop {
        h.step();
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn main() {
    if let Some(dir) = std::env::var_os("BRIEFSMITH_E2E_CHILD") {
        child(PathBuf::from(dir));
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let recovery = dir.path().join("recovery");
    let mut c = Command::new(std::env::current_exe().expect("own path"))
        .env("BRIEFSMITH_E2E_CHILD", &recovery)
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the editor");
    let child_pid = c.id();
    let line = BufReader::new(c.stdout.take().expect("stdout"))
        .lines()
        .next()
        .and_then(Result::ok)
        .unwrap_or_default();
    c.kill().expect("SIGKILL");
    let _ = c.wait();
    assert_eq!(
        line, "autosaved 1",
        "the editor wrote its recovery copy before the kill"
    );

    let mut h = editor(recovery.clone());
    h.get_by_label("Recover unsaved work");
    click(
        &mut h,
        "Restore SCO Defense Ministers’ Meeting, Qingdao (untitled)",
    );
    assert_eq!(h.get_by_label("Drafter").value().as_deref(), Some(EDIT));
    h.get_by_label("Unsaved changes");
    let left: Vec<String> = std::fs::read_dir(&recovery)
        .expect("recovery folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.contains(&format!("-{child_pid}-")))
        .collect();
    assert!(
        left.is_empty(),
        "restoring takes the killed run's copy out of the folder: {left:?}"
    );
    println!("test killed_editor_offers_its_edits_back ... ok");
    println!("1 passed, 0 failed");
}
