//! Fuzzes article import, plain text and Markdown.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for kind in [briefsmith::import::Kind::Text, briefsmith::import::Kind::Markdown] {
        let brief = briefsmith::import::import_str(&text, kind);
        let _ = briefsmith::model::validate(&brief, chrono::NaiveDate::MIN);
    }
});
