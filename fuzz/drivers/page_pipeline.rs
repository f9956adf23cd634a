//! What the page drivers (`html_page`, `documented_page`) check once they have made a page of
//! the input: the pipeline never panics; errors display; every error and warning about the
//! page points at a line and column that exist in it; whatever model comes out resolves and
//! emits code that parses.

use soapgen::read::wsdl::Loader;
use soapgen::{Error, Provenance, Source};

/// Loads nothing: a fuzz input must not read the machine's files.
struct NoFiles;

impl Loader for NoFiles {
    fn load(&self, _location: &str, _importing: &Source) -> Result<Option<Source>, Error> {
        Ok(None)
    }
}

/// Reads, resolves and emits `source`, checking what the module docs say.
pub fn run(source: Source) {
    let (name, page) = (source.name.clone(), source.text.clone());
    let read = match soapgen::read::read_with(&[source], &NoFiles) {
        Ok(read) => read,
        Err(e) => {
            let _ = e.to_string();
            if let Error::Input { at, .. } = &e {
                assert_in_page(&name, &page, at);
            }
            return;
        }
    };
    for w in &read.model.warnings {
        assert_in_page(&name, &page, &w.at);
    }
    let resolved = soapgen::resolve::resolve(&read.model);
    let tokens = soapgen::emit::emit(&resolved, &Default::default());
    if let Err(e) = soapgen::emit::format(tokens) {
        panic!("generated code does not parse: {e}");
    }
}

/// A position reported in the page exists there (a column may sit just past a line's end).
fn assert_in_page(name: &str, page: &str, at: &Provenance) {
    if &*at.file != name {
        return;
    }
    let lines: Vec<&str> = page.split('\n').collect();
    let line = lines.get(at.line as usize - 1).unwrap_or_else(|| panic!("{at:?} past the page"));
    let width = line.chars().count() as u32 + 1;
    assert!(at.line >= 1 && at.column >= 1 && at.column <= width, "{at:?} outside the page");
}
