//! Showing a file in the system's own viewer: File > Print… writes the PDF
//! and opens it there, where the system's print dialog is. The command is
//! `xdg-open` on Linux and the BSDs, `open` on macOS, `start` on Windows;
//! `BRIEFSMITH_VIEWER` names another program (tests, unusual desktops).

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

/// Overrides the viewer program.
pub const VIEWER_VAR: &str = "BRIEFSMITH_VIEWER";

#[derive(Debug, thiserror::Error)]
#[error("could not start {program} to show {path}: {source}")]
pub struct ViewerError {
    program: String,
    path: String,
    source: std::io::Error,
}

/// The program and arguments that show `path`, before it is appended.
pub fn viewer_program() -> (OsString, Vec<OsString>) {
    if let Some(p) = std::env::var_os(VIEWER_VAR).filter(|p| !p.is_empty()) {
        return (p, Vec::new());
    }
    if cfg!(target_os = "macos") {
        ("open".into(), Vec::new())
    } else if cfg!(windows) {
        // `start`'s first quoted argument is a window title.
        ("cmd".into(), vec!["/C".into(), "start".into(), "".into()])
    } else {
        ("xdg-open".into(), Vec::new())
    }
}

/// The command that shows `path` in the system's viewer.
pub fn viewer_command(path: &Path) -> Command {
    let (program, args) = viewer_program();
    let mut c = Command::new(program);
    c.args(args).arg(path);
    c
}

/// Starts the viewer on `path` without waiting for it to close.
pub fn show(path: &Path) -> Result<(), ViewerError> {
    let mut command = viewer_command(path);
    match command.spawn() {
        Ok(mut child) => {
            // Reaped when it exits, so no zombie is left behind.
            std::thread::spawn(move || child.wait());
            Ok(())
        }
        Err(source) => Err(ViewerError {
            program: command.get_program().to_string_lossy().into_owned(),
            path: path.display().to_string(),
            source,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_viewer_is_asked_to_show_the_file() {
        if std::env::var_os(VIEWER_VAR).is_some() {
            return;
        }
        let c = viewer_command(Path::new("/tmp/brief.pdf"));
        let args: Vec<_> = c.get_args().collect();
        assert_eq!(
            args.last().copied(),
            Some(std::ffi::OsStr::new("/tmp/brief.pdf"))
        );
        #[cfg(target_os = "linux")]
        assert_eq!(c.get_program(), "xdg-open");
    }
}
