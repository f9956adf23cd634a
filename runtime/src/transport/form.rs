//! HTTP GET and POST bindings (ASMX's "HTTP GET" / "HTTP POST", WSDL `http:binding`): a
//! request's fields as `name=value` pairs, in a query string or a form-encoded body.
//!
//! Encoding is `form_urlencoded`'s (the `url` crate's, which both HTTP stacks already
//! use): `application/x-www-form-urlencoded` as HTML forms send it — a space is `+`, every
//! byte outside `A-Z a-z 0-9 * - . _` is `%XX` of its UTF-8. ASP.NET and Python's
//! `parse_qs` read that the same in a query string and in a body.

use super::{HttpRequest, Method};
use crate::value::XmlValue;

/// Name=value pairs, encoded as they are added. Values are written in their XML Schema
/// lexical form (`true`, `2024-05-01T10:00:00Z`, `12.5`), as the service reads them.
#[derive(Clone, Default)]
pub struct Form {
    encoded: String,
    scratch: String,
}

impl Form {
    /// No pairs yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `name=value`.
    pub fn push<V: XmlValue + ?Sized>(&mut self, name: &str, value: &V) {
        if !self.encoded.is_empty() {
            self.encoded.push('&');
        }
        self.encoded.extend(form_urlencoded::byte_serialize(name.as_bytes()));
        self.encoded.push('=');
        let text = match value.as_lexical_str() {
            Some(text) => text,
            None => {
                self.scratch.clear();
                value.write_lexical(&mut self.scratch);
                &self.scratch
            }
        };
        self.encoded.extend(form_urlencoded::byte_serialize(text.as_bytes()));
    }

    /// Adds `name=value` when there is a value; an absent optional parameter is left out.
    pub fn push_opt<V: XmlValue>(&mut self, name: &str, value: Option<&V>) {
        if let Some(value) = value {
            self.push(name, value);
        }
    }

    /// Adds `name=value` once per item: a list repeats its name.
    pub fn push_all<V: XmlValue>(&mut self, name: &str, values: &[V]) {
        for value in values {
            self.push(name, value);
        }
    }

    /// The encoded pairs: `a=1&b=x+y`.
    pub fn as_str(&self) -> &str {
        &self.encoded
    }
}

/// `Debug` names the fields, never their values: they may be credentials.
impl std::fmt::Debug for Form {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self
            .encoded
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .map(|(n, _)| n)
            .collect();
        f.debug_struct("Form").field("names", &names).finish_non_exhaustive()
    }
}

/// The request of an HTTP GET or POST binding: GET appends `form` to `url` as its query
/// string; POST sends it as an `application/x-www-form-urlencoded` body. Both ask for XML.
pub fn form_request(url: &str, method: Method, form: &Form) -> HttpRequest {
    let accept = ("Accept".to_owned(), "text/xml, application/xml".to_owned());
    match method {
        Method::Get => {
            let mut url = url.to_owned();
            if !form.as_str().is_empty() {
                url.push(if url.contains('?') { '&' } else { '?' });
                url.push_str(form.as_str());
            }
            let mut request = HttpRequest::get(url);
            request.headers.push(accept);
            request
        }
        Method::Post => HttpRequest::post(
            url,
            vec![
                ("Content-Type".to_owned(), "application/x-www-form-urlencoded".to_owned()),
                accept,
            ],
            form.as_str().as_bytes().to_vec(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{Date, DateTime, Decimal};

    #[test]
    fn reserved_characters_spaces_and_non_ascii_are_escaped() {
        let mut f = Form::new();
        f.push("q", "a b&c=d+e");
        f.push("name", "Zoë €/?#%");
        f.push("tab", "x\ty\n");
        assert_eq!(
            f.as_str(),
            "q=a+b%26c%3Dd%2Be&name=Zo%C3%AB+%E2%82%AC%2F%3F%23%25&tab=x%09y%0A"
        );
        // What a form decoder reads back is what was pushed.
        let back: Vec<(String, String)> = form_urlencoded::parse(f.as_str().as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        assert_eq!(back[0].1, "a b&c=d+e");
        assert_eq!(back[1].1, "Zoë €/?#%");
        assert_eq!(back[2].1, "x\ty\n");
    }

    #[test]
    fn values_in_their_xml_schema_form() {
        let mut f = Form::new();
        f.push("b", &true);
        f.push("n", &-42i32);
        f.push("x", &2.5f64);
        f.push("d", &"12.50".parse::<Decimal>().unwrap());
        f.push("day", &"2024-05-01".parse::<Date>().unwrap());
        f.push("at", &"2024-05-01T10:00:00Z".parse::<DateTime>().unwrap());
        assert_eq!(
            f.as_str(),
            "b=true&n=-42&x=2.5&d=12.50&day=2024-05-01&at=2024-05-01T10%3A00%3A00Z"
        );
    }

    #[test]
    fn optional_values_are_left_out_and_lists_repeat_their_name() {
        let mut f = Form::new();
        f.push_opt::<String>("absent", None);
        f.push_opt("present", Some(&"".to_owned()));
        f.push_all("id", &[1, 2, 3]);
        f.push_all::<i32>("none", &[]);
        assert_eq!(f.as_str(), "present=&id=1&id=2&id=3");
    }

    #[test]
    fn get_puts_the_pairs_in_the_query_and_post_in_the_body() {
        let mut f = Form::new();
        f.push("a", "x y");
        let get = form_request("http://h/S.asmx/Op", Method::Get, &f);
        assert_eq!((get.method, get.url.as_str()), (Method::Get, "http://h/S.asmx/Op?a=x+y"));
        assert!(get.body.is_empty() && get.header("Content-Type").is_none());
        let get = form_request("http://h/Op?key=1", Method::Get, &f);
        assert_eq!(get.url, "http://h/Op?key=1&a=x+y");
        let empty = form_request("http://h/Op", Method::Get, &Form::new());
        assert_eq!(empty.url, "http://h/Op");
        let post = form_request("http://h/S.asmx/Op", Method::Post, &f);
        assert_eq!((post.method, post.url.as_str()), (Method::Post, "http://h/S.asmx/Op"));
        assert_eq!(post.header("Content-Type"), Some("application/x-www-form-urlencoded"));
        assert_eq!(post.body, b"a=x+y");
    }

    #[test]
    fn debug_shows_names_not_values() {
        let mut f = Form::new();
        f.push("user", "u");
        f.push("password", "hunter2");
        let shown = format!("{f:?}");
        assert!(shown.contains("password") && !shown.contains("hunter2"), "{shown}");
        // A GET carries them in its URL: the request's Debug hides the query string.
        let get = form_request("http://h/S.asmx/Login", Method::Get, &f);
        let shown = format!("{get:?}");
        assert!(
            shown.contains("http://h/S.asmx/Login?<redacted>") && !shown.contains("hunter2"),
            "{shown}"
        );
    }
}
