//! Reaching services where they live: the generated clients through real proxies, TLS with
//! client certificates, HTTP Digest and NTLM authentication, session cookies, the wire hooks,
//! retries, and `soapgen fetch` of published WSDLs, each against a real component started on
//! 127.0.0.1.

mod auth_digest;
mod auth_ntlm;
mod fetch;
mod proxy;
mod retry;
mod session;
mod tls;
mod wire;
