//! Calling the peers' services, and soapgen's generated servers, with node-soap's client.

use std::process::{Command, Stdio};

use serde_json::Value;

use crate::peer::{script, setup};

/// Calls operations with node-soap's client built from `wsdl_url`, in order: each call is
/// `(operation, args, headers)` (headers: an object of header element → value, or null).
/// One JSON object per call: `{"result": …}` or `{"fault": {"code", "message"}}`.
///
/// # Panics
/// If node cannot be run or the script fails (with its stderr).
pub fn node_soap_calls(wsdl_url: &str, calls: &[(&str, Value, Value)]) -> Vec<Value> {
    setup();
    let batch: Vec<Value> = calls
        .iter()
        .map(|(op, args, headers)| {
            Value::from(vec![Value::from(*op), args.clone(), headers.clone()])
        })
        .collect();
    let output = Command::new("node")
        .arg(script("node_client.js"))
        .args([wsdl_url, &Value::from(batch).to_string()])
        .env("SOAPGEN_PEERS_DIR", crate::peer::peers_dir())
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run node_client.js: {e}"));
    assert!(output.status.success(), "node_client.js: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}
