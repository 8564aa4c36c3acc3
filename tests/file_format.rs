//! The .brief file: round trips, stable bytes, atomic saves, and a clear
//! message naming the file for every kind of bad input.

use std::fs;
use std::path::Path;

use briefsmith::io::{self, LoadError};
use briefsmith::model::Brief;

fn sample() -> Brief {
    briefsmith::templates::find("sco-defence-ministers-qingdao")
        .unwrap()
        .brief()
        .unwrap()
}

fn load_err(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    let e = io::load(&p).expect_err("should be refused");
    let msg = e.to_string();
    assert!(
        msg.contains(&p.display().to_string()),
        "message names the file: {msg}"
    );
    msg
}

#[test]
fn round_trip_is_identical_and_byte_stable() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.brief");
    let b = sample();
    io::save(&p, &b).unwrap();
    let first = fs::read(&p).unwrap();
    let loaded = io::load(&p).unwrap();
    assert_eq!(loaded, b);
    io::save(&p, &loaded).unwrap();
    assert_eq!(
        fs::read(&p).unwrap(),
        first,
        "second save is byte-identical"
    );
    let text = String::from_utf8(first).unwrap();
    assert!(
        text.starts_with("{\n  \"format\": \"briefsmith\",\n  \"version\": 1,\n"),
        "{}",
        &text[..60]
    );
    // No temporary files are left behind.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[cfg(unix)]
#[test]
fn new_files_follow_the_umask_and_existing_modes_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    // Any program's new file: 0666 less the umask (0644 under umask 022).
    let plain = dir.path().join("plain");
    fs::File::create(&plain).unwrap();
    let usual = fs::metadata(&plain).unwrap().permissions().mode() & 0o777;
    let p = dir.path().join("new.brief");
    io::save(&p, &sample()).unwrap();
    assert_eq!(
        fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        usual
    );
    fs::set_permissions(&p, fs::Permissions::from_mode(0o600)).unwrap();
    let mut b = sample();
    b.meta.version = "2".into();
    io::save(&p, &b).unwrap();
    assert_eq!(
        fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn files_without_ids_get_unique_ones() {
    let text = r#"{"format":"briefsmith","version":1,"meta":{"title":"T"},
        "sections":[{"heading":"A","blocks":[{"type":"paragraph","text":"x"},{"type":"paragraph","text":"y"}]}]}"#;
    let b = io::decode(text).unwrap();
    let mut ids = Vec::new();
    b.for_each_id(|id| ids.push(id.0));
    assert!(ids.iter().all(|&i| i > 0));
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len());
}

#[test]
fn not_json_gives_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let msg = load_err(
        dir.path(),
        "bad.brief",
        b"{\n  \"format\": \"briefsmith\",\n  oops\n}",
    );
    assert!(msg.contains("line 3, column 3"), "{msg}");
}

#[test]
fn truncated_file() {
    let dir = tempfile::tempdir().unwrap();
    let full = io::encode(&sample());
    let msg = load_err(dir.path(), "cut.brief", &full[..full.len() / 2]);
    assert!(msg.contains("not valid JSON"), "{msg}");
}

#[test]
fn wrong_format_and_not_an_object() {
    let dir = tempfile::tempdir().unwrap();
    let msg = load_err(dir.path(), "w.brief", br#"{"format":"docx","version":1}"#);
    assert!(msg.contains("not a Briefsmith file"), "{msg}");
    let msg = load_err(dir.path(), "n.brief", br#"{"title":"x"}"#);
    assert!(msg.contains("not a Briefsmith file"), "{msg}");
    let msg = load_err(dir.path(), "a.brief", b"[1,2,3]");
    assert!(msg.contains("JSON array"), "{msg}");
}

#[test]
fn missing_fields_and_wrong_types() {
    let dir = tempfile::tempdir().unwrap();
    let msg = load_err(
        dir.path(),
        "m.brief",
        br#"{"format":"briefsmith","version":1,"sections":[]}"#,
    );
    assert!(msg.contains("missing field `meta`"), "{msg}");
    let msg = load_err(
        dir.path(),
        "t.brief",
        br#"{"format":"briefsmith","version":1,"meta":{"title":42},"sections":[]}"#,
    );
    assert!(
        msg.contains("invalid type") && msg.contains("line 1"),
        "{msg}"
    );
    let msg = load_err(
        dir.path(),
        "k.brief",
        br#"{"format":"briefsmith","version":1,"meta":{},"sections":[{"blocks":[{"type":"chart"}]}]}"#,
    );
    assert!(msg.contains("unknown variant `chart`"), "{msg}");
}

#[test]
fn versions() {
    let dir = tempfile::tempdir().unwrap();
    let msg = load_err(
        dir.path(),
        "v.brief",
        br#"{"format":"briefsmith","version":7,"meta":{},"sections":[]}"#,
    );
    assert!(msg.contains("newer Briefsmith (file version 7"), "{msg}");
    let msg = load_err(
        dir.path(),
        "v0.brief",
        br#"{"format":"briefsmith","version":"one"}"#,
    );
    assert!(msg.contains("\"version\" must be a whole number"), "{msg}");
    let msg = load_err(dir.path(), "vn.brief", br#"{"format":"briefsmith"}"#);
    assert!(msg.contains("\"version\""), "{msg}");
}

#[test]
fn not_utf8_and_too_large() {
    let dir = tempfile::tempdir().unwrap();
    let msg = load_err(
        dir.path(),
        "latin1.brief",
        b"{\"format\":\"briefsmith\",\"x\":\"caf\xe9\"}",
    );
    assert!(
        msg.contains("not UTF-8") && msg.contains("offset 31"),
        "{msg}"
    );

    let p = dir.path().join("huge.brief");
    let f = fs::File::create(&p).unwrap();
    f.set_len(io::MAX_FILE_BYTES + 1).unwrap();
    match io::load(&p) {
        Err(LoadError::TooLarge { size, .. }) => assert_eq!(size, io::MAX_FILE_BYTES + 1),
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[test]
fn deeply_nested_json_is_an_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = String::from("{\"format\":\"briefsmith\",\"version\":1,\"x\":");
    s.push_str(&"[".repeat(100_000));
    let msg = load_err(dir.path(), "deep.brief", s.as_bytes());
    assert!(
        msg.contains("recursion limit") || msg.contains("not valid JSON"),
        "{msg}"
    );
}

#[test]
fn missing_file_names_the_path() {
    let e = io::load(Path::new("/nonexistent/dir/x.brief")).unwrap_err();
    assert!(e.to_string().contains("/nonexistent/dir/x.brief"));
}

#[test]
fn failed_save_leaves_the_old_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the backup would go: the previous version cannot be
    // kept, so the save must fail cleanly and change nothing.
    let p = dir.path().join("kept.brief");
    let old = b"old contents".to_vec();
    fs::write(&p, &old).unwrap();
    fs::create_dir(io::backup_path(&p)).unwrap();
    let err = io::save(&p, &sample()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "could not save {}: the previous version could not be kept as kept.brief.bak: it is a directory",
            p.display()
        )
    );
    assert_eq!(fs::read(&p).unwrap(), old);
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        2,
        "no temporary file left"
    );

    let missing = dir.path().join("no-such-folder").join("x.brief");
    let err = io::save(&missing, &sample()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "could not save {}: the folder does not exist",
            missing.display()
        )
    );
}

#[test]
fn recovery_file_names_carry_no_text_from_the_document() {
    // The recovery folder's names come from a hash or the process id,
    // never from the title or file name, so no hidden character gets in.
    use briefsmith::io::recovery::key_for;
    for key in [
        key_for(
            Some(Path::new("/tmp/visit\u{202e}fdp.\u{7}brief")),
            "window",
            1,
        ),
        key_for(None, "window", 2),
    ] {
        assert!(
            key.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{key}"
        );
    }
}
