//! Rewrites .brief files in canonical form (ids assigned, fields in file
//! order), e.g. after hand-editing a template:
//! `cargo run --example canonicalize -- --template templates/*.brief`
//! (`--template` leaves commitments without identifiers, so every brief
//! made from a template gets identifiers of its own).

fn main() -> anyhow::Result<()> {
    let mut template = false;
    for arg in std::env::args().skip(1) {
        if arg == "--template" {
            template = true;
            continue;
        }
        let path = std::path::Path::new(&arg);
        let mut brief = briefsmith::io::load(path)?;
        if template {
            brief.forget_uids();
        }
        briefsmith::io::save(path, &brief)?;
        println!("{arg}");
    }
    Ok(())
}
