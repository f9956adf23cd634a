//! WSDLs as the peers publish them: fetched over plain HTTP, compared without their ports.

use std::io::Read;
use std::time::Duration;

/// A WSDL with the authority of every `location="http://HOST:PORT/…"` replaced by
/// `127.0.0.1:8080`: the servers write the port the OS gave them into their soap:address
/// locations, so two runs publish different documents; normalised, they compare equal. 8080
/// is the port `samples/interop_node/interop_node.wsdl` is written with, so the checked-in
/// copies are valid WSDLs whose addresses a generated client can use as its default endpoint
/// (tests point clients at the live port instead). Only soap:address locations carry a
/// host:port in the peers' WSDLs.
pub fn normalise_wsdl(wsdl: &str) -> String {
    let mut out = String::with_capacity(wsdl.len());
    let mut rest = wsdl;
    const MARK: &str = "location=\"http://";
    while let Some(i) = rest.find(MARK) {
        let (before, after) = rest.split_at(i + MARK.len());
        out.push_str(before);
        let end = after.find(['/', '"']).unwrap_or(after.len());
        out.push_str("127.0.0.1:8080");
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Fetches `url` with a plain HTTP/1.0 GET (the peers serve WSDLs that way too) and returns
/// the status and body.
pub fn http_get(url: &str) -> Result<(u16, String), String> {
    use std::io::Write as _;
    use std::net::TcpStream;
    let rest = url.strip_prefix("http://").ok_or("only http:// URLs")?;
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if !authority.starts_with("127.0.0.1:") {
        return Err(format!("refusing to fetch from {authority}: only 127.0.0.1"));
    }
    let mut stream = TcpStream::connect(authority).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).map_err(|e| e.to_string())?;
    let path = if path.is_empty() { "/" } else { path };
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {authority}\r\n\r\n")
        .map_err(|e| e.to_string())?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).map_err(|e| e.to_string())?;
    let response = String::from_utf8(response).map_err(|e| e.to_string())?;
    let (head, body) = response.split_once("\r\n\r\n").ok_or("no end of headers")?;
    let status =
        head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).ok_or("no status line")?;
    Ok((status, body.to_owned()))
}
