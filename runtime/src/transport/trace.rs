//! One `tracing` span per call (feature `tracing`), named `soap_call`, with the fields
//! `operation`, `endpoint` (scheme, host and path only), `status` and `duration_ms`, and
//! a `debug` event when the call ends naming its outcome (`ok`, `fault`, `http`, …).
//!
//! Never recorded: bodies, headers, query strings, user info or error messages, any of
//! which can carry credentials or personal data.
//!
//! Without the feature, [`CallSpan`] does nothing and costs nothing.

pub(crate) use imp::CallSpan;

#[cfg(feature = "tracing")]
mod imp {
    use std::future::Future;
    use std::time::Instant;

    use tracing::Instrument as _;

    use crate::error::Error;
    use crate::transport::redact;

    /// The span of one call.
    pub(crate) struct CallSpan {
        span: tracing::Span,
        started: Instant,
    }

    impl CallSpan {
        /// Opens the span of a call to `operation` at `url`.
        pub fn new(operation: &'static str, url: &str) -> Self {
            let span = tracing::info_span!(
                "soap_call",
                operation,
                endpoint = %redact::endpoint(url),
                status = tracing::field::Empty,
                duration_ms = tracing::field::Empty,
            );
            CallSpan { span, started: Instant::now() }
        }

        /// Runs `f` inside the span.
        pub fn in_scope<T>(&self, f: impl FnOnce() -> T) -> T {
            self.span.in_scope(f)
        }

        /// `future`, entering the span whenever it is polled.
        pub fn instrument<F: Future>(&self, future: F) -> impl Future<Output = F::Output> + use<F> {
            future.instrument(self.span.clone())
        }

        /// Records the response status, once there is one.
        pub fn status(&self, status: u16) {
            self.span.record("status", status);
        }

        /// Records the duration and the outcome of the call.
        pub fn finish<R>(&self, result: &Result<R, Error>) {
            let millis = self.started.elapsed().as_secs_f64() * 1000.0;
            self.span.record("duration_ms", millis);
            let outcome = match result {
                Ok(_) => "ok",
                Err(Error::Fault(_)) => "fault",
                Err(Error::Http { .. }) => "http",
                Err(Error::Service(_)) => "service_error",
                Err(Error::Transport(_)) => "transport",
                Err(Error::Xml(_)) => "xml",
                Err(Error::BodyTooLarge { .. }) => "body_too_large",
            };
            tracing::debug!(parent: &self.span, outcome, "SOAP call finished");
        }
    }
}

#[cfg(not(feature = "tracing"))]
mod imp {
    use std::future::Future;

    use crate::error::Error;

    /// Nothing: tracing is off.
    pub(crate) struct CallSpan;

    impl CallSpan {
        pub fn new(_operation: &'static str, _url: &str) -> Self {
            CallSpan
        }

        pub fn in_scope<T>(&self, f: impl FnOnce() -> T) -> T {
            f()
        }

        pub fn instrument<F: Future>(&self, future: F) -> F {
            future
        }

        pub fn status(&self, _status: u16) {}

        pub fn finish<R>(&self, _result: &Result<R, Error>) {}
    }
}
