//! A fault a handler answers with: who is to blame (the client or the server), a reason,
//! and optionally a detail element (a declared, typed fault).

use crate::soap::SoapVersion;
use crate::xml::{XmlWrite, XmlWriter};

/// A SOAP fault to send: `Client`/`Sender` or `Server`/`Receiver`, a reason and an optional
/// detail element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerFault {
    /// The client's fault (`soap:Client` / `Sender`), else the server's.
    pub client: bool,
    /// The human-readable reason.
    pub reason: String,
    /// The detail's content (one element, written), if any.
    pub detail: Option<String>,
}

impl ServerFault {
    /// A fault of the client's making (bad request).
    pub fn client(reason: impl Into<String>) -> Self {
        ServerFault { client: true, reason: reason.into(), detail: None }
    }

    /// A fault of the server's making.
    pub fn server(reason: impl Into<String>) -> Self {
        ServerFault { client: false, reason: reason.into(), detail: None }
    }

    /// What a handler the service did not implement answers.
    pub fn not_implemented(operation: &str) -> Self {
        ServerFault::server(format!("operation {operation} is not implemented"))
    }

    /// This fault with `value` as its detail, the element `local` in `ns` (a declared fault).
    pub fn with_detail(mut self, ns: &str, local: &str, value: &dyn XmlWrite) -> Self {
        let mut w = XmlWriter::new();
        value.write_xml(&mut w, ns, local);
        self.detail = w.finish().ok();
        self
    }

    /// The whole fault envelope in `version`.
    pub fn envelope(&self, version: SoapVersion) -> String {
        let prefix = version.prefix();
        let name = |local: &str| format!("{prefix}:{local}");
        let body = |w: &mut XmlWriter| {
            w.start_prefixed(&name("Fault"));
            match version {
                SoapVersion::Soap11 => {
                    let code = name(if self.client { "Client" } else { "Server" });
                    w.start_prefixed("faultcode");
                    w.text(&code);
                    w.end("faultcode");
                    w.start_prefixed("faultstring");
                    w.text(&self.reason);
                    w.end("faultstring");
                    if let Some(detail) = &self.detail {
                        w.start_prefixed("detail");
                        w.raw(detail);
                        w.end("detail");
                    }
                }
                SoapVersion::Soap12 => {
                    let code = name(if self.client { "Sender" } else { "Receiver" });
                    w.start_prefixed(&name("Code"));
                    w.start_prefixed(&name("Value"));
                    w.text(&code);
                    w.end(&name("Value"));
                    w.end(&name("Code"));
                    w.start_prefixed(&name("Reason"));
                    w.start_prefixed(&name("Text"));
                    w.attr_ns(crate::xml::XML_NS, "lang", "en");
                    w.text(&self.reason);
                    w.end(&name("Text"));
                    w.end(&name("Reason"));
                    if let Some(detail) = &self.detail {
                        w.start_prefixed(&name("Detail"));
                        w.raw(detail);
                        w.end(&name("Detail"));
                    }
                }
            }
            w.end(&name("Fault"));
        };
        // Writing a fault of plain text cannot fail but for characters XML cannot carry.
        crate::soap::write_envelope(version, None, &body).unwrap_or_else(|_| {
            ServerFault::server("the fault could not be written").envelope(version)
        })
    }
}
