//! HTTP requests and responses, the [`Transport`] trait, the built-in transports, and
//! turning responses into typed results.
//!
//! A generated client has one method per operation, generic over its transport `T`, that
//! returns `T::Output<Response>`: a `Result` over a blocking transport ([`HttpTransport`],
//! [`Blocking`]), a future of one over an async transport (`AsyncHttpTransport`,
//! [`Async`]).
//!
//! Both built-in transports share their defaults: 10 s to connect, 60 s for a whole call,
//! response bodies up to 64 MiB after decompression (gzip, and deflate on the async one),
//! and redirects never followed (see [`Error::Http`]).

#[cfg(feature = "async")]
mod async_http;
#[cfg_attr(not(any(feature = "blocking", feature = "async")), allow(dead_code))]
pub(crate) mod auth;
#[cfg(feature = "blocking")]
mod blocking;
mod charset;
#[cfg_attr(not(any(feature = "blocking", feature = "async")), allow(dead_code))]
mod config;
#[cfg(any(feature = "blocking", feature = "async"))]
mod connect;
#[cfg_attr(not(any(feature = "blocking", feature = "async")), allow(dead_code))]
pub(crate) mod cookies;
mod custom;
mod form;
pub(crate) mod media_type;
mod message;
pub(crate) mod mtom;
mod parse;
#[cfg_attr(not(any(feature = "blocking", feature = "async")), allow(dead_code))]
mod pipeline;
mod redact;
mod response;
mod retry;
mod service_error;
mod trace;
#[cfg_attr(not(any(feature = "blocking", feature = "async")), allow(dead_code))]
pub(crate) mod wire;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

pub use crate::error::{TransportError, TransportErrorKind};
#[cfg(feature = "async")]
pub use async_http::AsyncHttpTransport;
#[cfg(feature = "blocking")]
pub use blocking::HttpTransport;
#[cfg(any(feature = "blocking", feature = "async"))]
pub use connect::Proxy;
pub use custom::{Async, Blocking, SendHttp, SendHttpAsync};
pub use form::{Form, form_request};
pub use message::{HttpRequest, HttpResponse, Method, soap_request, xml_request};
pub use parse::{parse_soap_response, parse_xml_response};
pub use response::{
    read_encoded_soap_response, read_soap_response, read_soap_response_with_headers,
    read_xml_response,
};
pub use retry::RetryPolicy;
pub use service_error::{FieldError, ResponseStatus, ServiceError};
pub use wire::Exchange;

use crate::error::Error;

/// What a call over an async transport returns: a boxed future owning everything it
/// needs, so it can be spawned.
pub type BoxFuture<R> = Pin<Box<dyn Future<Output = Result<R, Error>> + Send>>;

/// Carries a call's HTTP exchange. Generated clients are generic over it, so the same
/// generated method blocks over a blocking transport and returns a future over an async
/// one.
///
/// Write your own with [`SendHttp`] + [`Blocking`] or [`SendHttpAsync`] + [`Async`];
/// implementing this trait directly is only needed for a new kind of [`Output`](Self::Output).
pub trait Transport {
    /// What a call returns: `Result<R, Error>` (blocking) or a future of it (async).
    type Output<R: Send + 'static>;

    /// Sends `request` (already built; an `Err` is returned or yielded as is and nothing
    /// is sent) and parses the response with `parse`. `operation` names the operation for
    /// tracing, exchange hooks and the idempotent operations of a retry policy.
    fn call<R: Send + 'static>(
        &self,
        operation: &'static str,
        request: Result<HttpRequest, Error>,
        parse: fn(&HttpResponse) -> Result<R, Error>,
    ) -> Self::Output<R>;
}

impl<T: Transport + ?Sized> Transport for &T {
    type Output<R: Send + 'static> = T::Output<R>;

    fn call<R: Send + 'static>(
        &self,
        operation: &'static str,
        request: Result<HttpRequest, Error>,
        parse: fn(&HttpResponse) -> Result<R, Error>,
    ) -> Self::Output<R> {
        (**self).call(operation, request, parse)
    }
}

impl<T: Transport + ?Sized> Transport for Box<T> {
    type Output<R: Send + 'static> = T::Output<R>;

    fn call<R: Send + 'static>(
        &self,
        operation: &'static str,
        request: Result<HttpRequest, Error>,
        parse: fn(&HttpResponse) -> Result<R, Error>,
    ) -> Self::Output<R> {
        (**self).call(operation, request, parse)
    }
}

impl<T: Transport + ?Sized> Transport for Arc<T> {
    type Output<R: Send + 'static> = T::Output<R>;

    fn call<R: Send + 'static>(
        &self,
        operation: &'static str,
        request: Result<HttpRequest, Error>,
        parse: fn(&HttpResponse) -> Result<R, Error>,
    ) -> Self::Output<R> {
        (**self).call(operation, request, parse)
    }
}
