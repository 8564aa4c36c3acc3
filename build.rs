//! Build script: the git hash shown by `--version` and Help > About, the
//! list of licence files found under `assets/` (compiled in, so About and
//! the packages' `/usr/share/doc` come from one list), and on Windows the
//! icon and version resource of `briefsmith.exe`.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let root = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("set by cargo"));
    println!("cargo:rustc-env=BRIEFSMITH_GIT_HASH={}", git_hash(&root));
    write_licence_list(&root, &out);
    if env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows") {
        windows_resource(&root);
    }
}

/// The commit built from: `BRIEFSMITH_GIT_HASH` if set (a source tarball
/// has no `.git`), else `git rev-parse`, else "unknown".
fn git_hash(root: &Path) -> String {
    println!("cargo:rerun-if-env-changed=BRIEFSMITH_GIT_HASH");
    if let Ok(h) = env::var("BRIEFSMITH_GIT_HASH") {
        return h;
    }
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(root)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .map(|s| s.trim().to_string())
    };
    // A new commit moves HEAD (or the branch it names, logged in the
    // worktree's own logs/HEAD): rebuild then, not on every edit.
    if let Some(dir) = git(&["rev-parse", "--absolute-git-dir"]) {
        let dir = Path::new(&dir);
        for f in ["HEAD", "logs/HEAD"] {
            println!("cargo:rerun-if-changed={}", dir.join(f).display());
        }
    }
    git(&["rev-parse", "--short=12", "HEAD"]).unwrap_or_else(|| "unknown".to_string())
}

/// Licence, copyright and read-me files: by name, so that a font added
/// with its `OFL-…`/`LICENSE-…` file is listed without touching code.
fn is_licence_file(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    ["licen", "copying", "copyright", "readme", "notice"]
        .iter()
        .any(|w| n.contains(w))
        || n.starts_with("ofl")
        || ["gpl-", "lgpl-", "agpl-", "mpl-"]
            .iter()
            .any(|p| n.starts_with(p))
}

fn collect(dir: &Path, found: &mut Vec<PathBuf>) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            collect(&path, found);
        } else if e.file_name().to_str().is_some_and(is_licence_file) {
            found.push(path);
        }
    }
}

/// `$OUT_DIR/licences.rs`: `&[(path under assets/, bytes)]`, sorted.
fn write_licence_list(root: &Path, out: &Path) {
    let assets = root.join("assets");
    let mut found = Vec::new();
    collect(&assets, &mut found);
    found.sort();
    let mut code = String::from("&[\n");
    for path in &found {
        let rel = path.strip_prefix(&assets).expect("found under assets/");
        let rel = rel.to_string_lossy().replace('\\', "/");
        code.push_str(&format!(
            "    ({rel:?}, include_bytes!({:?})),\n",
            path.to_string_lossy()
        ));
    }
    code.push_str("]\n");
    fs::write(out.join("licences.rs"), code).expect("write licences.rs");
}

/// Icon, version and description in the `.exe` (Explorer's properties),
/// compiled with mingw-w64's windres when cross-building.
fn windows_resource(root: &Path) {
    let icon = root.join("packaging/windows/briefsmith.ico");
    println!("cargo:rerun-if-changed={}", icon.display());
    let mut res = winresource::WindowsResource::new();
    res.set_icon(&icon.to_string_lossy())
        .set("ProductName", "Briefsmith")
        .set("FileDescription", "Briefsmith meeting brief editor")
        .set("OriginalFilename", "briefsmith.exe");
    if let Err(e) = res.compile() {
        panic!("could not compile the Windows resource (is mingw-w64 installed?): {e}");
    }
}
