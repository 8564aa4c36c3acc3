//! The `briefsmith` binary: parses arguments and hands over to `cli`.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = briefsmith::cli::Cli::parse();
    match briefsmith::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("briefsmith: {e:#}");
            ExitCode::from(2)
        }
    }
}
