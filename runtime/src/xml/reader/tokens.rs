//! Turning tokens into events: the element stack, namespace scopes, attributes, and the
//! well-formedness checks the tokenizer leaves to us.

use std::ops::Range;

use xmlparser::{ElementEnd, StrSpan, Token};

use super::errors::qname;
use super::fast::Fast;
use super::{Attr, Event, Open, StartTag, Text, XmlReader, same};
use crate::xml::XmlError;
use crate::xml::decode::decode;

impl<'a> XmlReader<'a> {
    /// The next event: by the fast path when it can, else from the tokenizer. Inlined
    /// into the reading methods so the fast path stays free of the tokenizer path's large
    /// stack frame.
    #[inline(always)]
    pub(super) fn next_event(&mut self, text: Text) -> Result<Event<'a>, XmlError> {
        if self.failed.is_none() && !self.empty_pending && self.fast && !self.stack.is_empty() {
            self.just_started = false;
            if let Some(len) = self.unbind_to.take() {
                self.bindings.truncate(len);
            }
            loop {
                match self.fast_event(text) {
                    Fast::Event(event) => return event,
                    Fast::Skipped => {}
                    Fast::Decline => break,
                }
            }
        }
        self.next_token_event(text)
    }

    /// Pulls tokens until they make an event, keeping the element stack, bindings and
    /// attributes up to date.
    #[inline(never)]
    fn next_token_event(&mut self, text: Text) -> Result<Event<'a>, XmlError> {
        if let Some(error) = &self.failed {
            return Err(error.clone());
        }
        self.just_started = false;
        if let Some(len) = self.unbind_to.take() {
            self.bindings.truncate(len);
        }
        if self.empty_pending {
            self.empty_pending = false;
            self.end_start = self.content_start;
            self.end_end = self.content_start + "/>".len();
            self.close_top();
            return Ok(Event::End);
        }
        self.resync_tokens();
        loop {
            if self.fragment && self.stack.is_empty() && self.root_seen {
                if let Some(event) = self.after_root() {
                    return event;
                }
            }
            let token = match self.tokens.next() {
                None => return self.end_of_input(),
                Some(Ok(token)) => token,
                Some(Err(e)) => return Err(self.syntax_error(&e)),
            };
            // `consumed` is set in each arm: `Token::span()` is one more dispatch on the
            // token's kind per token, and a badly predicted one (a tenth of reading time).
            match token {
                Token::ElementStart { prefix, local, span } => {
                    self.consumed = span.end();
                    return self.start_element(prefix.as_str(), local.as_str(), span.start());
                }
                Token::ElementEnd { end: ElementEnd::Close(prefix, local), span } => {
                    self.consumed = span.end();
                    return self.end_element(prefix.as_str(), local.as_str(), span.range());
                }
                Token::Text { text: raw } => {
                    self.consumed = raw.end();
                    if text == Text::Keep {
                        self.pos = raw.start();
                        return Ok(Event::Text { raw: raw.as_str(), pos: raw.start() });
                    }
                }
                Token::Cdata { text: raw, span } => {
                    self.consumed = span.end();
                    if text == Text::Keep {
                        self.pos = span.start();
                        return Ok(Event::Cdata { text: raw.as_str(), pos: span.start() });
                    }
                }
                Token::Declaration { span, .. }
                | Token::ProcessingInstruction { span, .. }
                | Token::Comment { span, .. } => self.consumed = span.end(),
                Token::DtdStart { span, .. }
                | Token::EmptyDtd { span, .. }
                | Token::EntityDeclaration { span, .. }
                | Token::DtdEnd { span } => {
                    return Err(self.fail_at(
                        span.start(),
                        "DOCTYPE and entity declarations are not allowed".into(),
                    ));
                }
                Token::Attribute { span, .. } | Token::ElementEnd { span, .. } => {
                    return Err(self.fail_at(span.start(), "unexpected markup".into()));
                }
            }
        }
    }

    fn start_element(
        &mut self,
        prefix: &'a str,
        local: &'a str,
        pos: usize,
    ) -> Result<Event<'a>, XmlError> {
        self.begin_element(pos)?;
        let mark = self.bindings.len();
        let mut count = 0usize;
        let empty = loop {
            let token = match self.tokens.next() {
                Some(Ok(token)) => token,
                Some(Err(e)) => return Err(self.syntax_error(&e)),
                None => {
                    return Err(self.fail_at(
                        self.xml.len(),
                        "unexpected end of document in a start tag".into(),
                    ));
                }
            };
            match token {
                Token::Attribute { prefix: a_prefix, local: a_local, value, span } => {
                    self.consumed = span.end();
                    count += 1;
                    if count > self.limits.max_attributes {
                        let message = format!(
                            "more than {} attributes on <{local}>",
                            self.limits.max_attributes
                        );
                        return Err(self.fail_at(span.start(), message));
                    }
                    self.attribute_token(
                        a_prefix.as_str(),
                        a_local.as_str(),
                        value,
                        mark,
                        span.start(),
                    )?;
                }
                Token::ElementEnd { end: ElementEnd::Open, span } => {
                    self.consumed = span.end();
                    self.content_start = span.end();
                    break false;
                }
                Token::ElementEnd { end: ElementEnd::Empty, span } => {
                    self.consumed = span.end();
                    self.content_start = span.start();
                    break true;
                }
                other => {
                    return Err(self
                        .fail_at(other.span().start(), "unexpected markup in a start tag".into()));
                }
            }
        };
        self.open_element(prefix, local, pos, mark, empty)
    }

    /// What starting any element does first, before its attributes are read.
    #[inline]
    pub(super) fn begin_element(&mut self, pos: usize) -> Result<(), XmlError> {
        self.pos = pos;
        self.tag_start = pos;
        self.last_closed = None;
        self.attrs.clear();
        if self.stack.len() >= self.limits.max_depth {
            let message =
                format!("elements nested deeper than the limit of {}", self.limits.max_depth);
            return Err(self.fail_at(pos, message));
        }
        Ok(())
    }

    /// Resolves the start tag just read (its attributes and declarations collected, the
    /// declarations from `mark` on) and enters the element.
    #[inline(always)]
    pub(super) fn open_element(
        &mut self,
        prefix: &'a str,
        local: &'a str,
        pos: usize,
        mark: usize,
        empty: bool,
    ) -> Result<Event<'a>, XmlError> {
        let ns = self.resolve_or_fail(prefix, local, pos)?;
        if !self.attrs.is_empty() {
            self.resolve_attributes(pos)?;
        }
        self.stack.push(Open { prefix, local, bindings: mark });
        self.empty_pending = empty;
        self.root_seen = true;
        self.current = StartTag { ns, local, prefix };
        self.just_started = true;
        Ok(Event::Start)
    }

    /// Records one attribute or namespace declaration of the start tag being read.
    fn attribute_token(
        &mut self,
        prefix: &'a str,
        local: &'a str,
        value: StrSpan<'a>,
        mark: usize,
        pos: usize,
    ) -> Result<(), XmlError> {
        let (value_pos, value) = (value.start(), value.as_str());
        let declared = match (prefix, local) {
            ("xmlns", _) => Some(local),
            ("", "xmlns") => Some(""),
            _ => None,
        };
        if let Some(declared) = declared {
            if self.bindings[mark..].iter().any(|(p, _)| same(p, declared)) {
                return Err(self.fail_at(
                    pos,
                    format!("duplicate namespace declaration for prefix `{declared}`"),
                ));
            }
            if value.contains('&') {
                // Returned URIs borrow from the input, so they cannot be decoded copies.
                return Err(
                    self.fail_at(pos, "references in namespace URIs are not supported".into())
                );
            }
            // No URI holds these; taken raw they would differ from the normalised value a
            // conforming reader sees, and could not be written back without references.
            let unfit = |b: &u8| matches!(b, b'<' | b'>' | b'"' | b'\t' | b'\n' | b'\r');
            if let Some(at) = value.bytes().position(|b| unfit(&b)) {
                let c = char::from(value.as_bytes()[at]);
                return Err(self.fail_at(
                    value_pos + at,
                    format!("namespace URI contains {c:?}, which no URI can"),
                ));
            }
            if !declared.is_empty() && value.is_empty() {
                return Err(self
                    .fail_at(pos, format!("prefix `{declared}` cannot be bound to no namespace")));
            }
            self.bindings.push((declared, value));
            return Ok(());
        }
        if self.attrs.iter().any(|a| same(a.local, local) && same(a.prefix, prefix)) {
            let name =
                if prefix.is_empty() { local.to_owned() } else { format!("{prefix}:{local}") };
            return Err(self.fail_at(pos, format!("duplicate attribute `{name}`")));
        }
        if value.contains('&') {
            if let Err(e) = decode(value, true) {
                return Err(self.fail_at(value_pos + e.offset, e.message));
            }
        }
        self.attrs.push(Attr { ns: "", prefix, local, value });
        Ok(())
    }

    /// Resolves the prefixes of the attributes just collected, refusing two attributes with
    /// the same namespace and local name.
    fn resolve_attributes(&mut self, pos: usize) -> Result<(), XmlError> {
        let mut prefixed = false;
        for i in 0..self.attrs.len() {
            let Attr { prefix, local, .. } = self.attrs[i];
            if !prefix.is_empty() {
                self.attrs[i].ns = self.resolve_or_fail(prefix, local, pos)?;
                prefixed = true;
            }
        }
        if prefixed {
            for (i, a) in self.attrs.iter().enumerate() {
                if !a.prefix.is_empty()
                    && self.attrs[..i].iter().any(|b| same(b.local, a.local) && same(b.ns, a.ns))
                {
                    let message =
                        format!("duplicate attribute `{}` in namespace {}", a.local, a.ns);
                    return Err(self.fail_at(pos, message));
                }
            }
        }
        Ok(())
    }

    /// The namespace of an element (or attribute) name with `prefix`; an error if unbound.
    #[inline]
    fn resolve_or_fail(
        &mut self,
        prefix: &'a str,
        local: &'a str,
        pos: usize,
    ) -> Result<&'a str, XmlError> {
        if prefix.is_empty() {
            // The innermost default namespace: usually the last binding, so a short scan.
            return Ok(self
                .bindings
                .iter()
                .rev()
                .find(|(p, _)| p.is_empty())
                .map_or("", |(_, uri)| *uri));
        }
        match self.resolve_prefix(prefix) {
            Some(ns) => Ok(ns),
            None => Err(self.unbound(prefix, local, pos)),
        }
    }

    #[cold]
    fn unbound(&mut self, prefix: &str, local: &str, pos: usize) -> XmlError {
        self.fail_at(pos, format!("unbound namespace prefix `{prefix}` in <{prefix}:{local}>"))
    }

    fn end_element(
        &mut self,
        prefix: &'a str,
        local: &'a str,
        span: Range<usize>,
    ) -> Result<Event<'a>, XmlError> {
        let (pos, end) = (span.start, span.end);
        self.pos = pos;
        let Some(open) = self.stack.last() else {
            return Err(
                self.fail_at(pos, format!("unexpected end tag </{}>", qname(prefix, local)))
            );
        };
        if !same(open.local, local) || !same(open.prefix, prefix) {
            let message = format!(
                "mismatched end tag: expected </{}>, found </{}>",
                qname(open.prefix, open.local),
                qname(prefix, local)
            );
            return Err(self.fail_at(pos, message));
        }
        self.end_start = pos;
        self.end_end = end;
        self.close_top();
        Ok(Event::End)
    }

    /// Pops the innermost element; its bindings stay visible until the next read.
    pub(super) fn close_top(&mut self) {
        if let Some(open) = self.stack.pop() {
            self.unbind_to = Some(open.bindings);
            self.last_closed = Some(open.local);
        }
    }

    #[cold]
    fn end_of_input(&mut self) -> Result<Event<'a>, XmlError> {
        match self.stack.last() {
            None => Ok(Event::Eof),
            Some(open) => {
                let message = format!(
                    "unexpected end of document: <{}> is not closed",
                    qname(open.prefix, open.local)
                );
                Err(self.fail_at(self.xml.len(), message))
            }
        }
    }
}
