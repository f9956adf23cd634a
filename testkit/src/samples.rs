//! The samples under `samples/`: one folder per generated crate, holding its inputs and,
//! optionally, a `soapgen.toml` of overrides. `cargo xtask codegen` and the tests find them
//! here, so both read the same inputs with the same overrides.

use std::path::{Path, PathBuf};

/// One sample folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sample {
    /// The folder's name, which is also the generated crate's folder under `generated/`.
    pub name: String,
    /// The folder.
    pub dir: PathBuf,
    /// The input files, sorted by name (what soapgen reads, in that order).
    pub inputs: Vec<PathBuf>,
    /// The sample's `soapgen.toml`, when it has one.
    pub overrides: Option<PathBuf>,
}

/// Files a sample folder may hold that are not inputs.
fn is_input(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    path.is_file() && !name.starts_with('.') && name != "README.md" && name != "soapgen.toml"
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut entries = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .map(|e| e.map(|e| e.path()).map_err(|e| format!("{}: {e}", dir.display())))
        .collect::<Result<Vec<_>, _>>()?;
    entries.sort();
    Ok(entries)
}

/// The file `soapgen fetch` writes beside what it saved (`entry` and a `[urls]` table of
/// URL → file name).
const URL_MAP: &str = "soapgen-map.toml";

/// In a folder `soapgen fetch` filled, the files that are not inputs: the map, and every
/// fetched document but the entry (generation reaches those through the map).
fn fetched_imports(dir: &Path) -> Result<Vec<String>, String> {
    let path = dir.join(URL_MAP);
    let Ok(text) = std::fs::read_to_string(&path) else { return Ok(Vec::new()) };
    let map: toml::Table = text.parse().map_err(|e| format!("{}: {e}", path.display()))?;
    let entry = map.get("entry").and_then(|e| e.as_str()).unwrap_or_default();
    let urls = map.get("urls").and_then(|u| u.as_table()).into_iter().flat_map(|t| t.values());
    let files = urls.filter_map(|file| file.as_str()).filter(|file| *file != entry);
    Ok(std::iter::once(URL_MAP).chain(files).map(str::to_owned).collect())
}

/// Every sample under `samples_dir`, sorted by name. Only files directly inside a sample
/// folder are inputs; subfolders hold what the inputs import, and so do the documents of a
/// folder `soapgen fetch` filled (its entry is the input).
pub fn discover(samples_dir: &Path) -> Result<Vec<Sample>, String> {
    let mut samples = Vec::new();
    for dir in sorted_entries(samples_dir)?.into_iter().filter(|p| p.is_dir()) {
        let name = dir.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let fetched = fetched_imports(&dir)?;
        let is_fetched = |p: &PathBuf| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| fetched.iter().any(|f| f == n))
        };
        let inputs =
            sorted_entries(&dir)?.into_iter().filter(|p| is_input(p) && !is_fetched(p)).collect();
        let overrides = Some(dir.join("soapgen.toml")).filter(|p| p.is_file());
        samples.push(Sample { name, dir, inputs, overrides });
    }
    Ok(samples)
}

/// Every sample of this repository (`<workspace>/samples`); panics when it cannot be read.
pub fn all() -> Vec<Sample> {
    discover(&crate::workspace_root().join("samples")).unwrap_or_else(|e| panic!("{e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_sorted_files_and_overrides_are_found() {
        let tmp = std::env::temp_dir().join(format!("testkit-samples-{}", std::process::id()));
        for (file, text) in [
            ("b/page.txt", "b"),
            ("a/2.wsdl", ""),
            ("a/1.xsd", ""),
            ("a/README.md", ""),
            ("a/.hidden", ""),
            ("a/soapgen.toml", ""),
            ("a/schemas/imported.xsd", ""),
        ] {
            let path = tmp.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let samples = discover(&tmp).unwrap();
        assert_eq!(samples.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(samples[0].inputs, [tmp.join("a/1.xsd"), tmp.join("a/2.wsdl")]);
        assert_eq!(samples[0].overrides, Some(tmp.join("a/soapgen.toml")));
        assert_eq!((samples[1].inputs.len(), &samples[1].overrides), (1, &None));
        std::fs::remove_dir_all(&tmp).unwrap();
    }

    #[test]
    fn the_repository_has_samples() {
        assert!(all().iter().any(|s| s.name == "cangooroo_backoffice" && s.inputs.len() == 1));
    }
}
