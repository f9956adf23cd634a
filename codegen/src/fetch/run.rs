//! One fetch from start to finish: crawl, name, map, write.

use std::path::{Path, PathBuf};

use super::{Connection, Limits};
use super::{crawl, names, write};
use crate::Error;
use crate::read::wsdl::url_map::{MAP_FILE, UrlMap};

/// What [`fetch`] saved.
#[derive(Clone, Debug)]
pub struct Saved {
    /// The entry document (`DIR/Service.wsdl`): generate from this.
    pub entry: PathBuf,
    /// Every URL and the file holding it, as written to [`MAP_FILE`].
    pub map: UrlMap,
    /// Bytes downloaded.
    pub bytes: u64,
}

/// Downloads the WSDL (or XSD) at `url` and every document it imports or includes into
/// `dir`, with the map beside them. Nothing is written unless every document was fetched
/// and is well-formed; only http(s) locations are followed.
pub fn fetch(
    url: &str,
    dir: &Path,
    connection: &Connection,
    limits: Limits,
) -> Result<Saved, Error> {
    let docs = crawl::Crawler::run(url, connection, limits)?;
    let mut namer = names::Namer::new();
    let mut files = Vec::new();
    let mut urls = Vec::new();
    let mut bytes = 0;
    for doc in docs {
        let text = String::from_utf8_lossy(&doc.body);
        let (ext, fallback) = root_kind(&text);
        let parsed =
            url::Url::parse(&doc.url).map_err(|e| Error::Fetch(format!("{}: {e}", doc.url)))?;
        let name = namer.name(&parsed, ext, &fallback);
        bytes += doc.body.len() as u64;
        urls.push((doc.url, name.clone()));
        files.push((name, doc.body));
    }
    let entry = files[0].0.clone();
    let map = UrlMap::new(entry.clone(), urls);
    files.push((MAP_FILE.to_owned(), map.to_toml().into_bytes()));
    write::write_all(dir, &files)?;
    Ok(Saved { entry: dir.join(entry), map, bytes })
}

/// The extension a document's root calls for (`wsdl` for `definitions`, else `xsd`), and
/// its `name` attribute, which names an entry whose URL has no path (`http://h/?wsdl`).
fn root_kind(text: &str) -> (&'static str, String) {
    use xmlparser::Token;
    let mut ext = "";
    for token in xmlparser::Tokenizer::from(text) {
        match token {
            Ok(Token::ElementStart { local, .. }) if ext.is_empty() => {
                ext = if local.as_str() == "definitions" { "wsdl" } else { "xsd" };
            }
            Ok(Token::Attribute { local, value, .. }) if local.as_str() == "name" => {
                return (ext, value.as_str().to_owned());
            }
            Ok(Token::ElementEnd { .. }) if !ext.is_empty() => break,
            Err(_) => break,
            _ => {}
        }
    }
    (if ext.is_empty() { "xml" } else { ext }, String::new())
}
