//! What the built-in transports do around each send, in one sequence for both:
//! interceptors → cookies → authentication → send → hooks → cookies from the response →
//! authentication challenge → retry.
//!
//! A transport with none of it set up sends directly: the plain path costs one branch.

use std::fmt;
#[cfg(feature = "async")]
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::auth::{Auth, AuthCall, AuthStep};
use super::config::Config;
use super::cookies::CookieJar;
use super::retry::RetryPolicy;
use super::wire::{self, Exchange};
use super::{HttpRequest, HttpResponse};
use crate::error::Error;

/// A function that may change a request before it is sent.
pub(crate) type Interceptor = Arc<dyn Fn(&mut HttpRequest) + Send + Sync>;
/// A function shown every exchange.
pub(crate) type Hook = Arc<dyn Fn(&Exchange) + Send + Sync>;

/// The stages a transport runs around its sends; `None` when it has none.
#[derive(Clone, Default)]
pub(crate) struct Pipeline(Option<Arc<Stages>>);

#[derive(Clone, Default)]
struct Stages {
    interceptors: Vec<Interceptor>,
    cookies: Option<Arc<CookieJar>>,
    auth: Option<Arc<Auth>>,
    hooks: Vec<Hook>,
    retry: Option<RetryPolicy>,
    /// Held for a whole call when the authentication binds a connection (NTLM), so that
    /// its handshake and the calls after it use the one pooled connection in turn.
    #[cfg(feature = "blocking")]
    connection_blocking: Arc<std::sync::Mutex<()>>,
    #[cfg(feature = "async")]
    connection_async: Arc<tokio::sync::Mutex<()>>,
}

impl Pipeline {
    fn edit(&mut self) -> &mut Stages {
        Arc::make_mut(self.0.get_or_insert_with(Default::default))
    }

    pub fn add_interceptor(&mut self, interceptor: Interceptor) {
        self.edit().interceptors.push(interceptor);
    }

    pub fn add_hook(&mut self, hook: Hook) {
        self.edit().hooks.push(hook);
    }

    pub fn set_cookie_store(&mut self) {
        self.edit().cookies = Some(Arc::default());
    }

    pub fn set_auth(&mut self, auth: Auth) {
        self.edit().auth = Some(Arc::new(auth));
    }

    pub fn set_retry(&mut self, policy: RetryPolicy) {
        self.edit().retry = Some(policy);
    }

    /// Whether the authentication binds a connection (NTLM): the HTTP client then keeps
    /// one idle connection per host, so the request after a challenge takes the connection
    /// that carried it (ureq hands out its oldest idle connection first, hyper its newest).
    pub fn binds_connection(&self) -> bool {
        self.0.as_ref().is_some_and(|s| s.binds_connection())
    }

    /// Sends `request` with `send` (one HTTP exchange) as many times as the stages say.
    #[cfg(feature = "blocking")]
    pub fn send_blocking(
        &self,
        config: &Config,
        operation: Option<&'static str>,
        request: HttpRequest,
        send: impl Fn(HttpRequest) -> Result<HttpResponse, Error>,
    ) -> Result<HttpResponse, Error> {
        let Some(stages) = &self.0 else { return send(request) };
        let _turn = stages
            .binds_connection()
            .then(|| stages.connection_blocking.lock().unwrap_or_else(|e| e.into_inner()));
        let mut run = Run::new(stages, config, operation, request);
        loop {
            let request = run.prepare();
            let sent = Instant::now();
            let result = send(request.clone());
            match run.after(&request, sent.elapsed(), result) {
                Step::Done(result) => return result,
                Step::Again => {}
                Step::Wait(delay) => std::thread::sleep(delay),
            }
        }
    }

    /// The async twin of `send_blocking`.
    #[cfg(feature = "async")]
    pub async fn send_async<F, Fut>(
        &self,
        config: &Config,
        operation: Option<&'static str>,
        request: HttpRequest,
        send: F,
    ) -> Result<HttpResponse, Error>
    where
        F: Fn(HttpRequest) -> Fut,
        Fut: Future<Output = Result<HttpResponse, Error>>,
    {
        let Some(stages) = &self.0 else { return send(request).await };
        let _turn = match stages.binds_connection() {
            true => Some(stages.connection_async.lock().await),
            false => None,
        };
        let mut run = Run::new(stages, config, operation, request);
        loop {
            let request = run.prepare();
            let sent = Instant::now();
            let result = send(request.clone()).await;
            match run.after(&request, sent.elapsed(), result) {
                Step::Done(result) => return result,
                Step::Again => {}
                Step::Wait(delay) => tokio::time::sleep(delay).await,
            }
        }
    }
}

impl Stages {
    fn binds_connection(&self) -> bool {
        self.auth.as_ref().is_some_and(|auth| auth.binds_connection())
    }
}

impl fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(s) = &self.0 else { return f.write_str("None") };
        f.debug_struct("Pipeline")
            .field("interceptors", &s.interceptors.len())
            .field("cookies", &s.cookies)
            .field("auth", &s.auth)
            .field("hooks", &s.hooks.len())
            .field("retry", &s.retry)
            .finish()
    }
}

enum Step {
    Done(Result<HttpResponse, Error>),
    Again,
    Wait(Duration),
}

/// One request through the stages.
struct Run<'a> {
    stages: &'a Stages,
    config: &'a Config,
    operation: Option<&'static str>,
    /// The request as the interceptors left it.
    request: HttpRequest,
    auth: AuthCall,
    sends: u32,
    tries: u32,
    started: Instant,
}

impl<'a> Run<'a> {
    fn new(
        stages: &'a Stages,
        config: &'a Config,
        operation: Option<&'static str>,
        mut request: HttpRequest,
    ) -> Self {
        for interceptor in &stages.interceptors {
            interceptor(&mut request);
        }
        Run {
            stages,
            config,
            operation,
            request,
            auth: AuthCall::default(),
            sends: 0,
            tries: 1,
            started: Instant::now(),
        }
    }

    /// The request to send next: cookies and credentials added.
    fn prepare(&mut self) -> HttpRequest {
        let mut request = self.request.clone();
        if let Some(cookie) =
            self.stages.cookies.as_ref().and_then(|jar| jar.header_for(&request.url))
        {
            match request.headers.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case("cookie")) {
                Some((_, value)) => {
                    value.push_str("; ");
                    value.push_str(&cookie);
                }
                None => request.headers.push(("Cookie".to_owned(), cookie)),
            }
        }
        if let Some(auth) = &self.stages.auth {
            if let Some(header) = self.auth.header(auth, request.method.as_str(), &request.url) {
                request.headers.retain(|(n, _)| !n.eq_ignore_ascii_case("authorization"));
                request.headers.push(("Authorization".to_owned(), header.expose().to_owned()));
            }
        }
        request
    }

    fn after(
        &mut self,
        request: &HttpRequest,
        elapsed: Duration,
        result: Result<HttpResponse, Error>,
    ) -> Step {
        self.sends += 1;
        if !self.stages.hooks.is_empty() {
            let exchange = self.exchange(request, elapsed, &result);
            for hook in &self.stages.hooks {
                hook(&exchange);
            }
        }
        if let (Some(jar), Ok(response)) = (&self.stages.cookies, &result) {
            jar.store(&request.url, response.headers_named("set-cookie"));
        }
        if let (Some(auth), Ok(response)) = (&self.stages.auth, &result) {
            match self.auth.on_response(auth, request.method.as_str(), &request.url, response) {
                AuthStep::Done => {}
                AuthStep::Again => return Step::Again,
                AuthStep::Fail(e) => return Step::Done(Err(e)),
            }
        }
        if let Some(policy) = &self.stages.retry {
            let delay = policy.next_delay(
                self.tries,
                self.started,
                self.operation,
                request.method,
                &result,
            );
            if let Some(delay) = delay {
                self.tries += 1;
                // A new connection: any handshake starts over.
                self.auth = AuthCall::default();
                return Step::Wait(delay);
            }
        }
        Step::Done(result)
    }

    fn exchange(
        &self,
        request: &HttpRequest,
        elapsed: Duration,
        result: &Result<HttpResponse, Error>,
    ) -> Exchange {
        let sent_headers = self
            .config
            .extra_headers()
            .chain(request.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        let (status, response_headers, response_body, error) = match result {
            Ok(r) => (
                Some(r.status),
                wire::mask_headers(r.headers.iter().map(|(n, v)| (n.as_str(), v.as_str()))),
                wire::shown_body(&r.body),
                None,
            ),
            Err(e) => (None, Vec::new(), String::new(), Some(e.to_string())),
        };
        Exchange {
            operation: self.operation,
            attempt: self.sends,
            method: request.method,
            url: super::redact::url(&request.url),
            request_headers: wire::mask_headers(sent_headers),
            request_body: wire::shown_body(&request.body),
            status,
            response_headers,
            response_body,
            error,
            elapsed,
        }
    }
}
