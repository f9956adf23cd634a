//! The router on HTTP/1.1 (hyper, tokio), and a mock server for tests that runs its own
//! runtime thread, so blocking tests can use it too.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use super::{MAX_BODY, Router, ServerRequest, ServerResponse};

impl Router {
    /// Serves the router on `listener` until the future is dropped, one task per connection.
    pub async fn serve(self, listener: TcpListener) -> std::io::Result<()> {
        self.serve_with(listener, Arc::new(Hooks::default())).await
    }

    async fn serve_with(self, listener: TcpListener, hooks: Arc<Hooks>) -> std::io::Result<()> {
        loop {
            let (stream, _) = listener.accept().await?;
            let router = self.clone();
            let hooks = hooks.clone();
            tokio::spawn(async move {
                let service = service_fn(move |request| {
                    let router = router.clone();
                    let hooks = hooks.clone();
                    async move { Ok::<_, Infallible>(answer(&router, &hooks, request).await) }
                });
                // A client that goes away mid-request is its business, not the server's.
                let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
            });
        }
    }
}

/// What a mock records and replays.
#[derive(Default)]
struct Hooks {
    recorded: Mutex<Vec<ServerRequest>>,
    replay: Mutex<Option<ServerResponse>>,
}

async fn answer(
    router: &Router,
    hooks: &Hooks,
    request: hyper::Request<Incoming>,
) -> hyper::Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, MAX_BODY).collect().await {
        Ok(body) => body.to_bytes().to_vec(),
        Err(_) => return response(&ServerResponse::text(413, "request body too large")),
    };
    let request = ServerRequest {
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().unwrap_or("").to_owned(),
        headers: parts
            .headers
            .iter()
            .map(|(n, v)| {
                (n.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned())
            })
            .collect(),
        body,
    };
    hooks.recorded.lock().unwrap_or_else(PoisonError::into_inner).push(request.clone());
    let replay = hooks.replay.lock().unwrap_or_else(PoisonError::into_inner).clone();
    match replay {
        Some(canned) => response(&canned),
        None => response(&router.handle(&request).await),
    }
}

fn response(r: &ServerResponse) -> hyper::Response<Full<Bytes>> {
    hyper::Response::builder()
        .status(r.status)
        .header("content-type", r.content_type.as_str())
        .body(Full::new(Bytes::from(r.body.clone())))
        .unwrap_or_else(|_| hyper::Response::new(Full::new(Bytes::new())))
}

/// A router served on `127.0.0.1` on a port of the OS's choosing, on a runtime thread of its
/// own: for tests, blocking or async. Records every request; can answer every later request
/// with a canned reply instead ([`replay`](Self::replay)). Stops when dropped.
pub struct MockServer {
    address: SocketAddr,
    path: String,
    hooks: Arc<Hooks>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer").field("address", &self.address).finish_non_exhaustive()
    }
}

impl MockServer {
    /// Starts serving `router`.
    ///
    /// # Panics
    /// If no runtime or socket can be had (a test environment problem).
    pub fn start(router: Router) -> MockServer {
        let hooks = Arc::new(Hooks::default());
        let path = router.path().to_owned();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (ready, address) = std::sync::mpsc::channel();
        let served = hooks.clone();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a tokio runtime for the mock server");
            runtime.block_on(async move {
                let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
                let _ = ready.send(listener.local_addr().expect("the bound address"));
                tokio::select! {
                    _ = router.serve_with(listener, served) => {}
                    _ = stopped => {}
                }
            });
        });
        let address = address.recv().expect("the mock server started");
        MockServer { address, path, hooks, stop: Some(stop), thread: Some(thread) }
    }

    /// `http://127.0.0.1:PORT` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// The URL the router answers on: the server's address and the router's path.
    pub fn endpoint(&self) -> String {
        self.url(&self.path)
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<ServerRequest> {
        self.hooks.recorded.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Answers every later request with `status`, `content_type` and `body` as given, for
    /// replies the contract cannot express (a proxy's HTML page, a truncated envelope);
    /// `None` goes back to the router.
    pub fn replay(&self, canned: Option<(u16, &str, &str)>) {
        let canned = canned.map(|(status, content_type, body)| ServerResponse {
            status,
            content_type: content_type.into(),
            body: body.into(),
        });
        *self.hooks.replay.lock().unwrap_or_else(PoisonError::into_inner) = canned;
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
