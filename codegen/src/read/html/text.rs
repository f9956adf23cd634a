//! An HTML page as the text a browser would show, for the text readers.
//!
//! `<pre>` blocks keep their text exactly (entities decoded, tags such as ASP.NET's
//! `<font class=value>` dropped but their ranges kept as placeholder marks); elsewhere
//! whitespace collapses, blocks and `<br>` break lines, list items become `- ` bullets,
//! tables Markdown rows, inline `<code>` backticks. Every byte written is tied to the
//! byte of the page it came from, so the readers' errors point into the HTML.

use std::ops::Range;

use html5gum::{DefaultEmitter, Token, Tokenizer};

/// The page's text and what the readers need besides it.
#[derive(Debug, Default)]
pub struct Extracted {
    pub text: String,
    /// `(offset in text, offset in the page)` wherever the correspondence jumps.
    pub anchors: Vec<(usize, usize)>,
    /// Text ranges inside `<font class=value>` / `<span class=value>`.
    pub placeholders: Vec<Range<usize>>,
    pub links: Vec<Link>,
    /// `<base href>`, or the URL a browser noted when saving the page
    /// (`<!-- saved from url=(0042)http://… -->`).
    pub base: Option<String>,
    /// Offset in the page of the first `<pre>` start tag.
    pub first_pre: Option<usize>,
}

#[derive(Debug)]
pub struct Link {
    pub href: String,
    /// Offset in the page of the `<a` tag.
    pub offset: usize,
}

/// Elements whose content is not page text.
const SKIPPED: &[&str] =
    &["script", "style", "title", "noscript", "template", "textarea", "select", "object", "svg"];
/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "ul",
];
/// Elements whose text is preformatted.
const PREFORMATTED: &[&str] = &["pre", "xmp", "listing", "plaintext"];
const INLINE_CODE: &[&str] = &["code", "tt", "kbd", "samp"];
/// Open `font`/`span` elements tracked inside a `<pre>`; deeper ones are text only.
const MAX_INLINE: usize = 32;
/// Inline HTML a `<pre>` block may hold (highlighting, marks, links). Any other tag in a
/// `<pre>` is XML a page forgot to escape (`<soap:Envelope>`): kept as written.
const PRE_INLINE: &[&str] = &[
    "a", "abbr", "b", "big", "cite", "code", "del", "dfn", "em", "font", "i", "img", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "tt", "u", "var",
    "wbr",
];

#[derive(Default)]
struct Walker<'p> {
    page: &'p str,
    out: Extracted,
    skip: Option<String>,
    pre: usize,
    /// Just after `<pre>`: a first newline is not content (HTML's rule).
    pre_fresh: bool,
    /// Collapsed whitespace waiting for the next visible character, at this page offset.
    space: Option<usize>,
    /// Open `font`/`span` elements inside `<pre>`: (name, start of a placeholder mark).
    inline: Vec<(String, Option<usize>)>,
    lists: usize,
    /// Cells written in the current table row, and whether all were `<th>`.
    cells: usize,
    all_th: bool,
    in_cell: bool,
    link: Option<(String, usize)>,
    code: usize,
}

/// Reads `page` (the whole HTML document).
pub fn extract(page: &str) -> Extracted {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Script and style content is raw text, not markup.
    emitter.naively_switch_states(true);
    let mut w = Walker { page, all_th: true, ..Walker::default() };
    for token in Tokenizer::new_with_emitter(page, emitter) {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let attr = |a: &str| {
                    tag.attributes
                        .get(a.as_bytes())
                        .map(|v| String::from_utf8_lossy(&v.value).into_owned())
                };
                let (class, href) = (attr("class"), attr("href"));
                if w.unescaped_xml(&name, tag.span.start, tag.span.end) {
                    continue;
                }
                w.start(&name, tag.span.start, class.as_deref(), href, tag.self_closing);
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if w.unescaped_xml(&name, tag.span.start, tag.span.end) {
                    continue;
                }
                w.end(&name, tag.span.start);
            }
            Token::String(s) => {
                if w.skip.is_none() {
                    let decoded = String::from_utf8_lossy(&s.value);
                    let raw = page.get(s.span.start..s.span.end).unwrap_or("");
                    align(raw, s.span.start, &decoded, |c, at| w.char(c, at));
                }
            }
            Token::Comment(c) => {
                let text = String::from_utf8_lossy(&c.value);
                if let Some(url) = saved_from(&text) {
                    w.out.base.get_or_insert(url);
                }
            }
            Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    w.out
}

impl Walker<'_> {
    /// Inside `<pre>`, a tag that is not inline HTML is sample XML left unescaped: its
    /// text goes into the block as written (the tokenizer lower-cases names).
    fn unescaped_xml(&mut self, name: &str, start: usize, end: usize) -> bool {
        let keep = self.pre > 0
            && self.skip.is_none()
            && !PRE_INLINE.contains(&name)
            && !PREFORMATTED.contains(&name)
            && name != "br";
        if keep {
            let raw = self.page.get(start..end).unwrap_or("");
            for (i, c) in raw.char_indices() {
                self.char(c, start + i);
            }
        }
        keep
    }

    fn start(
        &mut self,
        name: &str,
        at: usize,
        class: Option<&str>,
        href: Option<String>,
        self_closing: bool,
    ) {
        if self.skip.is_some() {
            return;
        }
        if SKIPPED.contains(&name) {
            if !self_closing {
                self.skip = Some(name.to_owned());
            }
            return;
        }
        if name == "br" {
            self.hard_break(at);
            return;
        }
        if self.pre > 0 {
            // Bounded, so unmatched end tags cost a short scan each, whatever the input.
            if (name == "font" || name == "span") && self.inline.len() < MAX_INLINE {
                let marks = class.is_some_and(|c| c.split_whitespace().any(|c| c == "value"));
                self.inline.push((name.to_owned(), marks.then_some(self.out.text.len())));
            }
            return;
        }
        match name {
            "base" => {
                if let Some(h) = href {
                    self.out.base = Some(h);
                }
            }
            "a" => {
                if let Some(h) = href {
                    self.link = Some((h, at));
                }
            }
            _ if PREFORMATTED.contains(&name) => {
                self.line(at);
                self.out.first_pre.get_or_insert(at);
                self.pre += 1;
                self.pre_fresh = true;
            }
            _ if INLINE_CODE.contains(&name) => {
                self.code += 1;
                if self.code == 1 {
                    self.visible("`", at);
                }
            }
            "li" => {
                self.line(at);
                // Bounded: nesting deeper than any document needs must not grow the text.
                let indent = "  ".repeat(self.lists.saturating_sub(1).min(8));
                self.push(&format!("{indent}- "), at);
            }
            "tr" => {
                // The previous row may not have been closed (`</tr>` is optional).
                self.end_row(at);
                self.all_th = true;
            }
            "td" | "th" => {
                self.space = None;
                self.push(if self.cells == 0 { "| " } else { " | " }, at);
                self.cells += 1;
                self.all_th &= name == "th";
                self.in_cell = true;
            }
            "img" | "input" => {}
            _ if BLOCKS.contains(&name) => {
                if name == "ul" || name == "ol" {
                    self.lists += 1;
                }
                if name == "table" {
                    self.end_row(at);
                }
                self.line(at);
            }
            _ => {}
        }
    }

    /// Closes the current table row, if any: ` |`, and a delimiter row under a row of
    /// `<th>` only (a header).
    fn end_row(&mut self, at: usize) {
        self.in_cell = false;
        if self.cells > 0 {
            self.space = None;
            self.push(" |", at);
            if self.all_th {
                let row = vec!["---"; self.cells].join(" | ");
                self.line(at);
                self.push(&format!("| {row} |"), at);
            }
        }
        self.cells = 0;
        self.line(at);
    }

    fn end(&mut self, name: &str, at: usize) {
        if let Some(skipped) = &self.skip {
            if skipped == name {
                self.skip = None;
            }
            return;
        }
        if self.pre > 0 && !PREFORMATTED.contains(&name) {
            if let Some(i) = self.inline.iter().rposition(|(n, _)| n == name) {
                for (_, mark) in self.inline.drain(i..).rev() {
                    if let Some(start) = mark.filter(|&s| s < self.out.text.len()) {
                        self.out.placeholders.push(start..self.out.text.len());
                    }
                }
            }
            return;
        }
        match name {
            _ if PREFORMATTED.contains(&name) => {
                self.pre = self.pre.saturating_sub(1);
                self.inline.clear();
                self.line(at);
            }
            "a" => {
                if let Some((href, offset)) = self.link.take() {
                    self.out.links.push(Link { href, offset });
                }
            }
            _ if INLINE_CODE.contains(&name) => {
                if self.code == 1 {
                    self.space = None;
                    self.push("`", at);
                }
                self.code = self.code.saturating_sub(1);
            }
            "td" | "th" => {
                self.in_cell = false;
                self.space = None;
            }
            "tr" => self.end_row(at),
            "li" => self.line(at),
            _ if BLOCKS.contains(&name) => {
                if name == "ul" || name == "ol" {
                    self.lists = self.lists.saturating_sub(1);
                }
                if name == "table" {
                    self.end_row(at);
                }
                self.line(at);
            }
            _ => {}
        }
    }

    /// One character of page text, from `at` in the page.
    fn char(&mut self, c: char, at: usize) {
        if self.pre > 0 {
            if std::mem::take(&mut self.pre_fresh) && c == '\n' {
                return;
            }
            self.emit(if c == '\u{a0}' { ' ' } else { c }, at);
        } else if c.is_whitespace() {
            self.space.get_or_insert(at);
        } else {
            let mut buf = [0; 4];
            self.visible(c.encode_utf8(&mut buf), at);
        }
    }

    /// Visible text outside `<pre>`: a pending space goes first, unless at a line start.
    fn visible(&mut self, s: &str, at: usize) {
        if let Some(space) = self.space.take() {
            let start = self.out.text.is_empty() || self.out.text.ends_with(['\n', ' ']);
            if !start {
                self.emit(' ', space);
            }
        }
        self.push(s, at);
    }

    /// Ends the current line (a block boundary); a cell keeps its row on one line.
    fn line(&mut self, at: usize) {
        self.space = None;
        if self.in_cell {
            self.space = Some(at);
            return;
        }
        if !self.out.text.is_empty() && !self.out.text.ends_with('\n') {
            self.emit('\n', at);
        }
    }

    fn hard_break(&mut self, at: usize) {
        if self.pre > 0 {
            self.emit('\n', at);
        } else if self.in_cell {
            self.space.get_or_insert(at);
        } else {
            self.space = None;
            self.emit('\n', at);
        }
    }

    fn push(&mut self, s: &str, at: usize) {
        for c in s.chars() {
            self.emit(c, at);
        }
    }

    fn emit(&mut self, c: char, at: usize) {
        let here = self.out.text.len();
        let follows = match self.out.anchors.last() {
            Some(&(t, s)) => s + (here - t) == at,
            None => here == at,
        };
        if !follows {
            self.out.anchors.push((here, at.min(self.page.len())));
        }
        self.out.text.push(c);
    }
}

/// Calls `f` with each character of `decoded` (the tokenizer's reading of `raw`, which
/// starts at `base` in the page) and the page offset it was read from. Character
/// references and CR LF pairs are the only differences between the two.
fn align(raw: &str, base: usize, decoded: &str, mut f: impl FnMut(char, usize)) {
    let mut r = 0;
    for c in decoded.chars() {
        let at = base + r;
        r = advance(raw, r, c);
        f(c, at);
    }
}

/// Where `raw` goes on after the representation of `c` at `r`.
fn advance(raw: &str, r: usize, c: char) -> usize {
    let rest = raw.get(r..).unwrap_or("");
    let Some(first) = rest.chars().next() else { return r };
    match first {
        '\r' if c == '\n' => r + if rest[1..].starts_with('\n') { 2 } else { 1 },
        '&' => match reference_len(rest) {
            // A literal '&' is itself; a reference to '&' (`&amp;`) is one.
            Some(len) if c != '&' || names_ampersand(&rest[..len]) => r + len,
            _ if c == '&' => r + 1,
            _ => r,
        },
        '\0' if c == '\u{fffd}' => r + 1,
        _ if first == c => r + c.len_utf8(),
        // A second character from one reference: nothing more of `raw` is used.
        _ => r,
    }
}

/// The length of a character reference at the start of `s` (which starts with `&`).
fn reference_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 1;
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        i = if hex { 3 } else { 2 };
        let start = i;
        while b.get(i).is_some_and(|c| if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() })
        {
            i += 1;
        }
        if i == start {
            return None;
        }
    } else {
        while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        }
        if i == 1 {
            return None;
        }
    }
    if b.get(i) == Some(&b';') {
        i += 1;
    }
    Some(i)
}

fn names_ampersand(reference: &str) -> bool {
    let name = reference.trim_start_matches('&').trim_end_matches(';');
    matches!(name, "amp" | "AMP" | "#38" | "#038" | "#x26" | "#X26")
}

/// The URL in a browser's `saved from url=(0042)http://…` comment.
fn saved_from(comment: &str) -> Option<String> {
    let rest = comment.trim().strip_prefix("saved from url=")?;
    let rest = rest.strip_prefix('(').and_then(|r| r.split_once(')')).map_or(rest, |(_, r)| r);
    let url = rest.split_whitespace().next()?;
    (url.starts_with("http://") || url.starts_with("https://")).then(|| url.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page offset of each text offset, by the anchors.
    fn original(e: &Extracted, offset: usize) -> usize {
        match e.anchors.partition_point(|&(t, _)| t <= offset) {
            0 => offset,
            i => e.anchors[i - 1].1 + (offset - e.anchors[i - 1].0),
        }
    }

    #[test]
    fn pre_blocks_keep_their_text_and_map_back() {
        let page = "<html><body><h2>Op</h2>\r\n<p>Click <a href=\"s.asmx\">here</a>  for   all.</p><pre>\nPOST /s.asmx HTTP/1.1\nLength: <font class=value>length</font>\n\n&lt;a x=\"1\"&gt;<font class=value>int</font>&lt;/a&gt;</pre></body></html>";
        let e = extract(page);
        assert_eq!(
            e.text,
            "Op\nClick here for all.\nPOST /s.asmx HTTP/1.1\nLength: length\n\n<a x=\"1\">int</a>\n"
        );
        for needle in ["POST", "x=\"1\"", "int", "/a>", "Click", "all."] {
            let at = e.text.find(needle).unwrap();
            let want = if needle == "/a>" { "/a&gt;" } else { needle };
            assert!(page[original(&e, at)..].starts_with(want), "{needle}");
        }
        let marked: Vec<&str> = e.placeholders.iter().map(|r| &e.text[r.clone()]).collect();
        assert_eq!(marked, ["length", "int"]);
        assert_eq!(e.links[0].href, "s.asmx");
    }

    #[test]
    fn tables_lists_and_skipped_content() {
        let page = "<!-- saved from url=(0022)http://h/s.asmx?op=X -->\n<title>T</title><script>a<b</script><table><caption>X Parameters:</caption><tr><th>Name</th><th>Type</th></tr><tr><td>A</td><td>int<br>or long</td></tr></table><ul><li><code>id</code> - the id<ul><li>inner</li></ul></li></ul>";
        let e = extract(page);
        assert_eq!(
            e.text,
            "X Parameters:\n| Name | Type |\n| --- | --- |\n| A | int or long |\n- `id` - the id\n  - inner\n"
        );
        assert_eq!(e.base.as_deref(), Some("http://h/s.asmx?op=X"));
    }

    #[test]
    fn deep_nesting_does_not_grow_the_text() {
        let page = format!("{}<li>x{}", "<ul>".repeat(10_000), "<pre><span>".repeat(10_000));
        let e = extract(&format!("{page}{}", "</font>".repeat(10_000)));
        assert!(e.text.len() < 100, "{}", e.text.len());
    }

    #[test]
    fn rows_and_cells_close_themselves() {
        let e = extract("<table><tr><th>A<th>B<tr><td>1<td>2</table>after");
        assert_eq!(e.text, "| A | B |\n| --- | --- |\n| 1 | 2 |\nafter");
    }

    #[test]
    fn unescaped_xml_in_pre_is_kept_as_written() {
        let page = "<pre>POST / HTTP/1.1\n\n<soap:Envelope xmlns:soap=\"u\"><GetStock/><b>x</b></soap:Envelope></pre>";
        let e = extract(page);
        assert_eq!(
            e.text,
            "POST / HTTP/1.1\n\n<soap:Envelope xmlns:soap=\"u\"><GetStock/>x</soap:Envelope>\n"
        );
        let at = e.text.find("<GetStock").unwrap();
        assert!(page[original(&e, at)..].starts_with("<GetStock/>"));
    }

    #[test]
    fn references_are_aligned() {
        let raw = "a&amp;b&lt;&#x3C;&notin;c&d\r\ne";
        let decoded = "a&b<<∉c&d\ne";
        let mut at = Vec::new();
        align(raw, 10, decoded, |c, o| at.push((c, o - 10)));
        let want = [0, 1, 6, 7, 11, 17, 24, 25, 26, 27, 29];
        assert_eq!(at.iter().map(|p| p.1).collect::<Vec<_>>(), want);
    }
}
