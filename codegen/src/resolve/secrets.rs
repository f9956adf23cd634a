//! Which fields hold secrets, so that Debug output never shows them — and shows
//! everything else.
//!
//! A field is a secret when it is a leaf that can carry a credential (text, bytes, a
//! number such as a PIN, a GUID key, raw XML, or a struct that is only text with
//! attributes) and its name, split into words, holds a credential word. A field holding a
//! struct, an enum or a choice is never redacted as a whole: its own Debug redacts its
//! secrets, and a result code (`ResetPasswordResult`) is what a user looks for.

use crate::ir::{Model, Primitive, TypeKind, TypeRef};

/// Credential words, matched against whole words of the name (and two adjacent words
/// joined, so `apiKey` and `api_key` both read as `apikey`).
const WORDS: &[&str] = &[
    "password",
    "passwords",
    "passwd",
    "pwd",
    "passphrase",
    "secret",
    "secrets",
    "token",
    "tokens",
    "apikey",
    "accesskey",
    "privatekey",
    "secretkey",
    "authkey",
    "sessionkey",
    "credential",
    "credentials",
];

/// Words that end a name in all lower case: `newpassword` has no boundary to split at.
/// (Never `token`: `nmtoken` is an XML name type.)
const SUFFIXES: &[&str] = &["password", "passwd", "passphrase", "credential", "credentials"];

/// Whole names that are credentials only on their own (`pin`, but not `shipping`).
const EXACT: &[&str] = &["pin", "pass", "auth", "authorization"];

/// Words after a credential word that make the name about the credential, not the
/// credential itself: `passwordPolicy`, `tokenType`, `ResetPasswordResult`.
const DESCRIBES: &[&str] = &[
    "result",
    "status",
    "code",
    "type",
    "kind",
    "policy",
    "count",
    "length",
    "format",
    "expiry",
    "expires",
    "expiration",
    "url",
    "uri",
];

/// Whether a member named `wire_name` holding `ty` is printed as `<redacted>`.
pub fn holds_secret(model: &Model, wire_name: &str, ty: &TypeRef) -> bool {
    can_carry_secret(model, ty) && is_secret_name(wire_name)
}

/// Whether the name marks a credential.
pub fn is_secret_name(wire_name: &str) -> bool {
    let words = split_words(wire_name);
    if words.len() == 1 && EXACT.contains(&words[0].as_str()) {
        return true;
    }
    let describes = |i: usize| words.get(i).is_some_and(|w| DESCRIBES.contains(&w.as_str()));
    (0..words.len()).any(|i| {
        let one = WORDS.contains(&words[i].as_str()) && !describes(i + 1);
        let two = words.get(i + 1).is_some_and(|next| {
            WORDS.contains(&format!("{}{next}", words[i]).as_str()) && !describes(i + 2)
        });
        let tail = SUFFIXES.iter().any(|s| words[i].len() > s.len() && words[i].ends_with(s))
            && !describes(i + 1);
        one || two || tail
    })
}

/// Lower-cased words: split at anything not a letter or digit, at a lower-to-upper change
/// (`newPassword`), before the last capital of a run (`APIKey` → `api`, `key`) and between
/// letters and digits.
fn split_words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(&prev) = i.checked_sub(1).map(|p| &chars[p]) {
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let boundary = (prev.is_lowercase() && c.is_uppercase())
                || (prev.is_uppercase() && c.is_uppercase() && next_lower)
                || (prev.is_alphabetic() && c.is_numeric())
                || (prev.is_numeric() && c.is_alphabetic());
            if boundary && !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
        }
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// Text, bytes, numbers, GUIDs and raw XML can be a credential; truth values, times and
/// names cannot. A struct counts when it is only text (and attributes): its text is the
/// value (`<Password Type="…">secret</Password>`). Other structs, enums and choices never.
fn can_carry_secret(model: &Model, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Primitive(p) => !matches!(
            p,
            Primitive::Boolean
                | Primitive::Float
                | Primitive::Double
                | Primitive::Decimal
                | Primitive::DateTime
                | Primitive::Date
                | Primitive::Time
                | Primitive::Duration
                | Primitive::QName
        ),
        TypeRef::RawXml | TypeRef::AnyElement => true,
        TypeRef::List(item) => can_carry_secret(model, item),
        TypeRef::Wrapped(w) => can_carry_secret(model, &w.item_ty),
        TypeRef::Named(id) => match &model.ty(*id).kind {
            TypeKind::Struct(s) => s.fields.is_empty() && s.text.is_some(),
            TypeKind::Enum(_) | TypeKind::Choice(_) => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{EnumDef, QName, StructDef, TypeDef};

    #[test]
    fn credential_words_are_recognised() {
        for name in [
            "Password",
            "newPassword",
            "NEW_PASSWORD",
            "newpassword",
            "authToken",
            "api_key",
            "APIKey",
            "apiKey",
            "client-secret",
            "credentials",
            "PIN",
            "pwd",
            "token",
            "SessionToken2",
            "passwordResetToken",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn names_that_merely_mention_a_credential_are_shown() {
        for name in [
            "username",
            "Shipping",
            "Passenger",
            "Tokenizer",
            "nmtoken",
            "NMTOKENS",
            "secretary",
            "ResetPasswordResult",
            "updateUserPasswordResult",
            "passwordPolicy",
            "tokenType",
            "TokenExpiry",
            "keyboard",
            "Spinner",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn words_split_at_case_digits_and_punctuation() {
        assert_eq!(split_words("APIKeyV2_value"), ["api", "key", "v", "2", "value"]);
        assert_eq!(split_words("resetPasswordResult"), ["reset", "password", "result"]);
    }

    #[test]
    fn only_leaves_are_redacted() {
        let mut model = Model::default();
        let def = |kind| TypeDef {
            name: QName::new("", "T"),
            kind,
            docs: Default::default(),
            provenance: crate::ir::Provenance { file: "t".into(), line: 1, column: 1 },
        };
        let code = model.add_type(def(TypeKind::Enum(EnumDef {
            base: Primitive::String,
            variants: Vec::new(),
        })));
        let text = model.add_type(def(TypeKind::Struct(StructDef {
            text: Some(TypeRef::Primitive(Primitive::String)),
            ..Default::default()
        })));
        let string = TypeRef::Primitive(Primitive::String);
        assert!(holds_secret(&model, "password", &string));
        assert!(holds_secret(&model, "password", &TypeRef::List(Box::new(string.clone()))));
        assert!(holds_secret(&model, "Password", &TypeRef::Named(text)));
        assert!(holds_secret(&model, "apiKey", &TypeRef::Primitive(Primitive::Guid)));
        assert!(!holds_secret(&model, "password", &TypeRef::Named(code)));
        assert!(!holds_secret(&model, "passwordChanged", &TypeRef::Primitive(Primitive::Boolean)));
        assert!(!holds_secret(&model, "username", &string));
    }
}
