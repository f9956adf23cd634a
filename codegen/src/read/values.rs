//! What a sample's text says about a value's type. Pure text rules, one per page
//! generator habit; `infer` turns the answers into model types and warnings.

use crate::ir::Primitive;

/// What an ASP.NET placeholder stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placeholder {
    /// An XSD type name: `string`, `int`, `dateTime`, …
    Primitive(Primitive),
    /// `A or B or C`: an enumeration, values as on the wire.
    Enumeration(Vec<String>),
    /// `T T ...`: an xs:list of T.
    List(Primitive),
    /// `xml`: xs:any content.
    Any,
}

pub fn placeholder(text: &str) -> Option<Placeholder> {
    if let Some(p) = Primitive::from_xsd_name(text) {
        return Some(Placeholder::Primitive(p));
    }
    if text == "xml" {
        return Some(Placeholder::Any);
    }
    enumeration(text).map(Placeholder::Enumeration).or_else(|| xs_list(text).map(Placeholder::List))
}

/// What a ServiceStack sample value (a .NET default) stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DotnetValue {
    Exact(Primitive),
    /// `0`: every numeric type (and `char`) looks the same.
    AnyNumber,
}

pub fn dotnet_default(text: &str) -> Option<DotnetValue> {
    let p = match text {
        "String" => Primitive::String,
        "false" | "true" => Primitive::Boolean,
        "PT0S" => Primitive::Duration,
        "00000000-0000-0000-0000-000000000000" => Primitive::Guid,
        t if t.starts_with("0001-01-01T00:00:00") => Primitive::DateTime,
        "0" => return Some(DotnetValue::AnyNumber),
        _ => return None,
    };
    Some(DotnetValue::Exact(p))
}

/// Whitespace runs (including line breaks of wrapped placeholders) → one space.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `A or B or C` → the values, in order, duplicates dropped.
fn enumeration(text: &str) -> Option<Vec<String>> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    if tokens.len() < 3 || tokens.len() % 2 == 0 {
        return None;
    }
    if tokens.iter().skip(1).step_by(2).any(|t| *t != "or")
        || tokens.iter().step_by(2).any(|t| *t == "or")
    {
        return None;
    }
    let mut values: Vec<String> = Vec::new();
    for v in tokens.iter().step_by(2) {
        if !values.iter().any(|x| x == v) {
            values.push((*v).to_owned());
        }
    }
    Some(values)
}

/// `T T ...`: how ASP.NET writes an xs:list of T.
fn xs_list(text: &str) -> Option<Primitive> {
    match text.split_whitespace().collect::<Vec<_>>()[..] {
        [a, b, "..."] | [a, b] if a == b => Primitive::from_xsd_name(a),
        _ => None,
    }
}

/// The likely type of a real value in a captured envelope.
pub fn example_type(text: &str) -> Primitive {
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    // yyyy-mm-ddT…, checked on bytes so any text is safe to test.
    let date_time = text.len() >= 16
        && text.bytes().take(11).enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            10 => b == b'T',
            _ => b.is_ascii_digit(),
        });
    match text {
        "true" | "false" => Primitive::Boolean,
        _ if digits(unsigned) && unsigned.len() <= 18 => Primitive::Long,
        _ if unsigned.split_once('.').is_some_and(|(i, f)| digits(i) && digits(f)) => {
            Primitive::Decimal
        }
        _ if date_time => Primitive::DateTime,
        _ => Primitive::String,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_shapes() {
        assert_eq!(enumeration("A or B\n   or C"), Some(vec!["A".into(), "B".into(), "C".into()]));
        assert_eq!(enumeration("A or"), None);
        assert_eq!(enumeration("a b c"), None);
        assert_eq!(xs_list("int int ..."), Some(Primitive::Int));
        assert_eq!(xs_list("int string ..."), None);
        assert_eq!(placeholder("guid"), Some(Placeholder::Primitive(Primitive::Guid)));
        assert_eq!(placeholder("xml"), Some(Placeholder::Any));
        assert_eq!(placeholder("String"), None);
        assert_eq!(dotnet_default("0"), Some(DotnetValue::AnyNumber));
        assert_eq!(
            dotnet_default("0001-01-01T00:00:00"),
            Some(DotnetValue::Exact(Primitive::DateTime))
        );
        assert_eq!(example_type("-42"), Primitive::Long);
        assert_eq!(example_type("4.5"), Primitive::Decimal);
        assert_eq!(example_type("2024-01-02T03:04:05Z"), Primitive::DateTime);
        assert_eq!(example_type("0123 x"), Primitive::String);
        assert_eq!(example_type("ab€€€€€€€€€€€€€€€€"), Primitive::String);
    }
}
