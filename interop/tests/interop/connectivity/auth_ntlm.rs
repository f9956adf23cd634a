//! NTLMv2 against a real acceptor, both transports: pyspnego's NTLM server side
//! (`peers/auth_peer.py ntlm`, users from the file NTLM_USER_FILE names) in front of the
//! spyne peer. Like IIS it binds the handshake to the connection and keeps the connection
//! authenticated, so these tests also show that the transports run the handshake, and the
//! calls after it, on one kept-alive connection.

use std::sync::OnceLock;

use interop::SoapVersion;
use interop::capture::{Exchanges, TraceLog, assert_never_shown};
use interop::process::Process;
use interop_spyne11::{Echo, InteropServiceClient};
use soapgen_runtime::transport::Exchange;
use soapgen_runtime::{AsyncHttpTransport, Error, HttpTransport, TransportErrorKind};

/// Never to be seen in any output.
const CANARY: &str = "canary-Nt9-pw";

fn acceptor() -> &'static Process {
    static PEER: OnceLock<Process> = OnceLock::new();
    PEER.get_or_init(|| {
        let spyne = interop::spyne().port().to_string();
        let dir = std::env::temp_dir().join(format!("soapgen-ntlm-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let users = dir.join("users");
        // pyspnego's (Heimdal's) format: DOMAIN:USER:PASSWORD; a UPN has no domain.
        std::fs::write(&users, format!("CORP:alice:{CANARY}\n:bob@corp.example:{CANARY}\n"))
            .unwrap();
        Process::auth_peer(&["ntlm", &spyne], &[("NTLM_USER_FILE", users.to_str().unwrap())])
    })
}

fn endpoint(scheme: &str) -> String {
    acceptor().url(&format!("/{scheme}{}", interop::path(SoapVersion::Soap11)))
}

fn echo(text: &str) -> Echo {
    Echo { text: Some(text.to_owned()), nullable: None }
}

fn header<'e>(e: &'e Exchange, name: &str) -> Option<&'e str> {
    e.response_headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// Anonymous → 401 `NTLM`; NEGOTIATE → 401 with the CHALLENGE; AUTHENTICATE → 200; then
/// the connection stays authenticated: the next calls need no handshake.
fn check_handshake(seen: &Exchanges, scheme: &str, user: &str) {
    let all = seen.all();
    assert_eq!(seen.statuses(), [401, 401, 200, 200, 200], "{all:#?}");
    assert_eq!(header(&all[0], "www-authenticate"), Some(scheme));
    assert!(
        header(&all[1], "www-authenticate")
            .is_some_and(|v| v.starts_with(&format!("{scheme} TlRMTVNTUAAC")))
    );
    for (n, e) in all.iter().enumerate().skip(1).take(2) {
        let sent = e.request_headers.iter().find(|(n, _)| n == "Authorization");
        assert_eq!(
            sent.map(|(_, v)| v.as_str()),
            Some(&*format!("{scheme} <redacted>")),
            "exchange {n}"
        );
    }
    assert_eq!(header(&all[2], "x-ntlm-user"), Some(user));
    // No handshake after the first: the calls went over the authenticated connection.
    let connections: Vec<_> = all[2..].iter().map(|e| header(e, "x-ntlm-connection")).collect();
    assert!(connections.windows(2).all(|w| w[0] == w[1] && w[0].is_some()), "{connections:?}");
    assert!(all[3].request_headers.iter().all(|(n, _)| n != "Authorization"));
}

#[test]
fn ntlm_blocking() {
    let seen = Exchanges::default();
    let log = TraceLog::default();
    let _trace = tracing::subscriber::set_default(log.clone());
    let transport = HttpTransport::new()
        .with_ntlm_auth("CORP\\alice", CANARY)
        .with_exchange_hook(seen.hook())
        .with_wire_log();
    let client =
        InteropServiceClient::with_transport(transport.clone()).with_endpoint(endpoint("ntlm"));
    for i in 0..3 {
        let reply = client.echo(&echo(&format!("call {i}"))).expect("the call goes through");
        assert_eq!(reply.echo_result.and_then(|r| r.text), Some(format!("call {i}")));
    }
    check_handshake(&seen, "NTLM", "CORP\\alice");

    let wrong = InteropServiceClient::with_transport(
        HttpTransport::new().with_ntlm_auth("CORP\\alice", "not-it"),
    )
    .with_endpoint(endpoint("ntlm"));
    let error = wrong.echo(&echo("x")).expect_err("a wrong password is refused");
    assert_refused(&error, "CORP\\\\alice");
    assert_never_shown(
        CANARY,
        &[
            ("the transport's Debug", &format!("{transport:?}")),
            ("the hook's exchanges", &format!("{:?}", seen.all())),
            ("tracing", &log.text()),
            ("the error", &format!("{error} {error:?}")),
        ],
    );
    assert!(log.text().contains("NTLM <redacted>"));
}

#[tokio::test]
async fn ntlm_async() {
    let seen = Exchanges::default();
    let log = TraceLog::default();
    let _trace = tracing::subscriber::set_default(log.clone());
    let transport = AsyncHttpTransport::new()
        .with_ntlm_auth("CORP\\alice", CANARY)
        .with_exchange_hook(seen.hook())
        .with_wire_log();
    let client =
        InteropServiceClient::with_transport(transport.clone()).with_endpoint(endpoint("ntlm"));
    for i in 0..3 {
        let reply = client.echo(&echo(&format!("call {i}"))).await.expect("the call goes through");
        assert_eq!(reply.echo_result.and_then(|r| r.text), Some(format!("call {i}")));
    }
    check_handshake(&seen, "NTLM", "CORP\\alice");

    let wrong = InteropServiceClient::with_transport(
        AsyncHttpTransport::new().with_ntlm_auth("CORP\\alice", "not-it"),
    )
    .with_endpoint(endpoint("ntlm"));
    let error = wrong.echo(&echo("x")).await.expect_err("a wrong password is refused");
    assert_refused(&error, "CORP\\\\alice");
    assert_never_shown(
        CANARY,
        &[
            ("the transport's Debug", &format!("{transport:?}")),
            ("the hook's exchanges", &format!("{:?}", seen.all())),
            ("tracing", &log.text()),
            ("the error", &format!("{error} {error:?}")),
        ],
    );
}

/// A server that offers only `Negotiate` gets the same NTLM tokens under that name; a user
/// in UPN form is sent whole.
#[test]
fn negotiate_only_and_upn_blocking() {
    let seen = Exchanges::default();
    let transport = HttpTransport::new()
        .with_ntlm_auth("bob@corp.example", CANARY)
        .with_exchange_hook(seen.hook());
    let client =
        InteropServiceClient::with_transport(transport).with_endpoint(endpoint("negotiate"));
    for i in 0..3 {
        client.echo(&echo(&format!("call {i}"))).expect("the call goes through");
    }
    check_handshake(&seen, "Negotiate", "bob@corp.example");
    let wrong = InteropServiceClient::with_transport(
        HttpTransport::new().with_ntlm_auth("bob@corp.example", "nope"),
    )
    .with_endpoint(endpoint("negotiate"));
    assert_refused(&wrong.echo(&echo("x")).expect_err("refused"), "bob@corp.example");
}

#[tokio::test]
async fn negotiate_only_async() {
    let seen = Exchanges::default();
    let transport = AsyncHttpTransport::new()
        .with_ntlm_auth("CORP\\alice", CANARY)
        .with_exchange_hook(seen.hook());
    let client =
        InteropServiceClient::with_transport(transport).with_endpoint(endpoint("negotiate"));
    for i in 0..3 {
        client.echo(&echo(&format!("call {i}"))).await.expect("the call goes through");
    }
    check_handshake(&seen, "Negotiate", "CORP\\alice");
}

/// Calls from several threads through one transport take turns on the connection: every
/// one succeeds, the connection authenticates once, and all go over it.
#[test]
fn concurrent_calls_share_the_authenticated_connection() {
    let seen = Exchanges::default();
    let transport =
        HttpTransport::new().with_ntlm_auth("CORP\\alice", CANARY).with_exchange_hook(seen.hook());
    let client = InteropServiceClient::with_transport(transport).with_endpoint(endpoint("ntlm"));
    std::thread::scope(|s| {
        for t in 0..4 {
            let client = &client;
            s.spawn(move || {
                for i in 0..3 {
                    client.echo(&echo(&format!("{t}/{i}"))).expect("every call goes through");
                }
            });
        }
    });
    let statuses = seen.statuses();
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 12);
    assert_eq!(statuses.iter().filter(|s| **s == 401).count(), 2, "{statuses:?}");
    let all = seen.all();
    let mut connections: Vec<_> =
        all.iter().filter_map(|e| header(e, "x-ntlm-connection")).collect();
    connections.dedup();
    assert_eq!(connections.len(), 1, "{connections:?}");
}

fn assert_refused(error: &Error, user: &str) {
    match error {
        Error::Transport(e) if e.kind() == TransportErrorKind::Auth => {
            let message = e.to_string();
            let expected = format!("refused the NTLM credentials of user \"{user}\"");
            assert!(message.contains(&expected), "{message}");
        }
        other => panic!("expected an Auth error, got {other:?}"),
    }
}
