//! One brief, several windows and other programs: a second window is
//! warned and can open read-only, a save over a file someone else changed
//! asks first, an unmodified brief offers to reload, Export and Save As
//! never replace the wrong file, each window keeps its own recovery copy,
//! and a recovery folder that cannot be written is reported.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use briefsmith::app::EditorApp;
use briefsmith::io::process::{host_name, user_name};
use common::{click, harness, press, set_field, settle};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;

fn brief_file(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let mut brief = briefsmith::model::Brief::new("Visit of the Defence Attaché");
    brief.meta.drafter = "First drafter".into();
    briefsmith::io::save(&path, &brief).expect("save");
    path
}

fn drafter_on_disk(path: &Path) -> String {
    briefsmith::io::load(path).expect("load").meta.drafter
}

/// Another program rewrites the file (a colleague's save, a sync client).
fn changed_elsewhere(path: &Path, drafter: &str) {
    let mut b = briefsmith::io::load(path).expect("load");
    b.meta.drafter = drafter.into();
    std::fs::write(path, briefsmith::io::encode(&b)).expect("write");
}

fn recovery_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(".recovery.json"))
                .collect()
        })
        .unwrap_or_default()
}

/// Steps the window until `done` or `limit` passes.
fn step_until(
    h: &mut Harness<'static, EditorApp>,
    limit: Duration,
    mut done: impl FnMut(&Harness<'static, EditorApp>) -> bool,
) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        h.step();
        if done(h) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn a_second_window_is_warned_and_a_read_only_window_cannot_save() {
    let dir = tempfile::tempdir().expect("dir");
    let path = brief_file(dir.path(), "visit.brief");
    let first = harness(Some(path.clone()));
    first.get_by_label("visit.brief");
    assert!(
        dir.path().join(".~lock.visit.brief#").is_file(),
        "the first window locks the brief"
    );

    // The second window says at once who has it.
    let mut second = harness(Some(path.clone()));
    second.get_by_label("Open in another window");
    second.get_by_label_contains(&format!(
        "visit.brief is already open: {} on {} since",
        user_name(),
        host_name()
    ));
    click(&mut second, "Open read-only");
    assert_eq!(
        second.state().document().window_title(),
        "visit.brief (read-only) — Briefsmith"
    );
    second.get_by_label("Read-only");

    // Edits are possible, saving over the file is not: Save asks for
    // another name instead, and the file is untouched.
    let before = std::fs::read(&path).expect("read");
    set_field(&mut second, "Drafter", "Second drafter");
    press(&mut second, Modifiers::COMMAND, Key::S);
    second.get_by_label_contains("is open read-only in this window");
    second.get_by_label("Save brief as");
    assert_eq!(std::fs::read(&path).expect("read"), before);

    // Save As to another file works, and that window is no longer read-only.
    let copy = dir.path().join("visit-copy.brief");
    set_field(&mut second, "File path", &copy.display().to_string());
    click(&mut second, "Save");
    assert_eq!(drafter_on_disk(&copy), "Second drafter");
    assert_eq!(drafter_on_disk(&path), "First drafter");
    assert!(!second.state().document().is_read_only());
    assert!(dir.path().join(".~lock.visit-copy.brief#").is_file());

    // Cancel keeps what the window had; Open anyway opens it for editing.
    let mut third = harness(Some(path.clone()));
    click(&mut third, "Cancel");
    third.get_by_label("Untitled");
    let mut fourth = harness(Some(path.clone()));
    click(&mut fourth, "Open anyway");
    fourth.get_by_label("visit.brief");
    assert!(!fourth.state().document().is_read_only());
    fourth.get_by_label_contains("is also open in another window");

    // Once the first window has gone, its lock goes with it.
    drop(first);
    assert!(!dir.path().join(".~lock.visit.brief#").exists());
    let fifth = harness(Some(path.clone()));
    assert!(fifth.query_by_label("Open in another window").is_none());
    fifth.get_by_label("visit.brief");
}

#[test]
fn saving_over_a_file_changed_on_disk_asks_first() {
    let dir = tempfile::tempdir().expect("dir");
    let path = brief_file(dir.path(), "readout.brief");
    let mut h = harness(Some(path.clone()));
    set_field(&mut h, "Drafter", "Mine");
    changed_elsewhere(&path, "Theirs");

    // Cancel: nothing written.
    press(&mut h, Modifiers::COMMAND, Key::S);
    h.get_by_label("Changed on disk");
    h.get_by_label_contains("was changed by another program or window since you opened it");
    click(&mut h, "Cancel");
    assert_eq!(drafter_on_disk(&path), "Theirs");
    assert!(h.state().document().is_dirty());

    // Save as…: both versions kept.
    press(&mut h, Modifiers::COMMAND, Key::S);
    click(&mut h, "Save as…");
    let mine = dir.path().join("mine.brief");
    set_field(&mut h, "File path", &mine.display().to_string());
    click(&mut h, "Save");
    assert_eq!(drafter_on_disk(&mine), "Mine");
    assert_eq!(drafter_on_disk(&path), "Theirs");

    // Overwrite, when the user says so.
    let mut h = harness(Some(path.clone()));
    set_field(&mut h, "Drafter", "Mine again");
    changed_elsewhere(&path, "Theirs again");
    press(&mut h, Modifiers::COMMAND, Key::S);
    click(&mut h, "Overwrite");
    assert_eq!(drafter_on_disk(&path), "Mine again");
    // Saved: the next save does not ask.
    set_field(&mut h, "Drafter", "Mine, later");
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(h.query_by_label("Changed on disk").is_none());
    assert_eq!(drafter_on_disk(&path), "Mine, later");

    // Reload: the file's version, and undo brings this window's back.
    set_field(&mut h, "Drafter", "Unsaved here");
    changed_elsewhere(&path, "Saved there");
    press(&mut h, Modifiers::COMMAND, Key::S);
    click(&mut h, "Reload");
    assert_eq!(
        h.get_by_label("Drafter").value().as_deref(),
        Some("Saved there")
    );
    h.get_by_label("Saved");
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.get_by_label("Drafter").value().as_deref(),
        Some("Unsaved here")
    );
}

#[test]
fn an_unmodified_brief_whose_file_changed_offers_reload_when_the_window_regains_focus() {
    let dir = tempfile::tempdir().expect("dir");
    let path = brief_file(dir.path(), "minutes.brief");
    let mut h = harness(Some(path.clone()));
    changed_elsewhere(&path, "Edited in the other window");
    h.input_mut().events.push(egui::Event::WindowFocused(true));
    settle(&mut h);
    h.get_by_label("minutes.brief was changed on disk by another program or window.");
    click(&mut h, "Reload");
    assert_eq!(
        h.get_by_label("Drafter").value().as_deref(),
        Some("Edited in the other window")
    );
    h.get_by_label("Saved");
    assert!(h
        .query_by_label_contains("was changed on disk by another")
        .is_none());

    // Without a focus change it is noticed within a few seconds too.
    changed_elsewhere(&path, "Edited while this window had focus");
    assert!(step_until(&mut h, Duration::from_secs(6), |h| h
        .query_by_label_contains("was changed on disk by another")
        .is_some()));

    // A file that disappears is reported, and Save writes it again.
    std::fs::remove_file(&path).expect("rm");
    h.input_mut().events.push(egui::Event::WindowFocused(true));
    settle(&mut h);
    h.get_by_label_contains("minutes.brief is no longer on disk");
}

#[test]
fn export_never_replaces_the_open_brief_and_asks_before_replacing_a_file() {
    let dir = tempfile::tempdir().expect("dir");
    let path = brief_file(dir.path(), "talks.brief");
    let before = std::fs::read(&path).expect("read");
    let mut h = harness(Some(path.clone()));

    press(&mut h, Modifiers::COMMAND, Key::E);
    set_field(&mut h, "File path", &path.display().to_string());
    click(&mut h, "Export");
    h.get_by_label_contains(&format!(
        "Not exported: refusing to export {} over itself",
        path.display()
    ));
    assert_eq!(std::fs::read(&path).expect("read"), before);
    // It asks again, suggesting a PDF name.
    assert_eq!(
        h.get_by_label("File path").value().as_deref(),
        Some(path.with_extension("pdf").display().to_string().as_str())
    );

    // A text file where the PDF would go: asked, with what it is.
    let notes = dir.path().join("notes.pdf");
    std::fs::write(&notes, "Speaking notes\n").expect("write");
    set_field(&mut h, "File path", &notes.display().to_string());
    click(&mut h, "Export");
    h.get_by_label("Replace the existing file?");
    h.get_by_label_contains("already exists and is a text file, not a PDF");
    click(&mut h, "Cancel");
    assert_eq!(std::fs::read(&notes).expect("read"), b"Speaking notes\n");

    // Choose another name goes back to the path; Replace replaces.
    press(&mut h, Modifiers::COMMAND, Key::E);
    set_field(&mut h, "File path", &notes.display().to_string());
    click(&mut h, "Export");
    click(&mut h, "Choose another name");
    h.get_by_label("Export PDF");
    click(&mut h, "Export");
    click(&mut h, "Replace");
    assert!(std::fs::read(&notes).expect("read").starts_with(b"%PDF-"));
    h.get_by_label_contains("Exported");

    // Even an earlier PDF is replaced only when the user agrees.
    press(&mut h, Modifiers::COMMAND, Key::E);
    set_field(&mut h, "File path", &notes.display().to_string());
    click(&mut h, "Export");
    h.get_by_label_contains("already exists. Replace it?");
}

#[test]
fn save_as_asks_before_replacing_an_existing_file() {
    let dir = tempfile::tempdir().expect("dir");
    let other = brief_file(dir.path(), "other.brief");
    let before = std::fs::read(&other).expect("read");
    let mut h = harness(None);
    set_field(&mut h, "Drafter", "New drafter");
    press(&mut h, Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
    set_field(&mut h, "File path", &other.display().to_string());
    click(&mut h, "Save");
    h.get_by_label_contains("already exists. Replace it?");
    click(&mut h, "Cancel");
    assert_eq!(std::fs::read(&other).expect("read"), before);
    assert!(h.state().document().is_dirty());

    press(&mut h, Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
    set_field(&mut h, "File path", &other.display().to_string());
    click(&mut h, "Save");
    click(&mut h, "Replace");
    assert_eq!(drafter_on_disk(&other), "New drafter");

    // A file another window has open is not offered for replacing at all.
    let held = brief_file(dir.path(), "held.brief");
    let _holder = harness(Some(held.clone()));
    press(&mut h, Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
    set_field(&mut h, "File path", &held.display().to_string());
    click(&mut h, "Save");
    h.get_by_label_contains("is open in another window");
    assert_eq!(drafter_on_disk(&held), "First drafter");
}

#[test]
fn two_windows_on_one_brief_keep_their_own_recovery_copies() {
    let dir = tempfile::tempdir().expect("dir");
    let recovery = dir.path().join("recovery");
    let path = brief_file(dir.path(), "shared.brief");
    let mut a = common::harness_with_recovery(Some(path.clone()), recovery.clone());
    let mut b = common::harness_with_recovery(Some(path.clone()), recovery.clone());
    click(&mut b, "Open anyway");
    set_field(&mut a, "Drafter", "Window A");
    set_field(&mut b, "Drafter", "Window B");
    let both = |a: &mut Harness<'static, EditorApp>, b: &mut Harness<'static, EditorApp>| {
        let start = Instant::now();
        while recovery_files(&recovery).len() < 2 && start.elapsed() < Duration::from_secs(10) {
            a.step();
            b.step();
            std::thread::sleep(Duration::from_millis(50));
        }
        recovery_files(&recovery)
    };
    let files = both(&mut a, &mut b);
    assert_eq!(files.len(), 2, "one recovery copy a window: {files:?}");
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("read"))
        .collect();
    assert!(texts.iter().any(|t| t.contains("Window A")));
    assert!(texts.iter().any(|t| t.contains("Window B")));
    // Each stores the brief's absolute path.
    let abs = serde_json::to_string(&std::path::absolute(&path).expect("abs")).expect("json");
    assert!(texts.iter().all(|t| t.contains(&abs)), "{texts:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for f in &files {
            let mode = std::fs::metadata(f).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", f.display());
        }
        let mode = std::fs::metadata(&recovery)
            .expect("meta")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o700);
    }

    // Saving in A removes A's copy only.
    press(&mut a, Modifiers::COMMAND, Key::S);
    assert!(step_until(
        &mut a,
        Duration::from_secs(5),
        |_| recovery_files(&recovery).len() == 1
    ));
    let left = std::fs::read_to_string(&recovery_files(&recovery)[0]).expect("read");
    assert!(left.contains("Window B"), "{left}");
}

#[test]
fn a_recovery_folder_that_cannot_be_written_is_reported_and_retried() {
    let dir = tempfile::tempdir().expect("dir");
    // A file where the folder's parent should be: not even root can write there.
    let blocker = dir.path().join("data");
    std::fs::write(&blocker, "not a folder").expect("write");
    let recovery = blocker.join("recovery");
    let mut h = common::harness_with_recovery(None, recovery.clone());
    h.get_by_label_contains(&format!(
        "Crash recovery off: cannot use the recovery folder {}",
        recovery.display()
    ));
    set_field(&mut h, "Drafter", "Typed while recovery was off");

    // The folder becomes usable: recovery comes back by itself and the
    // unsaved edit is written.
    std::fs::remove_file(&blocker).expect("rm");
    assert!(step_until(&mut h, Duration::from_secs(15), |_| {
        recovery_files(&recovery).len() == 1
    }));
    let text = std::fs::read_to_string(&recovery_files(&recovery)[0]).expect("read");
    assert!(text.contains("Typed while recovery was off"));
    settle(&mut h);
    assert!(h.query_by_label_contains("Crash recovery off").is_none());
}

#[test]
fn the_open_in_another_window_question_does_not_hide_recovered_work() {
    let dir = tempfile::tempdir().expect("dir");
    let recovery = dir.path().join("recovery");
    let path = brief_file(dir.path(), "both.brief");
    let store = briefsmith::io::recovery::RecoveryStore::open(recovery.clone()).expect("store");
    let mut left = briefsmith::model::Brief::new("Left by a crash");
    left.meta.drafter = "Crashed".into();
    store.write("untitled-1-x-1", None, &left).expect("write");
    common::as_if_left_by_a_crash(&recovery_files(&recovery).pop().expect("a recovery file"));

    let _holder = harness(Some(path.clone()));
    let mut h = common::harness_with_recovery(Some(path), recovery);
    h.get_by_label("Open in another window");
    click(&mut h, "Cancel");
    h.get_by_label("Recover unsaved work");
    click(&mut h, "Restore Left by a crash (untitled)");
    assert_eq!(
        h.get_by_label("Drafter").value().as_deref(),
        Some("Crashed")
    );
}

/// A recovery file as a crashed run leaves it: written for `path` as it
/// was loaded, by a process that no longer runs.
fn crashed_copy(recovery: &Path, path: &Path, drafter: &str) {
    let store =
        briefsmith::io::recovery::RecoveryStore::open(recovery.to_path_buf()).expect("store");
    let bytes = std::fs::read(path).expect("read");
    let stamp = briefsmith::io::DiskStamp::of_bytes(path, &bytes);
    let mut brief = briefsmith::io::load(path).expect("load");
    brief.meta.drafter = drafter.into();
    store
        .write_stamped("file-crashed", Some(path), Some(&stamp), &brief)
        .expect("write");
    common::as_if_left_by_a_crash(&recovery.join("file-crashed.recovery.json"));
}

#[test]
fn restored_work_saves_to_its_own_file_and_still_notices_later_changes() {
    let dir = tempfile::tempdir().expect("dir");
    let recovery = dir.path().join("recovery");
    let path = brief_file(dir.path(), "restored.brief");
    crashed_copy(&recovery, &path, "Typed before the crash");
    let mut h = common::harness_with_recovery(None, recovery.clone());
    click(&mut h, "Restore restored.brief");
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(h.query_by_label("Changed on disk").is_none());
    assert_eq!(drafter_on_disk(&path), "Typed before the crash");
    drop(h);

    // The file changed after the crash: the restored copy asks first.
    crashed_copy(&recovery, &path, "Typed before the second crash");
    changed_elsewhere(&path, "Saved by a colleague after the crash");
    let mut h = common::harness_with_recovery(None, recovery);
    click(&mut h, "Restore restored.brief");
    press(&mut h, Modifiers::COMMAND, Key::S);
    h.get_by_label("Changed on disk");
    assert_eq!(
        drafter_on_disk(&path),
        "Saved by a colleague after the crash"
    );
}

/// Run as a child process: holds the brief's lock until killed.
#[test]
fn lock_holder_child() {
    let Some(path) = std::env::var_os("BRIEFSMITH_LOCK_CHILD") else {
        return; // only meaningful as the child of the test below
    };
    let _lock = briefsmith::io::lock::acquire(Path::new(&path), "child").expect("lock");
    println!("locked");
    loop {
        std::thread::sleep(Duration::from_secs(1));
    }
}

#[test]
fn a_brief_open_in_another_process_is_warned_about_until_that_process_dies() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().expect("dir");
    let path = brief_file(dir.path(), "elsewhere.brief");
    let mut child = std::process::Command::new(std::env::current_exe().expect("own path"))
        .args([
            "--exact",
            "lock_holder_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("BRIEFSMITH_LOCK_CHILD", &path)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("start the other process");
    let stdout = child.stdout.take().expect("stdout");
    let locked = std::io::BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .any(|l| l.contains("locked"));
    assert!(locked, "the other process took the lock");

    let mut h = harness(Some(path.clone()));
    h.get_by_label("Open in another window");
    click(&mut h, "Open read-only");
    assert!(h.state().document().is_read_only());

    // The other process is killed: its lock is stale, and the next window
    // opens the brief without asking, taking the lock over.
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    assert!(dir.path().join(".~lock.elsewhere.brief#").exists());
    let h = harness(Some(path));
    assert!(h.query_by_label("Open in another window").is_none());
    assert!(!h.state().document().is_read_only());
    let lock = std::fs::read_to_string(dir.path().join(".~lock.elsewhere.brief#")).expect("lock");
    assert!(
        lock.contains(&format!("\"pid\":{}", std::process::id())),
        "{lock}"
    );
}
