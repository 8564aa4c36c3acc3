//! Rewrites .brief files in canonical form (ids assigned, fields in file
//! order), e.g. after hand-editing a template:
//! `cargo run --example canonicalize -- templates/*.brief`

fn main() -> anyhow::Result<()> {
    for arg in std::env::args().skip(1) {
        let path = std::path::Path::new(&arg);
        let brief = briefsmith::io::load(path)?;
        briefsmith::io::save(path, &brief)?;
        println!("{arg}");
    }
    Ok(())
}
