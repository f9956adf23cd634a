//! Where imported and included documents come from: local files only, never the network.
//! Documents saved by `soapgen fetch` are found through the URL map it writes beside them.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use super::url_map::{UrlMap, resolve};
use crate::{Error, Source};

/// Finds the document an `import`/`include` names.
pub trait Loader {
    /// The document at `location` as seen from `importing`; `Ok(None)` when it is not
    /// available locally (the caller warns and goes on without it).
    fn load(&self, location: &str, importing: &Source) -> Result<Option<Source>, Error>;
}

/// Files relative to the importing file's path, plus an explicit URL → file map (for
/// WCF's absolute `?wsdl=wsdl1` / `?xsd=xsd3` locations), plus the map `soapgen fetch`
/// writes ([`super::url_map::MAP_FILE`]) when one lies beside the importing file: there, an
/// absolute location, or a relative one resolved against the importing document's own URL,
/// reads the file fetched from it. Other absolute URLs are not fetched: they load as
/// `Ok(None)`.
#[derive(Clone, Debug, Default)]
pub struct FsLoader {
    map: BTreeMap<String, PathBuf>,
    base: Option<PathBuf>,
}

impl FsLoader {
    /// A loader that reads relative locations next to the importing file and maps no URL.
    pub fn new() -> Self {
        FsLoader::default()
    }

    /// Resolves relative source names against `dir` instead of the current directory, so
    /// sources can carry short relative names (kept in messages and generated headers)
    /// whatever the process's working directory.
    pub fn base_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.base = Some(dir.into());
        self
    }

    /// Reads `file` wherever a document names `url` (matched exactly, as written).
    pub fn map(&mut self, url: impl Into<String>, file: impl Into<PathBuf>) -> &mut Self {
        self.map.insert(url.into(), file.into());
        self
    }
}

impl Loader for FsLoader {
    fn load(&self, location: &str, importing: &Source) -> Result<Option<Source>, Error> {
        let mapped = match self.map.get(location) {
            Some(file) => Some(file.clone()),
            None => self.fetched(location, importing)?,
        };
        let path = match (mapped, location.split_once("://")) {
            (Some(file), _) => file,
            (None, Some((scheme, rest))) if scheme.eq_ignore_ascii_case("file") => {
                PathBuf::from(rest)
            }
            (None, Some(_)) => return Ok(None),
            (None, None) => {
                let base = Path::new(&*importing.name).parent().unwrap_or(Path::new(""));
                base.join(location)
            }
        };
        // Read the path as joined (symlinks resolve as the OS sees them); name it
        // normalised, so a file reached by two routes is one document.
        let mut source = Source::from_path(&self.on_disk(&path))?;
        source.name = normalise(&path).display().to_string().into();
        Ok(Some(source))
    }
}

impl FsLoader {
    /// Where a source-relative path is on disk (relative to the base directory, if set).
    fn on_disk(&self, path: &Path) -> PathBuf {
        match &self.base {
            Some(base) if path.is_relative() => base.join(path),
            _ => path.to_path_buf(),
        }
    }

    /// The file that the URL map beside `importing` gives for `location`, if there is a
    /// map and it has one.
    fn fetched(&self, location: &str, importing: &Source) -> Result<Option<PathBuf>, Error> {
        let name = Path::new(&*importing.name);
        let dir = name.parent().unwrap_or(Path::new(""));
        let Some(map) = UrlMap::read_in(&self.on_disk(dir))? else { return Ok(None) };
        let own_url = name.file_name().and_then(|n| n.to_str()).and_then(|n| map.url_of(n));
        let Some(url) = resolve(own_url, location) else { return Ok(None) };
        Ok(map.file_for(&url).map(|file| dir.join(file)))
    }
}

/// `a/b/../c` → `a/c`, lexically: the same file reached by two relative routes gets one
/// name, so it is read once and reported once.
pub fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                let last = out.components().next_back();
                if matches!(last, Some(Component::Normal(_))) {
                    out.pop();
                } else if !matches!(last, Some(Component::RootDir | Component::Prefix(_))) {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_lexically() {
        assert_eq!(normalise(Path::new("a/b/../../c/./d.xsd")), PathBuf::from("c/d.xsd"));
        assert_eq!(normalise(Path::new("../x/../y.xsd")), PathBuf::from("../y.xsd"));
        assert_eq!(normalise(Path::new("/a/../../b")), PathBuf::from("/b"));
    }

    #[test]
    fn remote_urls_are_not_fetched() {
        let loader = FsLoader::new();
        let from = Source::new("dir/a.wsdl", "");
        assert!(loader.load("https://example.invalid/x.xsd", &from).unwrap().is_none());
        let missing = loader.load("nope.xsd", &from).unwrap_err().to_string();
        assert!(missing.starts_with("dir/nope.xsd"), "{missing}");
    }
}
