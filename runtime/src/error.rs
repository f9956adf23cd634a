//! `Error`: everything a generated client call can fail with.

use std::fmt;

use crate::soap::Fault;
use crate::transport::ServiceError;
use crate::xml::XmlError;

/// Why a SOAP or XML call failed.
///
/// `Display` never includes request bodies, and includes response bodies only through the
/// fields of [`Error::Http`] and [`Error::Fault`], not their messages.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be sent or the response not received: connection, timeout,
    /// TLS or I/O failure.
    Transport(TransportError),
    /// The server answered with a non-success status and no SOAP fault, or with a
    /// redirect, which the transports never follow for a SOAP POST.
    Http {
        /// The HTTP status code.
        status: u16,
        /// The response's Content-Type, if any.
        content_type: Option<String>,
        /// The first 4 KiB of the response body, decoded as lossy UTF-8 (empty for a
        /// redirect, whose body is not read).
        body: String,
        /// For a redirect, where the server pointed: its `Location` as sent, without user
        /// info or query string (which may carry credentials).
        location: Option<String>,
    },
    /// The server answered with a SOAP fault (boxed to keep `Result<T, Error>` small).
    Fault(Box<Fault>),
    /// A plain-XML (ServiceStack) service answered with a non-success status and the
    /// operation's response DTO as the body: parsed, with its `ResponseStatus` and the raw
    /// body.
    Service(Box<ServiceError>),
    /// The response body was malformed or not what the service describes, or the request
    /// could not be written.
    Xml(XmlError),
    /// The response body was larger than the transport's limit.
    BodyTooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Transport(e) => write!(f, "transport error: {e}"),
            Error::Http { status, content_type, location, .. } => {
                write!(f, "HTTP status {status}")?;
                if let Some(content_type) = content_type {
                    write!(f, " ({content_type})")?;
                }
                if let Some(location) = location {
                    write!(
                        f,
                        ": redirect to {location} not followed (a SOAP request is not re-sent \
                         to another URL; set the endpoint to it if it is trusted)"
                    )?;
                }
                Ok(())
            }
            Error::Fault(fault) => fault.fmt(f),
            Error::Service(e) => e.fmt(f),
            Error::Xml(e) => write!(f, "XML error: {e}"),
            Error::BodyTooLarge { limit } => {
                write!(f, "response body larger than the limit of {limit} bytes")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(e) => Some(e),
            Error::Fault(f) => Some(f.as_ref()),
            Error::Xml(e) => Some(e),
            Error::Http { .. } | Error::Service(_) | Error::BodyTooLarge { .. } => None,
        }
    }
}

impl From<XmlError> for Error {
    fn from(e: XmlError) -> Self {
        Error::Xml(e)
    }
}

impl From<TransportError> for Error {
    fn from(e: TransportError) -> Self {
        Error::Transport(e)
    }
}

/// A failure to exchange an HTTP request and response. The message names the host, never
/// the full URL, headers or body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
}

/// What kind of transport failure happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (refused, unreachable, host not found).
    Connect,
    /// A configured timeout expired.
    Timeout,
    /// TLS failed (handshake, certificate).
    Tls,
    /// The request itself was unusable (bad URL, bad header).
    InvalidRequest,
    /// The connection broke or the server spoke broken HTTP.
    Io,
    /// A transport setting could not be used (a proxy URL, a certificate or key in PEM).
    Config,
    /// The proxy answered 407: it wants credentials, or other ones.
    ProxyAuth,
    /// The server refused the credentials after the Digest or NTLM handshake, or asked for
    /// an authentication the transport is not set up for.
    Auth,
}

impl TransportError {
    /// A transport error of `kind`; `message` must not contain secrets.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError { kind, message: message.into() }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TransportError {}
