//! Doc comments from the documents' prose, made safe for rustdoc and clippy.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Docs;

/// `#[doc]` attributes for the paragraphs, then any extra lines.
pub fn doc_attrs(docs: &Docs) -> TokenStream {
    let text = render(docs);
    if text.is_empty() {
        return TokenStream::new();
    }
    let lines = text.lines().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") });
    quote!(#(#[doc = #lines])*)
}

/// One doc line.
pub fn doc_line(text: &str) -> TokenStream {
    let line = format!(" {text}");
    quote!(#[doc = #line])
}

/// Paragraphs joined by blank lines, each cleaned up.
pub fn render(docs: &Docs) -> String {
    docs.0.iter().map(|p| clean(p)).filter(|p| !p.is_empty()).collect::<Vec<_>>().join("\n\n")
}

/// Makes prose behave as Markdown means it to: trailing blanks go, runs of blank lines
/// shrink to one, and a line that follows a list item without a blank line is indented as
/// its continuation (otherwise rustdoc joins it lazily and clippy objects).
fn clean(paragraph: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut in_list_item = false;
    for raw in paragraph.lines() {
        let line = raw.trim_end();
        if line.trim().is_empty() {
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
            in_list_item = false;
            continue;
        }
        let trimmed = line.trim_start();
        let is_item = is_list_item(trimmed);
        let is_table = trimmed.starts_with('|');
        if is_item {
            in_list_item = true;
            out.push(trimmed.to_owned());
        } else if in_list_item && !is_table {
            out.push(format!("  {trimmed}"));
        } else {
            in_list_item = false;
            out.push(trimmed.to_owned());
        }
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

fn is_list_item(line: &str) -> bool {
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return true;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_continuations_are_indented() {
        let docs = Docs(vec!["- Email:\nThe user email.\n\n\nDone.  ".into()]);
        assert_eq!(render(&docs), "- Email:\n  The user email.\n\nDone.");
    }
}
