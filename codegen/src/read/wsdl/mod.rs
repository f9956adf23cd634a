//! WSDL 1.1 and XML Schema 1.0 → the service model.
//!
//! [`read_wsdl`] loads the entry document and everything it imports or includes
//! (`load`), indexes every named component (`index`), converts every schema type
//! (`schema`), then reads services, bindings and messages (`services`,
//! `messages`). Constructs with no place in the model are never dropped silently:
//! they become raw XML (or optional fields, or any-elements) with a warning naming
//! file and line.

mod addressing;
mod builtins;
mod dom;
mod http;
mod index;
mod load;
mod loader;
mod messages;
mod prefixes;
mod repair;
#[cfg(test)]
mod repair_tests;
mod schema;
mod services;
#[cfg(test)]
mod tests;
mod unloaded;
pub(crate) mod url_map;

pub use loader::{FsLoader, Loader};

use crate::ir::Model;
use crate::{Error, Source};

/// Reads a WSDL 1.1 document (and everything it imports/includes) or a standalone XSD
/// into `model`: services, operations, types. Returns the names of every file read
/// (for build scripts' `rerun-if-changed`). Broken references are repaired with a
/// warning, or refused when `strict` (see `repair`).
pub fn read_wsdl(
    entry: &Source,
    loader: &dyn Loader,
    strict: bool,
    model: &mut Model,
) -> Result<Vec<String>, Error> {
    let set = load::load(entry, loader, strict)?;
    let index = index::build(&set);
    let services_before = model.services.len();
    let mut types = schema::Types::new(&set, &index, model);
    types.convert_all();
    services::read(&mut types)?;
    types.finish();
    let services = types.model.services.len() - services_before;
    if let Some(error) = repair::left_nothing(&set, &index, services) {
        return Err(error);
    }
    for (doc, offset, message) in repair::prefix_warnings(&set) {
        let at = set.docs[doc].source.position(offset);
        types.model.warn(at, message);
    }
    Ok(set.docs.iter().map(|d| d.source.name.to_string()).collect())
}

/// Reads `entry` and every document it imports or includes through `loader`, checking
/// each is well-formed WSDL or XSD, without reading types or services: what `soapgen
/// fetch` follows, so it fetches exactly what generating will read.
#[cfg(feature = "fetch")]
pub(crate) fn load_all(entry: &Source, loader: &dyn Loader) -> Result<(), Error> {
    load::load(entry, loader, false).map(drop)
}
