//! Repository tasks. `codegen` regenerates `generated/` from `samples/`; the same code in
//! check mode tells whether what is checked in is what soapgen writes today.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub mod survey;
pub mod test;

/// Write the files, or only compare them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    Write,
    Check,
}

/// The workspace root (xtask lives one level below it).
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is inside the workspace")
        .to_path_buf()
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    Ok(entries)
}

/// What [`codegen`] found: every crate it generated, and the files that differ.
#[derive(Debug, Default)]
pub struct Report {
    /// Every generated crate, by folder name.
    pub crates: Vec<String>,
    /// The crates with at least one differing file (written, in write mode).
    pub changed_crates: Vec<String>,
    /// The differing files (relative to the root), and stale ones marked as such.
    pub paths: Vec<String>,
}

impl Report {
    /// "14 crates: 1 written, 13 unchanged", or in check mode "14 crates: 1 stale, 13 up
    /// to date".
    pub fn summary(&self, mode: Mode) -> String {
        let (changed, same) = match mode {
            Mode::Write => ("written", "unchanged"),
            Mode::Check => ("stale", "up to date"),
        };
        let n = self.changed_crates.len();
        format!("{} crates: {n} {changed}, {} {same}", self.crates.len(), self.crates.len() - n)
    }
}

/// Regenerates (or checks) every crate under `generated/` from the samples that
/// [`testkit::samples::discover`] finds (the same discovery the tests use).
pub fn codegen(root: &Path, mode: Mode) -> Result<Report, String> {
    let generated = root.join("generated");
    let mut report = Report::default();

    for sample in testkit::samples::discover(&root.join("samples"))? {
        let name = sample.name;
        let differing_before = report.paths.len();
        let differing = &mut report.paths;
        let sources = sample
            .inputs
            .iter()
            .map(|p| {
                // Relative names keep absolute paths out of the generated files.
                let text =
                    std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
                let rel = p.strip_prefix(root).unwrap_or(p).display().to_string();
                Ok(soapgen::Source::new(rel, text))
            })
            .collect::<Result<Vec<_>, String>>()?;
        let mut options = soapgen::Options::default();
        // Sources carry root-relative names; imports are found from the root, whatever
        // the working directory (tests run in xtask/).
        options.loader.base_dir(root);
        if let Some(overrides) = &sample.overrides {
            let text = std::fs::read_to_string(overrides)
                .map_err(|e| format!("{}: {e}", overrides.display()))?;
            let rel = overrides.strip_prefix(root).unwrap_or(overrides).display().to_string();
            let parsed = soapgen::Overrides::parse(soapgen::Source::new(rel, text))
                .map_err(|e| e.to_string())?;
            options.overrides = Some(std::sync::Arc::new(parsed));
        }
        let output = soapgen::generate(&sources, &options).map_err(|e| format!("{name}: {e}"))?;
        let options = soapgen::CrateOptions {
            name: name.replace('_', "-"),
            runtime_dependency: "{ path = \"../../runtime\" }".into(),
            // Tests call every client through both built-in transports.
            dev_dependencies: vec![
                "testkit = { path = \"../../testkit\" }".into(),
                "soapgen-runtime = { path = \"../../runtime\", features = [\"async\"] }".into(),
                "tokio = { version = \"1\", features = [\"macros\", \"rt\"] }".into(),
            ],
            runtime_features: Vec::new(),
        };
        let crate_dir = generated.join(&name);
        for (rel, text) in output.crate_files(&options) {
            let text =
                if rel.extension().is_some_and(|e| e == "rs") { rustfmt(&text)? } else { text };
            let path = crate_dir.join(&rel);
            let current = std::fs::read_to_string(&path).ok().map(|t| t.replace("\r\n", "\n"));
            if current.as_deref() != Some(text.as_str()) {
                differing.push(path.strip_prefix(root).unwrap_or(&path).display().to_string());
                if mode == Mode::Write {
                    soapgen_write(&path, &text)?;
                }
            }
        }
        // Only these two files are generated; anything else in src/ is stale.
        if let Ok(entries) = sorted_entries(&crate_dir.join("src")) {
            for extra in entries.into_iter().filter(|p| !p.ends_with("lib.rs")) {
                differing.push(format!(
                    "{} (stale)",
                    extra.strip_prefix(root).unwrap_or(&extra).display()
                ));
                if mode == Mode::Write {
                    std::fs::remove_file(&extra)
                        .map_err(|e| format!("{}: {e}", extra.display()))?;
                }
            }
        }
        if differing.len() > differing_before {
            report.changed_crates.push(name.clone());
        }
        report.crates.push(name);
    }
    if generated.is_dir() {
        for dir in sorted_entries(&generated)?.into_iter().filter(|p| p.is_dir()) {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            if !report.crates.contains(&name) {
                report.paths.push(format!("generated/{name} (no sample generates it)"));
                if mode == Mode::Write {
                    std::fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                }
            }
        }
    }
    Ok(report)
}

fn soapgen_write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Formats with the toolchain's rustfmt so `cargo fmt --check` agrees with what is checked in.
fn rustfmt(source: &str) -> Result<String, String> {
    let mut child = Command::new(std::env::var("RUSTFMT").unwrap_or_else(|_| "rustfmt".into()))
        .args(["--edition", "2024", "--emit", "stdout", "--quiet"])
        // rustfmt finds the project's rustfmt.toml from its working directory.
        .current_dir(project_root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run rustfmt: {e}"))?;
    child.stdin.take().unwrap().write_all(source.as_bytes()).map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("rustfmt failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    String::from_utf8(out.stdout).map_err(|e| e.to_string())
}
