//! Putting the fetched documents and their map on disk, all or nothing.
//!
//! Everything is downloaded and checked in memory first; then the files are written into
//! a staging directory next to (or, for an existing directory, inside) `dir` and renamed
//! into place, the map last. A new directory appears whole in one rename. Files whose
//! content is unchanged are not touched, so a re-fetch does not trigger rebuilds; files the
//! previous map named that the service no longer has are removed (nothing else is).

use std::path::{Path, PathBuf};

use crate::Error;

/// Writes `files` (bare names → contents) into `dir`.
pub fn write_all(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<(), Error> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| Error::Io { path, source }
    };
    for (name, _) in files {
        // Names come from `names::Namer`; checked again here, where it matters.
        crate::read::wsdl::url_map::check_file_name(name).map_err(Error::Fetch)?;
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let fresh = !dir.exists();
    // A malformed old map is left alone, and so are the files it may name.
    let previous = if fresh { None } else { super::UrlMap::read_in(dir).ok().flatten() };
    let stage = if fresh {
        std::fs::create_dir_all(&parent).map_err(io(&parent))?;
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        parent.join(format!(".{name}.soapgen-fetch-{}", std::process::id()))
    } else {
        dir.join(format!(".soapgen-fetch-{}", std::process::id()))
    };
    let staged = stage_files(&stage, files).and_then(|()| {
        if fresh {
            std::fs::rename(&stage, dir).map_err(io(dir))
        } else {
            move_into(&stage, dir, files)
        }
    });
    if staged.is_err() || !fresh {
        let _ = std::fs::remove_dir_all(&stage);
    }
    staged?;
    for (_, stale) in previous.iter().flat_map(|map| map.urls()) {
        if !files.iter().any(|(name, _)| name == stale) {
            let path = dir.join(stale);
            match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::Io { path: path.display().to_string(), source: e });
                }
                _ => {}
            }
        }
    }
    Ok(())
}

fn stage_files(stage: &Path, files: &[(String, Vec<u8>)]) -> Result<(), Error> {
    let io = |path: &Path, source| Error::Io { path: path.display().to_string(), source };
    std::fs::create_dir(stage).map_err(|e| io(stage, e))?;
    for (name, bytes) in files {
        let path = stage.join(name);
        std::fs::write(&path, bytes).map_err(|e| io(&path, e))?;
    }
    Ok(())
}

/// Renames each staged file over its place in `dir`, in order (the map comes last).
fn move_into(stage: &Path, dir: &Path, files: &[(String, Vec<u8>)]) -> Result<(), Error> {
    for (name, bytes) in files {
        let target = dir.join(name);
        if std::fs::read(&target).is_ok_and(|old| old == *bytes) {
            continue;
        }
        std::fs::rename(stage.join(name), &target)
            .map_err(|source| Error::Io { path: target.display().to_string(), source })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("soapgen-write-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn a_new_directory_appears_whole_and_an_old_one_is_updated_in_place() {
        let dir = temp("fresh");
        let files =
            vec![("a.wsdl".to_owned(), b"<a/>".to_vec()), ("m.toml".to_owned(), b"x".to_vec())];
        write_all(&dir, &files).unwrap();
        assert_eq!(std::fs::read(dir.join("a.wsdl")).unwrap(), b"<a/>");
        std::fs::write(dir.join("keep.txt"), "mine").unwrap();
        let map = |file: &str| {
            let map = super::super::UrlMap::new(file, vec![("http://h/".into(), file.into())]);
            (super::super::MAP_FILE.to_owned(), map.to_toml().into_bytes())
        };
        write_all(&dir, &[("old.wsdl".to_owned(), b"<o/>".to_vec()), map("old.wsdl")]).unwrap();
        let files = vec![("a.wsdl".to_owned(), b"<b/>".to_vec()), map("a.wsdl")];
        write_all(&dir, &files).unwrap();
        assert!(!dir.join("old.wsdl").exists(), "the previous map's files go");
        assert_eq!(std::fs::read(dir.join("a.wsdl")).unwrap(), b"<b/>");
        assert_eq!(std::fs::read_to_string(dir.join("keep.txt")).unwrap(), "mine");
        let left: Vec<_> =
            std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        let mut left: Vec<String> = left.iter().map(|n| n.to_string_lossy().into_owned()).collect();
        left.sort();
        assert_eq!(left, ["a.wsdl", "keep.txt", "m.toml", "soapgen-map.toml"], "no staging left");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_bad_name_writes_nothing() {
        let dir = temp("bad");
        let files = vec![("a.wsdl".to_owned(), b"<a/>".to_vec()), ("../x".to_owned(), Vec::new())];
        let e = write_all(&dir, &files).unwrap_err().to_string();
        assert!(e.contains("expected a plain file name"), "{e}");
        assert!(!dir.exists());
    }
}
