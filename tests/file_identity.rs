//! Which file a save or an export writes, and with what identity: links
//! are followed and kept, special files refused without blocking, names up
//! to 255 bytes saved with backups that fit, modes taken from the umask or
//! the file, other hard links left with the old contents, stale
//! temporaries swept, and one plain sentence for every failure. Checks
//! that need another umask or a file-size limit re-run this test binary as
//! a child process (see `child_process_entry`).
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{symlink, FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

use briefsmith::io::{self, NAME_MAX, TEMP_SUFFIX};
use briefsmith::layout::{self, LayoutOptions};
use briefsmith::model::Brief;
use briefsmith::{pdf, sample};

const CHILD: &str = "BRIEFSMITH_FILEID_CHILD";
const CHILD_ARG: &str = "BRIEFSMITH_FILEID_ARG";

fn brief(title: &str) -> Brief {
    let mut b = sample::sco();
    b.meta.title = title.into();
    b
}

fn pages() -> layout::Document {
    layout::layout(&brief("Export"), &LayoutOptions::default())
}

fn export(path: &Path) -> Result<usize, pdf::PdfError> {
    pdf::export(
        &pages(),
        path,
        &pdf::PdfOptions {
            created: Some(0),
            ..Default::default()
        },
    )
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).expect("metadata").permissions().mode() & 0o7777
}

fn set_mode(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

/// The one sentence a failure gives: the user's path once, the cause in
/// words, no temporary, no OS error number.
fn assert_says(msg: &str, verb: &str, path: &Path, cause: &str) {
    assert_eq!(msg, format!("could not {verb} {}: {cause}", path.display()));
    assert_eq!(msg.matches(&path.display().to_string()).count(), 1, "{msg}");
    assert!(
        !msg.contains(TEMP_SUFFIX) && !msg.contains("os error"),
        "{msg}"
    );
}

fn save_err(path: &Path) -> String {
    io::save(path, &brief("Refused"))
        .expect_err("the save must fail")
        .to_string()
}

fn export_err(path: &Path) -> String {
    export(path).expect_err("the export must fail").to_string()
}

/// Runs `f` on another thread and fails, instead of hanging, if it blocks.
fn within_seconds<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(secs))
        .expect("blocked: a special file was opened")
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo");
    assert!(ok.success(), "mkfifo failed");
}

fn is_link_to(link: &Path, to: &Path) -> bool {
    fs::symlink_metadata(link).is_ok_and(|m| m.file_type().is_symlink())
        && fs::read_link(link).is_ok_and(|t| t == to)
}

// ---- symbolic links ----

#[test]
fn saving_through_a_link_replaces_its_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().expect("dir");
    let real = dir.path().join("real.brief");
    let link = dir.path().join("link.brief");
    let old = io::encode(&brief("Old"));
    fs::write(&real, &old).expect("write");
    symlink("real.brief", &link).expect("symlink");
    io::save(&link, &brief("New")).expect("save");
    assert!(is_link_to(&link, Path::new("real.brief")), "the link stays");
    assert_eq!(io::load(&real).expect("load").meta.title, "New");
    assert_eq!(fs::read(io::backup_path(&real)).expect("bak"), old);
    assert_eq!(
        names_in(dir.path()),
        ["link.brief", "real.brief", "real.brief.bak"],
        "the backup goes beside the target; no temporary is left"
    );
}

#[test]
fn a_relative_link_in_another_folder_and_a_chain_lead_to_the_target() {
    let root = tempfile::tempdir().expect("dir");
    let (a, b) = (root.path().join("a"), root.path().join("b"));
    fs::create_dir(&a).expect("mkdir");
    fs::create_dir(&b).expect("mkdir");
    let real = b.join("real.brief");
    fs::write(&real, io::encode(&brief("Old"))).expect("write");
    let link = a.join("link.brief");
    symlink("../b/real.brief", &link).expect("symlink");
    // A chain: an absolute link to a relative one.
    let chain = root.path().join("chain.brief");
    symlink(&link, &chain).expect("symlink");

    io::save(&link, &brief("Through the link")).expect("save");
    assert_eq!(
        io::load(&real).expect("load").meta.title,
        "Through the link"
    );
    io::save(&chain, &brief("Through the chain")).expect("save");
    assert_eq!(
        io::load(&real).expect("load").meta.title,
        "Through the chain"
    );
    export(&chain).expect("export through the chain");
    assert!(fs::read(&real).expect("read").starts_with(b"%PDF"));

    assert!(is_link_to(&link, Path::new("../b/real.brief")));
    assert!(is_link_to(&chain, &link));
    assert_eq!(
        names_in(&a),
        ["link.brief"],
        "nothing lands beside the link"
    );
    assert_eq!(names_in(&b), ["real.brief", "real.brief.bak"]);
}

#[test]
fn a_dangling_link_creates_the_file_it_names() {
    let dir = tempfile::tempdir().expect("dir");
    let link = dir.path().join("link.brief");
    symlink("made.brief", &link).expect("symlink");
    io::save(&link, &brief("Made")).expect("save");
    assert!(is_link_to(&link, Path::new("made.brief")));
    let made = dir.path().join("made.brief");
    assert_eq!(io::load(&made).expect("load").meta.title, "Made");

    // Into a folder that does not exist: refused, the link unchanged.
    let lost = dir.path().join("lost.brief");
    symlink("gone/x.brief", &lost).expect("symlink");
    assert_says(&save_err(&lost), "save", &lost, "the folder does not exist");
    assert!(is_link_to(&lost, Path::new("gone/x.brief")));
}

#[test]
fn a_loop_of_links_and_a_link_to_a_folder_are_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let (x, y) = (dir.path().join("x.brief"), dir.path().join("y.brief"));
    symlink("y.brief", &x).expect("symlink");
    symlink("x.brief", &y).expect("symlink");
    assert_says(
        &save_err(&x),
        "save",
        &x,
        "its symbolic links go round in a loop",
    );
    let to_dir = dir.path().join("folder.brief");
    fs::create_dir(dir.path().join("folder")).expect("mkdir");
    symlink("folder", &to_dir).expect("symlink");
    assert_says(&save_err(&to_dir), "save", &to_dir, "it is a directory");
    assert!(is_link_to(&to_dir, Path::new("folder")));
}

// ---- special files ----

#[test]
fn a_fifo_is_refused_without_blocking_and_left_a_fifo() {
    let dir = tempfile::tempdir().expect("dir");
    let fifo = dir.path().join("pipe.brief");
    mkfifo(&fifo);
    let link = dir.path().join("to-pipe.brief");
    symlink("pipe.brief", &link).expect("symlink");
    let (f, l) = (fifo.clone(), link.clone());
    let (save_msg, link_msg, export_msg) =
        within_seconds(20, move || (save_err(&f), save_err(&l), export_err(&f)));
    let cause = "it is not a regular file (a FIFO)";
    assert_says(&save_msg, "save", &fifo, cause);
    assert_says(&link_msg, "save", &link, cause);
    assert_says(&export_msg, "export", &fifo, cause);
    assert!(fs::symlink_metadata(&fifo)
        .expect("still there")
        .file_type()
        .is_fifo());
    assert_eq!(names_in(dir.path()), ["pipe.brief", "to-pipe.brief"]);
}

#[test]
fn a_socket_and_a_device_are_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let sock = dir.path().join("sock.brief");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).expect("bind");
    assert_says(
        &within_seconds(20, {
            let s = sock.clone();
            move || save_err(&s)
        }),
        "save",
        &sock,
        "it is not a regular file (a socket)",
    );
    assert!(fs::symlink_metadata(&sock)
        .expect("still there")
        .file_type()
        .is_socket());
    // A device node of our own (/dev/null's numbers): only if this system
    // lets us make one.
    let dev = dir.path().join("null.pdf");
    let made = Command::new("mknod")
        .arg(&dev)
        .args(["c", "1", "3"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if made {
        let d = dev.clone();
        let msg = within_seconds(20, move || export_err(&d));
        assert_says(&msg, "export", &dev, "it is not a regular file (a device)");
        assert!(fs::symlink_metadata(&dev)
            .expect("still there")
            .file_type()
            .is_char_device());
    } else {
        eprintln!("mknod not permitted here: the device case was not checked");
    }
}

#[test]
fn a_directory_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("dir");
    let folder = dir.path().join("folder.brief");
    fs::create_dir(&folder).expect("mkdir");
    fs::write(folder.join("inside"), b"kept").expect("write");
    assert_says(&save_err(&folder), "save", &folder, "it is a directory");
    assert_says(&export_err(&folder), "export", &folder, "it is a directory");
    assert_eq!(fs::read(folder.join("inside")).expect("read"), b"kept");
    assert_eq!(names_in(dir.path()), ["folder.brief"]);
}

// ---- long names ----

/// Saves twice (so there is a backup) and checks every name fits.
fn save_twice_and_check(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    io::save(&path, &brief("First")).expect("first save");
    io::save(&path, &brief("Second")).expect("second save");
    assert_eq!(io::load(&path).expect("load").meta.title, "Second");
    let bak = io::backup_path(&path);
    assert_eq!(io::load(&bak).expect("backup").meta.title, "First");
    for n in names_in(dir) {
        assert!(n.len() <= NAME_MAX, "{} bytes: {n}", n.len());
        assert!(!n.ends_with(TEMP_SUFFIX), "temporary left: {n}");
    }
    bak
}

#[test]
fn a_240_byte_utf8_name_saves_and_its_backup_fits() {
    let dir = tempfile::tempdir().expect("dir");
    // 117 two-byte letters and ".brief": 240 bytes.
    let name = format!("{}.brief", "é".repeat(117));
    assert_eq!(name.len(), 240);
    let bak = save_twice_and_check(dir.path(), &name);
    assert_eq!(bak.file_name().expect("name").len(), 244);
    assert_eq!(names_in(dir.path()).len(), 2);
}

#[test]
fn a_255_byte_name_saves_and_two_such_names_keep_separate_backups() {
    let dir = tempfile::tempdir().expect("dir");
    // Three-byte characters, so the backup's name is cut between them.
    // Alike for their first 246 bytes, more than a shortened name keeps.
    let a = format!("{}.brief", "文".repeat(83));
    let b = format!("{}abc.brief", "文".repeat(82));
    assert_eq!(a.len(), NAME_MAX);
    assert_eq!(b.len(), NAME_MAX);
    let (bak_a, bak_b) = (
        save_twice_and_check(dir.path(), &a),
        save_twice_and_check(dir.path(), &b),
    );
    assert_ne!(bak_a, bak_b);
    assert_eq!(io::load(&bak_a).expect("load").meta.title, "First");
    assert_eq!(names_in(dir.path()).len(), 4);
    // One byte more is not a name any file system here takes.
    let long = dir
        .path()
        .join(format!("{}.brief", "n".repeat(NAME_MAX - 5)));
    assert_says(&save_err(&long), "save", &long, "the file name is too long");
}

// ---- modes ----

#[test]
fn a_resave_keeps_the_mode_and_the_backup_gets_the_originals() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("kept.brief");
    io::save(&path, &brief("One")).expect("save");
    set_mode(&path, 0o640);
    // An older backup with another mode: it takes the original's.
    fs::write(io::backup_path(&path), b"older").expect("write");
    set_mode(&io::backup_path(&path), 0o600);
    io::save(&path, &brief("Two")).expect("save");
    assert_eq!(mode(&path), 0o640);
    assert_eq!(mode(&io::backup_path(&path)), 0o640);
    set_mode(&path, 0o604);
    io::save(&path, &brief("Three")).expect("save");
    assert_eq!(mode(&path), 0o604);
    assert_eq!(mode(&io::backup_path(&path)), 0o604);
    assert_eq!(
        io::load(&io::backup_path(&path)).expect("load").meta.title,
        "Two"
    );
}

/// Re-runs this binary's `child_process_entry` under `sh -c SETUP`.
fn run_child(setup: &str, mode: &str, arg: &Path) -> Output {
    let exe = std::env::current_exe().expect("own path");
    Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{setup}; exec \"$0\" child_process_entry --exact --test-threads=1 --nocapture -q"
        ))
        .arg(exe)
        .env(CHILD, mode)
        .env(CHILD_ARG, arg)
        .output()
        .expect("run the child")
}

fn modes_under_umask(umask: &str, new_mode: u32) {
    let dir = tempfile::tempdir().expect("dir");
    let kept = dir.path().join("kept.brief");
    fs::write(&kept, io::encode(&brief("Before"))).expect("write");
    set_mode(&kept, 0o640);
    let out = run_child(&format!("umask {umask}"), "modes", dir.path());
    assert!(
        out.status.success(),
        "child failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&dir.path().join("new.brief")), new_mode, "new brief");
    assert_eq!(mode(&dir.path().join("new.pdf")), new_mode, "new PDF");
    assert_eq!(mode(&kept), 0o640, "a re-save keeps the mode");
    assert_eq!(mode(&io::backup_path(&kept)), 0o640, "the backup's mode");
    assert_eq!(mode(&dir.path().join("private")), 0o600, "exact mode");
    assert_eq!(mode(&dir.path().join("shared")), 0o644, "exact mode");
}

#[test]
fn new_files_follow_umask_077() {
    modes_under_umask("077", 0o600);
}

#[test]
fn new_files_follow_umask_022() {
    modes_under_umask("022", 0o644);
}

/// Does nothing in a normal run. Re-run as a child (`CHILD` set), it does
/// the work named there and exits with its own status: 0, or 2 with the
/// error on stderr.
#[test]
fn child_process_entry() {
    let Ok(mode) = std::env::var(CHILD) else {
        return;
    };
    let arg = PathBuf::from(std::env::var_os(CHILD_ARG).expect("arg"));
    let result: Result<(), String> = match mode.as_str() {
        "modes" => (|| {
            io::save(&arg.join("new.brief"), &brief("New")).map_err(|e| e.to_string())?;
            io::save(&arg.join("kept.brief"), &brief("After")).map_err(|e| e.to_string())?;
            export(&arg.join("new.pdf")).map_err(|e| e.to_string())?;
            io::write_atomic_with_mode(&arg.join("private"), b"p", 0o600)
                .map_err(|e| e.to_string())?;
            io::write_atomic_with_mode(&arg.join("shared"), b"s", 0o644).map_err(|e| e.to_string())
        })(),
        "save-big" => io::save(&arg, &sample::generated(2, 200)).map_err(|e| e.to_string()),
        "export" => export(&arg).map(drop).map_err(|e| e.to_string()),
        other => Err(format!("unknown child mode {other}")),
    };
    match result {
        Ok(()) => std::process::exit(0),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    }
}

// ---- hard links ----

/// A save writes a new file and renames it over the name saved to: that
/// name gets the new contents, other hard links keep the old file.
#[test]
fn other_hard_links_keep_the_previous_contents() {
    let dir = tempfile::tempdir().expect("dir");
    let (a, b) = (dir.path().join("a.brief"), dir.path().join("b.brief"));
    let old = io::encode(&brief("Old"));
    fs::write(&a, &old).expect("write");
    fs::hard_link(&a, &b).expect("link");
    assert_eq!(fs::metadata(&a).expect("meta").nlink(), 2);
    io::save(&a, &brief("New")).expect("save");
    assert_eq!(io::load(&a).expect("load").meta.title, "New");
    assert_eq!(
        fs::read(&b).expect("read"),
        old,
        "the other name is unchanged"
    );
    assert_eq!(fs::metadata(&a).expect("meta").nlink(), 1);
    assert_eq!(fs::metadata(&b).expect("meta").nlink(), 1);
}

// ---- failures, in words ----

#[test]
fn every_failure_names_the_file_once_and_says_why() {
    let dir = tempfile::tempdir().expect("dir");
    let root = dir.path();
    // A file where a folder should be: ENOTDIR.
    let file = root.join("file.txt");
    fs::write(&file, b"just a file").expect("write");
    let through_file = file.join("x.brief");
    let missing = root.join("no-such-folder").join("x.brief");
    // 256 bytes each.
    let too_long = root.join(format!("{}.brief", "é".repeat(125)));
    let too_long_pdf = root.join(format!("{}.pdf", "é".repeat(126)));
    let (folder, folder_pdf) = (root.join("folder.brief"), root.join("folder.pdf"));
    fs::create_dir(&folder).expect("mkdir");
    fs::create_dir(&folder_pdf).expect("mkdir");
    let cases = [
        (
            through_file.clone(),
            file.join("x.pdf"),
            "a part of the path is a file, not a folder",
        ),
        (
            missing.clone(),
            missing.with_extension("pdf"),
            "the folder does not exist",
        ),
        (too_long, too_long_pdf, "the file name is too long"),
        (folder, folder_pdf, "it is a directory"),
    ];
    for (brief_path, pdf_path, cause) in &cases {
        assert_says(&save_err(brief_path), "save", brief_path, cause);
        assert_says(&export_err(pdf_path), "export", pdf_path, cause);
    }
    assert_eq!(fs::read(&file).expect("read"), b"just a file");
    assert_eq!(names_in(root), ["file.txt", "folder.brief", "folder.pdf"]);
}

#[test]
fn a_write_over_the_file_size_limit_fails_in_words_and_keeps_the_original() {
    let dir = tempfile::tempdir().expect("dir");
    let target = dir.path().join("big.brief");
    // Small enough for its backup to be written under the limit.
    let original = b"{\"the\": \"previous version\"}".to_vec();
    fs::write(&target, &original).expect("write");
    // A 16-block limit: the large brief (and any PDF) cannot be written.
    // EFBIG rather than a full disk's ENOSPC, but it stops root too.
    let limit = "trap '' XFSZ; ulimit -f 16";
    let out = run_child(limit, "save-big", &target);
    assert_eq!(out.status.code(), Some(2), "the save must fail");
    let cause = "the file would exceed the file-size limit";
    assert_says(
        String::from_utf8_lossy(&out.stderr).trim(),
        "save",
        &target,
        cause,
    );
    assert_eq!(fs::read(&target).expect("read"), original);

    let pdf = dir.path().join("big.pdf");
    let out = run_child(limit, "export", &pdf);
    assert_eq!(out.status.code(), Some(2), "the export must fail");
    assert_says(
        String::from_utf8_lossy(&out.stderr).trim(),
        "export",
        &pdf,
        cause,
    );
    assert!(names_in(dir.path())
        .iter()
        .all(|n| !n.ends_with(TEMP_SUFFIX) && n != "big.pdf"));
}

// ---- temporaries ----

fn age(path: &Path, secs: u64) {
    let file = fs::File::options()
        .write(true)
        .open(path)
        .expect("open to age");
    file.set_modified(SystemTime::now() - Duration::from_secs(secs))
        .expect("set mtime");
}

#[test]
fn an_export_removes_stale_temporaries_and_keeps_young_ones() {
    let dir = tempfile::tempdir().expect("dir");
    let old_style = dir.path().join(".brief.pdf.a1B2c3.briefsmith-tmp");
    let new_style = dir.path().join(".a1B2c3D4.briefsmith-tmp");
    let young = dir.path().join(".zZ9yY8xX.briefsmith-tmp");
    for p in [&old_style, &new_style, &young] {
        fs::write(p, b"%PDF-1.7 half an export").expect("write");
    }
    age(&old_style, 120);
    age(&new_style, 61);
    age(&young, 30);
    export(&dir.path().join("brief.pdf")).expect("export");
    assert_eq!(
        names_in(dir.path()),
        [".zZ9yY8xX.briefsmith-tmp", "brief.pdf"],
        "stale temporaries of either naming go, a young one (a write in progress) stays"
    );
}
