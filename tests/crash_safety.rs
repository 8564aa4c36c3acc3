//! Crash safety, proven with real processes: a save killed with SIGKILL at
//! random moments leaves exactly the old or the new brief (through a
//! symbolic link too, which stays a link); a save that hits the file-size
//! limit (as a full disk would) fails cleanly, says so in words and leaves
//! the original intact; autosaved edits from a killed run are offered back.
//!
//! This test has its own `main` (harness = false): it re-runs itself as the
//! child process whose work gets killed.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use briefsmith::io::autosave::{Autosaver, Entry};
use briefsmith::io::recovery::{key_for, RecoveryStore};
use briefsmith::io::{self, encode};
use briefsmith::model::Brief;
use briefsmith::sample;

const KILLS: usize = 220;

fn brief_a() -> Brief {
    sample::sco()
}

fn brief_b() -> Brief {
    // Larger than A, so a torn write would show.
    sample::generated(2, 200)
}

fn child(mode: &str, arg: &Path) -> Command {
    let mut c = Command::new(std::env::current_exe().expect("own path"));
    c.env("BRIEFSMITH_CHILD", mode).env("BRIEFSMITH_ARG", arg);
    c
}

fn run_child(mode: &str) {
    let arg = PathBuf::from(std::env::var_os("BRIEFSMITH_ARG").expect("arg"));
    match mode {
        "save-loop" => {
            let (a, b) = (brief_a(), brief_b());
            for i in 0.. {
                let brief = if i % 2 == 0 { &b } else { &a };
                if let Err(e) = io::save(&arg, brief) {
                    eprintln!("{e}");
                    std::process::exit(3);
                }
            }
        }
        "save-once" => match io::save(&arg, &brief_b()) {
            Ok(()) => std::process::exit(0),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(2);
            }
        },
        "autosave" => {
            let store = RecoveryStore::open(arg).expect("store");
            let saver = Autosaver::start(store, Duration::from_millis(30));
            let key = key_for(None, "child", 1);
            let mut brief = brief_a();
            for n in 0.. {
                brief.meta.title = format!("Edited {n}");
                saver.edited(&key, entry(Arc::new(brief.clone())));
                std::thread::sleep(Duration::from_millis(120));
                println!("{n}");
            }
        }
        "panic" => {
            let store = RecoveryStore::open(arg).expect("store");
            // A long delay: only the panic hook can write this edit in time.
            let saver = Autosaver::start(store, Duration::from_secs(3600));
            saver.install_panic_hook();
            let mut brief = brief_a();
            brief.meta.title = "Edited just before the panic".into();
            saver.edited(&key_for(None, "child", 7), entry(Arc::new(brief)));
            panic!("simulated bug");
        }
        other => panic!("unknown child mode {other}"),
    }
}

/// An untitled document's state for the autosaver.
fn entry(brief: Arc<briefsmith::model::Brief>) -> Entry {
    Entry {
        original: None,
        loaded: None,
        brief,
    }
}

/// A small deterministic random sequence, so a failure can be replayed.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn kill(mut c: Child) {
    let _ = c.kill(); // SIGKILL on Unix
    let _ = c.wait();
}

/// Kills saves of `KILLS` briefs in all: most straight to the file, the
/// rest through a symbolic link in another folder.
const KILLS_THROUGH_LINK: usize = 80;

fn sigkill_during_saves() -> String {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("brief.brief");
    let (a, b, removed) = kill_saves(&target, &target, KILLS - KILLS_THROUGH_LINK, 0x5eed);
    format!("{} kills survived ({a} left the old brief, {b} the new one; {removed} stale temporaries cleaned)", KILLS - KILLS_THROUGH_LINK)
}

fn sigkill_during_saves_through_a_link() -> String {
    let dir = tempfile::tempdir().unwrap();
    let (links, targets) = (dir.path().join("links"), dir.path().join("targets"));
    std::fs::create_dir(&links).unwrap();
    std::fs::create_dir(&targets).unwrap();
    let link = links.join("brief.brief");
    let to = Path::new("../targets/brief.brief");
    std::os::unix::fs::symlink(to, &link).unwrap();
    let (a, b, removed) = kill_saves(
        &link,
        &targets.join("brief.brief"),
        KILLS_THROUGH_LINK,
        0x11fe,
    );
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        to,
        "still the same link"
    );
    let names: Vec<_> = std::fs::read_dir(&links)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        ["brief.brief"],
        "nothing was written beside the link"
    );
    format!("{KILLS_THROUGH_LINK} kills survived through a link ({a} left the old brief, {b} the new one; {removed} stale temporaries cleaned)")
}

/// Starts saves to `path` (which is or leads to `target`) in a child and
/// kills it at random moments, `kills` times: every time, the target holds
/// the old or the new brief, whole, and a link stays a link. Returns how
/// often each was left, and how many temporaries were cleaned at the end.
fn kill_saves(path: &Path, target: &Path, kills: usize, seed: u64) -> (usize, usize, usize) {
    let (a, b) = (encode(&brief_a()), encode(&brief_b()));
    let link_to = std::fs::read_link(path).ok();
    let mut rng = Lcg(seed);
    let (mut saw_a, mut saw_b) = (0, 0);
    for i in 0..kills {
        std::fs::write(target, &a).unwrap();
        let c = child("save-loop", path)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(500 + rng.next() % 25_000));
        kill(c);
        if let Some(to) = &link_to {
            let meta = std::fs::symlink_metadata(path).unwrap();
            assert!(
                meta.file_type().is_symlink(),
                "kill {i}: the link was replaced"
            );
            assert_eq!(
                &std::fs::read_link(path).unwrap(),
                to,
                "kill {i}: the link changed"
            );
        }
        let now = std::fs::read(target).unwrap();
        assert!(
            now == a || now == b,
            "kill {i}: the target is neither the old nor the new brief ({} bytes)",
            now.len()
        );
        if now == a {
            saw_a += 1;
        } else {
            saw_b += 1;
        }
        let bak = io::backup_path(target);
        if let Ok(bak) = std::fs::read(&bak) {
            assert!(bak == a || bak == b, "kill {i}: the backup is damaged");
        }
        assert!(io::load(path).is_ok());
    }
    // Leftover temporaries, beside the target, are recognised and cleaned up.
    let dir = target.parent().unwrap();
    let left = std::fs::read_dir(dir).unwrap().count();
    let removed = io::remove_stale_temps(dir, Duration::ZERO);
    assert_eq!(std::fs::read_dir(dir).unwrap().count(), left - removed);
    assert!(std::fs::read_dir(dir).unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .ends_with(io::TEMP_SUFFIX)));
    (saw_a, saw_b, removed)
}

fn full_disk_leaves_the_original() -> String {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("brief.brief");
    let original = encode(&brief_a());
    std::fs::write(&target, &original).unwrap();
    // A 64 KiB file-size limit: writing the larger brief fails as on a full
    // disk (EFBIG instead of ENOSPC), for root too.
    let exe = std::env::current_exe().unwrap();
    let out = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 64; exec \"$0\"")
        .arg(&exe)
        .env("BRIEFSMITH_CHILD", "save-once")
        .env("BRIEFSMITH_ARG", &target)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "the save must fail: {err}");
    assert!(
        err.trim()
            == format!(
                "could not save {}: the file would exceed the file-size limit",
                target.display()
            ),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&target).unwrap(),
        original,
        "original untouched"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(
        names.iter().all(|n| !n.ends_with(io::TEMP_SUFFIX)),
        "no temporary left: {names:?}"
    );
    format!(
        "save over the size limit failed with \"{}\" and left the original",
        err.trim()
    )
}

fn killed_editor_edits_are_offered_back() -> String {
    let dir = tempfile::tempdir().unwrap();
    let store_dir = dir.path().join("recovery");
    let mut c = child("autosave", &store_dir)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(c.stdout.take().unwrap()).lines();
    let mut last = 0;
    for _ in 0..4 {
        last = lines
            .next()
            .unwrap()
            .unwrap()
            .trim()
            .parse::<u32>()
            .unwrap();
    }
    kill(c);
    let store = RecoveryStore::open(store_dir).unwrap();
    let (found, problems) = store.orphans();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(found.len(), 1, "one untitled brief recovered");
    let title = &found[0].brief.meta.title;
    let n: u32 = title.trim_start_matches("Edited ").parse().unwrap();
    assert!(
        n >= last,
        "recovered {title:?}, the child had reported edit {last} as written"
    );
    assert_eq!(found[0].brief.sections, brief_a().sections);
    store.remove(&found[0].key);
    assert!(store.orphans().0.is_empty());
    format!(
        "killed run's edit {title:?} offered back as {:?}",
        found[0].name()
    )
}

fn a_panic_writes_the_latest_edit_to_recovery() -> String {
    let dir = tempfile::tempdir().unwrap();
    let store_dir = dir.path().join("recovery");
    let out = child("panic", &store_dir).output().unwrap();
    assert!(!out.status.success(), "the child panicked");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("simulated bug"),
        "the usual panic message still prints"
    );
    let (found, _) = RecoveryStore::open(store_dir).unwrap().orphans();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].brief.meta.title, "Edited just before the panic");
    "a panic wrote the pending edit to the recovery folder".into()
}

fn main() {
    if let Ok(mode) = std::env::var("BRIEFSMITH_CHILD") {
        run_child(&mode);
        return;
    }
    type Check = fn() -> String;
    let tests: [(&str, Check); 5] = [
        (
            "a_panic_writes_the_latest_edit_to_recovery",
            a_panic_writes_the_latest_edit_to_recovery,
        ),
        ("sigkill_during_saves", sigkill_during_saves),
        (
            "sigkill_during_saves_through_a_link",
            sigkill_during_saves_through_a_link,
        ),
        (
            "full_disk_leaves_the_original",
            full_disk_leaves_the_original,
        ),
        (
            "killed_editor_edits_are_offered_back",
            killed_editor_edits_are_offered_back,
        ),
    ];
    let mut failed = 0;
    for (name, t) in tests {
        match std::panic::catch_unwind(t) {
            Ok(msg) => println!("test {name} ... ok: {msg}"),
            Err(_) => {
                println!("test {name} ... FAILED");
                failed += 1;
            }
        }
    }
    println!("{} passed, {failed} failed", tests.len() - failed);
    if failed > 0 {
        std::process::exit(1);
    }
}
