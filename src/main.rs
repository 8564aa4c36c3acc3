//! The `briefsmith` binary: parses arguments and hands over to `cli`.
//!
//! On Windows it is a GUI program (no console window opens when the editor
//! is started from the Start menu or a double-clicked brief); run from a
//! terminal, it attaches to that terminal's console so the command line
//! still prints (see `attach_parent_console`).
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    attach_parent_console();
    let cli = briefsmith::cli::Cli::parse();
    match briefsmith::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("briefsmith: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// A GUI-subsystem program starts without a console: output from the
/// command line (and `--help`) would vanish. Attach to the console of the
/// terminal that started us, if any; when started from Explorer there is
/// none and this does nothing. (Known limit of the GUI subsystem: cmd.exe
/// does not wait for it, so its prompt may print before our output; use
/// `start /wait briefsmith ...` where the exit code matters.)
#[cfg(windows)]
fn attach_parent_console() {
    use windows_sys::Win32::System::Console::{AttachConsole, ATTACH_PARENT_PROCESS};
    // SAFETY: AttachConsole takes a process id and has no other effect than
    // connecting this process's missing standard handles to that console.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

#[cfg(not(windows))]
fn attach_parent_console() {}
