//! A small indenting XML text builder for the written WSDL: elements, attributes in the
//! order given, escaped text. Only what `describe` writes; never reads.

pub struct Doc {
    out: String,
    depth: usize,
    /// The last start tag is still open (`<a b="c"`), so it can become `/>`.
    open: bool,
}

impl Doc {
    pub fn new() -> Self {
        Doc {
            out: String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"),
            depth: 0,
            open: false,
        }
    }

    fn close_open(&mut self) {
        if self.open {
            self.out.push_str(">\n");
            self.open = false;
        }
    }

    /// `<name attrs…` left open for children or text.
    pub fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.close_open();
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape(&mut self.out, value, true);
            self.out.push('"');
        }
        self.open = true;
        self.depth += 1;
    }

    pub fn end(&mut self, name: &str) {
        self.depth -= 1;
        if self.open {
            self.out.push_str("/>\n");
            self.open = false;
            return;
        }
        self.indent();
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// An element without children.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start(name, attrs);
        self.end(name);
    }

    /// `<name>text</name>` on one line.
    pub fn text_element(&mut self, name: &str, text: &str) {
        self.close_open();
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        self.out.push('>');
        escape(&mut self.out, text, false);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    pub fn finish(self) -> String {
        self.out
    }
}

fn escape(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}
