//! Interoperability tests against SOAP stacks nobody here wrote.
//!
//! [`spyne`] and [`node`] start (once per test process) a real SOAP server: Python spyne 2.14
//! on wsgiref, or node-soap 1.13 on Node's http module, on 127.0.0.1 with an OS-chosen port.
//! Both serve the same operations (modelled on the seed pages in `samples/`) over SOAP 1.1 at
//! `/soap11`, SOAP 1.2 at `/soap12`, and both versions at `/InteropService.asmx` (told apart
//! by Content-Type, as ASP.NET does). [`zeep_calls`] calls operations with the Python client
//! zeep and reports the bytes it sent and what it read.
//!
//! For the connectivity tests, [`proxy::Tinyproxy`] starts a forward proxy and
//! [`tls::TlsServer`] the spyne service behind TLS (optionally requiring a client
//! certificate), with certificates made by [`tls::Ca`].
//!
//! The peers are installed on first use by `peers/setup.sh` into `interop/.peers/` (pinned
//! versions; a few milliseconds when already done), once per test process.
//!
//! A server exits when its stdin closes, so a test process that ends, panics or is killed
//! takes its servers with it; a [`Peer`] started on its own is also stopped when dropped.

pub mod capture;
pub mod field;
mod node_client;
mod peer;
pub mod process;
pub mod proxy;
mod spawn;
pub mod tls;
mod wsdl;
mod xsdata;
mod zeep;

pub use node_client::node_soap_calls;
pub use peer::{Peer, PeerKind, axis, metro, node, path, peers_dir, setup, spyne};
pub use soapgen_runtime::SoapVersion;
pub use wsdl::{http_get, normalise_wsdl};
pub use xsdata::xsdata_generate;
pub use zeep::{ZeepFault, ZeepResult, zeep_calls, zeep_load};

use std::path::{Path, PathBuf};

/// The namespace of the peers' service.
pub const NS: &str = "urn:soapgen:interop";

/// The AuthHeader the peers accept for `GetAccount`.
pub const HEADER_USER: &str = "admin";
/// See [`HEADER_USER`].
pub const HEADER_PASSWORD: &str = "s3cret";
/// The `authToken` `ResetPassword` accepts.
pub const AUTH_TOKEN: &str = "tok-123";

/// The path where both servers take both SOAP versions, as the help page in
/// `samples/interop_page` describes the service.
pub const ASMX_PATH: &str = "/InteropService.asmx";

/// `interop/`, this crate's directory.
pub fn interop_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A file of the repository's `samples/` folder, e.g. `interop_node/interop_node.wsdl`.
pub fn sample(rel: &str) -> PathBuf {
    interop_dir().join("..").join("samples").join(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_addresses() {
        let wsdl = r#"<a location="http://127.0.0.1:45123/soap11"/><b location="http://127.0.0.1:1/soap12" x="http://127.0.0.1:9/"/>"#;
        assert_eq!(
            normalise_wsdl(wsdl),
            r#"<a location="http://127.0.0.1:8080/soap11"/><b location="http://127.0.0.1:8080/soap12" x="http://127.0.0.1:9/"/>"#
        );
    }

    #[test]
    fn http_get_refuses_other_hosts() {
        assert!(http_get("http://example.invalid/x").is_err());
    }
}
