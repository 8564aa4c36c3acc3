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

/// Numbers as a newer release might write them: longer than f64 keeps,
/// negative, with exponents, past f64's range, with trailing zeros.
const NUMBERS: [(&str, &str); 13] = [
    (
        "int60",
        "123456789012345678901234567890123456789012345678901234567890",
    ),
    (
        "neg60",
        "-987654321098765432109876543210987654321098765432109876543210",
    ),
    ("u64_plus_one", "18446744073709551616"),
    ("forty_zeros", "10000000000000000000000000000000000000000"),
    (
        "decimal",
        "3.14159265358979323846264338327950288419716939937510582097494459",
    ),
    (
        "neg_decimal",
        "-0.000000000000000000000000000000123456789012345678901234567890",
    ),
    ("exponent", "6.022140760000000000000000000000000000001e+23"),
    ("neg_exponent", "-1.25e-7"),
    ("beyond_f64", "1.7976931348623157e+309"),
    ("below_f64", "-4.9e-400"),
    ("small", "0.000001"),
    ("trailing_zero", "1.50"),
    ("neg_zero", "-0.0"),
];

/// Unknown fields named after `level`, one a number, and a list and an
/// object holding all of them.
fn unknown_numbers(level: &str) -> String {
    let all: Vec<&str> = NUMBERS.iter().map(|(_, n)| *n).collect();
    let mut s: String = NUMBERS
        .iter()
        .map(|(name, n)| format!("\"x_{level}_{name}\":{n},"))
        .collect();
    s.push_str(&format!(
        "\"x_{level}_list\":[{}],\"x_{level}_nested\":{{\"deeper\":[{{\"n\":{}}}]}},",
        all.join(","),
        NUMBERS[0].1
    ));
    s
}

/// Where the test file puts unknown numbers: a name and a JSON pointer.
const LEVELS: [(&str, &str); 14] = [
    ("top", ""),
    ("meta", "/meta"),
    ("style", "/style"),
    ("intro", "/introduction"),
    ("section", "/sections/0"),
    ("paragraph", "/sections/0/blocks/0"),
    ("bullets", "/sections/0/blocks/1"),
    ("bullet", "/sections/0/blocks/1/items/0"),
    ("table", "/sections/0/blocks/2"),
    ("column", "/sections/0/blocks/2/columns/0"),
    ("row", "/sections/0/blocks/2/rows/0"),
    ("commitments", "/sections/0/blocks/3"),
    ("commitment", "/sections/0/blocks/3/rows/0"),
    ("recommendation", "/recommendations/0"),
];

fn file_with_unknown_numbers() -> String {
    let u = unknown_numbers;
    format!(
        r#"{{{top}"format":"briefsmith","version":1,
      "meta":{{{meta}"title":"Numbers"}},
      "style":{{{style}"font_size":11.5,"margins_mm":{{"top":19.75,"bottom":20,"left":21.5,"right":22.25}}}},
      "introduction":{{{intro}"id":30,"heading":"","blocks":[]}},
      "sections":[{{{section}"id":40,"heading":"S","blocks":[
        {{{paragraph}"id":41,"type":"paragraph","text":"p"}},
        {{{bullets}"id":42,"type":"bullets","items":[{{{bullet}"id":43,"text":"b"}}]}},
        {{{table}"id":44,"type":"table","caption":"c","columns":[{{{column}"id":45,"name":"A"}}],
          "rows":[{{{row}"id":46,"cells":["x"]}}]}},
        {{{commitments}"id":47,"type":"commitments","rows":[{{{commitment}"id":48,"party":"P","commitment":"C"}}]}}]}}],
      "recommendations":[{{{recommendation}"id":49,"title":"R"}}]}}"#,
        top = u("top"),
        meta = u("meta"),
        style = u("style"),
        intro = u("intro"),
        section = u("section"),
        paragraph = u("paragraph"),
        bullets = u("bullets"),
        bullet = u("bullet"),
        table = u("table"),
        column = u("column"),
        row = u("row"),
        commitments = u("commitments"),
        commitment = u("commitment"),
        recommendation = u("recommendation"),
    )
}

#[test]
fn numbers_in_unknown_fields_are_saved_exactly_as_written() {
    use briefsmith::model::BlockContent;
    let text = file_with_unknown_numbers();
    let b = io::decode(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));

    // Known numbers beside them still read as numbers.
    assert_eq!(b.style.font_size, 11.5);
    let m = b.style.margins_mm;
    assert_eq!(
        (m.top, m.bottom, m.left, m.right),
        (19.75, 20.0, 21.5, 22.25)
    );
    assert_eq!(b.introduction.id.0, 30);
    let s = &b.sections[0];
    assert_eq!(s.id.0, 40);
    let ids: Vec<u64> = s.blocks.iter().map(|b| b.id.0).collect();
    assert_eq!(ids, [41, 42, 44, 47]);
    match (
        &s.blocks[1].content,
        &s.blocks[2].content,
        &s.blocks[3].content,
    ) {
        (
            BlockContent::Bullets { items, .. },
            BlockContent::Table(t),
            BlockContent::Commitments(c),
        ) => {
            assert_eq!(items[0].id.0, 43);
            assert_eq!((t.columns[0].id.0, t.rows[0].id.0), (45, 46));
            assert_eq!(c.rows[0].id.0, 48);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(b.recommendations[0].id.0, 49);

    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("numbers.brief");
    io::save(&p, &b).unwrap();
    let first = std::fs::read_to_string(&p).unwrap();
    let saved: serde_json::Value = serde_json::from_str(&first).unwrap();
    for (level, ptr) in LEVELS {
        for (name, n) in NUMBERS {
            // Byte for byte in the file, under its own key.
            let line = format!("\"x_{level}_{name}\": {n}");
            assert!(first.contains(&line), "{line} missing from\n{first}");
        }
        let list = saved
            .pointer(&format!("{ptr}/x_{level}_list"))
            .and_then(|l| l.as_array())
            .unwrap_or_else(|| panic!("{level}: list dropped"));
        let written: Vec<String> = list.iter().map(|n| n.to_string()).collect();
        let expected: Vec<&str> = NUMBERS.iter().map(|(_, n)| *n).collect();
        assert_eq!(written, expected, "{level}: list");
        assert_eq!(
            saved
                .pointer(&format!("{ptr}/x_{level}_nested/deeper/0/n"))
                .map(|n| n.to_string()),
            Some(NUMBERS[0].1.to_string()),
            "{level}: nested"
        );
    }
    // Nowhere else, and in no other spelling: one key and one list entry
    // a level, and the nested copy of the first.
    for (i, (_, n)) in NUMBERS.iter().enumerate() {
        let found = first
            .lines()
            .map(|l| l.trim().trim_end_matches(','))
            .filter(|l| *l == *n || l.ends_with(&format!(": {n}")))
            .count();
        let nested = if i == 0 { 1 } else { 0 };
        assert_eq!(found, (2 + nested) * LEVELS.len(), "{n}");
    }

    // A second save writes the same bytes.
    let again = io::load(&p).unwrap();
    assert_eq!(again, b);
    io::save(&p, &again).unwrap();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), first);

    // Crash recovery keeps the brief as a JSON value: exact there too.
    let value: serde_json::Value = serde_json::from_slice(&io::encode(&b)).unwrap();
    let recovered = io::decode(&value.to_string()).unwrap();
    assert_eq!(String::from_utf8(io::encode(&recovered)).unwrap(), first);
}

#[test]
fn an_exponent_is_written_with_a_small_e_and_a_sign() {
    // The one respelling: the digits and the value are kept, but `E` and
    // an unsigned exponent are written as `e+`, as serde_json reads them.
    let text = r#"{"format":"briefsmith","version":1,"meta":{"title":"T",
        "a":1E5,"b":2.50e7,"c":-3E-2,"d":4e+1},"sections":[]}"#;
    let b = io::decode(text).unwrap();
    let saved = String::from_utf8(io::encode(&b)).unwrap();
    for line in [
        "\"a\": 1e+5",
        "\"b\": 2.50e+7",
        "\"c\": -3e-2",
        "\"d\": 4e+1",
    ] {
        assert!(saved.contains(line), "{line} in\n{saved}");
    }
    let again = io::decode(&saved).unwrap();
    assert_eq!(io::encode(&again), saved.as_bytes());
}

#[test]
fn bad_numbers_in_known_fields_are_still_refused_with_a_clear_message() {
    for (text, want) in [
        (
            r#"{"format":"briefsmith","version":1,"meta":{},"sections":[{"id":1.5,"blocks":[]}]}"#,
            "invalid type: floating point `1.5`, expected u64",
        ),
        (
            r#"{"format":"briefsmith","version":1,"meta":{},"sections":[{"blocks":[{"id":-2,"type":"paragraph","text":""}]}]}"#,
            "invalid value: integer `-2`, expected u64",
        ),
        (
            r#"{"format":"briefsmith","version":1,"meta":{},"sections":[{"blocks":[{"type":"table","columns":[{"id":1e3,"name":"A"}]}]}]}"#,
            "invalid type: floating point `1000.0`, expected u64",
        ),
        (
            r#"{"format":"briefsmith","version":1,"meta":{},"style":{"font_size":"big"},"sections":[]}"#,
            "invalid type: string \"big\", expected f32",
        ),
        (
            r#"{"format":"briefsmith","version":1,"meta":{},"sections":[{"blocks":[{"type":"chart"}]}]}"#,
            "unknown variant `chart`",
        ),
        (
            r#"{"format":"briefsmith","version":1,"meta":{},"sections":[{"blocks":[{"text":"no type"}]}]}"#,
            "missing field `type`",
        ),
    ] {
        let e = io::decode(text).unwrap_err().to_string();
        assert!(e.contains(want), "{e}\nwanted {want}");
        assert_eq!(e.matches(" at line ").count(), 1, "one position: {e}");
    }
}

#[test]
fn the_fuzzed_float_file_keeps_its_digits() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let b = io::load(&dir.join("fuzz-float-roundtrip.brief")).unwrap();
    let saved = String::from_utf8(io::encode(&b)).unwrap();
    for n in ["18446744073.09551615", "1844674407370956.1615"] {
        assert!(saved.contains(n), "{n} in\n{saved}");
    }
}
