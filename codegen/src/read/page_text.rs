//! The prose of a help page: service and operation names, the description, bullet
//! lists that describe parameters, and tables.
//!
//! Pasted pages lose their HTML structure: every block becomes a line, blank lines
//! may or may not survive. So each plain line is its own paragraph, while lists and
//! Markdown tables are kept together. The ASP.NET generator's fixed sentences
//! ("Click here…", "Test", "The following is a sample…") are not documentation.

use crate::ir::Docs;

/// What the prose above the samples of one page says.
#[derive(Debug, Default)]
pub struct Prose {
    /// Stated by the page (ASMX: the line before "Click here for a complete list…").
    pub service_name: Option<String>,
    pub docs: Docs,
    /// Bullets of the form `- Name: text` / `` * `name` - text ``, in order.
    pub bullets: Vec<Bullet>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bullet {
    pub name: String,
    pub text: String,
    /// Indented under another item (describes a member of something else).
    pub nested: bool,
}

const CLICK_HERE: &str = "Click here for a complete list of operations";

/// Reads an ASMX-style page's prose (the text above the first sample).
/// `operation` is the operation's wire name; a heading repeating it is dropped.
pub fn read_asmx(prose: &str, operation: &str) -> Prose {
    let lines: Vec<&str> = prose.lines().collect();
    let mut out = Prose::default();
    let mut start = 0;
    if let Some(click) = lines.iter().position(|l| l.trim().starts_with(CLICK_HERE)) {
        out.service_name = lines[..click]
            .iter()
            .rev()
            .map(|l| l.trim())
            .find(|l| !l.is_empty())
            .map(str::to_owned);
        // The first line after it names the operation.
        start = lines[click + 1..]
            .iter()
            .position(|l| !l.trim().is_empty())
            .map_or(lines.len(), |i| click + 1 + i + 1);
    }
    let end =
        lines[start..].iter().position(|l| is_section_start(l)).map_or(lines.len(), |i| start + i);
    let kept = drop_boilerplate(&lines[start..end], operation);
    let (docs, bullets) = paragraphs(&kept);
    out.docs = docs;
    out.bullets = bullets;
    out
}

/// Where the description ends: the test form or the first protocol section.
pub fn is_section_start(line: &str) -> bool {
    let t = line.trim();
    ["Test", "SOAP 1.1", "SOAP 1.2", "HTTP GET", "HTTP POST", "HTTP + XML"].contains(&t)
        || t.starts_with("The following is a sample")
        || t.starts_with("The following are sample")
}

/// Lines the page generators always write; never documentation.
pub fn is_boilerplate(line: &str) -> bool {
    let t = line.trim();
    t == "Test"
        || t.starts_with(CLICK_HERE)
        || t.starts_with("The test form is only available")
        || t.starts_with("To test the operation using the HTTP POST protocol")
        || t.starts_with("<back to all web services")
        || t.starts_with("To override the Content-type in your clients")
}

/// Removes boilerplate, including the "The following is a sample … replaced with
/// actual values." sentence when a narrow window wrapped it, and a line or Markdown
/// heading that only repeats the operation name.
pub fn drop_boilerplate<'t>(lines: &[&'t str], operation: &str) -> Vec<&'t str> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim();
        if t.starts_with("The following is a sample") || t.starts_with("The following are sample") {
            // Up to two continuation lines until the sentence ends.
            let mut j = i;
            while j < lines.len() && j < i + 3 && !lines[j].trim_end().ends_with("values.") {
                j += 1;
            }
            i = if j < i + 3 && j < lines.len() { j + 1 } else { i + 1 };
            continue;
        }
        let heading = t.trim_start_matches('#').trim();
        if !(is_boilerplate(t) || heading == operation) {
            out.push(lines[i]);
        }
        i += 1;
    }
    out
}

/// Groups lines into documentation paragraphs; collects bullets on the way.
pub fn paragraphs(lines: &[&str]) -> (Docs, Vec<Bullet>) {
    let mut docs = Docs::default();
    let mut bullets = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.trim().is_empty() {
            i += 1;
        } else if is_table_start(lines, i) {
            let end =
                lines[i..].iter().position(|l| !l.contains('|')).map_or(lines.len(), |n| i + n);
            docs.push(table(&lines[i..end]));
            i = end;
        } else if list_item(line).is_some() {
            let end = list_end(lines, i);
            docs.push(list(&lines[i..end], &mut bullets));
            i = end;
        } else {
            docs.push(line.trim());
            i += 1;
        }
    }
    (docs, bullets)
}

fn is_table_start(lines: &[&str], i: usize) -> bool {
    lines[i].contains('|') && lines.get(i + 1).is_some_and(|l| is_delimiter_row(l))
}

fn cells(line: &str) -> Vec<&str> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(str::trim).collect()
}

fn is_delimiter_row(line: &str) -> bool {
    line.contains('-')
        && cells(line).iter().all(|c| {
            let c = c.strip_prefix(':').unwrap_or(c);
            let c = c.strip_suffix(':').unwrap_or(c);
            !c.is_empty() && c.chars().all(|ch| ch == '-')
        })
}

/// A Markdown table with leading and trailing pipes on every row.
fn table(rows: &[&str]) -> String {
    rows.iter().map(|r| format!("| {} |", cells(r).join(" | "))).collect::<Vec<_>>().join("\n")
}

/// The item text after a list marker (`-`, `*`, `+`, `1.`), if the line is an item.
fn list_item(line: &str) -> Option<&str> {
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix(['-', '*', '+']) {
        return rest.starts_with([' ', '\t']).then(|| rest.trim());
    }
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = t[digits..].strip_prefix(['.', ')'])?;
    (digits > 0 && rest.starts_with(' ')).then(|| rest.trim())
}

/// A list runs over items and their (lazy) continuation lines, up to a blank line,
/// a table or a heading.
fn list_end(lines: &[&str], start: usize) -> usize {
    let mut i = start + 1;
    while i < lines.len() {
        let t = lines[i].trim();
        if t.is_empty() || t.starts_with('#') || is_table_start(lines, i) {
            break;
        }
        i += 1;
    }
    i
}

/// Renders a list as Markdown (tabs expanded so nesting survives) and records
/// each item's `name: text` as a bullet.
fn list(lines: &[&str], bullets: &mut Vec<Bullet>) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut current: Option<Bullet> = None;
    for line in lines {
        let indent: String = line[..line.len() - line.trim_start().len()].replace('\t', "    ");
        if let Some(item) = list_item(line) {
            bullets.extend(current.take());
            current = split_bullet(item, !indent.is_empty());
            out.push(format!("{indent}{}", line.trim()));
        } else {
            let text = line.trim();
            if let Some(b) = current.as_mut() {
                if !b.text.is_empty() {
                    b.text.push(' ');
                }
                b.text.push_str(text);
            }
            out.push(format!("{indent}  {text}"));
        }
    }
    bullets.extend(current);
    out.join("\n")
}

/// `` `name` - text ``, `**Name:** text` or `Name: text`.
fn split_bullet(item: &str, nested: bool) -> Option<Bullet> {
    let (name, rest) = if let Some(quoted) = item.strip_prefix('`') {
        let (name, rest) = quoted.split_once('`')?;
        (name, rest.trim_start().trim_start_matches(['-', '–', ':']))
    } else {
        let (name, rest) = item.split_once(':')?;
        // `**Name:** text`: the emphasis closes after the colon.
        let emphasis = &name[..name.len() - name.trim_start_matches(['*', '_']).len()];
        (name, rest.strip_prefix(emphasis).unwrap_or(rest))
    };
    let name = name.trim().trim_matches(['*', '_']).trim();
    let plausible =
        !name.is_empty() && name.chars().count() <= 60 && !name.contains(['.', '(', ')']);
    plausible.then(|| Bullet { name: name.to_owned(), text: rest.trim().to_owned(), nested })
}

impl Bullet {
    /// The text as field docs: a trailing one-word type note (`*(integer)*`) only
    /// repeats what the field's type says.
    pub fn field_docs(&self) -> &str {
        let t = self.text.trim_end();
        let core = t.trim_end_matches(['*', '_']);
        if let Some(open) = core.strip_suffix(')').and_then(|c| c.rfind('(')) {
            let note = &core[open + 1..core.len() - 1];
            if !note.is_empty() && !note.contains(char::is_whitespace) {
                return core[..open].trim_end().trim_end_matches(['*', '_']).trim_end();
            }
        }
        t
    }
}

impl Bullet {
    /// Whether the bullet names the field `local`: equal ignoring case and
    /// non-alphanumerics, or the same words with the field abbreviating each
    /// (`authToken` ↔ "Authentication token").
    pub fn describes(&self, local: &str) -> bool {
        let squash = |s: &str| -> String {
            s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
        };
        if squash(&self.name) == squash(local) {
            return true;
        }
        let said = words(&self.name);
        let field = words(local);
        said.len() >= 2
            && said.len() == field.len()
            && field.iter().zip(&said).all(|(f, s)| s.starts_with(f.as_str()))
    }
}

/// Lower-cased words of a phrase or a camelCase / snake_case identifier.
fn words(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if !c.is_alphanumeric() {
            out.extend((!word.is_empty()).then(|| std::mem::take(&mut word)));
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower {
            out.push(std::mem::take(&mut word));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        word.extend(c.to_lowercase());
    }
    out.extend((!word.is_empty()).then_some(word));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asmx_prose() {
        let p = read_asmx(
            "Svc\n\n\nClick here for a complete list of operations.\n\nop\n\nDoes it.\nSecond: line\nTest\nThe test form…",
            "op",
        );
        assert_eq!(p.service_name.as_deref(), Some("Svc"));
        assert_eq!(p.docs.0, vec!["Does it.", "Second: line"]);
    }

    #[test]
    fn wrapped_sample_sentence_and_heading_are_dropped() {
        let lines = [
            "## op",
            "Keep.",
            "The following is a sample SOAP 1.2 request and response. The placeholders shown need to be replaced",
            "with actual values.",
            "After.",
        ];
        assert_eq!(drop_boilerplate(&lines, "op"), vec!["Keep.", "After."]);
    }

    #[test]
    fn tables_get_outer_pipes() {
        let (docs, _) = paragraphs(&["A | B |", "---|---|", "1 | x y |", "Tail"]);
        assert_eq!(docs.0, vec!["| A | B |\n| --- | --- |\n| 1 | x y |", "Tail"]);
    }

    #[test]
    fn bullets_with_continuations_and_backticks() {
        let (docs, bullets) =
            paragraphs(&["- Email:", "The email.", "* `siteId` - ID of the site *(integer)*"]);
        assert_eq!(docs.0, vec!["- Email:\n  The email.\n* `siteId` - ID of the site *(integer)*"]);
        assert_eq!(
            bullets[0],
            Bullet { name: "Email".into(), text: "The email.".into(), nested: false }
        );
        assert_eq!(bullets[1].name, "siteId");
        assert_eq!(bullets[1].text, "ID of the site *(integer)*");
        assert_eq!(bullets[1].field_docs(), "ID of the site");
        let (_, bullets) = paragraphs(&["* **Method:** SOAP", "  * `id` - *(integer)*"]);
        assert_eq!((bullets[0].name.as_str(), bullets[0].text.as_str()), ("Method", "SOAP"));
        assert_eq!((bullets[1].field_docs(), bullets[1].nested), ("", true));
    }

    #[test]
    fn bullet_matching() {
        let b = |n: &str| Bullet { name: n.into(), text: String::new(), nested: false };
        assert!(b("Email").describes("email"));
        assert!(b("user_name").describes("UserName"));
        assert!(b("Authentication token").describes("authToken"));
        assert!(!b("Authentication token").describes("token"));
        assert!(!b("Password").describes("newPassword"));
    }
}
