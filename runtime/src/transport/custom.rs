//! Plugging in your own HTTP stack: implement [`SendHttp`] (blocking) or
//! [`SendHttpAsync`], wrap it in [`Blocking`] or [`Async`], and hand that to a client.

use std::future::Future;
use std::sync::Arc;

use super::parse::check_relates_to;
use super::trace::CallSpan;
use super::{BoxFuture, HttpRequest, HttpResponse, Transport};
use crate::error::Error;
use crate::soap::addressing;

/// Sends one HTTP request and waits for the response: the part of a blocking transport
/// that is yours to write. Wrap it in [`Blocking`] to get a [`Transport`].
///
/// Return every response, whatever its status (SOAP faults come with 500); return an
/// error only when no response was had. Keep secrets out of error messages.
///
/// # Example
///
/// A transport that adds a signature header and sends with the built-in one:
///
/// ```
/// use soapgen_runtime::transport::{Blocking, HttpRequest, HttpResponse, SendHttp};
/// use soapgen_runtime::{Error, HttpTransport};
///
/// struct Signed {
///     inner: HttpTransport,
///     key: String,
/// }
///
/// impl SendHttp for Signed {
///     fn send(&self, mut request: HttpRequest) -> Result<HttpResponse, Error> {
///         let signature = format!("{}:{}", self.key.len(), request.body.len());
///         request.headers.push(("X-Signature".into(), signature));
///         self.inner.send(request)
///     }
/// }
///
/// let transport = Blocking(Signed { inner: HttpTransport::new(), key: "k".into() });
/// // let client = SomeServiceClient::with_transport(transport);
/// # let _ = transport;
/// ```
///
/// Closures work too, which makes a canned transport for tests one line:
///
/// ```
/// use soapgen_runtime::transport::{Blocking, HttpRequest, HttpResponse};
/// use soapgen_runtime::Error;
///
/// let canned = Blocking(|_: HttpRequest| -> Result<HttpResponse, Error> {
///     Ok(HttpResponse::new(200, None, b"<ok/>".to_vec()))
/// });
/// # let _ = canned;
/// ```
pub trait SendHttp {
    /// Sends `request` and returns the response, whatever its status.
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, Error>;
}

impl<F: Fn(HttpRequest) -> Result<HttpResponse, Error>> SendHttp for F {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        self(request)
    }
}

/// A blocking [`Transport`] made of a [`SendHttp`]: calls return `Result<R, Error>`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Blocking<S>(pub S);

impl<S: SendHttp> Transport for Blocking<S> {
    type Output<R: Send + 'static> = Result<R, Error>;

    fn call<R: Send + 'static>(
        &self,
        operation: &'static str,
        request: Result<HttpRequest, Error>,
        parse: fn(&HttpResponse) -> Result<R, Error>,
    ) -> Result<R, Error> {
        call_blocking(operation, request, |request| self.0.send(request), parse)
    }
}

/// A blocking call: send, then parse, inside the call's span.
pub(crate) fn call_blocking<R>(
    operation: &'static str,
    request: Result<HttpRequest, Error>,
    send: impl FnOnce(HttpRequest) -> Result<HttpResponse, Error>,
    parse: fn(&HttpResponse) -> Result<R, Error>,
) -> Result<R, Error> {
    let request = request?;
    let span = CallSpan::new(operation, &request.url);
    let message_id = addressing::request_message_id(&request.body).map(str::to_owned);
    let result = span.in_scope(|| {
        let response = send(request)?;
        span.status(response.status);
        if let Some(id) = &message_id {
            check_relates_to(&response, id)?;
        }
        parse(&response)
    });
    span.finish(&result);
    result
}

/// Sends one HTTP request asynchronously: the part of an async transport that is yours to
/// write. Wrap it in [`Async`] to get a [`Transport`] whose calls return futures.
///
/// The same rules as [`SendHttp`]: every response is returned, whatever its status.
///
/// # Example
///
/// ```
/// use std::future::Future;
/// use soapgen_runtime::transport::{Async, HttpRequest, HttpResponse, SendHttpAsync};
/// use soapgen_runtime::Error;
///
/// /// Answers every call from memory, e.g. in tests.
/// struct Canned(Vec<u8>);
///
/// impl SendHttpAsync for Canned {
///     fn send(
///         &self,
///         _request: HttpRequest,
///     ) -> impl Future<Output = Result<HttpResponse, Error>> + Send {
///         let body = self.0.clone();
///         async move { Ok(HttpResponse::new(200, None, body)) }
///     }
/// }
///
/// let transport = Async::new(Canned(b"<ok/>".to_vec()));
/// // let client = SomeServiceClient::with_transport(transport);
/// // let response = client.some_operation(&request).await?;
/// # let _ = transport;
/// ```
pub trait SendHttpAsync: Send + Sync + 'static {
    /// Sends `request` and resolves to the response, whatever its status.
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, Error>> + Send;
}

/// An async [`Transport`] made of a [`SendHttpAsync`]: calls return a [`BoxFuture`] that
/// owns what it needs (a clone of the `Arc`), so it can be spawned.
#[derive(Debug, Default)]
pub struct Async<S>(Arc<S>);

impl<S> Async<S> {
    /// Wraps `sender`.
    pub fn new(sender: S) -> Self {
        Async(Arc::new(sender))
    }

    /// The wrapped sender.
    pub fn sender(&self) -> &S {
        &self.0
    }
}

impl<S> Clone for Async<S> {
    fn clone(&self) -> Self {
        Async(Arc::clone(&self.0))
    }
}

impl<S: SendHttpAsync> Transport for Async<S> {
    type Output<R: Send + 'static> = BoxFuture<R>;

    fn call<R: Send + 'static>(
        &self,
        operation: &'static str,
        request: Result<HttpRequest, Error>,
        parse: fn(&HttpResponse) -> Result<R, Error>,
    ) -> BoxFuture<R> {
        let sender = Arc::clone(&self.0);
        call_async(
            operation,
            request,
            parse,
            move |request| async move { sender.send(request).await },
        )
    }
}

/// An async call: a future that sends with `send`, then parses, inside the call's span.
pub(crate) fn call_async<R, F>(
    operation: &'static str,
    request: Result<HttpRequest, Error>,
    parse: fn(&HttpResponse) -> Result<R, Error>,
    send: impl FnOnce(HttpRequest) -> F + Send + 'static,
) -> BoxFuture<R>
where
    R: Send + 'static,
    F: Future<Output = Result<HttpResponse, Error>> + Send + 'static,
{
    let request = match request {
        Ok(request) => request,
        Err(e) => return Box::pin(std::future::ready(Err(e))),
    };
    let span = CallSpan::new(operation, &request.url);
    let message_id = addressing::request_message_id(&request.body).map(str::to_owned);
    let call = span.instrument(send(request));
    Box::pin(async move {
        let result = match call.await {
            Ok(response) => {
                span.status(response.status);
                let related = match &message_id {
                    Some(id) => check_relates_to(&response, id),
                    None => Ok(()),
                };
                related.and_then(|()| span.in_scope(|| parse(&response)))
            }
            Err(e) => Err(e),
        };
        span.finish(&result);
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::soap::{SoapOptions, SoapVersion, soap_call};

    fn reply(relates_to: &str) -> HttpResponse {
        let body = format!(
            r#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Header><RelatesTo xmlns="http://www.w3.org/2005/08/addressing">{relates_to}</RelatesTo></S:Header><S:Body><r/></S:Body></S:Envelope>"#
        );
        HttpResponse::new(200, Some("text/xml".into()), body.into_bytes())
    }

    fn parse(_: &HttpResponse) -> Result<(), Error> {
        Ok(())
    }

    /// A reply that relates to another message is refused; the right one, and one without
    /// RelatesTo, pass; requests without addressing are never checked.
    #[test]
    fn replies_must_relate_to_the_request() {
        let options = SoapOptions::default().with_addressing(true);
        let request = soap_call(
            "http://h/s",
            SoapVersion::Soap11,
            Some(""),
            Some("urn:a"),
            &options,
            &|_| {},
            &|_| {},
        )
        .unwrap();
        let id = addressing::request_message_id(&request.body).unwrap().to_owned();
        let call = |response: HttpResponse| {
            call_blocking("op", Ok(request.clone()), move |_| Ok(response), parse)
        };
        assert!(call(reply(&id)).is_ok());
        assert!(
            call(HttpResponse::new(
                200,
                None,
                b"<S:Envelope xmlns:S=\"x\"><S:Body/></S:Envelope>".to_vec()
            ))
            .is_ok()
        );
        let Err(Error::Xml(e)) = call(reply("urn:uuid:other")) else {
            panic!("a foreign reply passed")
        };
        assert!(
            e.to_string().contains("relates to [\"urn:uuid:other\"], not to this request"),
            "{e}"
        );
        let plain = soap_call(
            "http://h/s",
            SoapVersion::Soap11,
            None,
            None,
            &SoapOptions::default(),
            &|_| {},
            &|_| {},
        );
        assert!(call_blocking("op", plain, |_| Ok(reply("urn:uuid:other")), parse).is_ok());
    }
}
