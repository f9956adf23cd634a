//! Session cookies, both transports: a server in front of spyne (`peers/auth_peer.py
//! session`) treats a successful `GetAccount` (with its AuthHeader) as the login and sets a
//! `SOAPSESSION` cookie, and refuses any other call without it (403 `login first`). With
//! the cookie store the calls after the login go through; without it they are refused. The
//! cookie's value is never shown.

use std::sync::OnceLock;

use interop::capture::{Exchanges, TraceLog, assert_never_shown};
use interop::process::Process;
use interop::{HEADER_PASSWORD, HEADER_USER, SoapVersion};
use interop_spyne11::{AuthHeader, Echo, GetAccount, InteropServiceClient};
use soapgen_runtime::{AsyncHttpTransport, Error, HttpTransport, Transport};

/// Every session value the server hands out starts with this.
const COOKIE_CANARY: &str = "canaryck";

fn gate() -> &'static Process {
    static PEER: OnceLock<Process> = OnceLock::new();
    PEER.get_or_init(|| Process::auth_peer(&["session", &interop::spyne().port().to_string()], &[]))
}

fn client<T: Transport>(transport: T) -> InteropServiceClient<T> {
    InteropServiceClient::with_transport(transport)
        .with_endpoint(gate().url(interop::path(SoapVersion::Soap11)))
        .with_auth_header(AuthHeader {
            user_name: Some(HEADER_USER.to_owned()),
            password: Some(HEADER_PASSWORD.to_owned()),
        })
}

fn login() -> GetAccount {
    GetAccount { username: Some("alice".to_owned()) }
}

fn echo(text: &str) -> Echo {
    Echo { text: Some(text.to_owned()), nullable: None }
}

fn assert_login_first(result: Result<impl std::fmt::Debug, Error>) {
    match result {
        Err(Error::Http { status: 403, body, .. }) => assert_eq!(body, "login first"),
        other => panic!("expected the refusal, got {other:?}"),
    }
}

#[test]
fn session_cookie_blocking() {
    let seen = Exchanges::default();
    let log = TraceLog::default();
    let _trace = tracing::subscriber::set_default(log.clone());
    let transport =
        HttpTransport::new().with_cookie_store().with_exchange_hook(seen.hook()).with_wire_log();
    let client = client(transport.clone());
    assert_login_first(client.echo(&echo("before the login")));
    client.get_account(&login()).expect("the login");
    for i in 0..2 {
        let reply = client.echo(&echo(&format!("in the session {i}"))).expect("with the cookie");
        assert_eq!(reply.echo_result.and_then(|r| r.text), Some(format!("in the session {i}")));
    }
    let all = seen.all();
    let set = all[1].response_headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("set-cookie"));
    assert_eq!(set.map(|(_, v)| v.as_str()), Some("SOAPSESSION=<redacted>; Path=/; HttpOnly"));
    let sent = all[2].request_headers.iter().find(|(n, _)| n == "Cookie");
    assert_eq!(sent.map(|(_, v)| v.as_str()), Some("SOAPSESSION=<redacted>"));
    // The cookie value and the AuthHeader's password are masked everywhere.
    for secret in [COOKIE_CANARY, HEADER_PASSWORD] {
        assert_never_shown(
            secret,
            &[
                ("the transport's Debug", &format!("{transport:?}")),
                ("the hook's exchanges", &format!("{all:?}")),
                ("tracing", &log.text()),
            ],
        );
    }
    assert!(format!("{transport:?}").contains("SOAPSESSION=<redacted> for 127.0.0.1/"));

    // Without the store, the calls after the login are refused.
    let forgetful = self::client(HttpTransport::new());
    forgetful.get_account(&login()).expect("the login");
    assert_login_first(forgetful.echo(&echo("no cookie")));
}

#[tokio::test]
async fn session_cookie_async() {
    let log = TraceLog::default();
    let _trace = tracing::subscriber::set_default(log.clone());
    let seen = Exchanges::default();
    let transport = AsyncHttpTransport::new()
        .with_cookie_store()
        .with_exchange_hook(seen.hook())
        .with_wire_log();
    let client = client(transport.clone());
    assert_login_first(client.echo(&echo("before the login")).await);
    client.get_account(&login()).await.expect("the login");
    let reply = client.echo(&echo("in the session")).await.expect("with the cookie");
    assert_eq!(reply.echo_result.and_then(|r| r.text).as_deref(), Some("in the session"));
    for secret in [COOKIE_CANARY, HEADER_PASSWORD] {
        assert_never_shown(
            secret,
            &[
                ("the transport's Debug", &format!("{transport:?}")),
                ("the hook's exchanges", &format!("{:?}", seen.all())),
                ("tracing", &log.text()),
            ],
        );
    }
    assert!(log.text().contains("SOAPSESSION=<redacted>"), "the wire log shows the cookie");

    let forgetful = self::client(AsyncHttpTransport::new());
    forgetful.get_account(&login()).await.expect("the login");
    assert_login_first(forgetful.echo(&echo("no cookie")).await);
}

/// Clones of a transport share its store: one logs in, the other is in the session.
#[test]
fn clones_share_the_session() {
    let transport = HttpTransport::new().with_cookie_store();
    client(transport.clone()).get_account(&login()).expect("the login");
    client(transport).echo(&echo("from the clone")).expect("the clone has the cookie");
}
