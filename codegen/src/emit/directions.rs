//! Which way each type travels: a client writes what it sends (requests, header blocks) and
//! reads what it receives (responses, fault details), so a type gets `XmlWrite`, `XmlRead`
//! or both accordingly. Types no operation reaches get both: the user holds them for some
//! purpose the documents do not say; so does everything they hold (a base type nobody
//! names directly may hold a type only responses use).

use crate::ir::{TypeId, TypeRef};
use crate::resolve::Resolved;

use super::features::reached;

/// Per type: whether it is written, whether it is read, whether an rpc/encoded request
/// holds it (and so says its `xsi:type`).
pub struct Directions {
    writes: Vec<bool>,
    reads: Vec<bool>,
    encoded: Vec<bool>,
}

/// The types an rpc/encoded operation's request holds (below its wrapper element).
fn encoded(resolved: &Resolved) -> Vec<bool> {
    use crate::ir::BindingStyle;
    let mut roots: Vec<&TypeRef> = Vec::new();
    for op in resolved.services.iter().flat_map(|s| &s.operations) {
        if !op.bindings.iter().any(|b| b.style == BindingStyle::RpcEncoded) {
            continue;
        }
        if let TypeRef::Named(id) = &op.input.ty {
            if let crate::resolve::RTypeKind::Struct(s) = &resolved.ty(*id).kind {
                roots.extend(s.fields.iter().map(|f| &f.ty));
            }
        }
    }
    let reached = reached(resolved, &roots);
    (0..resolved.types.len() as u32).map(|id| reached.contains(&TypeId(id))).collect()
}

impl Directions {
    /// Every type both ways (servers, mocks, round-trip tests).
    pub fn both(resolved: &Resolved) -> Self {
        let n = resolved.types.len();
        Directions { writes: vec![true; n], reads: vec![true; n], encoded: encoded(resolved) }
    }

    /// The directions a client needs.
    pub fn client(resolved: &Resolved) -> Self {
        let mut sent: Vec<&TypeRef> = Vec::new();
        let mut received: Vec<&TypeRef> = Vec::new();
        for service in &resolved.services {
            sent.extend(service.headers.iter().map(|h| &h.ty));
            for op in &service.operations {
                sent.push(&op.input.ty);
                received.push(&op.output.ty);
                received.extend(op.faults.iter().flat_map(|f| &f.variants).map(|v| &v.ty));
                received.extend(op.response_headers.iter().flat_map(|h| &h.blocks).map(|b| &b.ty));
            }
        }
        let (sent, received) = (reached(resolved, &sent), reached(resolved, &received));
        let ids = || (0..resolved.types.len() as u32).map(TypeId);
        let unreached: Vec<TypeRef> = ids()
            .filter(|id| !sent.contains(id) && !received.contains(id))
            .map(TypeRef::Named)
            .collect();
        let both = reached(resolved, &unreached.iter().collect::<Vec<_>>());
        Directions {
            writes: ids().map(|id| sent.contains(&id) || both.contains(&id)).collect(),
            reads: ids().map(|id| received.contains(&id) || both.contains(&id)).collect(),
            encoded: encoded(resolved),
        }
    }

    /// Whether values of `id` are written.
    pub fn writes(&self, id: TypeId) -> bool {
        self.writes[id.0 as usize]
    }

    /// Whether values of `id` are read.
    pub fn reads(&self, id: TypeId) -> bool {
        self.reads[id.0 as usize]
    }

    /// Whether an rpc/encoded request holds values of `id` (written with their `xsi:type`).
    pub fn encoded(&self, id: TypeId) -> bool {
        self.encoded[id.0 as usize]
    }
}

#[cfg(test)]
mod tests {
    use crate::{Options, Source, generate};

    /// TaxCloud's shape: responses extend `ResponseBase`, which nothing names as a field.
    /// The base gets both directions (unreached), so what it holds must be writable too,
    /// though only responses reach it otherwise.
    #[test]
    fn what_an_unreached_type_holds_goes_both_ways() {
        let wsdl = r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t" targetNamespace="urn:t">
  <types><xs:schema targetNamespace="urn:t" elementFormDefault="qualified">
    <xs:complexType name="Note"><xs:sequence><xs:element name="Text" type="xs:string"/></xs:sequence></xs:complexType>
    <xs:complexType name="ResponseBase"><xs:sequence><xs:element name="Note" type="tns:Note"/></xs:sequence></xs:complexType>
    <xs:complexType name="Answer"><xs:complexContent><xs:extension base="tns:ResponseBase">
      <xs:sequence><xs:element name="Value" type="xs:int"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
    <xs:element name="Ask" type="xs:string"/>
    <xs:element name="AskResponse" type="tns:Answer"/>
  </xs:schema></types>
  <message name="In"><part name="p" element="tns:Ask"/></message>
  <message name="Out"><part name="p" element="tns:AskResponse"/></message>
  <portType name="P"><operation name="Ask"><input message="tns:In"/><output message="tns:Out"/></operation></portType>
  <binding name="B" type="tns:P"><soap:binding style="document"/><operation name="Ask">
    <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation></binding>
  <service name="S"><port name="p" binding="tns:B"><soap:address location="http://h/s"/></port></service>
</definitions>"#;
        let out = generate(&[Source::new("base.wsdl", wsdl)], &Options::default()).unwrap();
        assert!(out.code.contains("impl rt::XmlWrite for ResponseBase"), "{}", out.code);
        assert!(out.code.contains("impl rt::XmlWrite for Note"), "{}", out.code);
        // The response itself is still only read.
        assert!(!out.code.contains("impl rt::XmlWrite for Answer"), "{}", out.code);
    }
}
