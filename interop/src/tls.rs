//! TLS for the connectivity tests: certificates made with rcgen (CAs, server certificates
//! good, expired, for another name or from an untrusted CA, client certificates), and the
//! spyne service behind Python's ssl module (OpenSSL, as Apache mod_ssl uses) with
//! `CERT_REQUIRED`, started on 127.0.0.1.

use std::process::Command;

use rcgen::{
    BasicConstraints, Certificate, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};

use crate::peer::{script, venv_python};
use crate::proxy::TempDir;
use crate::spawn::Process;

/// A certificate and its private key, in PEM.
#[derive(Clone)]
pub struct Issued {
    /// The certificate.
    pub cert_pem: String,
    /// Its private key (PKCS#8).
    pub key_pem: String,
}

impl std::fmt::Debug for Issued {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Issued { .. }")
    }
}

/// A certificate authority that issues certificates.
pub struct Ca {
    cert: Certificate,
    key: KeyPair,
    /// The CA certificate, in PEM: what a client or server trusts.
    pub cert_pem: String,
}

impl Ca {
    /// A new self-signed CA named `name`.
    pub fn new(name: &str) -> Ca {
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        params.distinguished_name.push(DnType::CommonName, name);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let key = KeyPair::generate().expect("a key");
        let cert = params.self_signed(&key).expect("a CA certificate");
        Ca { cert_pem: cert.pem(), cert, key }
    }

    /// A server certificate for `names` (IP addresses or DNS names); `expired` makes one
    /// that was valid in 2020 only.
    pub fn server(&self, names: &[&str], expired: bool) -> Issued {
        let mut params = self.leaf_params(names, "server");
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        if expired {
            params.not_before = rcgen::date_time_ymd(2020, 1, 1);
            params.not_after = rcgen::date_time_ymd(2021, 1, 1);
        }
        self.issue(params)
    }

    /// A client certificate for `name`.
    pub fn client(&self, name: &str) -> Issued {
        let mut params = self.leaf_params(&[], name);
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        self.issue(params)
    }

    fn leaf_params(&self, names: &[&str], common_name: &str) -> CertificateParams {
        let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        let mut params = CertificateParams::new(names).expect("leaf params");
        params.distinguished_name.push(DnType::CommonName, common_name);
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params
    }

    fn issue(&self, params: CertificateParams) -> Issued {
        let key = KeyPair::generate().expect("a key");
        let cert = params.signed_by(&key, &self.cert, &self.key).expect("a certificate");
        Issued { cert_pem: cert.pem(), key_pem: key.serialize_pem() }
    }
}

/// The spyne service over HTTPS, stopped on drop.
#[derive(Debug)]
pub struct TlsServer {
    process: Process,
    _dir: TempDir,
}

impl TlsServer {
    /// Starts it with `server` as its certificate; with `client_ca`, it requires a client
    /// certificate issued by that CA.
    ///
    /// # Panics
    /// If it does not start (the message has its output).
    pub fn start(server: &Issued, client_ca: Option<&str>) -> TlsServer {
        crate::setup();
        let dir = TempDir::new("tls");
        let write = |name: &str, text: &str| {
            let path = dir.0.join(name);
            std::fs::write(&path, text).expect("write a PEM file");
            path
        };
        let mut command = Command::new(venv_python());
        command
            .arg(script("tls_server.py"))
            .arg(write("server.pem", &server.cert_pem))
            .arg(write("server.key", &server.key_pem))
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .env("PYTHONUNBUFFERED", "1");
        if let Some(ca) = client_ca {
            command.arg(write("client-ca.pem", ca));
        }
        let process =
            Process::start_ready("tls_server.py", command).unwrap_or_else(|e| panic!("{e}"));
        TlsServer { process, _dir: dir }
    }

    /// `https://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("https://127.0.0.1:{}{path}", self.process.port())
    }

    /// `127.0.0.1:PORT`.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.process.port())
    }

    /// What the server printed (refused handshakes among it).
    pub fn output(&self) -> String {
        self.process.output()
    }
}

/// A TLS terminator (`peers/tls_relay.py`) in front of a local port, stopped on drop: with
/// tinyproxy behind it, an `https://` proxy.
#[derive(Debug)]
pub struct TlsRelay {
    process: Process,
    _dir: TempDir,
}

impl TlsRelay {
    /// Starts it with `cert` as its certificate, relaying to 127.0.0.1:`target_port`.
    ///
    /// # Panics
    /// If it does not start (the message has its output).
    pub fn start(cert: &Issued, target_port: u16) -> TlsRelay {
        crate::setup();
        let dir = TempDir::new("relay");
        let write = |name: &str, text: &str| {
            let path = dir.0.join(name);
            std::fs::write(&path, text).expect("write a PEM file");
            path
        };
        let mut command = Command::new(venv_python());
        command
            .arg(script("tls_relay.py"))
            .arg(write("relay.pem", &cert.cert_pem))
            .arg(write("relay.key", &cert.key_pem))
            .arg(target_port.to_string())
            .env("PYTHONUNBUFFERED", "1");
        let process =
            Process::start_ready("tls_relay.py", command).unwrap_or_else(|e| panic!("{e}"));
        TlsRelay { process, _dir: dir }
    }

    /// `https://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("https://127.0.0.1:{}", self.process.port())
    }
}
