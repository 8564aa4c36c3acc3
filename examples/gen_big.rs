//! Writes a generated brief (`cargo run --example gen_big -- COPIES ROWS OUT.brief`)
//! for trying the editor and the exporter on large documents.

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let copies = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(40);
    let rows = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let out = args.get(3).map(String::as_str).unwrap_or("big.brief");
    let brief = briefsmith::sample::generated(copies, rows);
    briefsmith::io::save(std::path::Path::new(out), &brief)?;
    println!("wrote {out}");
    Ok(())
}
