//! Calling the peers with zeep, an independent client, and seeing what it sent.

use std::io::Read;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;
use soapgen_runtime::SoapVersion;

use crate::peer::{script, setup, venv_python};

/// How long one batch of zeep calls may take.
const ZEEP_TIMEOUT: Duration = Duration::from_secs(60);

/// A SOAP fault as zeep read it.
#[derive(Clone, Debug, PartialEq)]
pub struct ZeepFault {
    /// The fault code as zeep reports it (e.g. `soap11env:Client.Rejected`, `soap:Sender`).
    pub code: String,
    /// faultstring / Reason.
    pub message: String,
    /// SOAP 1.2 subcodes (zeep gives resolved QNames as `{ns}local`).
    pub subcodes: Vec<String>,
    /// The detail element serialised by lxml, if any.
    pub detail: Option<String>,
}

/// What one zeep call sent and received.
#[derive(Clone, Debug)]
pub struct ZeepResult {
    /// The request body exactly as sent on the socket.
    pub request_envelope: String,
    /// The HTTP request headers as sent.
    pub request_headers: Vec<(String, String)>,
    /// The HTTP status of the reply.
    pub status: u16,
    /// The reply body as received.
    pub response_body: String,
    /// The result, serialised by zeep (decimals as strings, dateTimes as ISO 8601 strings);
    /// `null` when a fault came back.
    pub result: Value,
    /// The fault, if one came back.
    pub fault: Option<ZeepFault>,
}

impl ZeepResult {
    /// The first request header named `name` (case-insensitive).
    pub fn request_header(&self, name: &str) -> Option<&str> {
        self.request_headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Calls operations with zeep, in order, through the WSDL's port for `version`, with one
/// client (one Python start and one WSDL download for all, about 0.3 s saved per call).
///
/// Each call is `(operation, args)`: args is a JSON object of keyword arguments, e.g.
/// `{"authToken": "t", "email": "e", "password": "p"}`; SOAP headers go in zeep's
/// `_soapheaders`: `{"username": "bob", "_soapheaders": {"AuthHeader": {...}}}`.
///
/// # Panics
/// If zeep cannot be run, fails without reading a reply, or runs longer than 60 s (the
/// message includes its stderr). A SOAP fault is not a panic: see [`ZeepResult::fault`].
pub fn zeep_calls(
    wsdl_url: &str,
    version: SoapVersion,
    calls: &[(&str, Value)],
) -> Vec<ZeepResult> {
    setup();
    let version_arg = match version {
        SoapVersion::Soap11 => "1.1",
        SoapVersion::Soap12 => "1.2",
    };
    let batch: Vec<Value> = calls
        .iter()
        .map(|(operation, args)| Value::from(vec![Value::from(*operation), args.clone()]))
        .collect();
    let names = calls.iter().map(|(operation, _)| *operation).collect::<Vec<_>>().join(", ");
    let mut child = Command::new(venv_python())
        .arg(script("zeep_client.py"))
        .args([wsdl_url, version_arg, "--batch", &Value::from(batch).to_string()])
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run zeep_client.py: {e}"));
    let out = read_all_in_thread(child.stdout.take().expect("piped stdout"));
    let err = read_all_in_thread(child.stderr.take().expect("piped stderr"));
    let deadline = Instant::now() + ZEEP_TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for zeep_client.py") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("zeep ({names}) over SOAP {version_arg} took longer than {ZEEP_TIMEOUT:?}");
        }
        thread::sleep(Duration::from_millis(5));
    };
    let stdout = out.join().expect("stdout reader");
    let stderr = err.join().expect("stderr reader");
    let stdout = String::from_utf8_lossy(&stdout);
    if !status.success() {
        panic!(
            "zeep ({names}) over SOAP {version_arg} failed ({status}):\n{}",
            String::from_utf8_lossy(&stderr)
        );
    }
    let results: Vec<ZeepResult> = stdout.lines().map(parse_zeep_line).collect();
    assert_eq!(results.len(), calls.len(), "zeep_client.py printed:\n{stdout}");
    results
}

fn parse_zeep_line(line: &str) -> ZeepResult {
    let doc: Value = serde_json::from_str(line)
        .unwrap_or_else(|e| panic!("zeep_client.py printed no JSON ({e}):\n{line}"));
    let text = |key: &str| doc[key].as_str().unwrap_or_default().to_owned();
    let fault = (!doc["fault"].is_null()).then(|| {
        let f = &doc["fault"];
        ZeepFault {
            code: f["code"].as_str().unwrap_or_default().to_owned(),
            message: f["message"].as_str().unwrap_or_default().to_owned(),
            subcodes: f["subcodes"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect(),
            detail: f["detail"].as_str().map(str::to_owned),
        }
    });
    let request_headers = doc["request_headers"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
        .collect();
    ZeepResult {
        request_envelope: text("request_envelope"),
        request_headers,
        status: doc["status"].as_i64().and_then(|s| u16::try_from(s).ok()).unwrap_or(0),
        response_body: text("response_body"),
        result: doc["result"].clone(),
        fault,
    }
}

fn read_all_in_thread(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        bytes
    })
}

/// What `python -m zeep FILE` prints of a WSDL file: its prefixes, global elements and
/// types, bindings and operations with their signatures. An error (with zeep's stderr)
/// when zeep cannot load the document.
pub fn zeep_load(wsdl_path: &std::path::Path) -> Result<String, String> {
    setup();
    let output = Command::new(venv_python())
        .args(["-m", "zeep"])
        .arg(wsdl_path)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run python -m zeep: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(format!("zeep failed ({}): {}", output.status, String::from_utf8_lossy(&output.stderr)))
    }
}
