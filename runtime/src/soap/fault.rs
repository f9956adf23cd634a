//! `Fault`: a SOAP 1.1 or 1.2 fault, read from the Body.

use std::fmt;

use super::SoapVersion;
use crate::xml::{RawXml, XML_NS, XmlError, XmlReader};

/// A SOAP fault returned by the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    /// The envelope version the fault came in.
    pub version: SoapVersion,
    /// The fault code as sent, e.g. `soap:Client` (1.1) or `env:Sender` (1.2).
    pub code: String,
    /// The namespace of the code's prefix, resolved where it was written.
    pub code_namespace: Option<String>,
    /// SOAP 1.2 subcode values, outermost first, as sent.
    pub subcodes: Vec<String>,
    /// The human-readable reason (`faultstring`, or the English / first `Reason/Text`).
    pub reason: String,
    /// `faultactor` (1.1) or `Role` (1.2).
    pub actor: Option<String>,
    /// `Node` (1.2).
    pub node: Option<String>,
    /// The `detail` / `Detail` content, verbatim.
    pub detail: Option<RawXml>,
}

impl Fault {
    /// The code without its prefix, e.g. `Client` or `Sender`.
    pub fn code_local_name(&self) -> &str {
        self.code.rsplit_once(':').map_or(self.code.as_str(), |(_, local)| local)
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SOAP fault {}: {}", self.code, self.reason)
    }
}

impl std::error::Error for Fault {}

/// Reads the Fault element just started, consuming its end tag.
pub(super) fn read(r: &mut XmlReader<'_>, version: SoapVersion) -> Result<Fault, XmlError> {
    let mut fault = Fault {
        version,
        code: String::new(),
        code_namespace: None,
        subcodes: Vec::new(),
        reason: String::new(),
        actor: None,
        node: None,
        detail: None,
    };
    // Children are matched by local name only: SOAP 1.1 servers disagree on whether they are
    // qualified, and no other Fault children share these names.
    match version {
        SoapVersion::Soap11 => {
            while let Some(tag) = r.next_child()? {
                match tag.local {
                    "faultcode" => {
                        fault.code = trimmed(r.read_text()?);
                        fault.code_namespace = resolve_qname(r, &fault.code);
                    }
                    "faultstring" => fault.reason = r.read_text()?.into_owned(),
                    "faultactor" => fault.actor = Some(trimmed(r.read_text()?)),
                    "detail" => fault.detail = Some(r.read_raw()?),
                    _ => r.skip()?,
                }
            }
        }
        SoapVersion::Soap12 => {
            while let Some(tag) = r.next_child()? {
                match tag.local {
                    "Code" => read_code(r, &mut fault)?,
                    "Reason" => fault.reason = read_reason(r)?,
                    "Node" => fault.node = Some(trimmed(r.read_text()?)),
                    "Role" => fault.actor = Some(trimmed(r.read_text()?)),
                    "Detail" => fault.detail = Some(r.read_raw()?),
                    _ => r.skip()?,
                }
            }
        }
    }
    Ok(fault)
}

/// `Code/Value` and the nested `Subcode/Value` chain, read without recursion.
fn read_code(r: &mut XmlReader<'_>, fault: &mut Fault) -> Result<(), XmlError> {
    let mut subcode_depth = 0usize;
    loop {
        match r.next_child()? {
            Some(tag) if tag.local == "Value" => {
                let value = trimmed(r.read_text()?);
                if subcode_depth == 0 {
                    fault.code_namespace = resolve_qname(r, &value);
                    fault.code = value;
                } else {
                    fault.subcodes.push(value);
                }
            }
            Some(tag) if tag.local == "Subcode" => subcode_depth += 1,
            Some(_) => r.skip()?,
            None if subcode_depth == 0 => return Ok(()),
            None => subcode_depth -= 1,
        }
    }
}

/// The `Text` in English, else the first one.
fn read_reason(r: &mut XmlReader<'_>) -> Result<String, XmlError> {
    let mut reason: Option<String> = None;
    let mut english = false;
    while let Some(tag) = r.next_child()? {
        if tag.local != "Text" {
            r.skip()?;
            continue;
        }
        let is_english = r.attribute(XML_NS, "lang").is_some_and(|lang| {
            lang.eq_ignore_ascii_case("en") || lang.to_ascii_lowercase().starts_with("en-")
        });
        let text = r.read_text()?;
        if reason.is_none() || (is_english && !english) {
            reason = Some(text.into_owned());
            english = is_english;
        }
    }
    Ok(reason.unwrap_or_default())
}

fn trimmed(text: std::borrow::Cow<'_, str>) -> String {
    crate::value::trim(&text).to_owned()
}

/// The namespace of a `prefix:local` value's prefix (the default namespace if unprefixed).
fn resolve_qname(r: &XmlReader<'_>, value: &str) -> Option<String> {
    let prefix = value.split_once(':').map_or("", |(prefix, _)| prefix);
    r.resolve_prefix(prefix).map(str::to_owned)
}
