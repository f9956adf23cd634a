//! Building a SOAP request the way a generated client's settings say: the envelope with the
//! WS-Security and WS-Addressing headers and the operation's header blocks, sent plain or as
//! an MTOM/XOP package.

use std::fmt;

use super::{SoapVersion, addressing, write_envelope_parts};
use crate::error::Error;
use crate::transport::media_type::essence;
use crate::transport::{HttpRequest, mtom, soap_request};
use crate::wssecurity::UsernameToken;
use crate::xml::XmlWriter;

/// How a generated client's SOAP requests travel, beyond their envelope: a WS-Security
/// UsernameToken, WS-Addressing headers, MTOM. Every generated SOAP client holds one
/// (`with_ws_security`, `with_addressing`, `with_mtom` set it).
#[derive(Clone, Default)]
pub struct SoapOptions {
    ws_security: Option<UsernameToken>,
    addressing: bool,
    mtom: bool,
}

impl SoapOptions {
    /// These options with WS-Addressing on or off (see [`set_addressing`](Self::set_addressing)).
    pub fn with_addressing(mut self, yes: bool) -> Self {
        self.addressing = yes;
        self
    }

    /// Sets or clears the WS-Security `UsernameToken` sent with every call.
    pub fn set_ws_security(&mut self, token: Option<UsernameToken>) {
        self.ws_security = token;
    }

    /// The UsernameToken sent with every call, if any.
    pub fn ws_security(&self) -> Option<&UsernameToken> {
        self.ws_security.as_ref()
    }

    /// Sends WS-Addressing 1.0 headers (`Action`, a fresh `MessageID`, `To`, an anonymous
    /// `ReplyTo`) with every call, and checks that a reply's `RelatesTo` names the request.
    pub fn set_addressing(&mut self, yes: bool) {
        self.addressing = yes;
    }

    /// Whether WS-Addressing headers are sent.
    pub fn addressing(&self) -> bool {
        self.addressing
    }

    /// Sends `base64Binary` contents as MTOM/XOP attachments (`multipart/related`), and asks
    /// for MTOM responses (`Accept: application/xop+xml`). Responses in MTOM are read
    /// whether or not this is set.
    pub fn set_mtom(&mut self, yes: bool) {
        self.mtom = yes;
    }

    /// Whether requests use MTOM.
    pub fn mtom(&self) -> bool {
        self.mtom
    }
}

/// Shows what is set; the token's Debug hides its password.
impl fmt::Debug for SoapOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SoapOptions")
            .field("ws_security", &self.ws_security)
            .field("addressing", &self.addressing)
            .field("mtom", &self.mtom)
            .finish()
    }
}

/// One SOAP call's request to `url`: the envelope for `version` with the options' headers,
/// then what `headers` writes, and `body`. `action` is the SOAPAction (SOAP 1.1) or `action`
/// parameter (1.2); `addressing_action` the `wsa:Action` when the description gives one
/// (else `action`, else the empty string).
#[allow(clippy::too_many_arguments)]
pub fn soap_call(
    url: &str,
    version: SoapVersion,
    action: Option<&str>,
    addressing_action: Option<&str>,
    options: &SoapOptions,
    headers: &dyn Fn(&mut XmlWriter),
    body: &dyn Fn(&mut XmlWriter),
) -> Result<HttpRequest, Error> {
    let message_id = options.addressing.then(addressing::message_id);
    // With addressing, SOAPAction must be empty or equal wsa:Action (WS-Addressing SOAP
    // binding §3): send the addressing action in both.
    let wsa_action = addressing_action.filter(|a| !a.is_empty()).or(action).unwrap_or("");
    let action = if options.addressing { Some(wsa_action) } else { action };
    let header = |w: &mut XmlWriter| {
        if let Some(token) = &options.ws_security {
            token.write_header(w, version);
        }
        if let Some(id) = &message_id {
            addressing::write_headers(w, version, wsa_action, id, url);
        }
        headers(w);
    };
    let (envelope, attachments) = write_envelope_parts(version, Some(&header), body, options.mtom)?;
    let mut request = soap_request(url, version, action, envelope);
    if options.mtom {
        let accept = format!("application/xop+xml, {}", essence(version.content_type()));
        request.headers.push(("Accept".to_owned(), accept));
    }
    if !attachments.is_empty() {
        mtom::package(&mut request, version, action, &attachments);
    }
    Ok(request)
}
