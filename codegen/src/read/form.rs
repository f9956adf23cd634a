//! The HTTP GET and HTTP POST sections of an ASMX page: parameters as `name=type`
//! pairs (a query string or a form body) and a plain XML document back.
//!
//! `GET /Svc.asmx/Op?a=string&b=int` is operation `Op` at endpoint `http://host/Svc.asmx`,
//! path `/Op`: the same endpoint as the page's SOAP samples, so both join one service.
//! The parameters become a struct named after the operation in the response's namespace,
//! which is the struct ASP.NET's SOAP sample of the operation shows.

use super::infer::{Declarations, Flavour, Infer};
use super::locate::Locator;
use super::merge::{Draft, ServicePart};
use super::naming;
use super::page::{FormParams, Sample, header};
use super::types::Types;
use super::values::{self, Placeholder};
use crate::ir::{
    BindingStyle, Docs, EnumDef, EnumVariant, Field, Message, Occurs, Primitive, Protocol, QName,
    StructDef, TypeDef, TypeId, TypeKind, TypeRef,
};

/// The draft of one HTTP GET or form POST sample.
pub fn draft(sample: &Sample, form: &FormParams, loc: &Locator<'_>, types: &mut Types) -> Draft {
    let request = &sample.request;
    let (base, operation) = match request.path.rsplit_once('/') {
        Some((base, op)) if !op.is_empty() => (base, op),
        _ => ("", request.path.trim_matches('/')),
    };
    let output = sample.response.as_ref().and_then(|r| r.output()).map(|doc| {
        let root = doc.get(doc.root());
        // `<int xmlns="…">int</int>`: a value, not a struct of one text field.
        let simple = root.attributes.is_empty() && doc.children(doc.root()).next().is_none();
        match values::placeholder(&values::collapse(&doc.text(doc.root()))) {
            Some(Placeholder::Primitive(p)) if simple => {
                Message { element: root.name.clone(), ty: TypeRef::Primitive(p) }
            }
            _ => {
                let none = Declarations::new();
                let mut infer =
                    Infer { doc, loc, flavour: Flavour::Placeholders, declared: &none, types };
                infer.message(doc.root())
            }
        }
    });
    let namespace = output.as_ref().map(|m| m.element.namespace.clone()).unwrap_or_default();
    let input = parameters(operation, &namespace, form, loc, types);
    let endpoint = header(&request.headers, "Host").map(|h| format!("http://{}{base}", h.trim()));
    Draft {
        service: ServicePart {
            name: None,
            fallback_name: naming::from_path(base, &namespace)
                .or_else(|| naming::from_namespace(&namespace)),
            namespace,
            endpoint,
            provenance: loc.at(request.offset),
        },
        operation: operation.to_owned(),
        docs: Docs::default(),
        protocol: if form.get { Protocol::HttpGet } else { Protocol::HttpPost },
        action: None,
        path: Some(format!("/{operation}")),
        style: BindingStyle::DocumentLiteral,
        provenance: loc.at(request.offset),
        input: Some(input),
        output,
        headers: Vec::new(),
    }
}

/// The parameters as a struct: a field per name, in order; a name given twice is a list.
fn parameters(
    operation: &str,
    namespace: &str,
    form: &FormParams,
    loc: &Locator<'_>,
    types: &mut Types,
) -> Message {
    let mut fields: Vec<Field> = Vec::new();
    for (name, value, at) in form.pairs() {
        let name = decode(name);
        if name.is_empty() {
            types.warn(loc.at(at), "a parameter without a name is left out");
            continue;
        }
        if let Some(f) = fields.iter_mut().find(|f| f.name.local == name) {
            f.occurs = Occurs::Many;
            continue;
        }
        let ty = value_type(&name, &decode(value), at, loc, types);
        fields.push(Field {
            name: QName::new(namespace, name),
            ty,
            occurs: Occurs::Required,
            nillable: false,
            docs: Docs::default(),
            provenance: loc.at(at),
        });
    }
    let element = QName::new(namespace, operation);
    if let Some(id) = soap_request(types, &element, &fields) {
        return Message { element, ty: TypeRef::Named(id) };
    }
    let id = types.intern_exact(TypeDef {
        name: element.clone(),
        kind: TypeKind::Struct(StructDef { fields, ..Default::default() }),
        docs: Docs::default(),
        provenance: loc.at(form.offset),
    });
    Message { element, ty: TypeRef::Named(id) }
}

/// The page's SOAP request struct when it holds these parameters: same names, in order,
/// each simple, and typed alike, or `string` in the HTTP sample (ASP.NET shows every
/// HTTP GET/POST parameter so, whatever its type). Its typed fields are then what the
/// HTTP methods send too.
fn soap_request(types: &Types, element: &QName, fields: &[Field]) -> Option<TypeId> {
    let model = &types.model;
    let simple = |ty: &TypeRef| match ty {
        TypeRef::Primitive(_) => true,
        TypeRef::Named(id) => matches!(model.ty(*id).kind, TypeKind::Enum(_)),
        _ => false,
    };
    let matches = |def: &TypeDef| match &def.kind {
        TypeKind::Struct(s) if s.attributes.is_empty() && s.text.is_none() => {
            s.fields.len() == fields.len()
                && s.fields.iter().zip(fields).all(|(s, h)| {
                    s.name.local == h.name.local
                        && simple(&s.ty)
                        && (s.ty == h.ty || h.ty == TypeRef::Primitive(Primitive::String))
                })
        }
        _ => false,
    };
    let found = model.types.iter().position(|t| t.name == *element && matches(t));
    found.map(|i| TypeId(i as u32))
}

/// A placeholder's type; an enumeration (`Red or Green`) becomes an enum named after the
/// parameter. Parameters are simple values: anything else is sent as a string.
fn value_type(name: &str, text: &str, at: usize, loc: &Locator<'_>, types: &mut Types) -> TypeRef {
    match values::placeholder(&values::collapse(text)) {
        Some(Placeholder::Primitive(p)) => TypeRef::Primitive(p),
        Some(Placeholder::Enumeration(values)) => {
            let variants =
                values.into_iter().map(|value| EnumVariant { value, docs: Docs::default() });
            let id = types.intern(TypeDef {
                name: QName::new("", name),
                kind: TypeKind::Enum(EnumDef {
                    base: Primitive::String,
                    variants: variants.collect(),
                }),
                docs: Docs::default(),
                provenance: loc.at(at),
            });
            TypeRef::Named(id)
        }
        _ => {
            types.warn(
                loc.at(at),
                format!("unrecognised placeholder '{text}' for parameter {name}, typed as string"),
            );
            TypeRef::Primitive(Primitive::String)
        }
    }
}

/// Undoes form encoding (`+` is a space, `%XX` a byte) as far as a page shows it.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len()
                && bytes[i + 1].is_ascii_hexdigit()
                && bytes[i + 2].is_ascii_hexdigit() =>
            {
                let hex = |b: u8| (b as char).to_digit(16).unwrap_or(0) as u8;
                out.push(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn decodes_what_pages_show() {
        assert_eq!(decode("Red+or+Green"), "Red or Green");
        assert_eq!(decode("a%20b%C3%A9"), "a bé");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz"), "%zz");
    }
}
