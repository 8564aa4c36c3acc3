//! Files from every released version keep loading, fields a newer release
//! added are kept on save, and newer versions are refused untouched.

use std::path::Path;

use briefsmith::io;

#[test]
fn every_released_version_still_loads() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/versions");
    let mut seen = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let b = io::load(&p).unwrap_or_else(|e| panic!("{e}"));
        assert!(!b.sections.is_empty(), "{}", p.display());
        seen += 1;
    }
    assert_eq!(
        seen as u64,
        io::CURRENT_VERSION,
        "one fixture a released version"
    );
}

#[test]
fn unknown_fields_survive_a_save() {
    let text = r#"{"format":"briefsmith","version":1,
      "meta":{"title":"T","security_caveat":"EYES ONLY","review":{"due":"2027-01-01","n":12345678901234}},
      "style":{"font_size":10.5,"line_spacing":1.25},
      "sections":[{"heading":"S","colour":"red","blocks":[
        {"type":"table","columns":[{"name":"A","width_hint":0.3}],"rows":[{"cells":["x"],"highlight":true}],"zebra":true},
        {"type":"commitments","rows":[{"party":"P","commitment":"C","confidence":0.75}]},
        {"type":"paragraph","text":"p","tracked_changes":[{"by":"A","at":3}]},
        {"id":9,"type":"bullets","items":[{"text":"b","level":2}],"style":"dash"}]}],
      "recommendations":[{"title":"R","priority":2}],
      "future_top_level":{"nested":[1,2.5,"three",null,1844674407370956.2,18446744073.095516,1e-300]}}"#;
    let b = io::decode(text).unwrap();
    let saved: serde_json::Value = serde_json::from_slice(&io::encode(&b)).unwrap();
    let original: serde_json::Value = serde_json::from_str(text).unwrap();
    for ptr in [
        "/meta/security_caveat",
        "/meta/review",
        "/style/line_spacing",
        "/sections/0/colour",
        "/sections/0/blocks/0/zebra",
        "/sections/0/blocks/0/columns/0/width_hint",
        "/sections/0/blocks/0/rows/0/highlight",
        "/sections/0/blocks/1/rows/0/confidence",
        "/sections/0/blocks/2/tracked_changes",
        "/sections/0/blocks/3/style",
        "/sections/0/blocks/3/items/0/level",
        "/recommendations/0/priority",
        "/future_top_level",
    ] {
        assert_eq!(
            saved.pointer(ptr),
            original.pointer(ptr),
            "{ptr} changed or dropped"
        );
    }
    // Numbers are kept to the last digit.
    assert_eq!(
        saved
            .pointer("/future_top_level/nested/4")
            .and_then(|n| n.as_f64()),
        Some(1844674407370956.2)
    );
    // And the saved file loads to the same brief again.
    assert_eq!(
        io::decode(&serde_json::to_string(&saved).unwrap()).unwrap(),
        b
    );
}

#[test]
fn a_newer_file_is_refused_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("future.brief");
    let text =
        br#"{"format":"briefsmith","version":2,"meta":{"title":"From the future"},"sections":[]}"#;
    std::fs::write(&p, text).unwrap();
    let err = io::load(&p).unwrap_err().to_string();
    assert!(
        err.contains("newer Briefsmith") && err.contains("future.brief"),
        "{err}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefsmith"))
        .args([
            "export",
            p.to_str().unwrap(),
            "-o",
            dir.path().join("f.pdf").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&p).unwrap(), text);
    assert!(!dir.path().join("f.pdf").exists());
}
