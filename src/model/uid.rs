//! Identifiers that are unique across briefs and machines: random version-4
//! UUIDs for commitments, which a register follows from brief to brief.

use std::collections::HashSet;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use super::brief::{BlockContent, Brief, Section};

/// A fresh random identifier, e.g. `3f2a9c1e-7b4d-4e0a-9c3f-0d1e2f3a4b5c`
/// (UUID version 4: 122 random bits).
pub fn new_uid() -> String {
    let mut b = [0u8; 16];
    if getrandom::fill(&mut b).is_err() {
        fallback_bytes(&mut b);
    }
    b[6] = (b[6] & 0x0f) | 0x40; // version 4
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Used only where the system has no random source: std's randomly keyed
/// hasher over the time, the process and a counter.
fn fallback_bytes(out: &mut [u8; 16]) {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    for (i, chunk) in out.chunks_mut(8).enumerate() {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(nanos);
        h.write_u64(n);
        h.write_u32(std::process::id());
        h.write_usize(i);
        chunk.copy_from_slice(&h.finish().to_le_bytes()[..chunk.len()]);
    }
}

fn section_uids_mut<'a>(s: &'a mut Section, out: &mut Vec<&'a mut String>) {
    for block in &mut s.blocks {
        if let BlockContent::Commitments(t) = &mut block.content {
            out.extend(t.rows.iter_mut().map(|c| &mut c.uid));
        }
    }
}

impl Brief {
    /// Every commitment identifier in the brief, in document order.
    fn uids_mut(&mut self) -> Vec<&mut String> {
        let mut out = Vec::new();
        section_uids_mut(&mut self.introduction, &mut out);
        for s in self.sections.iter_mut() {
            section_uids_mut(s, &mut out);
        }
        section_uids_mut(&mut self.conclusion, &mut out);
        out
    }

    /// The commitment identifiers in use.
    pub fn uids(&self) -> HashSet<String> {
        let mut out = HashSet::new();
        for s in self.all_sections() {
            for block in &s.blocks {
                if let BlockContent::Commitments(t) = &block.content {
                    out.extend(t.rows.iter().map(|c| c.uid.clone()));
                }
            }
        }
        out
    }

    /// Clears every commitment identifier: a template is saved without
    /// them, so each brief made from it gets its own when it is loaded.
    pub fn forget_uids(&mut self) {
        for uid in self.uids_mut() {
            uid.clear();
        }
    }

    /// Gives each commitment without an identifier, or with one an earlier
    /// row already has (a copy made within the brief), a new one; returns
    /// how many changed. Files from before identifiers get theirs here and
    /// keep them from their next save.
    pub fn assign_missing_uids(&mut self) -> usize {
        let mut seen = HashSet::new();
        let mut changed = 0;
        for uid in self.uids_mut() {
            if uid.trim().is_empty() || !seen.insert(uid.clone()) {
                *uid = new_uid();
                seen.insert(uid.clone());
                changed += 1;
            }
        }
        changed
    }
}

/// Renews the identifiers in `s` that `taken` already holds: a copy made
/// within one brief is a new commitment, one pasted into another brief is
/// the same commitment.
pub(crate) fn renew_clashing_uids(s: &mut Section, taken: &HashSet<String>) {
    let mut v = Vec::new();
    section_uids_mut(s, &mut v);
    for uid in v {
        if uid.is_empty() || taken.contains(uid.as_str()) {
            *uid = new_uid();
        }
    }
}
