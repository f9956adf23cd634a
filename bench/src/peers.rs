//! What soapgen's generated code is measured against: xmlparser's bare tokenizer (the
//! ceiling for any reader built on it) and quick-xml + serde into hand-written structs.

use std::cell::RefCell;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use soapgen_runtime::{DateTime, Decimal, XmlValue};

/// Tokenizes the bytes with xmlparser and does nothing else; returns the token count.
pub fn xmlparser_tokens(bytes: &[u8]) -> Result<usize, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    let mut count = 0;
    for token in xmlparser::Tokenizer::from(text) {
        token.map_err(|e| e.to_string())?;
        count += 1;
    }
    Ok(count)
}

/// How many `<Record>` elements the tokenizer sees (for the smoke test's agreement check).
pub fn xmlparser_record_count(bytes: &[u8]) -> Result<usize, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    let mut count = 0;
    for token in xmlparser::Tokenizer::from(text) {
        if let xmlparser::Token::ElementStart { local, .. } = token.map_err(|e| e.to_string())? {
            count += usize::from(local.as_str() == "Record");
        }
    }
    Ok(count)
}

/// The record as one would write it by hand for quick-xml + serde: the same field types
/// as the generated `Record`, values parsed by the same runtime functions, so the
/// comparison measures the XML layer.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct Record {
    #[serde(rename = "Id")]
    pub id: i64,
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "Price", deserialize_with = "lexical", serialize_with = "write_lexical")]
    pub price: Decimal,
    #[serde(rename = "Quantity")]
    pub quantity: i32,
    #[serde(rename = "Active")]
    pub active: bool,
    #[serde(rename = "Created", deserialize_with = "lexical", serialize_with = "write_lexical")]
    pub created: DateTime,
    #[serde(rename = "Score")]
    pub score: f64,
    #[serde(rename = "Note", default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl From<crate::client::Record> for Record {
    fn from(r: crate::client::Record) -> Self {
        Record {
            id: r.id,
            name: r.name,
            price: r.price,
            quantity: r.quantity,
            active: r.active,
            created: r.created,
            score: r.score,
            note: r.note,
        }
    }
}

#[derive(Deserialize)]
struct ResponseEnvelope {
    #[serde(rename = "Body")]
    body: ResponseBody,
}

#[derive(Deserialize)]
struct ResponseBody {
    #[serde(rename = "EchoRecordsResponse")]
    response: EchoRecordsResponse,
}

#[derive(Deserialize)]
struct EchoRecordsResponse {
    #[serde(rename = "EchoRecordsResult")]
    result: RecordList,
}

#[derive(Deserialize)]
struct RecordList {
    #[serde(rename = "Record", default)]
    records: Vec<Record>,
}

/// Reads the `EchoRecords` response envelope with quick-xml's serde deserializer.
pub fn quick_xml_parse(bytes: &[u8]) -> Result<Vec<Record>, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    let envelope: ResponseEnvelope = quick_xml::de::from_str(text).map_err(|e| e.to_string())?;
    Ok(envelope.body.response.result.records)
}

#[derive(Serialize)]
#[serde(rename = "soap:Envelope")]
struct RequestEnvelope<'a> {
    #[serde(rename = "@xmlns:xsi")]
    xsi: &'static str,
    #[serde(rename = "@xmlns:xsd")]
    xsd: &'static str,
    #[serde(rename = "@xmlns:soap")]
    soap: &'static str,
    #[serde(rename = "soap:Body")]
    body: RequestBody<'a>,
}

#[derive(Serialize)]
struct RequestBody<'a> {
    #[serde(rename = "EchoRecords")]
    request: EchoRecords<'a>,
}

#[derive(Serialize)]
struct EchoRecords<'a> {
    #[serde(rename = "@xmlns")]
    xmlns: &'static str,
    records: RecordSlice<'a>,
}

#[derive(Serialize)]
struct RecordSlice<'a> {
    #[serde(rename = "Record")]
    records: &'a [Record],
}

/// Writes the `EchoRecords` request envelope (XML declaration included) with quick-xml's
/// serde serializer.
pub fn quick_xml_write(records: &[Record]) -> Result<String, String> {
    let envelope = RequestEnvelope {
        xsi: soapgen_runtime::xml::XSI_NS,
        xsd: soapgen_runtime::xml::XSD_NS,
        soap: "http://schemas.xmlsoap.org/soap/envelope/",
        body: RequestBody {
            request: EchoRecords { xmlns: crate::data::NS, records: RecordSlice { records } },
        },
    };
    let mut out = String::with_capacity(1024);
    out.push_str(r#"<?xml version="1.0" encoding="utf-8"?>"#);
    quick_xml::se::to_writer(&mut out, &envelope).map_err(|e| e.to_string())?;
    Ok(out)
}

/// Parses element text with the runtime's lexical parser, without allocating.
fn lexical<'de, D: Deserializer<'de>, V: XmlValue>(d: D) -> Result<V, D::Error> {
    struct Lexical<V>(PhantomData<V>);

    impl<V: XmlValue> Visitor<'_> for Lexical<V> {
        type Value = V;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "an xs:{}", V::XSD_TYPE)
        }

        fn visit_str<E: de::Error>(self, s: &str) -> Result<V, E> {
            V::parse_lexical(s).map_err(E::custom)
        }
    }

    d.deserialize_str(Lexical(PhantomData))
}

thread_local! {
    static LEXICAL: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Writes a value's lexical form through a reused buffer (no allocation per value).
fn write_lexical<S: Serializer, V: XmlValue>(value: &V, s: S) -> Result<S::Ok, S::Error> {
    if let Some(text) = value.as_lexical_str() {
        return s.serialize_str(text);
    }
    LEXICAL.with_borrow_mut(|buf| {
        buf.clear();
        value.write_lexical(buf);
        s.serialize_str(buf)
    })
}
