//! The `.brief` file format: UTF-8 JSON, pretty-printed, `"format"` and
//! `"version"` first, fields in a fixed order so equal briefs give equal
//! bytes. Older versions are migrated step by step on load.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::Brief;

pub const FORMAT_NAME: &str = "briefsmith";
/// The newest file version this program reads and the one it writes.
pub const CURRENT_VERSION: u64 = 1;

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u64,
    #[serde(flatten)]
    brief: &'a Brief,
}

/// What is wrong with a file's contents (the caller adds the file name).
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("not a Briefsmith file: expected a JSON object with \"format\": \"briefsmith\"{}", found.as_ref().map(|f| format!(", found {f}")).unwrap_or_default())]
    WrongFormat { found: Option<String> },
    #[error("\"version\" must be a whole number from 1 to {CURRENT_VERSION}, found {0}")]
    BadVersion(String),
    #[error("written by a newer Briefsmith (file version {found}, this program reads up to {CURRENT_VERSION}); update Briefsmith to open it")]
    NewerVersion { found: u64 },
    #[error("invalid brief at line {line}, column {column}: {message}")]
    Content {
        line: usize,
        column: usize,
        message: String,
    },
}

/// The bytes of a saved brief.
pub fn encode(brief: &Brief) -> Vec<u8> {
    let env = Envelope {
        format: FORMAT_NAME,
        version: CURRENT_VERSION,
        brief,
    };
    // Serialising plain data structures with string keys cannot fail.
    let mut out = serde_json::to_vec_pretty(&env).unwrap_or_default();
    out.push(b'\n');
    out
}

#[derive(Deserialize)]
struct Header {
    format: Option<Value>,
    version: Option<Value>,
}

/// Reads a brief from text, checking format and version first, migrating
/// older versions, and giving unset or duplicate ids fresh values. Its
/// text comes out composed (NFC), however it was written.
pub fn decode(text: &str) -> Result<Brief, DecodeError> {
    let syntax = |e: serde_json::Error| DecodeError::Syntax {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e),
    };
    if !text.trim_start().starts_with('{') {
        // Report bad JSON as such; valid JSON of another shape is the wrong format.
        serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(syntax)?;
        return Err(DecodeError::WrongFormat {
            found: Some(first_token(text)),
        });
    }
    let header: Header = serde_json::from_str(text).map_err(syntax)?;
    match &header.format {
        Some(Value::String(s)) if s == FORMAT_NAME => {}
        Some(other) => {
            return Err(DecodeError::WrongFormat {
                found: Some(format!("\"format\": {other}")),
            })
        }
        None => return Err(DecodeError::WrongFormat { found: None }),
    }
    let version = match &header.version {
        Some(Value::Number(n)) => n
            .as_u64()
            .filter(|v| *v >= 1)
            .ok_or_else(|| DecodeError::BadVersion(n.to_string()))?,
        Some(other) => return Err(DecodeError::BadVersion(other.to_string())),
        None => return Err(DecodeError::BadVersion("no version".into())),
    };
    if version > CURRENT_VERSION {
        return Err(DecodeError::NewerVersion { found: version });
    }
    // Version 1 is the first; later versions add migration steps here,
    // each taking a serde_json::Value from version N to N + 1.
    let mut brief: Brief = serde_json::from_str(text).map_err(|e| DecodeError::Content {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e),
    })?;
    // Not the file's text itself: NFC would compose the `n` of a `\n`
    // escape with a combining mark after it.
    if !crate::model::text::is_nfc(text) {
        brief = composed(brief);
    }
    // The envelope's own fields are not unknown fields of the brief.
    brief.extra.remove("format");
    brief.extra.remove("version");
    brief.style.sanitize();
    brief.assign_missing_ids();
    Ok(brief)
}

/// The brief with every string in NFC, by way of its JSON value so that no
/// field (unknown ones kept for newer versions included) is missed.
fn composed(brief: Brief) -> Brief {
    fn walk(v: &mut Value) {
        match v {
            Value::String(s) => {
                if let std::borrow::Cow::Owned(n) = crate::model::text::nfc(s) {
                    *s = n;
                }
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            Value::Object(map) => map.values_mut().for_each(walk),
            _ => {}
        }
    }
    let Ok(mut v) = serde_json::to_value(&brief) else {
        return brief;
    };
    walk(&mut v);
    serde_json::from_value(v).unwrap_or(brief)
}

/// serde_json appends " at line L column C"; we report those separately.
fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn first_token(text: &str) -> String {
    let t = text.trim_start();
    match t.chars().next() {
        Some('[') => "a JSON array".into(),
        Some('"') => "a JSON string".into(),
        Some(_) => "a JSON value that is not an object".into(),
        None => "nothing".into(),
    }
}
