//! The generated spyne client over TLS to the spyne service behind Python's ssl module
//! (OpenSSL) with certificates the tests make (rcgen): mutual TLS with the right client
//! certificate, and each refusal as the error a user reads: no client certificate, one from
//! the wrong CA, an expired server certificate, one for another name, one from a CA that is
//! not trusted. Both transports.

use interop::tls::{Ca, Issued, TlsServer};
use soapgen_runtime::{AsyncHttpTransport, Error, HttpTransport, TransportErrorKind};

use super::proxy::{block_on, echo_async, echo_blocking, in_child, run_child, shown};

/// What the client is given.
struct Client<'a> {
    roots: Option<&'a str>,
    identity: Option<&'a Issued>,
}

/// The call over both transports.
fn call_both(server: &TlsServer, client: &Client) -> [(&'static str, Result<String, Error>); 2] {
    let endpoint = server.url("/soap11");
    let mut blocking = HttpTransport::new().without_env_proxy();
    let mut asynchronous = AsyncHttpTransport::new().without_env_proxy();
    if let Some(roots) = client.roots {
        blocking = blocking.with_root_certificates_pem(roots.as_bytes()).unwrap();
        asynchronous = asynchronous.with_root_certificates_pem(roots.as_bytes()).unwrap();
    }
    if let Some(id) = client.identity {
        let (cert, key) = (id.cert_pem.as_bytes(), id.key_pem.as_bytes());
        blocking = blocking.with_client_certificate_pem(cert, key).unwrap();
        asynchronous = asynchronous.with_client_certificate_pem(cert, key).unwrap();
        // The key never shows.
        let body = key_body(id);
        for debug in [format!("{blocking:?}"), format!("{asynchronous:?}")] {
            assert!(!debug.contains(&body[..40]), "{debug}");
        }
    }
    [
        ("blocking", echo_blocking(blocking, &endpoint)),
        ("async", block_on(echo_async(asynchronous, &endpoint))),
    ]
}

/// The base64 of the private key, as one line.
fn key_body(id: &Issued) -> String {
    id.key_pem.lines().filter(|l| !l.starts_with("-----")).collect()
}

/// Asserts both calls failed with a TLS error naming the server and saying `reason`.
fn refused(server: &TlsServer, client: &Client, reasons: &[&str]) {
    for (transport, outcome) in call_both(server, client) {
        let e = outcome.expect_err(transport);
        let secrets: Vec<String> =
            client.identity.map(|id| key_body(id)[..40].to_owned()).into_iter().collect();
        let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
        let text = shown(&e, &secrets);
        assert!(
            matches!(&e, Error::Transport(t) if t.kind() == TransportErrorKind::Tls),
            "{transport}: {text}\nserver: {}",
            server.output()
        );
        assert!(text.contains(&format!("TLS error with {}", server.host())), "{transport}: {text}");
        assert!(
            reasons.iter().any(|reason| text.contains(reason)),
            "{transport}: {text}\nserver: {}",
            server.output()
        );
    }
}

#[test]
fn mutual_tls() {
    let ca = Ca::new("soapgen test CA");
    let other = Ca::new("some other CA");
    let server = TlsServer::start(&ca.server(&["127.0.0.1"], false), Some(&ca.cert_pem));
    let alice = ca.client("alice");

    let right = Client { roots: Some(&ca.cert_pem), identity: Some(&alice) };
    for (transport, outcome) in call_both(&server, &right) {
        assert_eq!(outcome.unwrap(), "through", "{transport}");
    }

    let none = Client { roots: Some(&ca.cert_pem), identity: None };
    refused(&server, &none, &["the server requires a client certificate and none was configured"]);

    let mallory = other.client("mallory");
    let wrong_ca = Client { roots: Some(&ca.cert_pem), identity: Some(&mallory) };
    refused(&server, &wrong_ca, &["the server refused the client certificate"]);
}

#[test]
fn server_certificates_that_are_refused() {
    let ca = Ca::new("soapgen test CA");
    let trusting = Client { roots: Some(&ca.cert_pem), identity: None };

    let expired = TlsServer::start(&ca.server(&["127.0.0.1"], true), None);
    refused(&expired, &trusting, &["the server's certificate has expired"]);

    let elsewhere = TlsServer::start(&ca.server(&["other.example"], false), None);
    refused(
        &elsewhere,
        &trusting,
        &["the server's certificate is for another name, not 127.0.0.1"],
    );

    let stranger = Ca::new("a CA nobody trusts");
    let untrusted = TlsServer::start(&stranger.server(&["127.0.0.1"], false), None);
    refused(&untrusted, &trusting, &["issued by an unknown CA"]);

    // Without the extra root, the test CA is as unknown as any other.
    let good = TlsServer::start(&ca.server(&["127.0.0.1"], false), None);
    refused(&good, &Client { roots: None, identity: None }, &["issued by an unknown CA"]);
    for (transport, outcome) in call_both(&good, &trusting) {
        assert_eq!(outcome.unwrap(), "through", "{transport}");
    }
}

#[test]
fn a_key_that_is_not_the_certificates_is_refused_when_set() {
    let ca = Ca::new("soapgen test CA");
    let (alice, bob) = (ca.client("alice"), ca.client("bob"));
    let (cert, key) = (alice.cert_pem.as_bytes(), bob.key_pem.as_bytes());
    let errors = [
        HttpTransport::new().with_client_certificate_pem(cert, key).map(drop).unwrap_err(),
        AsyncHttpTransport::new().with_client_certificate_pem(cert, key).map(drop).unwrap_err(),
    ];
    for e in errors {
        let text = shown(&e, &[&key_body(&bob)[..40]]);
        assert!(text.contains("the client certificate and key do not go together"), "{text}");
    }
}

/// The platform's trust store, here chosen by `SSL_CERT_FILE` (as OpenSSL reads it), in a
/// child process since the environment is process-wide.
#[test]
fn platform_roots() {
    const TEST: &str = "connectivity::tls::platform_roots";
    if in_child(TEST) {
        return platform_roots_child();
    }
    let ca = Ca::new("soapgen platform CA");
    let server = TlsServer::start(&ca.server(&["127.0.0.1"], false), None);
    let dir = std::env::temp_dir().join(format!("soapgen-platform-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("ca.pem");
    std::fs::write(&file, &ca.cert_pem).unwrap();
    let endpoint = server.url("/soap11");
    run_child(
        TEST,
        &[("SSL_CERT_FILE", file.to_str().unwrap()), ("SOAPGEN_CHILD_ENDPOINT", &endpoint)],
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// [`platform_roots`] in its child process.
fn platform_roots_child() {
    let endpoint = std::env::var("SOAPGEN_CHILD_ENDPOINT").expect("SOAPGEN_CHILD_ENDPOINT");
    let blocking = HttpTransport::new().without_env_proxy();
    let asynchronous = AsyncHttpTransport::new().without_env_proxy();
    // Not without them: the webpki roots do not know the test CA.
    let e = echo_blocking(blocking.clone(), &endpoint).unwrap_err();
    assert!(e.to_string().contains("unknown CA"), "{e}");
    let e = block_on(echo_async(asynchronous.clone(), &endpoint)).unwrap_err();
    assert!(e.to_string().contains("unknown CA"), "{e}");
    assert_eq!(echo_blocking(blocking.with_platform_roots(), &endpoint).unwrap(), "through");
    let value = block_on(echo_async(asynchronous.with_platform_roots(), &endpoint));
    assert_eq!(value.unwrap(), "through");
}

/// A PKCS#12 file as OpenSSL exports one (`openssl pkcs12 -export`, AES-256 and PBKDF2 in
/// OpenSSL 3), with its password right and wrong.
#[test]
fn mutual_tls_with_a_pkcs12_file() {
    const PASSWORD: &str = "canary-P12-Pa55";
    let ca = Ca::new("soapgen test CA");
    let server = TlsServer::start(&ca.server(&["127.0.0.1"], false), Some(&ca.cert_pem));
    let alice = ca.client("alice");
    let dir = std::env::temp_dir().join(format!("soapgen-p12-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("alice.pem"), &alice.cert_pem).unwrap();
    std::fs::write(dir.join("alice.key"), &alice.key_pem).unwrap();
    let status = std::process::Command::new("openssl")
        .current_dir(&dir)
        .args(["pkcs12", "-export", "-in", "alice.pem", "-inkey", "alice.key", "-out"])
        .args(["alice.p12", "-passout", &format!("pass:{PASSWORD}")])
        .status()
        .expect("run openssl");
    assert!(status.success());
    let p12 = std::fs::read(dir.join("alice.p12")).unwrap();
    let _ = std::fs::remove_dir_all(&dir);

    let roots = ca.cert_pem.as_bytes();
    let blocking = HttpTransport::new().without_env_proxy().with_root_certificates_pem(roots);
    let blocking = blocking.unwrap().with_client_pkcs12(&p12, PASSWORD).unwrap();
    let asynchronous =
        AsyncHttpTransport::new().without_env_proxy().with_root_certificates_pem(roots).unwrap();
    let asynchronous = asynchronous.with_client_pkcs12(&p12, PASSWORD).unwrap();
    for debug in [format!("{blocking:?}"), format!("{asynchronous:?}")] {
        assert!(!debug.contains(PASSWORD), "{debug}");
    }
    let endpoint = server.url("/soap11");
    assert_eq!(echo_blocking(blocking, &endpoint).unwrap(), "through");
    assert_eq!(block_on(echo_async(asynchronous, &endpoint)).unwrap(), "through");

    let errors = [
        HttpTransport::new().with_client_pkcs12(&p12, "wrong").map(drop).unwrap_err(),
        AsyncHttpTransport::new().with_client_pkcs12(&p12, "wrong").map(drop).unwrap_err(),
        HttpTransport::new().with_client_pkcs12(b"not a p12", PASSWORD).map(drop).unwrap_err(),
    ];
    let text = shown(&errors[0], &[PASSWORD]);
    assert!(text.contains("PKCS#12 client certificate: the password is wrong"), "{text}");
    let text = shown(&errors[1], &[PASSWORD]);
    assert!(text.contains("PKCS#12 client certificate: the password is wrong"), "{text}");
    let text = shown(&errors[2], &[PASSWORD]);
    assert!(text.contains("PKCS#12 client certificate: not a PKCS#12 file"), "{text}");
}
