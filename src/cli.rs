//! The command line: `templates`, `new` (with carry-forward), `import`,
//! `check` (spelling included), `export`, `commitments` (the register
//! across briefs), `package-files` (hidden: man pages, completions and
//! licences for packages) (and the editor when no command is given). Returns
//! exit codes; prints messages that name the file and the problem.

use std::collections::hash_map::{Entry, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};

use crate::model::{
    has_errors, problems_summary, validate, BlockContent, Brief, Language, Paper, Problem,
};
use crate::spell::{self, Speller};
use crate::{import, io, layout, pdf, register, templates};

#[derive(Parser, Debug)]
#[command(
    name = "briefsmith",
    version = crate::app::about::VERSION_LINE,
    about = "Briefsmith: edit meeting briefs and export them as typeset PDF",
    long_about = "Briefsmith edits meeting briefs (.brief files: JSON inside) and exports them as typeset PDF.\n\nRun without a command to open the editor; give a .brief file to open it.",
    after_help = "Examples:\n  briefsmith templates\n  briefsmith new --template bilateral-meeting -o visit.brief\n  briefsmith import article.txt -o article.brief\n  briefsmith check article.brief\n  briefsmith export article.brief -o article.pdf\n  briefsmith commitments briefs/ --as-of 2027-03-01\n  briefsmith new --template post-meeting-readout --carry-forward march.brief -o april.brief"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A .brief file to open in the editor.
    pub file: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List the bundled templates.
    Templates,
    /// Write a new brief from a bundled template.
    New {
        /// Template name, as listed by `briefsmith templates`.
        #[arg(short, long, default_value = "blank")]
        template: String,
        /// Where to write the brief.
        #[arg(short, long)]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
        /// A previous brief whose unfinished commitments the new brief
        /// carries forward (identifier, owner, due date and status kept).
        #[arg(long, value_name = "PREVIOUS.brief")]
        carry_forward: Option<PathBuf>,
    },
    /// Turn a plain-text (.txt) or Markdown (.md) article into a brief.
    Import {
        /// The article to read (.txt, .md, .rtf), or - for standard input.
        article: PathBuf,
        /// Where to write the brief.
        #[arg(short, long)]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Export a brief (or an article, imported on the way) as PDF.
    Export {
        /// A .brief file, or a .txt / .md article.
        input: PathBuf,
        /// Where to write the PDF.
        #[arg(short, long)]
        output: PathBuf,
        /// Paper size, overriding the brief's own.
        #[arg(long, value_enum)]
        paper: Option<PaperArg>,
        /// Replace the output even if it is not a PDF (never the input itself).
        #[arg(long)]
        force: bool,
        /// Archival PDF/A-2b (still tagged): an sRGB output intent and the
        /// PDF/A identifiers in the metadata. A brief whose style asks for
        /// it ("archival": true) is always exported so.
        #[arg(long)]
        pdfa: bool,
    },
    /// Validate briefs: prints `FILE: severity: place: message` for each
    /// problem, the place in words ("Commitments in 'Trade', row 2, due
    /// date"), spelling in the brief's language included (as warnings).
    /// Exit 0 without errors, 1 with errors, 2 if a file cannot be read.
    Check {
        /// The .brief files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List every commitment of the given briefs (folders are searched for
    /// .brief files), one row each, then the history of commitments seen in
    /// several briefs. Exit 2 at the end if a brief cannot be read.
    Commitments {
        /// .brief files and folders.
        #[arg(required = true, value_name = "FILE_OR_FOLDER")]
        paths: Vec<PathBuf>,
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: RegisterFormat,
        /// The date overdue is judged on (default today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_as_of)]
        as_of: Option<chrono::NaiveDate>,
        /// Only commitments that are not done.
        #[arg(long)]
        open: bool,
        /// Only this party's commitments (case ignored).
        #[arg(long, value_name = "NAME")]
        party: Option<String>,
    },
    /// For packagers: write the man pages (man/), shell completions for
    /// bash, zsh and fish (completions/) and the bundled licence files
    /// (licences/) into DIR.
    #[command(hide = true)]
    PackageFiles {
        /// The folder to write into (created if missing).
        dir: PathBuf,
    },
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum RegisterFormat {
    Table,
    Csv,
    Json,
}

fn parse_as_of(s: &str) -> std::result::Result<chrono::NaiveDate, String> {
    crate::model::parse_date(s).ok_or_else(|| format!("'{s}' is not a date (use YYYY-MM-DD)"))
}

/// Prints the register; exit 2 when a brief could not be read.
fn commitments(
    paths: &[PathBuf],
    format: RegisterFormat,
    as_of: Option<chrono::NaiveDate>,
    open: bool,
    party: Option<&str>,
) -> ExitCode {
    let reg = register::Register::read(paths, as_of.unwrap_or_else(today), &|_, _| {});
    for f in &reg.failures {
        eprintln!("{}", f.message);
    }
    let rows = reg.filtered(open, party);
    let shown: std::collections::HashSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let history: Vec<(String, String)> = reg
        .history_lines()
        .into_iter()
        .filter(|(id, _)| shown.contains(id.as_str()))
        .collect();
    match format {
        RegisterFormat::Table => {
            print!("{}", register::to_table(&rows));
            if !history.is_empty() {
                println!("\nHistory:");
                for (id, h) in &history {
                    println!("  {}  {h}", id.chars().take(8).collect::<String>());
                }
            }
        }
        RegisterFormat::Csv | RegisterFormat::Json => {
            let text = match format {
                RegisterFormat::Csv => register::to_csv(&rows),
                _ => register::to_json(&rows),
            };
            print!("{text}");
            // The rows keep exactly their keys; flags go to the messages.
            for (id, h) in &history {
                if h.contains("went backwards") || h.contains("missing from") {
                    eprintln!("warning: commitment {id}: {h}");
                }
            }
        }
    }
    ExitCode::from(if reg.failures.is_empty() { 0 } else { 2 })
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum PaperArg {
    A4,
    Letter,
}

/// Loads a brief, or imports an article, by extension.
pub fn open_any(path: &Path) -> Result<Brief> {
    Ok(match import::Kind::of_article(path) {
        Some(_) => import::import_file(path)?,
        None => io::load(path)?,
    })
}

/// Today's date for overdue flags: `SOURCE_DATE_EPOCH` when set, so
/// reproducible builds print the same.
pub fn today() -> chrono::NaiveDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .map(|d| d.date_naive())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

fn export(
    input: &Path,
    output: &Path,
    paper: Option<PaperArg>,
    force: bool,
    pdfa: bool,
) -> Result<()> {
    // Checked before any work, and again by nothing else: a refused export
    // touches no file.
    io::check_export_target(Some(input), output, force)?;
    let mut brief = open_any(input)?;
    if let Some(p) = paper {
        brief.style.paper = match p {
            PaperArg::A4 => Paper::A4,
            PaperArg::Letter => Paper::Letter,
        };
    }
    let doc = layout::layout(
        &brief,
        &layout::LayoutOptions {
            today: Some(today()),
        },
    );
    for w in &doc.warnings {
        eprintln!("{}: warning: {w}", input.display());
    }
    let opts = pdf::PdfOptions {
        pdfa: pdfa || brief.style.archival,
        ..pdf::PdfOptions::default()
    };
    let bytes = pdf::export(&doc, output, &opts)?;
    println!(
        "wrote {}: {}, {} bytes",
        output.display(),
        crate::model::counted(doc.pages.len(), "page"),
        bytes
    );
    Ok(())
}

fn refuse_overwrite(path: &Path, force: bool) -> Result<()> {
    if path.exists() && !force {
        bail!(
            "{} already exists; choose another name or pass --force to replace it",
            path.display()
        );
    }
    Ok(())
}

fn write_brief(path: &Path, brief: &Brief) -> Result<()> {
    io::save(path, brief)?;
    Ok(())
}

/// Counts for a one-line summary of what an import produced.
pub fn summary(brief: &Brief) -> String {
    let (mut paragraphs, mut bullets, mut tables, mut rows) = (0, 0, 0, 0);
    for s in brief.all_sections() {
        for b in &s.blocks {
            match &b.content {
                BlockContent::Paragraph { .. } => paragraphs += 1,
                BlockContent::Bullets { items, .. } => bullets += items.len(),
                BlockContent::Table(t) => {
                    tables += 1;
                    rows += t.rows.len();
                }
                BlockContent::Commitments(t) => {
                    tables += 1;
                    rows += t.rows.len();
                }
            }
        }
    }
    format!(
        "\"{}\": {} sections, {paragraphs} paragraphs, {bullets} bullets, {tables} tables ({rows} rows), {} recommendations",
        brief.meta.title,
        brief.sections.len(),
        brief.recommendations.len()
    )
}

/// Spelling warnings for `brief` in its language, with one speller per
/// language for the whole run (parsing a dictionary takes ~30 ms). A brief
/// in a language without a dictionary gets none; validation says so.
fn spelling(brief: &Brief, spellers: &mut HashMap<Language, Speller>) -> Result<Vec<Problem>> {
    let Some(lang) = brief.language() else {
        return Ok(Vec::new());
    };
    let speller = match spellers.entry(lang) {
        Entry::Occupied(e) => e.into_mut(),
        Entry::Vacant(e) => e.insert(Speller::new(lang)?),
    };
    Ok(spell::spelling_warnings(brief, speller))
}

fn check(files: &[PathBuf]) -> ExitCode {
    let today = today();
    let mut worst = 0u8;
    let mut spellers = HashMap::new();
    for f in files {
        match io::load(f) {
            Err(e) => {
                eprintln!("{e}");
                worst = 2;
            }
            Ok(brief) => {
                let mut problems = validate(&brief, today);
                match spelling(&brief, &mut spellers) {
                    Ok(found) => problems.extend(found),
                    Err(e) => eprintln!("{}: spelling not checked: {e}", f.display()),
                }
                for p in &problems {
                    println!(
                        "{}: {}: {}: {}",
                        f.display(),
                        p.severity,
                        p.place_in_words(&brief),
                        p.message
                    );
                }
                eprintln!("{}: {}", f.display(), problems_summary(&problems));
                if has_errors(&problems) {
                    worst = worst.max(1);
                }
            }
        }
    }
    ExitCode::from(worst)
}

/// Runs a command; `None` means open the editor.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let Some(command) = cli.command else {
        // No command: the editor, with the file or the sample brief.
        crate::app::run(cli.file)
            .map_err(|e| anyhow::anyhow!("could not open the editor window: {e}"))?;
        return Ok(ExitCode::SUCCESS);
    };
    match command {
        Command::Templates => {
            for t in templates::TEMPLATES {
                println!("{:<32} {}", t.name, t.description);
            }
        }
        Command::New {
            template,
            output,
            force,
            carry_forward,
        } => {
            let t = templates::find(&template).with_context(|| {
                let names: Vec<&str> = templates::TEMPLATES.iter().map(|t| t.name).collect();
                format!(
                    "no template named \"{template}\"; choose one of: {}",
                    names.join(", ")
                )
            })?;
            let mut brief = t
                .brief()
                .with_context(|| format!("bundled template {} is damaged", t.name))?;
            let carried = match &carry_forward {
                Some(prev) => {
                    let previous = io::load(prev)?;
                    Some(register::carry_forward(&previous, &mut brief))
                }
                None => None,
            };
            refuse_overwrite(&output, force)?;
            write_brief(&output, &brief)?;
            println!("wrote {} from template {}", output.display(), t.name);
            if let (Some(n), Some(prev)) = (carried, &carry_forward) {
                println!(
                    "carried forward {n} unfinished commitments from {}",
                    prev.display()
                );
            }
        }
        Command::Import {
            article,
            output,
            force,
        } => {
            // `-` reads the article from standard input.
            let import::Imported { brief, report } = if article.as_os_str() == "-" {
                import::import_stdin()?
            } else {
                import::import_file_reported(&article)?
            };
            refuse_overwrite(&output, force)?;
            write_brief(&output, &brief)?;
            println!("wrote {}: {}", output.display(), summary(&brief));
            // What was guessed, so a wrong guess is seen before it is sent.
            for line in report.to_lines() {
                println!("  {line}");
            }
        }
        Command::Check { files } => return Ok(check(&files)),
        Command::Commitments {
            paths,
            format,
            as_of,
            open,
            party,
        } => return Ok(commitments(&paths, format, as_of, open, party.as_deref())),
        Command::Export {
            input,
            output,
            paper,
            force,
            pdfa,
        } => export(&input, &output, paper, force, pdfa)?,
        Command::PackageFiles { dir } => package_files(&dir)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Man pages and completions from the clap definitions above (so they
/// cannot drift from `--help`), and the licences About lists.
fn package_files(dir: &Path) -> Result<()> {
    use clap::CommandFactory;
    use clap_complete::Shell;
    let write_err = |what: &str, p: &Path| format!("could not write {what} into {}", p.display());
    let man = dir.join("man");
    std::fs::create_dir_all(&man).with_context(|| write_err("man pages", &man))?;
    clap_mangen::generate_to(Cli::command(), &man).with_context(|| write_err("man pages", &man))?;
    let completions = dir.join("completions");
    std::fs::create_dir_all(&completions)
        .with_context(|| write_err("completions", &completions))?;
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
        clap_complete::generate_to(shell, &mut Cli::command(), "briefsmith", &completions)
            .with_context(|| write_err("completions", &completions))?;
    }
    let licences = dir.join("licences");
    for (path, bytes) in crate::app::about::LICENCE_FILES {
        let target = licences.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).with_context(|| write_err("licences", parent))?;
        }
        std::fs::write(&target, bytes).with_context(|| write_err("licences", &target))?;
    }
    println!(
        "wrote man pages, completions and {} licence files into {}",
        crate::app::about::LICENCE_FILES.len(),
        dir.display()
    );
    Ok(())
}
