//! `XmlReader`: a namespace-aware pull reader over `xmlparser`'s tokenizer.
//!
//! Everything it returns borrows from the input; the element stack, namespace bindings and
//! attribute list are reused vectors, so reading allocates only when text needs decoding.
//! Plain tags and text inside the root element, nearly all of a response, are read by a
//! fast path (`fast.rs`) that leaves everything else, and every error, to the tokenizer.

mod capture;
mod errors;
mod fast;
mod tokens;

use std::borrow::Cow;
use std::fmt;

use xmlparser::Tokenizer;

use super::decode::{decode, normalize_newlines};
use super::{RawXml, XML_NS, XSI_NS, XmlError};
use crate::value::XmlValue;
use capture::owned_namespaces;

/// Resource limits for reading untrusted documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Deepest element nesting accepted (default 256).
    pub max_depth: usize,
    /// Largest document accepted, in bytes (default 64 MiB).
    pub max_size: usize,
    /// Most attributes (namespace declarations included) on one element (default 256).
    pub max_attributes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_depth: 256, max_size: 64 * 1024 * 1024, max_attributes: 256 }
    }
}

/// The start tag of an element, with its namespace resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StartTag<'a> {
    /// Namespace URI ("" for none).
    pub ns: &'a str,
    /// Local name, without prefix.
    pub local: &'a str,
    prefix: &'a str,
}

impl<'a> StartTag<'a> {
    /// Whether this is element `local` in namespace `ns`.
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.local == local && self.ns == ns
    }

    /// The prefix as written ("" when unprefixed); for messages, never for matching.
    pub fn prefix(&self) -> &'a str {
        self.prefix
    }
}

/// An element that has started and not yet ended.
#[derive(Clone, Copy, Debug)]
struct Open<'a> {
    prefix: &'a str,
    local: &'a str,
    /// Length of the binding stack before this element's declarations.
    bindings: usize,
}

/// An attribute of the element most recently started (namespace declarations excluded).
#[derive(Clone, Copy, Debug)]
struct Attr<'a> {
    ns: &'a str,
    prefix: &'a str,
    local: &'a str,
    /// As written, references undecoded (already checked to decode).
    value: &'a str,
}

/// What the next tokens amount to.
enum Event<'a> {
    /// An element started; its tag is in `XmlReader::current` (kept out of the event so
    /// the hot return value stays small).
    Start,
    Text {
        raw: &'a str,
        pos: usize,
    },
    Cdata {
        text: &'a str,
        pos: usize,
    },
    End,
    Eof,
}

/// Whether the caller of `next_event` wants text, or only structure.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Text {
    Keep,
    Skip,
}

/// A namespace-aware pull reader.
///
/// Elements are visited with [`next_child`](Self::next_child); each element started must be
/// finished by reading to its end: `next_child` until `None`, [`read_text`](Self::read_text),
/// [`read_value`](Self::read_value), [`skip`](Self::skip) or [`read_raw`](Self::read_raw).
/// `<a/>` behaves exactly like `<a></a>`.
///
/// The reader is iterative (deep nesting is an error, never a stack overflow), refuses DTDs
/// and unknown entities (nothing is ever expanded), and checks tag balance, duplicate
/// attributes and namespace prefixes, which the tokenizer alone does not.
///
/// `Debug` shows where the reader is, never the document.
pub struct XmlReader<'a> {
    xml: &'a str,
    tokens: Tokenizer<'a>,
    limits: Limits,
    stack: Vec<Open<'a>>,
    /// Namespace bindings in scope (prefix, URI), innermost last.
    bindings: Vec<(&'a str, &'a str)>,
    attrs: Vec<Attr<'a>>,
    /// The tag of the element most recently started.
    current: StartTag<'a>,
    /// The element just started was `<a/>`: its end is synthesized by the next read.
    empty_pending: bool,
    /// Bindings of the element that just ended, dropped at the next read rather than at
    /// once, so the text of a QName element can still be resolved after reading it.
    unbind_to: Option<usize>,
    /// Local name of the element that just ended, for [`missing`](Self::missing).
    last_closed: Option<&'a str>,
    /// Byte offset of the token most recently consumed, for error positions.
    pos: usize,
    /// Where the content of the element most recently started begins.
    content_start: usize,
    /// Where the end tag most recently consumed begins.
    end_start: usize,
    /// Where the end tag most recently consumed ends.
    end_end: usize,
    /// Where the start tag of the element most recently started begins.
    tag_start: usize,
    /// Where the text most recently read by `read_text` begins.
    text_pos: usize,
    root_seen: bool,
    /// End of the last token consumed: the unread rest of the document starts here.
    consumed: usize,
    /// The last event was an element's start: nothing inside it has been read yet.
    just_started: bool,
    /// Set once an error has been returned; every later read returns it again.
    failed: Option<XmlError>,
    /// The fast path read past the tokenizer, which restarts at `consumed` before its
    /// next token.
    resync: bool,
    /// The tokenizer was restarted on a fragment: after the root, the reader checks what
    /// follows itself.
    fragment: bool,
    /// Whether the fast path is used (always, except in tests comparing it with the
    /// tokenizer path).
    fast: bool,
}

impl fmt::Debug for XmlReader<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("XmlReader")
            .field("offset", &self.pos)
            .field("path", &self.path(self.stack.len(), None))
            .field("limits", &self.limits)
            .field("failed", &self.failed.is_some())
            .finish_non_exhaustive()
    }
}

impl<'a> XmlReader<'a> {
    /// A reader with the default [`Limits`].
    pub fn new(xml: &'a str) -> Self {
        Self::with_limits(xml, Limits::default())
    }

    /// A reader with the given limits. A document over `max_size` fails at the first read.
    pub fn with_limits(xml: &'a str, limits: Limits) -> Self {
        let mut reader = XmlReader {
            xml,
            tokens: Tokenizer::from(xml),
            limits,
            stack: Vec::with_capacity(16),
            bindings: Vec::with_capacity(8),
            attrs: Vec::with_capacity(8),
            current: StartTag { ns: "", local: "", prefix: "" },
            empty_pending: false,
            unbind_to: None,
            last_closed: None,
            pos: 0,
            content_start: 0,
            end_start: 0,
            end_end: 0,
            tag_start: 0,
            text_pos: 0,
            root_seen: false,
            consumed: 0,
            just_started: false,
            failed: None,
            resync: false,
            fragment: false,
            fast: true,
        };
        if xml.len() > limits.max_size {
            reader.failed = Some(XmlError::new(format!(
                "document is {} bytes, more than the limit of {} bytes",
                xml.len(),
                limits.max_size
            )));
        }
        reader
    }

    /// Turns the fast path off (or on again), for the fuzz driver comparing the two
    /// paths.
    pub(crate) fn set_fast_path(&mut self, on: bool) {
        self.fast = on;
    }

    /// At the top level, the root element; inside an element, its next child element, or
    /// `None` once the element has ended (its end tag consumed).
    ///
    /// Whitespace, comments, processing instructions and the XML declaration are skipped,
    /// and so is text between child elements (mixed content is not modelled).
    pub fn next_child(&mut self) -> Result<Option<StartTag<'a>>, XmlError> {
        loop {
            match self.next_event(Text::Skip)? {
                Event::Start => return Ok(Some(self.current)),
                // Not produced when skipping text; nothing to do if it were.
                Event::Text { .. } | Event::Cdata { .. } => {}
                Event::End => return Ok(None),
                Event::Eof if self.root_seen => return Ok(None),
                Event::Eof => {
                    return Err(self.fail_at(self.xml.len(), "document has no root element".into()));
                }
            }
        }
    }

    /// The text content of the element just started (text and CDATA concatenated,
    /// references decoded), consuming its end tag.
    pub fn read_text(&mut self) -> Result<Cow<'a, str>, XmlError> {
        if let Some(text) = self.fast_text() {
            return text;
        }
        self.expect_inside("read_text")?;
        // Nearly always one text token and the end tag: that path borrows and loops no more.
        let (mut text, first_pos) = match self.next_event(Text::Keep)? {
            Event::End | Event::Eof => {
                self.text_pos = self.end_start;
                return Ok(Cow::Borrowed(""));
            }
            Event::Text { raw, pos } => (self.decode_text(raw, pos)?, pos),
            Event::Cdata { text, pos } => (normalize_newlines(text), pos),
            Event::Start => return Err(self.text_expected()),
        };
        self.text_pos = first_pos;
        loop {
            let piece = match self.next_event(Text::Keep)? {
                Event::End | Event::Eof => return Ok(text),
                Event::Text { raw, pos } => self.decode_text(raw, pos)?,
                Event::Cdata { text, .. } => normalize_newlines(text),
                Event::Start => return Err(self.text_expected()),
            };
            if !piece.is_empty() {
                text.to_mut().push_str(&piece);
            }
        }
    }

    fn decode_text(&mut self, raw: &'a str, pos: usize) -> Result<Cow<'a, str>, XmlError> {
        decode(raw, false).map_err(|e| self.fail_at(pos + e.offset, e.message))
    }

    /// A child element where text was wanted, reported in the element whose text it was.
    #[cold]
    fn text_expected(&mut self) -> XmlError {
        let message = format!("expected text, found element <{}>", self.current.local);
        let path = self.path(self.stack.len() - 1, None);
        self.fail_with_path(self.pos, message, path)
    }

    /// [`read_text`](Self::read_text) parsed as `V`. A parse failure is reported at the
    /// text, naming the element path and the expected type but not the text itself.
    pub fn read_value<V: XmlValue>(&mut self) -> Result<V, XmlError> {
        let text = self.read_text()?;
        V::parse_lexical(&text).map_err(|e| {
            let message = format!("expected {} ({e})", V::XSD_TYPE);
            let path = self.path(self.stack.len(), self.last_closed);
            self.fail_with_path(self.text_pos, message, path)
        })
    }

    /// Skips the rest of the element just started, including its end tag.
    pub fn skip(&mut self) -> Result<(), XmlError> {
        self.expect_inside("skip")?;
        let mut depth = 1usize;
        loop {
            match self.next_event(Text::Skip)? {
                Event::Start => depth += 1,
                Event::End => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                Event::Text { .. } | Event::Cdata { .. } => {}
                Event::Eof => return Ok(()),
            }
        }
    }

    /// The inner markup of the current element not read yet (all of it when called right
    /// after its start tag), verbatim, with its end tag consumed; plus the namespace
    /// declarations in scope that it may rely on (the default namespace always, as
    /// `("", uri)`; prefixes that appear in it), so it can be written elsewhere with the
    /// same meaning.
    ///
    /// Capturing from the read position, not from the start tag, keeps the markup balanced
    /// whatever was read before.
    pub fn read_raw(&mut self) -> Result<RawXml, XmlError> {
        self.expect_inside("read_raw")?;
        let start = self.consumed;
        let was_empty = self.empty_pending;
        self.skip()?;
        let markup = if was_empty { "" } else { &self.xml[start..self.end_start] };
        // The element's bindings stay in place until the next read.
        let namespaces = owned_namespaces(&self.bindings, markup, &[]);
        Ok(RawXml::with_namespaces(markup, namespaces))
    }

    /// The element just started, whole and verbatim (start tag to end tag), with its end
    /// tag consumed; plus the namespace declarations in scope around it that its start tag
    /// does not make itself. For `xs:any` content; see [`AnyElement`](super::AnyElement).
    ///
    /// Must be called right after [`next_child`](Self::next_child) returned the element:
    /// once part of it has been read, it can no longer be captured whole, and this is an
    /// error rather than a capture of unbalanced markup.
    pub fn read_raw_element(&mut self) -> Result<RawXml, XmlError> {
        self.expect_inside("read_raw_element")?;
        if !self.just_started {
            let message = "read_raw_element called after part of the element was read".into();
            return Err(self.fail_at(self.pos, message));
        }
        let start = self.tag_start;
        let own = self.stack.last().map_or(self.bindings.len(), |open| open.bindings);
        self.skip()?;
        let markup = &self.xml[start..self.end_end];
        // The element's own declarations are part of the markup; the scope around it is not.
        let namespaces = owned_namespaces(&self.bindings[..own], markup, &self.bindings[own..]);
        Ok(RawXml::with_namespaces(markup, namespaces))
    }

    /// An attribute of the element most recently started, matched by namespace URI
    /// ("" for unprefixed) and local name, never by prefix. References are decoded.
    ///
    /// Valid until the next element starts.
    pub fn attribute(&self, ns: &str, local: &str) -> Option<Cow<'a, str>> {
        let attr = self.attrs.iter().find(|a| a.local == local && a.ns == ns)?;
        // Values were checked when the start tag was read, so decoding cannot fail here.
        Some(decode(attr.value, true).unwrap_or(Cow::Borrowed(attr.value)))
    }

    /// Whether the element most recently started has `xsi:nil="true"` (or `"1"`).
    pub fn is_nil(&self) -> bool {
        self.attribute(XSI_NS, "nil")
            .is_some_and(|v| matches!(v.trim_matches(is_xml_space), "true" | "1"))
    }

    /// The namespace `prefix` is bound to in the current scope ("" → the default
    /// namespace), for QName values and `xsi:type`. `None` when unbound or bound to no
    /// namespace. After reading an element's text, that element's own declarations still
    /// count, so QName content resolves as written.
    pub fn resolve_prefix(&self, prefix: &str) -> Option<&'a str> {
        if prefix == "xml" {
            return Some(XML_NS);
        }
        self.bindings
            .iter()
            .rev()
            .find(|(p, _)| same(p, prefix))
            .map(|(_, uri)| *uri)
            .filter(|uri| !uri.is_empty())
    }

    /// The error for a required child `local` (namespace `ns`) that did not appear in the
    /// element that just ended, positioned at that element's end tag.
    pub fn missing(&self, ns: &str, local: &str) -> XmlError {
        let _ = ns; // Paths and messages use local names, as in the rest of the reader's errors.
        let path = self.path(self.stack.len(), self.last_closed);
        self.error_with_path(self.pos, format!("missing required element <{local}>"), path)
    }

    /// An error at the current position, naming the current element path.
    pub fn error(&self, message: impl Into<String>) -> XmlError {
        let path =
            self.path(self.stack.len(), self.last_closed.filter(|_| self.unbind_to.is_some()));
        self.error_with_path(self.pos, message.into(), path)
    }

    /// Consumes whatever is left of the current element up to its end tag, refusing
    /// anything but whitespace, comments and processing instructions. At the top level,
    /// checks the document ends.
    pub(crate) fn expect_end(&mut self, after: &str) -> Result<(), XmlError> {
        loop {
            match self.next_event(Text::Keep)? {
                Event::Text { raw, .. } if raw.bytes().all(|b| is_xml_space(char::from(b))) => {}
                Event::Cdata { text: "", .. } => {}
                Event::Text { pos, .. } | Event::Cdata { pos, .. } => {
                    return Err(self.fail_at(pos, format!("unexpected text after {after}")));
                }
                Event::Start => {
                    let message =
                        format!("unexpected element <{}> after {after}", self.current.local);
                    let path = self.path(self.stack.len() - 1, None);
                    return Err(self.fail_with_path(self.pos, message, path));
                }
                Event::End | Event::Eof => return Ok(()),
            }
        }
    }

    fn expect_inside(&mut self, method: &str) -> Result<(), XmlError> {
        if self.stack.is_empty() && self.failed.is_none() {
            let message = format!("{method} called outside an element");
            return Err(self.fail_at(self.pos, message));
        }
        Ok(())
    }
}

/// String equality that never hands an empty string to `memcmp`.
///
/// xmlparser's "no prefix" is a dangling empty slice, and glibc's AVX-512 `memcmp` reads
/// even zero bytes with a masked load, which at an unmapped address costs a fault
/// assist of hundreds of cycles: comparing end-tag prefixes that way was half of all
/// reading time on AMD EPYC.
#[inline(always)]
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && same_bytes(a.as_bytes(), b.as_bytes())
}

/// Equality of two slices of the same length; names are short, so without a call for
/// up to 16 bytes (two overlapping loads per side).
#[inline(always)]
pub(super) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    let word = |s: &[u8], at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&s[at..at + 8]);
        u64::from_le_bytes(w)
    };
    let half = |s: &[u8], at: usize| {
        let mut w = [0u8; 4];
        w.copy_from_slice(&s[at..at + 4]);
        u32::from_le_bytes(w)
    };
    match n {
        0 => true,
        1..=3 => a.iter().zip(b).all(|(x, y)| x == y),
        4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        _ => a == b,
    }
}

/// XML's four whitespace characters.
pub(crate) fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}
