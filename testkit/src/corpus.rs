//! Where the shared corpus of real service descriptions lies, for the tests that read it and
//! for `cargo xtask test`, which decides whether to run them.
//!
//! The corpus is third-party documents read where they lie, never copied into the
//! repository: the directory `SOAPGEN_CORPUS` names, else `../shared/corpus` beside the
//! workspace. Tests that need it are `#[ignore = "needs the shared corpus (SOAPGEN_CORPUS);
//! run by cargo xtask test when present"]`, so a plain clone skips them visibly, and
//! `cargo xtask test` runs them (`--include-ignored`) when [`find`] succeeds.

use std::path::{Path, PathBuf};

/// The environment variable naming the corpus directory.
pub const ENV: &str = "SOAPGEN_CORPUS";

/// The file every corpus directory holds (its table of contents).
const MANIFEST: &str = "MANIFEST.md";

/// The corpus directory, or why there is none (a sentence saying how to provide one).
///
/// `SOAPGEN_CORPUS`, when set, must name a corpus: a wrong value is an error, never a
/// silent fallback to the default place.
pub fn find(workspace_root: &Path) -> Result<PathBuf, String> {
    locate(std::env::var_os(ENV), workspace_root)
}

/// [`find`] with the variable's value given.
fn locate(named: Option<std::ffi::OsString>, workspace_root: &Path) -> Result<PathBuf, String> {
    let (dir, named_by) = match named {
        Some(dir) if !dir.is_empty() => (PathBuf::from(dir), ENV.to_owned()),
        _ => {
            let beside = workspace_root.parent().unwrap_or(workspace_root);
            (beside.join("shared/corpus"), "the default place".to_owned())
        }
    };
    if dir.join(MANIFEST).is_file() {
        // Absolute, so it means the same in every test's working directory.
        Ok(std::path::absolute(&dir).unwrap_or(dir))
    } else {
        Err(format!(
            "no corpus at {} ({named_by}: no {MANIFEST} there); set {ENV} to a corpus folder",
            dir.display()
        ))
    }
}

/// The corpus directory, for a test that needs it; panics saying how to provide one.
pub fn dir() -> PathBuf {
    find(&crate::workspace_root()).unwrap_or_else(|why| panic!("{why}"))
}

/// A file of the corpus, by its path relative to the corpus directory.
pub fn file(rel: &str) -> PathBuf {
    let path = dir().join(rel);
    assert!(path.is_file(), "{} is not in the corpus", path.display());
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_variable_wins_and_must_name_a_corpus() {
        let tmp = std::env::temp_dir().join(format!("testkit-corpus-{}", std::process::id()));
        let (root, corpus) = (tmp.join("ws/root"), tmp.join("ws/shared/corpus"));
        std::fs::create_dir_all(&root).unwrap();
        std::fs::create_dir_all(&corpus).unwrap();
        let missing = locate(None, &root).unwrap_err();
        assert!(
            missing.contains("the default place")
                && missing.ends_with("set SOAPGEN_CORPUS to a corpus folder"),
            "{missing}"
        );
        std::fs::write(corpus.join("MANIFEST.md"), "").unwrap();
        assert!(locate(None, &root).unwrap().ends_with("shared/corpus"));
        let wrong = locate(Some(root.clone().into()), &root).unwrap_err();
        assert!(wrong.contains("(SOAPGEN_CORPUS: no MANIFEST.md there)"), "{wrong}");
        assert_eq!(locate(Some(corpus.clone().into()), &tmp).unwrap(), corpus);
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
