//! Names every description may use without defining them: the namespaces of WSDL and
//! its SOAP bindings, and the built-in types of XML Schema (all three published
//! namespaces), of SOAP encoding and of Microsoft's serializers.

use crate::ir::{Primitive, QName};

pub const WSDL: &str = "http://schemas.xmlsoap.org/wsdl/";
pub const SOAP11: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
pub const SOAP12: &str = "http://schemas.xmlsoap.org/wsdl/soap12/";
pub const HTTP: &str = "http://schemas.xmlsoap.org/wsdl/http/";
pub const SOAP_ENC: &str = "http://schemas.xmlsoap.org/soap/encoding/";

pub const XSD: &str = "http://www.w3.org/2001/XMLSchema";
/// Drafts still found in old rpc/encoded services.
const XSD_1999: &str = "http://www.w3.org/1999/XMLSchema";
const XSD_2000: &str = "http://www.w3.org/2000/10/XMLSchema";

/// WCF's DataContract serializer (`guid`, `char`, `duration`, …).
const MS_SERIALIZATION: &str = "http://schemas.microsoft.com/2003/10/Serialization/";
/// ASMX's XmlSerializer (`guid`, `char`).
const MS_WSDL_TYPES: &str = "http://microsoft.com/wsdl/types/";

/// Whether `ns` is one of the XML Schema namespaces (schema elements live in it).
pub fn is_schema_ns(ns: &str) -> bool {
    matches!(ns, XSD | XSD_1999 | XSD_2000)
}

/// What a built-in type name stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    Value(Primitive),
    /// A whitespace-separated list (`NMTOKENS`, `IDREFS`, `ENTITIES`).
    List(Primitive),
    /// `anyType`, `soapenc:Struct`: any content at all.
    Raw,
    /// `soapenc:Array` itself, with no item type stated.
    EncodedArray,
}

/// The built-in type `name` denotes, if any. Microsoft's namespaces win over the
/// schemas that define them: their `guid` is a patterned string, but a GUID is meant.
pub fn builtin_type(name: &QName) -> Option<Builtin> {
    let local = name.local.as_str();
    match name.namespace.as_str() {
        ns if is_schema_ns(ns) => schema_type(local),
        SOAP_ENC => match local {
            "Array" => Some(Builtin::EncodedArray),
            "Struct" => Some(Builtin::Raw),
            "base64" => Some(Builtin::Value(Primitive::Base64Binary)),
            _ => schema_type(local),
        },
        MS_SERIALIZATION | MS_WSDL_TYPES => match local {
            "anyType" => Some(Builtin::Raw),
            _ => Primitive::from_xsd_name(local).map(Builtin::Value),
        },
        _ => None,
    }
}

fn schema_type(local: &str) -> Option<Builtin> {
    let value = |p| Some(Builtin::Value(p));
    match local {
        "anyType" => Some(Builtin::Raw),
        "NMTOKENS" | "IDREFS" | "ENTITIES" => Some(Builtin::List(Primitive::String)),
        // No dedicated value type: the lexical form is kept.
        "gYear" | "gYearMonth" | "gMonth" | "gMonthDay" | "gDay" | "NOTATION" => {
            value(Primitive::String)
        }
        // 1999/2000 draft names.
        "timeInstant" => value(Primitive::DateTime),
        "timeDuration" => value(Primitive::Duration),
        "uriReference" => value(Primitive::AnyUri),
        "binary" => value(Primitive::Base64Binary),
        "recurringDuration" | "recurringDate" | "recurringDay" | "timePeriod" | "month"
        | "year" | "century" => value(Primitive::String),
        _ => Primitive::from_xsd_name(local).map(Builtin::Value),
    }
}

/// Attributes of the `xml:` namespace, predefined for every document.
pub fn is_xml_attribute(name: &QName) -> bool {
    name.namespace == crate::read::xml::XML_NS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_builtins_of_every_namespace() {
        let b = |ns: &str, l: &str| builtin_type(&QName::new(ns, l));
        assert_eq!(b(XSD, "dateTime"), Some(Builtin::Value(Primitive::DateTime)));
        assert_eq!(b(XSD_1999, "timeInstant"), Some(Builtin::Value(Primitive::DateTime)));
        assert_eq!(b(XSD, "anyType"), Some(Builtin::Raw));
        assert_eq!(b(XSD, "IDREFS"), Some(Builtin::List(Primitive::String)));
        assert_eq!(b(SOAP_ENC, "string"), Some(Builtin::Value(Primitive::String)));
        assert_eq!(b(SOAP_ENC, "Array"), Some(Builtin::EncodedArray));
        assert_eq!(b(MS_SERIALIZATION, "guid"), Some(Builtin::Value(Primitive::Guid)));
        assert_eq!(b(MS_SERIALIZATION, "duration"), Some(Builtin::Value(Primitive::Duration)));
        assert_eq!(b(MS_WSDL_TYPES, "char"), Some(Builtin::Value(Primitive::Char)));
        assert_eq!(b("urn:x", "string"), None);
        assert_eq!(b(XSD, "Foo"), None);
    }
}
