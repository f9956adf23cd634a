//! The generated spyne client through a real forward proxy (tinyproxy, started per test on
//! 127.0.0.1 with a generated configuration), over both transports: plain HTTP forwarded,
//! HTTPS tunnelled with CONNECT, Basic proxy authentication right, missing and wrong, and the
//! proxy environment variables (in child processes, since the environment is process-wide).
//!
//! That a call really went through the proxy is read from tinyproxy's own log, which has a
//! `Request` line naming the target (`POST http://127.0.0.1:PORT/soap11`, or
//! `CONNECT 127.0.0.1:PORT` for a tunnel).

use std::future::Future;
use std::process::Command;

use interop::SoapVersion;
use interop::proxy::Tinyproxy;
use interop::tls::{Ca, TlsRelay, TlsServer};
use interop_spyne11::{Echo, InteropServiceClient};
use soapgen_runtime::{AsyncHttpTransport, Error, HttpTransport, Proxy, TransportErrorKind};

/// The proxy password: it must never be shown.
pub(super) const CANARY: &str = "canary-Pr0xy-Pa55";

/// Echo through the generated client, blocking.
pub(super) fn echo_blocking(transport: HttpTransport, endpoint: &str) -> Result<String, Error> {
    let client = InteropServiceClient::with_transport(transport).with_endpoint(endpoint);
    let reply = client.echo(&Echo { text: Some("through".into()), nullable: None })?;
    Ok(reply.echo_result.and_then(|r| r.text).unwrap_or_default())
}

/// Echo through the generated client, async.
pub(super) async fn echo_async(
    transport: AsyncHttpTransport,
    endpoint: &str,
) -> Result<String, Error> {
    let client = InteropServiceClient::with_transport(transport).with_endpoint(endpoint);
    let reply = client.echo(&Echo { text: Some("through".into()), nullable: None }).await?;
    Ok(reply.echo_result.and_then(|r| r.text).unwrap_or_default())
}

pub(super) fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(future)
}

/// The error's `Display` and `Debug`, checked to hold no `secrets`.
pub(super) fn shown(e: &Error, secrets: &[&str]) -> String {
    let shown = format!("{e}\n{e:?}");
    for secret in secrets {
        assert!(!shown.contains(secret), "a secret in an error: {shown}");
    }
    shown
}

fn kind(e: &Error) -> Option<TransportErrorKind> {
    match e {
        Error::Transport(t) => Some(t.kind()),
        _ => None,
    }
}

fn spyne_endpoint() -> String {
    interop::spyne().endpoint(SoapVersion::Soap11)
}

fn spyne_host() -> String {
    format!("127.0.0.1:{}", interop::spyne().port())
}

#[test]
fn calls_go_through_a_proxy() {
    let proxy = Tinyproxy::start(None);
    let endpoint = spyne_endpoint();
    let via = || Proxy::new(&proxy.url()).unwrap();

    let value = echo_blocking(HttpTransport::new().with_proxy(via()), &endpoint).unwrap();
    assert_eq!(value, "through");
    // ureq tunnels plain HTTP too.
    let seen = proxy.requests_to(&spyne_host());
    assert_eq!(seen.len(), 1, "{}", proxy.log());
    assert!(seen[0].contains("CONNECT"), "{seen:?}");

    let value = block_on(echo_async(AsyncHttpTransport::new().with_proxy(via()), &endpoint));
    assert_eq!(value.unwrap(), "through");
    // reqwest forwards it.
    let seen = proxy.requests_to(&spyne_host());
    assert_eq!(seen.len(), 2, "{}", proxy.log());
    assert!(seen[1].contains(&format!("POST {endpoint}")), "{seen:?}");
}

#[test]
fn proxy_authentication_right_missing_and_wrong() {
    let proxy = Tinyproxy::start(Some(("alice", CANARY)));
    let endpoint = spyne_endpoint();
    let wrong = "wrong-canary-Pa55";
    let secrets = [CANARY, wrong];
    let with_creds = Proxy::new(&proxy.url()).unwrap().with_credentials("alice", CANARY);
    // The same credentials in the URL.
    let in_url = Proxy::new(&format!("http://alice:{CANARY}@{}", proxy.host())).unwrap();
    let without = Proxy::new(&proxy.url()).unwrap();
    let wrong_creds = Proxy::new(&proxy.url()).unwrap().with_credentials("alice", wrong);

    for (name, proxy_setting) in [("with_credentials", &with_creds), ("URL", &in_url)] {
        let blocking = HttpTransport::new().with_proxy(proxy_setting.clone());
        let debug = format!("{blocking:?} {proxy_setting:?}");
        assert!(!debug.contains(CANARY), "{debug}");
        assert_eq!(echo_blocking(blocking, &endpoint).unwrap(), "through", "{name}");
        let asynchronous = AsyncHttpTransport::new().with_proxy(proxy_setting.clone());
        assert!(!format!("{asynchronous:?}").contains(CANARY));
        assert_eq!(block_on(echo_async(asynchronous, &endpoint)).unwrap(), "through", "{name}");
    }
    assert_eq!(proxy.requests_to(&spyne_host()).len(), 4, "{}", proxy.log());

    // Missing credentials: 407, forwarded (plain HTTP on reqwest) or to CONNECT.
    let errors = [
        ("blocking", echo_blocking(HttpTransport::new().with_proxy(without.clone()), &endpoint)),
        (
            "async",
            block_on(echo_async(AsyncHttpTransport::new().with_proxy(without.clone()), &endpoint)),
        ),
    ];
    for (transport, outcome) in errors {
        let e = outcome.expect_err("no credentials");
        let text = shown(&e, &secrets);
        assert_eq!(kind(&e), Some(TransportErrorKind::ProxyAuth), "{transport}: {text}");
        assert!(
            text.contains("proxy authentication required")
                && text.contains(&format!("the proxy {} answered 407", proxy.host())),
            "{transport}: {text}"
        );
    }

    // Wrong credentials: tinyproxy 1.11 answers 401 (not 407). To CONNECT (blocking always
    // tunnels) that is still the proxy's refusal.
    let e = echo_blocking(HttpTransport::new().with_proxy(wrong_creds.clone()), &endpoint)
        .expect_err("wrong credentials");
    let text = shown(&e, &secrets);
    assert_eq!(kind(&e), Some(TransportErrorKind::ProxyAuth), "{text}");
    assert!(text.contains(&format!("the proxy {} answered 401", proxy.host())), "{text}");
    // reqwest forwards plain HTTP, and a forwarded 401 could be the server's own: it stays
    // an HTTP error with the proxy's page, or, as tinyproxy closes without reading the
    // request body, a reset connection.
    let e = block_on(echo_async(AsyncHttpTransport::new().with_proxy(wrong_creds), &endpoint))
        .expect_err("wrong credentials");
    let text = shown(&e, &secrets);
    let as_http =
        matches!(&e, Error::Http { status: 401, body, .. } if body.contains("Unauthorized"));
    assert!(as_http || kind(&e) == Some(TransportErrorKind::Io), "{text}");
}

#[test]
fn proxy_refusing_https_tunnels_is_clear() {
    let ca = Ca::new("soapgen proxy test CA");
    let server = TlsServer::start(&ca.server(&["127.0.0.1"], false), None);
    let proxy = Tinyproxy::start(Some(("alice", CANARY)));
    let endpoint = server.url("/soap11");
    let roots = ca.cert_pem.as_bytes();
    let wrong = "wrong-canary-Pa55";
    for (name, via) in [
        ("no credentials", Proxy::new(&proxy.url()).unwrap()),
        ("wrong credentials", Proxy::new(&proxy.url()).unwrap().with_credentials("alice", wrong)),
    ] {
        let blocking =
            HttpTransport::new().with_proxy(via.clone()).with_root_certificates_pem(roots);
        let asynchronous =
            AsyncHttpTransport::new().with_proxy(via).with_root_certificates_pem(roots);
        let errors = [
            ("blocking", echo_blocking(blocking.unwrap(), &endpoint)),
            ("async", block_on(echo_async(asynchronous.unwrap(), &endpoint))),
        ];
        for (transport, outcome) in errors {
            let e = outcome.expect_err(name);
            let text = shown(&e, &[CANARY, wrong]);
            let proxy_named = text.contains(&format!("the proxy {}", proxy.host()));
            // hyper-util reports only 407 by status; any other refusal is "unsuccessful".
            let clear = text.contains("proxy authentication required")
                || text.contains("refused to open a tunnel");
            assert!(proxy_named && clear, "{transport} {name}: {text}");
        }
    }
}

#[test]
fn https_is_tunnelled_through_the_proxy() {
    let ca = Ca::new("soapgen proxy test CA");
    let server = TlsServer::start(&ca.server(&["127.0.0.1"], false), None);
    let proxy = Tinyproxy::start(Some(("alice", CANARY)));
    let via = || Proxy::new(&proxy.url()).unwrap().with_credentials("alice", CANARY);
    let endpoint = server.url("/soap11");
    let roots = ca.cert_pem.as_bytes();

    let blocking = HttpTransport::new().with_proxy(via()).with_root_certificates_pem(roots);
    assert_eq!(echo_blocking(blocking.unwrap(), &endpoint).unwrap(), "through");
    let asynchronous =
        AsyncHttpTransport::new().with_proxy(via()).with_root_certificates_pem(roots).unwrap();
    assert_eq!(block_on(echo_async(asynchronous, &endpoint)).unwrap(), "through");
    let seen = proxy.requests_to(&server.host());
    assert_eq!(seen.len(), 2, "{}", proxy.log());
    assert!(seen.iter().all(|line| line.contains("CONNECT")), "{seen:?}");
}

/// An `https://` proxy (TLS to the proxy itself, then CONNECT inside it): tinyproxy behind a
/// TLS terminator whose certificate the transports trust through the added root.
#[test]
fn through_an_https_proxy() {
    let ca = Ca::new("soapgen proxy test CA");
    let server = TlsServer::start(&ca.server(&["127.0.0.1"], false), None);
    let proxy = Tinyproxy::start(Some(("alice", CANARY)));
    let relay = TlsRelay::start(&ca.server(&["127.0.0.1"], false), proxy.port());
    let via = || Proxy::new(&relay.url()).unwrap().with_credentials("alice", CANARY);
    let roots = ca.cert_pem.as_bytes();
    for endpoint in [server.url("/soap11"), spyne_endpoint()] {
        let blocking = HttpTransport::new().with_proxy(via()).with_root_certificates_pem(roots);
        assert_eq!(echo_blocking(blocking.unwrap(), &endpoint).unwrap(), "through", "{endpoint}");
        let asynchronous =
            AsyncHttpTransport::new().with_proxy(via()).with_root_certificates_pem(roots);
        let value = block_on(echo_async(asynchronous.unwrap(), &endpoint));
        assert_eq!(value.unwrap(), "through", "{endpoint}");
    }
    assert_eq!(proxy.requests_to(&server.host()).len(), 2, "{}", proxy.log());
    assert_eq!(proxy.requests_to(&spyne_host()).len(), 2, "{}", proxy.log());
}

// --- the environment, in child processes ----------------------------------------------------

const PARENT_TEST: &str = "connectivity::proxy::env_proxies_are_honoured";

/// Set in a child process: the test it runs does its child half (no test is `#[ignore]`d
/// for this, so `--include-ignored` runs stay meaningful).
const CHILD_MARKER: &str = "SOAPGEN_CHILD_TEST";

/// Whether this process is a child started by [`run_child`] for `test`.
pub(super) fn in_child(test: &str) -> bool {
    std::env::var(CHILD_MARKER).is_ok_and(|t| t == test)
}

/// Runs `test` again in a child process of this test binary with `env` (and no proxy
/// variable it does not set), where [`in_child`] is true, panicking if it failed.
pub(super) fn run_child(test: &str, env: &[(&str, &str)]) {
    let mut command = Command::new(std::env::current_exe().expect("the test binary"));
    command.args(["--exact", test, "--nocapture", "--test-threads=1"]).env(CHILD_MARKER, test);
    for name in ["http_proxy", "https_proxy", "all_proxy", "no_proxy", "REQUEST_METHOD"] {
        command.env_remove(name).env_remove(name.to_uppercase());
    }
    command.envs(env.iter().copied());
    let output = command.output().expect("run the child test");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{test} with {env:?} failed:\n{text}");
    assert!(text.contains("1 passed"), "the child test did not run:\n{text}");
}

/// [`run_child`] of [`env_proxy_child`].
fn run_env_child(env: &[(&str, &str)], endpoint: &str, expect: &str) {
    let mut env = env.to_vec();
    env.extend([("SOAPGEN_CHILD_ENDPOINT", endpoint), ("SOAPGEN_CHILD_EXPECT", expect)]);
    run_child(PARENT_TEST, &env);
}

/// Each transport built by default honours the variables; built `without_env_proxy` it
/// ignores them. `SOAPGEN_CHILD_EXPECT` says what the default transports should do:
/// `ok` (the call succeeds) or `via-dead-proxy` (it fails to connect to the dead proxy).
fn env_proxy_child() {
    let endpoint = std::env::var("SOAPGEN_CHILD_ENDPOINT").expect("SOAPGEN_CHILD_ENDPOINT");
    let expect = std::env::var("SOAPGEN_CHILD_EXPECT").expect("SOAPGEN_CHILD_EXPECT");
    // Credentials from the environment are as secret as any.
    let debug = format!("{:?} {:?}", HttpTransport::new(), AsyncHttpTransport::new());
    assert!(!debug.contains(CANARY), "{debug}");
    let outcomes = [
        ("blocking", echo_blocking(HttpTransport::new(), &endpoint)),
        ("async", block_on(echo_async(AsyncHttpTransport::new(), &endpoint))),
    ];
    for (transport, outcome) in outcomes {
        match expect.as_str() {
            "ok" => assert_eq!(outcome.unwrap(), "through", "{transport}"),
            "via-dead-proxy" => {
                let e = outcome.expect_err(transport);
                let text = shown(&e, &[CANARY]);
                assert_eq!(kind(&e), Some(TransportErrorKind::Connect), "{transport}: {text}");
            }
            other => panic!("unknown expectation {other}"),
        }
    }
    // Whatever the environment says, these go direct.
    assert_eq!(
        echo_blocking(HttpTransport::new().without_env_proxy(), &endpoint).unwrap(),
        "through"
    );
    let direct = AsyncHttpTransport::new().without_env_proxy();
    assert_eq!(block_on(echo_async(direct, &endpoint)).unwrap(), "through");
}

#[test]
fn env_proxies_are_honoured() {
    if in_child(PARENT_TEST) {
        return env_proxy_child();
    }
    let proxy = Tinyproxy::start(Some(("alice", CANARY)));
    let endpoint = spyne_endpoint();
    let with_creds = format!("http://alice:{CANARY}@{}", proxy.host());
    // Nothing listens on port 1: a call through it fails to connect.
    let dead = "http://127.0.0.1:1";

    run_env_child(&[("HTTP_PROXY", &with_creds)], &endpoint, "ok");
    let seen = proxy.requests_to(&spyne_host());
    assert_eq!(seen.len(), 2, "both default transports went through it:\n{}", proxy.log());

    run_env_child(&[("http_proxy", dead)], &endpoint, "via-dead-proxy");
    run_env_child(&[("ALL_PROXY", dead)], &endpoint, "via-dead-proxy");
    run_env_child(&[("HTTP_PROXY", dead), ("NO_PROXY", "127.0.0.1")], &endpoint, "ok");
    run_env_child(&[("http_proxy", dead), ("no_proxy", "localhost,127.0.0.1")], &endpoint, "ok");
    // An unusable value is ignored, as curl does.
    run_env_child(&[("HTTP_PROXY", "socks5://127.0.0.1:1")], &endpoint, "ok");
    // HTTPS_PROXY is for https:// endpoints only.
    run_env_child(&[("HTTPS_PROXY", dead)], &endpoint, "ok");
    // Inside a CGI script, HTTP_PROXY may come from a request header: not used.
    run_env_child(&[("HTTP_PROXY", dead), ("REQUEST_METHOD", "GET")], &endpoint, "ok");
    assert_eq!(proxy.requests_to(&spyne_host()).len(), 2, "{}", proxy.log());
}

/// Your own clients, with their own proxy settings: everything the HTTP crates offer is
/// reachable.
#[test]
fn your_own_clients_with_their_own_proxy() {
    let proxy = Tinyproxy::start(None);
    let endpoint = spyne_endpoint();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .proxy(Some(ureq::Proxy::new(&proxy.url()).unwrap()))
        .build()
        .into();
    assert_eq!(echo_blocking(HttpTransport::from_agent(agent), &endpoint).unwrap(), "through");
    let client = reqwest::Client::builder()
        .proxy(reqwest::Proxy::all(proxy.url()).unwrap())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let value = block_on(echo_async(AsyncHttpTransport::from_client(client), &endpoint));
    assert_eq!(value.unwrap(), "through");
    assert_eq!(proxy.requests_to(&spyne_host()).len(), 2, "{}", proxy.log());
}
