//! WS-Addressing 1.0 (W3C, SOAP binding): the message addressing headers of a request and
//! the check that the reply relates to it.

use crate::soap::SoapVersion;
use crate::xml::{XmlReader, XmlWriter};

/// The WS-Addressing 1.0 namespace.
pub const WSA_NS: &str = "http://www.w3.org/2005/08/addressing";
/// Where a synchronous reply goes: back on the HTTP response.
const ANONYMOUS: &str = "http://www.w3.org/2005/08/addressing/anonymous";
/// How the request's MessageID is written, so the transport can find it again.
const MESSAGE_ID_START: &str = "<wsa:MessageID";
const MESSAGE_ID_END: &str = "</wsa:MessageID>";

/// Writes `wsa:Action`, `wsa:MessageID`, `wsa:To` and an anonymous `wsa:ReplyTo`. `Action`
/// and `To` are marked mustUnderstand, as JAX-WS RI and WCF mark them.
pub(crate) fn write_headers(
    w: &mut XmlWriter,
    version: SoapVersion,
    action: &str,
    message_id: &str,
    to: &str,
) {
    let understood = |w: &mut XmlWriter| w.attr_ns(version.envelope_ns(), "mustUnderstand", "1");
    for (name, value, must) in
        [("wsa:Action", action, true), ("wsa:MessageID", message_id, false), ("wsa:To", to, true)]
    {
        w.start_prefixed(name);
        w.declare_prefix("wsa", WSA_NS);
        if must {
            understood(w);
        }
        w.text(value);
        w.end(name);
    }
    w.start_prefixed("wsa:ReplyTo");
    w.declare_prefix("wsa", WSA_NS);
    w.start_prefixed("wsa:Address");
    w.text(ANONYMOUS);
    w.end("wsa:Address");
    w.end("wsa:ReplyTo");
}

/// A fresh `urn:uuid:` message id (a random version 4 UUID).
pub(crate) fn message_id() -> String {
    let mut b = crate::wssecurity::nonce();
    b.resize(16, 0);
    b[6] = (b[6] & 0x0F) | 0x40;
    b[8] = (b[8] & 0x3F) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// The MessageID a request built by soapgen carries, if it carries one.
pub(crate) fn request_message_id(body: &[u8]) -> Option<&str> {
    // It is written in the Header, before the Body: no need to look further.
    let head = &body[..body.len().min(8192)];
    let tag = memchr::memmem::find(head, MESSAGE_ID_START.as_bytes())? + MESSAGE_ID_START.len();
    let start = tag + memchr::memchr(b'>', &head[tag..])? + 1;
    let end = start + memchr::memmem::find(&head[start..], MESSAGE_ID_END.as_bytes())?;
    std::str::from_utf8(&head[start..end]).ok()
}

/// The `wsa:RelatesTo` values (of relationship type reply) in the Header of `envelope`.
pub(crate) fn relates_to(envelope: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut r = XmlReader::new(envelope);
    let Ok(Some(_root)) = r.next_child() else { return found };
    let Ok(Some(first)) = r.next_child() else { return found };
    if first.local != "Header" {
        return found;
    }
    while let Ok(Some(tag)) = r.next_child() {
        let reply = r.attribute("", "RelationshipType").is_none_or(|t| t.ends_with("/reply"));
        if tag.is(WSA_NS, "RelatesTo") && reply {
            match r.read_text() {
                Ok(text) => found.push(text.trim().to_owned()),
                Err(_) => break,
            }
        } else if r.skip().is_err() {
            break;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_ids() {
        let mut w = XmlWriter::new();
        w.start_prefixed("h");
        write_headers(&mut w, SoapVersion::Soap12, "urn:a", "urn:uuid:1", "http://h/x?a=1&b");
        w.end("h");
        let xml = w.finish().unwrap();
        assert!(
            xml.contains("<wsa:Action xmlns:wsa=\"http://www.w3.org/2005/08/addressing\""),
            "{xml}"
        );
        assert!(xml.contains(">urn:a</wsa:Action><wsa:MessageID"), "{xml}");
        assert!(
            xml.contains("<wsa:To xmlns:wsa=\"http://www.w3.org/2005/08/addressing\" "),
            "{xml}"
        );
        assert!(xml.contains(">http://h/x?a=1&amp;b</wsa:To>"), "{xml}");
        assert!(
            xml.contains(
                "<wsa:Address>http://www.w3.org/2005/08/addressing/anonymous</wsa:Address>"
            )
        );
        assert_eq!(request_message_id(xml.as_bytes()), Some("urn:uuid:1"));

        let (a, b) = (message_id(), message_id());
        assert_ne!(a, b);
        assert_eq!(a.len(), "urn:uuid:".len() + 36);
        assert_eq!(&a[23..24], "4", "{a}");
    }

    #[test]
    fn reply_relationships_are_found_in_the_header() {
        let env = r#"<S:Envelope xmlns:S="http://www.w3.org/2003/05/soap-envelope"><S:Header><To xmlns="http://www.w3.org/2005/08/addressing">x</To><RelatesTo xmlns="http://www.w3.org/2005/08/addressing"> urn:uuid:1 </RelatesTo><a:RelatesTo xmlns:a="http://www.w3.org/2005/08/addressing" RelationshipType="urn:other">urn:uuid:2</a:RelatesTo></S:Header><S:Body/></S:Envelope>"#;
        assert_eq!(relates_to(env), ["urn:uuid:1"]);
        assert!(relates_to("<S:Envelope xmlns:S=\"x\"><S:Body/></S:Envelope>").is_empty());
        assert!(relates_to("not xml").is_empty());
    }
}
