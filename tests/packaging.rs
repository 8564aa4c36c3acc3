//! The desktop integration files under `packaging/` agree with the program
//! and with each other: a brief as the editor saves it is recognised by the
//! MIME type's content match (so a brief that lost its `.brief` name still
//! opens in Briefsmith), and the menu entry, MIME type, icon and AppStream
//! metainfo name one another.

use std::path::Path;

fn read(rel: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()))
}

/// The value of `attr="…"` in the first tag containing it, XML entities
/// for quotes undone.
fn attr(xml: &str, tag: &str, attr: &str) -> String {
    let start = xml.find(&format!("<{tag} ")).expect("tag present");
    let rest = &xml[start..];
    let key = format!("{attr}=\"");
    let v = &rest[rest.find(&key).expect("attribute present") + key.len()..];
    v[..v.find('"').expect("closing quote")].replace("&quot;", "\"")
}

/// True when `data` holds `value` starting within the `start:end` range
/// of offsets, as shared-mime-info's string match does.
fn magic_matches(data: &[u8], value: &str, range: &str) -> bool {
    let (a, b) = range.split_once(':').expect("offset range");
    let (a, b): (usize, usize) = (a.parse().expect("start"), b.parse().expect("end"));
    (a..=b).any(|o| data.get(o..o + value.len()) == Some(value.as_bytes()))
}

#[test]
fn a_saved_brief_and_every_template_match_the_mime_types_content_magic() {
    let xml = read("packaging/linux/briefsmith-mime.xml");
    let value = attr(&xml, "match", "value");
    let range = attr(&xml, "match", "offset");
    assert_eq!(attr(&xml, "glob", "pattern"), "*.brief");

    let dir = tempfile::tempdir().expect("temp dir");
    let saved = dir.path().join("sco.brief");
    briefsmith::io::save(&saved, &briefsmith::sample::sco()).expect("save");
    let bytes = std::fs::read(&saved).expect("read back");
    assert!(
        magic_matches(&bytes, &value, &range),
        "{value:?} not within {range} of: {:?}",
        String::from_utf8_lossy(&bytes[..bytes.len().min(80)])
    );

    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut seen = 0;
    for e in std::fs::read_dir(templates).expect("templates/").flatten() {
        if e.path().extension().is_some_and(|x| x == "brief") {
            let bytes = std::fs::read(e.path()).expect("read template");
            assert!(magic_matches(&bytes, &value, &range), "{:?}", e.path());
            seen += 1;
        }
    }
    assert!(seen > 0);
    // A JSON file of another program does not match.
    assert!(!magic_matches(br#"{ "format": "other" }"#, &value, &range));
}

#[test]
fn the_menu_entry_mime_type_icon_and_metainfo_name_one_another() {
    let mime = read("packaging/linux/briefsmith-mime.xml");
    let desktop = read("packaging/linux/briefsmith.desktop");
    let key = |k: &str| {
        desktop
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{k}=")))
            .unwrap_or_else(|| panic!("{k}= in the .desktop file"))
            .to_string()
    };
    let mime_type = attr(&mime, "mime-type", "type");
    assert_eq!(key("MimeType"), format!("{mime_type};"));
    assert_eq!(key("Exec"), format!("{} %f", env!("CARGO_PKG_NAME")));
    assert!(key("Categories").contains("WordProcessor"));
    let icon = key("Icon");
    for size in [16, 32, 48, 64, 128, 256] {
        let png = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("packaging/icons/{size}/{icon}.png"));
        let bytes = std::fs::read(&png).unwrap_or_else(|e| panic!("{}: {e}", png.display()));
        // PNG header: width and height at bytes 16..24, big-endian.
        let w = u32::from_be_bytes(bytes[16..20].try_into().expect("4 bytes"));
        let h = u32::from_be_bytes(bytes[20..24].try_into().expect("4 bytes"));
        assert_eq!((w, h), (size, size), "{}", png.display());
    }

    let metainfo_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging/linux");
    let metainfo = std::fs::read_dir(metainfo_dir)
        .expect("packaging/linux")
        .flatten()
        .find(|e| e.file_name().to_string_lossy().ends_with(".metainfo.xml"))
        .expect("a metainfo file");
    let text = std::fs::read_to_string(metainfo.path()).expect("read metainfo");
    assert!(text.contains("<launchable type=\"desktop-id\">briefsmith.desktop</launchable>"));
    assert!(text.contains(&format!("<mediatype>{mime_type}</mediatype>")));
    let id = text
        .split("<id>")
        .nth(1)
        .and_then(|s| s.split("</id>").next())
        .expect("<id>");
    assert_eq!(
        metainfo.file_name().to_string_lossy(),
        format!("{id}.metainfo.xml")
    );
    assert!(text.contains(&format!(
        "<release version=\"{}\"",
        env!("CARGO_PKG_VERSION")
    )));
}
