//! The runtime every soapgen-generated SOAP client compiles against.
//!
//! - [`xml`]: a namespace-aware writer ([`XmlWriter`]) and pull reader ([`XmlReader`]),
//!   and the [`XmlWrite`] / [`XmlRead`] traits generated types implement.
//! - [`value`]: XML Schema scalar types and their lexical forms ([`XmlValue`]).
//! - [`soap`]: SOAP 1.1 / 1.2 envelopes and faults, and plain XML documents.
//! - [`transport`]: HTTP requests and responses, the [`Transport`] trait and, with the
//!   default `blocking` feature, [`HttpTransport`].
//!
//! Errors reaching the caller are [`Error`]s; XML problems are [`XmlError`]s with line,
//! column and element path. Neither ever contains request bodies or document values.
#![deny(missing_docs)]

mod error;
#[doc(hidden)]
pub mod fuzzing;
mod secret;
#[cfg(feature = "server")]
pub mod server;
pub mod soap;
pub mod transport;
pub mod value;
pub mod wssecurity;
pub mod xml;

pub use error::{Error, TransportError, TransportErrorKind};

/// The result of a call, a request builder or a response parser.
pub type Result<T, E = Error> = std::result::Result<T, E>;
pub use secret::Secret;
pub use soap::{Fault, SoapOptions, SoapVersion};
#[cfg(feature = "async")]
pub use transport::AsyncHttpTransport;
#[cfg(feature = "blocking")]
pub use transport::HttpTransport;
#[cfg(any(feature = "blocking", feature = "async"))]
pub use transport::Proxy;
pub use transport::{HttpRequest, HttpResponse, Transport};
pub use value::{
    Base64Binary, Date, DateTime, Decimal, Duration, Guid, HexBinary, QName, Time, TzOffset,
    ValueError, XmlValue,
};
pub use xml::{
    AnyElement, Limits, RawXml, StartTag, XmlError, XmlRead, XmlReader, XmlWrite, XmlWriter,
};
