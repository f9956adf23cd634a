//! `soapgen fetch`: a published WSDL and everything it imports and includes, saved under
//! readable names with a URL → file map beside them, so generating works offline.
//!
//! This is the only part of soapgen that touches the network, and only when asked
//! (`soapgen fetch URL -o DIR`, or [`fetch`]): generating, the [`crate::Builder`] and
//! `cargo xtask codegen` never fetch. They read the map ([`MAP_FILE`]) that `fetch` writes:
//! an import of a URL it names reads the file fetched from it.
//!
//! The parts: `crawl` follows the imports over HTTP(S) through soapgen-runtime's blocking
//! transport (`connection` builds it with the user's proxy, TLS and authentication
//! options), `names` derives safe file names from URLs, and `write`
//! puts it all on disk atomically. The map file itself is read by the WSDL loader
//! (`read::wsdl::url_map`), which needs it with or without the `fetch` feature.

#[cfg(feature = "fetch")]
mod connection;
#[cfg(feature = "fetch")]
mod crawl;
#[cfg(feature = "fetch")]
mod names;
#[cfg(feature = "fetch")]
mod run;
#[cfg(feature = "fetch")]
mod write;

pub use crate::read::wsdl::url_map::{MAP_FILE, UrlMap};
#[cfg(feature = "fetch")]
pub use connection::{Auth, Connection};
#[cfg(feature = "fetch")]
pub use crawl::Limits;
#[cfg(feature = "fetch")]
pub use run::{Saved, fetch};
