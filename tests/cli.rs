//! The command line as a user runs it: exit codes and what it prints.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefsmith"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run briefsmith")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn templates_new_import_check() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = run(&["templates"], d);
    assert!(o.status.success());
    for name in [
        "sco-defence-ministers-qingdao",
        "bilateral-meeting",
        "post-meeting-readout",
        "blank",
    ] {
        assert!(text(&o).contains(name), "{}", text(&o));
    }

    let o = run(
        &["new", "--template", "bilateral-meeting", "-o", "b.brief"],
        d,
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = run(&["check", "b.brief"], d);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));

    // Never overwrites without --force.
    let before = std::fs::read(d.join("b.brief")).unwrap();
    let o = run(&["new", "--template", "blank", "-o", "b.brief"], d);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("already exists"));
    assert_eq!(std::fs::read(d.join("b.brief")).unwrap(), before);

    let o = run(&["new", "--template", "nope", "-o", "x.brief"], d);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("no template named \"nope\""));

    let article =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sco-qingdao-article.txt");
    let o = run(&["import", article.to_str().unwrap(), "-o", "s.brief"], d);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("3 sections"), "{}", text(&o));
    let o = run(&["check", "s.brief"], d);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

#[test]
fn check_exit_codes_and_format() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("bad.brief"),
        r#"{"format":"briefsmith","version":1,"meta":{"title":""},"sections":[]}"#,
    )
    .unwrap();
    let o = run(&["check", "bad.brief"], d);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout)
        .contains("bad.brief: error: Metadata, title: the brief has no title"));

    std::fs::write(d.join("broken.brief"), "{").unwrap();
    let o = run(&["check", "broken.brief"], d);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("broken.brief"));

    let o = run(&["check", "missing.brief"], d);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn help_documents_every_command() {
    let o = run(&["--help"], Path::new("."));
    let t = text(&o);
    for cmd in ["templates", "new", "import", "check"] {
        assert!(t.contains(cmd), "{t}");
    }
}

#[test]
fn export_brief_and_article_reproducibly() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let template =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/sco-defence-ministers-qingdao.brief");
    let run_fixed = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_briefsmith"))
            .args(args)
            .current_dir(d)
            .env("SOURCE_DATE_EPOCH", "1750000000")
            .output()
            .unwrap()
    };
    let o = run_fixed(&["export", template.to_str().unwrap(), "-o", "a.pdf"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("3 pages"), "{}", text(&o));
    // One page is "1 page".
    let blank = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/blank.brief");
    let o = run_fixed(&["export", blank.to_str().unwrap(), "-o", "blank.pdf"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains(": 1 page, "), "{}", text(&o));
    let o = run_fixed(&["export", template.to_str().unwrap(), "-o", "b.pdf"]);
    assert!(o.status.success());
    assert_eq!(
        std::fs::read(d.join("a.pdf")).unwrap(),
        std::fs::read(d.join("b.pdf")).unwrap()
    );
    // --pdfa: archival, and still tagged.
    let o = run_fixed(&[
        "export",
        template.to_str().unwrap(),
        "-o",
        "a2b.pdf",
        "--pdfa",
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let a2b = std::fs::read(d.join("a2b.pdf")).unwrap();
    let a2b = String::from_utf8_lossy(&a2b);
    assert!(a2b.contains("<pdfaid:part>2</pdfaid:part>"));
    assert!(a2b.contains("<pdfuaid:part>1</pdfuaid:part>"));
    let plain = std::fs::read(d.join("a.pdf")).unwrap();
    assert!(!String::from_utf8_lossy(&plain).contains("pdfaid:part"));
    // A brief whose style asks for it is archival without the flag.
    let mut archival = briefsmith::io::load(&template).unwrap();
    archival.style.archival = true;
    briefsmith::io::save(&d.join("archival.brief"), &archival).unwrap();
    let o = run_fixed(&["export", "archival.brief", "-o", "archival.pdf"]);
    assert!(o.status.success(), "{}", text(&o));
    let bytes = std::fs::read(d.join("archival.pdf")).unwrap();
    assert!(String::from_utf8_lossy(&bytes).contains("<pdfaid:part>2</pdfaid:part>"));

    let article =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sco-qingdao-article.txt");
    let o = run_fixed(&[
        "export",
        article.to_str().unwrap(),
        "-o",
        "c.pdf",
        "--paper",
        "letter",
    ]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(std::fs::read(d.join("c.pdf"))
        .unwrap()
        .starts_with(b"%PDF-"));

    std::fs::write(d.join("e.brief"), r#"{"format":"briefsmith","version":1,"meta":{"title":"E"},"sections":[{"heading":"S","blocks":[{"type":"paragraph","text":"rocket 🚀"}]}]}"#).unwrap();
    let o = run_fixed(&["export", "e.brief", "-o", "e.pdf"]);
    assert!(o.status.success());
    assert!(
        text(&o).contains("e.brief: warning: no bundled font has the character U+1F680"),
        "{}",
        text(&o)
    );
}

#[test]
fn export_never_replaces_its_own_brief() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(run(&["new", "--template", "blank", "-o", "s.brief"], d)
        .status
        .success());
    let before = std::fs::read(d.join("s.brief")).unwrap();
    for out in ["s.brief", "./s.brief", "../"] {
        let out = if out == "../" {
            format!("../{}/s.brief", d.file_name().unwrap().to_string_lossy())
        } else {
            out.to_string()
        };
        // Not even with --force.
        let o = run(&["export", "s.brief", "-o", &out, "--force"], d);
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert!(
            text(&o).contains("refusing to export s.brief over itself"),
            "{}",
            text(&o)
        );
        assert!(text(&o).contains("s.pdf"), "suggests a name: {}", text(&o));
        assert_eq!(std::fs::read(d.join("s.brief")).unwrap(), before);
    }
    assert!(!d.join("s.brief.bak").exists());
    #[cfg(unix)]
    {
        // Through a symbolic link to it, too.
        std::os::unix::fs::symlink(d.join("s.brief"), d.join("link.pdf")).unwrap();
        let o = run(&["export", "s.brief", "-o", "link.pdf", "--force"], d);
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert_eq!(std::fs::read(d.join("s.brief")).unwrap(), before);
    }
}

#[test]
fn export_replaces_a_pdf_but_not_another_document_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(run(&["new", "--template", "blank", "-o", "s.brief"], d)
        .status
        .success());
    // A text file and another brief, both named as if they were PDFs.
    std::fs::write(d.join("notes.pdf"), "Minutes, do not lose\n").unwrap();
    std::fs::copy(d.join("s.brief"), d.join("other.pdf")).unwrap();
    for (name, what) in [
        ("notes.pdf", "it is a text file, not a PDF"),
        ("other.pdf", "it is a Briefsmith brief, not a PDF"),
    ] {
        let before = std::fs::read(d.join(name)).unwrap();
        let o = run(&["export", "s.brief", "-o", name], d);
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        let msg = text(&o);
        assert!(
            msg.contains(&format!("refusing to replace {name}: {what}")),
            "{msg}"
        );
        assert!(msg.contains("--force"), "says how to proceed: {msg}");
        assert_eq!(std::fs::read(d.join(name)).unwrap(), before);
    }
    // With --force the text file is replaced by a PDF.
    let o = run(&["export", "s.brief", "-o", "notes.pdf", "--force"], d);
    assert!(o.status.success(), "{}", text(&o));
    assert!(std::fs::read(d.join("notes.pdf"))
        .unwrap()
        .starts_with(b"%PDF-"));
    // An existing PDF is simply replaced.
    let o = run(&["export", "s.brief", "-o", "notes.pdf"], d);
    assert!(o.status.success(), "{}", text(&o));
    // A folder never is.
    std::fs::create_dir(d.join("folder.pdf")).unwrap();
    let o = run(&["export", "s.brief", "-o", "folder.pdf", "--force"], d);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("it is a folder"), "{}", text(&o));
    assert!(d.join("folder.pdf").is_dir());
}

#[cfg(unix)]
#[test]
fn check_names_a_folder_or_a_pipe_instead_of_waiting_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("folder.brief")).unwrap();
    let made = Command::new("mkfifo").arg(d.join("pipe.brief")).status();
    assert!(made.expect("mkfifo (coreutils)").success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefsmith"))
        .args(["check", "folder.brief", "pipe.brief"])
        .current_dir(d)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run briefsmith");
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            panic!("check hangs on a pipe");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let msg = text(&o);
    assert!(
        msg.contains("folder.brief: cannot read: it is a folder"),
        "{msg}"
    );
    assert!(
        msg.contains("pipe.brief: cannot read: it is not a regular file"),
        "{msg}"
    );
}

#[test]
fn check_warns_of_hidden_control_characters_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("hidden.brief"),
        r#"{"format":"briefsmith","version":1,"meta":{"title":"T","drafter":"Desk\u0007Officer"},
        "sections":[{"heading":"S","blocks":[{"type":"table","columns":[{"name":"Party"}],
        "rows":[{"cells":["a"]},{"cells":["report\u202Efdp.exe"]}]}]}]}"#,
    )
    .unwrap();
    let o = run(&["check", "hidden.brief"], d);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    for line in [
        "hidden.brief: warning: Metadata, drafter: contains an invisible control character: U+0007",
        "hidden.brief: warning: Table in 'S', row 2, column 'Party': contains an invisible control character: U+202E",
    ] {
        assert!(out.lines().any(|l| l == line), "{line}\n{out}");
    }
    assert!(text(&o).contains("0 errors, 2 warnings"), "{}", text(&o));
}

#[test]
fn check_finds_no_spelling_problem_in_the_sco_template() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let template =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/sco-defence-ministers-qingdao.brief");
    let o = run(&["check", template.to_str().unwrap()], d);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(!text(&o).contains("spelling:"), "{}", text(&o));
    assert!(text(&o).contains(": No problems"), "{}", text(&o));
}

#[test]
fn check_reports_each_misspelt_word_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(run(&["new", "--template", "blank", "-o", "b.brief"], d)
        .status
        .success());
    let mut b = briefsmith::io::load(&d.join("b.brief")).unwrap();
    let id = b.sections[0].blocks[0].id;
    b.set_paragraph_text(id, "We will recieve teh delegation.")
        .unwrap();
    briefsmith::io::save(&d.join("b.brief"), &b).unwrap();
    let o = run(&["check", "b.brief"], d);
    assert_eq!(o.status.code(), Some(0), "warnings only: {}", text(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    for line in [
        r#"b.brief: warning: Paragraph in 'Background': spelling: "recieve" (suggest "receive")"#,
        r#"b.brief: warning: Paragraph in 'Background': spelling: "teh" (suggest "the")"#,
    ] {
        assert!(out.lines().any(|l| l == line), "{line}\n{out}");
    }
    assert_eq!(out.matches("spelling:").count(), 2, "{out}");
}

#[test]
fn check_reports_mixed_uk_and_us_spellings_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("m.brief"),
        r#"{"format":"briefsmith","version":1,"meta":{"title":"Defence review","language":"en-GB"},
        "sections":[{"heading":"S","blocks":[{"type":"paragraph","text":"The Defence team and the Defense team."}]}]}"#,
    )
    .unwrap();
    let o = run(&["check", "m.brief"], d);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    let line = r#"m.brief: warning: brief: spelling: mixed UK and US spellings: "Defence" (2) and "Defense" (1); this brief is English (UK)"#;
    assert!(out.lines().any(|l| l == line), "{line}\n{out}");
    assert_eq!(out.matches("mixed").count(), 1, "{out}");
}

#[test]
fn check_says_where_each_problem_is_in_words_and_counts_in_good_english() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("m.brief"),
        r#"{"format":"briefsmith","version":1,"meta":{"title":"T"},
        "sections":[{"heading":"Maritime security","blocks":[{"type":"commitments",
        "rows":[{"party":"A","commitment":"x"},{"party":"B","commitment":"y","due":"next week"}]}]}]}"#,
    )
    .unwrap();
    let o = run(&["check", "m.brief"], d);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    let want = "m.brief: error: Commitments in 'Maritime security', row 2: \
                due date 'next week' is not a date (use YYYY-MM-DD)";
    assert!(out.lines().any(|l| l == want), "{out}");
    assert!(!out.contains("sections[0]"), "{out}");
    assert!(
        text(&o).contains("m.brief: 1 error, 0 warnings"),
        "{}",
        text(&o)
    );
}

#[test]
fn check_lists_placeholders_left_as_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = run(
        &["new", "--template", "bilateral-meeting", "-o", "b.brief"],
        d,
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = run(&["check", "b.brief"], d);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.lines()
            .any(|l| l.starts_with("b.brief: warning: Metadata, title: ")
                && l.contains("still to fill in")
                && l.contains("[Country]")),
        "{out}"
    );
}

#[test]
fn import_reads_standard_input_and_prints_its_guesses() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefsmith"))
        .args(["import", "-", "-o", "in.brief"])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run briefsmith");
    let article = "Port Talks\n\nThe ports met.\n\nActions\n\n| Party | Pledge | Deadline |\n|---|---|---|\n| Oman | Dredge the channel. | Q2 2028 |\n";
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(article.as_bytes())
        .expect("write");
    let o = child.wait_with_output().expect("wait");
    assert!(o.status.success(), "{}", text(&o));
    let out = text(&o);
    assert!(out.contains("Title: the article's title line"), "{out}");
    assert!(out.contains("commitments, 1 rows"), "{out}");
    let saved = std::fs::read_to_string(dir.path().join("in.brief")).unwrap();
    assert!(saved.contains("\"due_label\": \"Deadline\""), "{saved}");
    // "Q2 2028" is a period: check warns and passes.
    let o = run(&["check", "in.brief"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

#[test]
fn a_broken_brief_is_reported_once_by_export() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("broken.brief"),
        r#"{"format":"briefsmith","version":1,"meta":{"title":"x""#,
    )
    .unwrap();
    let o = run(&["export", "broken.brief", "-o", "b.pdf"], d);
    assert_eq!(o.status.code(), Some(2));
    let msg = String::from_utf8_lossy(&o.stderr).to_string();
    assert_eq!(
        msg.trim_end(),
        "briefsmith: broken.brief: not valid JSON at line 1, column 54: EOF while parsing an object"
    );
    assert!(!d.join("b.pdf").exists());
}
