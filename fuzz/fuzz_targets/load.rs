//! Fuzzes loading a .brief file: decoding, id repair and validation.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(brief) = briefsmith::io::decode(text) {
            let _ = briefsmith::model::validate(&brief, chrono::NaiveDate::MIN);
            let again = briefsmith::io::decode(std::str::from_utf8(&briefsmith::io::encode(&brief)).unwrap()).unwrap();
            assert_eq!(again, brief);
        }
    }
});
