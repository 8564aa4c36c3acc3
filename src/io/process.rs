//! Who and where this process is, and whether another process still runs:
//! what lock files and recovery files record so that a crashed run's files
//! can be told from a live window's.

use std::fs;

/// This machine's name, as other users of a shared folder would see it.
pub fn host_name() -> String {
    let from_file = fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| fs::read_to_string("/etc/hostname"))
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    from_file
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "unknown machine".to_string())
}

/// The user's name as colleagues know it: the full name from the account
/// where there is one, else the login name.
pub fn user_name() -> String {
    account()
        .or_else(|| {
            ["USER", "USERNAME", "LOGNAME"]
                .iter()
                .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        })
        .unwrap_or_else(|| "unknown user".to_string())
}

/// Full name (or login) of this process's user from `/etc/passwd`: the
/// environment may carry no user name at all (services, `sudo -i`, CI).
#[cfg(unix)]
fn account() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = fs::metadata("/proc/self").ok()?.uid();
    let passwd = fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let f: Vec<&str> = line.split(':').collect();
        if f.len() < 5 || f[2].parse::<u32>().ok()? != uid {
            return None;
        }
        let full = f[4].split(',').next().unwrap_or("").trim();
        Some(if full.is_empty() { f[0] } else { full }.to_string())
    })
}

#[cfg(not(unix))]
fn account() -> Option<String> {
    None
}

/// True while the Briefsmith process `pid` (on this machine) still runs.
/// A zombie, or another program that was given the same pid later (after
/// a reboot, say), does not count.
#[cfg(target_os = "linux")]
pub fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    // "pid (comm) S …": the state follows the last parenthesis.
    let state = stat
        .rsplit(')')
        .next()
        .and_then(|r| r.trim_start().chars().next());
    if matches!(state, Some('Z' | 'X') | None) {
        return false;
    }
    let comm = |p: &str| fs::read_to_string(format!("/proc/{p}/comm")).ok();
    comm(&pid.to_string()).is_some() && comm(&pid.to_string()) == comm("self")
}

/// True while some process `pid` runs (a zombie does not count), whatever
/// program it is: for locks, where wrongly taking over a live window's
/// brief is worse than asking about a stale lock.
#[cfg(target_os = "linux")]
pub fn running(pid: u32) -> bool {
    stat_fields(pid)
        .is_some_and(|f| !matches!(f.first().map(String::as_str), Some("Z" | "X") | None))
}

#[cfg(not(target_os = "linux"))]
pub fn running(_pid: u32) -> bool {
    true
}

/// When process `pid` started, in clock ticks since boot: with the pid, it
/// names one process even after the pid is reused.
#[cfg(target_os = "linux")]
pub fn start_time(pid: u32) -> Option<u64> {
    // Fields after the command name; the start time is field 22 of the
    // whole line, the 20th after the name.
    stat_fields(pid)?.get(19)?.parse().ok()
}

#[cfg(not(target_os = "linux"))]
pub fn start_time(_pid: u32) -> Option<u64> {
    None
}

/// The fields of `/proc/PID/stat` after the command name (which may hold
/// spaces and parentheses itself).
#[cfg(target_os = "linux")]
fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = stat.rsplit_once(')')?.1;
    Some(rest.split_whitespace().map(str::to_string).collect())
}

/// Elsewhere there is no cheap, dependable check: assume the owner still
/// runs, so nothing of a live window is ever taken over.
#[cfg(not(target_os = "linux"))]
pub fn alive(_pid: u32) -> bool {
    true
}

/// A value unique to one window of one process, for telling two windows
/// of the same process apart (the pid alone cannot).
pub fn unique_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    // Every RandomState gets fresh keys (randomly seeded, then counted up
    // per thread), so two calls never give the same token.
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    h.write_u128(nanos);
    format!("{:016x}", h.finish())
}
