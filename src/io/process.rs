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

/// When process `pid` started, in clock ticks since boot: with the pid, it
/// names one process even after the pid is reused.
#[cfg(target_os = "linux")]
pub fn start_time(pid: u32) -> Option<u64> {
    // Fields after the command name; the start time is field 22 of the
    // whole line, the 20th after the name.
    stat_fields(pid)?.get(19)?.parse().ok()
}

/// The fields of `/proc/PID/stat` after the command name (which may hold
/// spaces and parentheses itself).
#[cfg(target_os = "linux")]
fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = stat.rsplit_once(')')?.1;
    Some(rest.split_whitespace().map(str::to_string).collect())
}

/// Windows: the same three questions through the process API (there is
/// no `/proc`). A process we may not query (another user's) still runs.
#[cfg(windows)]
mod windows {
    use windows_sys::Win32::Foundation::{
        CloseHandle, GetLastError, ERROR_ACCESS_DENIED, FILETIME, HANDLE, STILL_ACTIVE,
    };
    use windows_sys::Win32::System::Threading::{
        GetExitCodeProcess, GetProcessTimes, OpenProcess, QueryFullProcessImageNameW,
        PROCESS_NAME_WIN32, PROCESS_QUERY_LIMITED_INFORMATION,
    };

    /// An open process handle, closed on drop.
    struct Process(HANDLE);

    impl Drop for Process {
        fn drop(&mut self) {
            // SAFETY: the handle came from OpenProcess and is closed once.
            unsafe { CloseHandle(self.0) };
        }
    }

    enum Opened {
        Yes(Process),
        Denied,
        Gone,
    }

    fn open(pid: u32) -> Opened {
        // SAFETY: plain call; a null handle means failure.
        let h = unsafe { OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid) };
        if h.is_null() {
            // SAFETY: reads this thread's last error, set by OpenProcess.
            if unsafe { GetLastError() } == ERROR_ACCESS_DENIED {
                return Opened::Denied;
            }
            return Opened::Gone;
        }
        Opened::Yes(Process(h))
    }

    /// An exited process keeps its id while a handle to it is open: only
    /// STILL_ACTIVE counts as running.
    fn still_active(p: &Process) -> bool {
        let mut code = 0u32;
        // SAFETY: `p.0` is a valid handle opened with query rights.
        let ok = unsafe { GetExitCodeProcess(p.0, &mut code) };
        ok != 0 && code == STILL_ACTIVE as u32
    }

    pub fn running(pid: u32) -> bool {
        match open(pid) {
            Opened::Yes(p) => still_active(&p),
            Opened::Denied => true,
            Opened::Gone => false,
        }
    }

    /// Creation time in 100 ns units since 1601.
    pub fn start_time(pid: u32) -> Option<u64> {
        let Opened::Yes(p) = open(pid) else {
            return None;
        };
        let zero = FILETIME {
            dwLowDateTime: 0,
            dwHighDateTime: 0,
        };
        let (mut created, mut exited, mut kernel, mut user) = (zero, zero, zero, zero);
        // SAFETY: valid handle and four FILETIMEs to write to.
        let ok = unsafe { GetProcessTimes(p.0, &mut created, &mut exited, &mut kernel, &mut user) };
        (ok != 0)
            .then(|| (u64::from(created.dwHighDateTime) << 32) | u64::from(created.dwLowDateTime))
    }

    /// The file name of the process's executable, lower-cased.
    fn image_name(p: &Process) -> Option<String> {
        let mut buf = vec![0u16; 1024];
        let mut len = buf.len() as u32;
        // SAFETY: `buf` holds `len` u16s; the call writes at most that many
        // and sets `len` to the characters written.
        let ok = unsafe {
            QueryFullProcessImageNameW(p.0, PROCESS_NAME_WIN32, buf.as_mut_ptr(), &mut len)
        };
        if ok == 0 {
            return None;
        }
        let path = String::from_utf16_lossy(buf.get(..len as usize)?);
        let name = path.rsplit(['\\', '/']).next()?.to_lowercase();
        Some(name)
    }

    pub fn alive(pid: u32) -> bool {
        if pid == std::process::id() {
            return true;
        }
        let Opened::Yes(p) = open(pid) else {
            // Not ours to query (another user) or gone: only another
            // user's process can be denied, and it cannot be our window.
            return false;
        };
        if !still_active(&p) {
            return false;
        }
        let Opened::Yes(me) = open(std::process::id()) else {
            return true;
        };
        match (image_name(&p), image_name(&me)) {
            (Some(a), Some(b)) => a == b,
            // Cannot tell which program it is: assume ours, so a live
            // window's recovery file is never taken over.
            _ => true,
        }
    }
}

#[cfg(windows)]
pub use windows::{alive, running, start_time};

/// Elsewhere (macOS, the BSDs) there is no cheap, dependable check: assume
/// the owner still runs, so nothing of a live window is ever taken over.
#[cfg(not(any(target_os = "linux", windows)))]
pub fn alive(_pid: u32) -> bool {
    true
}

#[cfg(not(any(target_os = "linux", windows)))]
pub fn running(_pid: u32) -> bool {
    true
}

#[cfg(not(any(target_os = "linux", windows)))]
pub fn start_time(_pid: u32) -> Option<u64> {
    None
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
