//! A fast path for the markup that makes up nearly all of a response: `<name>`, `<name/>`,
//! `</name>` and plain text, inside the root element.
//!
//! It only ever takes what xmlparser would tokenize the same way (ASCII names without
//! attributes or spaces, text free of `>`, control characters and U+FFFE/U+FFFF) and
//! hands anything else back to the tokenizer, which is then restarted where the fast path
//! stopped. So every error, and every check the tokenizer makes, stays the tokenizer's;
//! the fast path only saves its per-character work and the large token it returns.
//!
//! The restarted tokenizer parses a fragment (it does not know it is inside the root), so
//! what follows the root element is checked here instead (see [`XmlReader::after_root`]).

use std::borrow::Cow;

use xmlparser::Tokenizer;

use super::{Event, Text, XmlReader, same_bytes};
use crate::xml::XmlError;

/// What a byte means to the fast path.
const PLAIN: u8 = 0;
/// Ends text: `<`.
const LT: u8 = 1;
/// Needs a closer look: C0 controls other than tab, line feed and carriage return; `>`
/// (`]]>` is refused in text); 0xEF (lead byte of U+FFFE and U+FFFF).
const CHECK: u8 = 2;
/// Plain for the tokenizer, but the text needs decoding: `&` and `\r`.
const DECODE: u8 = 3;

const fn text_classes() -> [u8; 256] {
    let mut table = [PLAIN; 256];
    let mut b = 0;
    while b < 0x20 {
        if b != b'\t' as usize && b != b'\n' as usize && b != b'\r' as usize {
            table[b] = CHECK;
        }
        b += 1;
    }
    table[b'<' as usize] = LT;
    table[b'&' as usize] = DECODE;
    table[b'\r' as usize] = DECODE;
    table[b'>' as usize] = CHECK;
    table[0xEF] = CHECK;
    table
}

const TEXT: [u8; 256] = text_classes();

const fn name_bytes() -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c == b'.';
        b += 1;
    }
    table
}

/// ASCII bytes xmlparser takes as part of a name (`:` aside, which splits it).
const NAME: [bool; 256] = name_bytes();

/// What the fast path made of the markup at the read position.
pub(super) enum Fast<'a> {
    /// An event, with the reader updated as the tokenizer path would have.
    Event(Result<Event<'a>, XmlError>),
    /// Text that was not wanted was passed over; try again.
    Skipped,
    /// Not markup the fast path takes: the tokenizer must read it.
    Decline,
}

impl<'a> XmlReader<'a> {
    /// Reads the next event without the tokenizer if the markup allows. Only called
    /// inside the root element, with the tokenizer between tokens.
    #[inline]
    pub(super) fn fast_event(&mut self, text: Text) -> Fast<'a> {
        let bytes = self.xml.as_bytes();
        let at = self.consumed;
        match bytes.get(at) {
            Some(b'<') => match bytes.get(at + 1) {
                Some(b'/') => self.fast_end(at),
                Some(&b) if b.is_ascii_alphabetic() || b == b'_' => self.fast_start(at),
                _ => Fast::Decline,
            },
            Some(_) => {
                let Some((len, _)) = plain_text(&bytes[at..]) else {
                    return Fast::Decline;
                };
                self.consumed = at + len;
                self.resync = true;
                if text == Text::Skip {
                    return Fast::Skipped;
                }
                self.pos = at;
                Fast::Event(Ok(Event::Text { raw: &self.xml[at..at + len], pos: at }))
            }
            None => Fast::Decline,
        }
    }

    /// `<name>` or `<name/>` at `at`.
    fn fast_start(&mut self, at: usize) -> Fast<'a> {
        let Some((prefix, local, end)) = qname(self.xml, at + 1) else {
            return Fast::Decline;
        };
        let bytes = self.xml.as_bytes();
        let (empty, close) = match bytes.get(end) {
            Some(b'>') => (false, end + 1),
            Some(b'/') if bytes.get(end + 1) == Some(&b'>') => (true, end + 2),
            _ => return Fast::Decline,
        };
        self.consumed = close;
        self.resync = true;
        self.content_start = if empty { end } else { close };
        let mark = self.bindings.len();
        Fast::Event(
            self.begin_element(at).and_then(|()| self.open_element(prefix, local, at, mark, empty)),
        )
    }

    /// `</name>` at `at`, when it closes the innermost element and that is not the root
    /// (whose end the tokenizer must see, to know the document's content is over).
    fn fast_end(&mut self, at: usize) -> Fast<'a> {
        match self.end_tag_at(at) {
            Some(end) => {
                self.take_end_tag(at, end);
                Fast::Event(Ok(Event::End))
            }
            // Spaces before `>`, or a mismatch: the tokenizer path says what is wrong.
            None => Fast::Decline,
        }
    }

    /// Where the end tag of the innermost element ends, if it starts at `at` exactly as
    /// `</prefix:local>` and the element is not the root. Its name is the start tag's,
    /// already checked, and `>` cannot be part of a name, so this is the token xmlparser
    /// would read.
    #[inline]
    fn end_tag_at(&self, at: usize) -> Option<usize> {
        if self.stack.len() < 2 {
            return None;
        }
        let open = self.stack[self.stack.len() - 1];
        let rest = self.xml.as_bytes().get(at..)?;
        let rest = rest.strip_prefix(b"</")?;
        let rest = if open.prefix.is_empty() {
            rest
        } else {
            let after = strip(rest, open.prefix)?;
            after.strip_prefix(b":")?
        };
        let rest = strip(rest, open.local)?;
        if rest.first() != Some(&b'>') {
            return None;
        }
        Some(self.xml.len() - rest.len() + 1)
    }

    /// Consumes the end tag found by [`end_tag_at`](Self::end_tag_at).
    #[inline]
    fn take_end_tag(&mut self, at: usize, end: usize) {
        self.consumed = end;
        self.resync = true;
        self.pos = at;
        self.end_start = at;
        self.end_end = end;
        self.close_top();
    }

    /// [`read_text`](XmlReader::read_text) when the element holds plain text (or nothing)
    /// and then its end tag: one pass, no events. `None` when anything else follows, for
    /// the general path to read (nothing has been consumed then).
    #[inline]
    pub(super) fn fast_text(&mut self) -> Option<Result<Cow<'a, str>, XmlError>> {
        if !self.fast || self.failed.is_some() || self.empty_pending || self.stack.len() < 2 {
            return None;
        }
        let at = self.consumed;
        let (len, decode) = plain_text(self.xml.as_bytes().get(at..)?)?;
        let close = at + len;
        let end = self.end_tag_at(close)?;
        self.just_started = false;
        if let Some(bindings) = self.unbind_to.take() {
            self.bindings.truncate(bindings);
        }
        let raw = &self.xml[at..close];
        let text = if decode {
            // Decoded before the end tag is taken, so an error names the element it is in.
            self.pos = at;
            match self.decode_text(raw, at) {
                Ok(text) => text,
                Err(e) => return Some(Err(e)),
            }
        } else {
            Cow::Borrowed(raw)
        };
        self.text_pos = if len == 0 { close } else { at };
        self.take_end_tag(close, end);
        Some(Ok(text))
    }

    /// Restarts the tokenizer where the fast path stopped.
    #[inline]
    pub(super) fn resync_tokens(&mut self) {
        if self.resync {
            self.resync = false;
            self.fragment = true;
            self.tokens = Tokenizer::from_fragment(self.xml, self.consumed..self.xml.len());
        }
    }

    /// After the root element, when the tokenizer was restarted: what xmlparser accepts
    /// there (whitespace, comments, processing instructions other than a declaration) is
    /// left to it; anything else is refused with xmlparser's own words. `None` when the
    /// tokenizer should read on.
    #[cold]
    pub(super) fn after_root(&mut self) -> Option<Result<Event<'a>, XmlError>> {
        let bytes = self.xml.as_bytes();
        let mut at = self.consumed;
        while bytes.get(at).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
            at += 1;
        }
        let rest = &bytes[at..];
        if rest.is_empty() {
            self.consumed = at;
            self.tokens = Tokenizer::from_fragment(self.xml, at..at);
            return Some(Ok(Event::Eof));
        }
        if rest.starts_with(b"<!--") || (rest.starts_with(b"<?") && !rest.starts_with(b"<?xml ")) {
            self.consumed = at;
            self.tokens = Tokenizer::from_fragment(self.xml, at..self.xml.len());
            return None;
        }
        Some(Err(self.fail_at(at, "unexpected content outside the root element".into())))
    }
}

/// The length of plain text at the start of `bytes`, up to the next `<`, and whether it
/// needs decoding; `None` if the text needs the tokenizer's checks or runs to the end of
/// the document.
#[inline]
fn plain_text(bytes: &[u8]) -> Option<(usize, bool)> {
    let mut i = clean_words(bytes);
    let mut decode = false;
    while i < bytes.len() {
        match TEXT[usize::from(bytes[i])] {
            PLAIN => i += 1,
            LT => return Some((i, decode)),
            DECODE => {
                decode = true;
                i += 1;
            }
            _ if bytes[i] == 0xEF => {
                // U+FFFE and U+FFFF are not XML characters; the rest of U+F000..U+FFFF are.
                if bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF))
                {
                    return None;
                }
                i += 1;
            }
            _ => return None,
        }
    }
    None
}

/// `bytes` without `prefix` at its start.
#[inline(always)]
fn strip<'b>(bytes: &'b [u8], prefix: &str) -> Option<&'b [u8]> {
    let head = bytes.get(..prefix.len())?;
    same_bytes(head, prefix.as_bytes()).then(|| &bytes[prefix.len()..])
}

/// How many leading bytes, in whole eight-byte words, are plain (no byte the text table
/// does not class as plain: below 0x20, `<`, `>`, `&` or 0xEF).
#[inline]
fn clean_words(bytes: &[u8]) -> usize {
    const LOW: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    const SPACE: u64 = u64::from_le_bytes([0x20; 8]);
    // Nonzero exactly when some byte of `v` is below `LOW * n` (n <= 0x80)...
    let below = |v: u64, n: u64| v.wrapping_sub(n) & !v & HIGH;
    // ...or equal to `b`.
    let has = |v: u64, b: u8| below(v ^ (LOW * u64::from(b)), LOW);
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let v = u64::from_le_bytes(word);
        if below(v, SPACE) | has(v, b'<') | has(v, b'>') | has(v, b'&') | has(v, 0xEF) != 0 {
            break;
        }
        i += 8;
    }
    i
}

/// An ASCII qualified name starting at byte `at` of `xml`: (prefix, local, end). `None`
/// for anything else, including empty parts and non-ASCII names.
#[inline]
fn qname(xml: &str, at: usize) -> Option<(&str, &str, usize)> {
    let bytes = xml.as_bytes();
    let name_end = |from: usize| {
        let rest = &bytes[from..];
        from + rest.iter().position(|&b| !NAME[usize::from(b)]).unwrap_or(rest.len())
    };
    let first = name_end(at);
    let prefixed = bytes.get(first) == Some(&b':');
    let (prefix, local, end) = if prefixed {
        let second = name_end(first + 1);
        (&xml[at..first], &xml[first + 1..second], second)
    } else {
        ("", &xml[at..first], first)
    };
    if bytes.get(end).is_some_and(|&b| b >= 0x80 || b == b':') {
        // A non-ASCII name character, or a second colon: the tokenizer decides.
        return None;
    }
    // Both parts start with a name start character, as the tokenizer requires.
    let starts =
        |part: &str| part.bytes().next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'_');
    if !starts(local) || (prefixed && !starts(prefix)) {
        return None;
    }
    Some((prefix, local, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything a reader reports walking `xml`: names, namespaces, attributes, texts,
    /// raw captures, and the error (message, position, path) if any.
    fn walk(xml: &str, fast: bool) -> Vec<String> {
        fn content(r: &mut XmlReader<'_>, out: &mut Vec<String>) -> Result<(), XmlError> {
            while let Some(tag) = r.next_child()? {
                out.push(format!("<{}:{} {}", tag.prefix(), tag.local, tag.ns));
                out.push(format!("x={:?} nil={}", r.attribute("", "x"), r.is_nil()));
                match tag.local.as_bytes()[0] {
                    b't' => out.push(r.read_text()?.into_owned()),
                    b'n' => out.push(format!("{:?}", r.read_value::<i32>())),
                    b's' => r.skip()?,
                    b'r' => out.push(format!("{:?}", r.read_raw()?)),
                    b'e' => out.push(format!("{:?}", r.read_raw_element()?)),
                    _ => content(r, out)?,
                }
                out.push(format!(">{:?}", r.resolve_prefix("")));
            }
            Ok(())
        }
        let mut r = XmlReader::new(xml);
        r.fast = fast;
        let mut out = Vec::new();
        let result = r.next_child().and_then(|root| {
            out.push(format!("root {root:?}"));
            content(&mut r, &mut out)?;
            out.push(format!("after {:?}", r.next_child()?));
            Ok(())
        });
        if let Err(e) = result {
            out.push(format!("error {e}"));
        }
        out
    }

    const DOCUMENT: &str = concat!(
        r#"<?xml version="1.0"?><!--c--><s:root xmlns:s="urn:s" xmlns="urn:d">"#,
        r#"<a><t1>hi &amp; there</t1><b x="1"/><n1> 42 </n1><t2>x</t2><s:c><t3/><t4>é</t4>"#,
        r#"<t5 xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:nil="true"/></s:c>"#,
        r#"<sk><q>1</q></sk><r1><z>y<![CDATA[<]]></z></r1><e1><k/></e1></a></s:root> <!--end-->"#,
    );

    #[test]
    fn the_fast_path_reads_exactly_what_the_tokenizer_path_reads() {
        assert!(walk(DOCUMENT, true).iter().all(|line| !line.starts_with("error")));
        assert!(walk(DOCUMENT, true).contains(&"x=None nil=true".to_owned()));
        let alphabet =
            ["<", ">", "/", ":", " ", "&", "]", "a", "1", "\u{1}", "\u{FFFE}", "é", "\"", "!", "?"];
        let mut cases = 0;
        let boundaries: Vec<usize> = DOCUMENT.char_indices().map(|(i, _)| i).collect();
        for (n, &i) in boundaries.iter().enumerate() {
            let next = boundaries.get(n + 1).copied().unwrap_or(DOCUMENT.len());
            let mut variants = vec![format!("{}{}", &DOCUMENT[..i], &DOCUMENT[next..])];
            for c in alphabet {
                variants.push(format!("{}{c}{}", &DOCUMENT[..i], &DOCUMENT[i..]));
                variants.push(format!("{}{c}{}", &DOCUMENT[..i], &DOCUMENT[next..]));
            }
            for xml in variants {
                assert_eq!(walk(&xml, true), walk(&xml, false), "{xml}");
                cases += 1;
            }
        }
        assert!(cases > 9_000, "{cases}");
    }

    #[test]
    fn plain_text_stops_at_markup_and_declines_what_needs_checks() {
        assert_eq!(plain_text(b"abc<d"), Some((3, false)));
        assert_eq!(plain_text(b"<"), Some((0, false)));
        let mixed = "a\té&amp;\r\n\u{FF21}<";
        assert_eq!(plain_text(mixed.as_bytes()), Some((mixed.len() - 1, true)));
        assert_eq!(plain_text(b"a\rb<"), Some((3, true)));
        assert_eq!(plain_text(b"no end"), None);
        assert_eq!(plain_text(b"a>b<"), None);
        assert_eq!(plain_text(b"a\x01<"), None);
        assert_eq!(plain_text("\u{FFFE}<".as_bytes()), None);
        assert_eq!(plain_text("\u{FFFF}<".as_bytes()), None);
    }

    #[test]
    fn whole_words_are_skipped_only_when_plain() {
        assert_eq!(clean_words(b"abcdefgh"), 8);
        assert_eq!(clean_words(b"abcdefghijklmnop<"), 16);
        assert_eq!(clean_words("\u{FF21}\u{FF21}\u{FF21}".as_bytes()), 0);
        for special in [b'<', b'>', b'&', b'\n', b'\t', b'\r', 0x01, 0x1F, 0xEF] {
            for at in 0..16 {
                let mut bytes = *b"0123456789abcdefXYZ";
                bytes[at] = special;
                assert_eq!(clean_words(&bytes), at / 8 * 8, "{special:#x} at {at}");
            }
        }
        // Bytes just above the thresholds are plain.
        assert_eq!(clean_words(&[0x20, 0x3B, 0x3D, 0x3F, 0x25, 0x27, 0xEE, 0xF0]), 8);
        assert_eq!(clean_words(&[0x80, 0xBF, 0xFF, 0x7F, 0x21, b'a', b'z', b'~']), 8);
    }

    #[test]
    fn qnames() {
        assert_eq!(qname("<a:b>", 1), Some(("a", "b", 4)));
        assert_eq!(qname("<ab-1.x/>", 1), Some(("", "ab-1.x", 7)));
        assert_eq!(qname("<a:b:c>", 1), None);
        assert_eq!(qname("<a:>", 1), None);
        assert_eq!(qname("<:a>", 1), None);
        assert_eq!(qname("<aé>", 1), None);
        assert_eq!(qname("<a:1>", 1), None);
        assert_eq!(qname("<a:-b>", 1), None);
    }
}
