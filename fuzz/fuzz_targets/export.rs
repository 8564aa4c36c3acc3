//! Fuzzes layout and PDF export of whatever a file or an article gives.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let brief = match briefsmith::io::decode(&text) {
        Ok(b) => b,
        Err(_) => briefsmith::import::import_str(&text, briefsmith::import::Kind::Markdown),
    };
    let doc = briefsmith::layout::layout(&brief, &briefsmith::layout::LayoutOptions::default());
    let pdf = briefsmith::pdf::write_pdf(&doc, &briefsmith::pdf::PdfOptions { created: Some(0), ..Default::default() }).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
});
