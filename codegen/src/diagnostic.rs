//! How errors and warnings look: rustc-style reports (annotate-snippets) naming file,
//! line and column, with the offending line and a marker under the column.
//!
//! Unstable: public only for the repository's own tools (the CLI, tests, fuzz targets),
//! hidden from the crate's docs; not part of soapgen's API.

use annotate_snippets::{AnnotationKind, Level, Origin, Renderer, Snippet};

use crate::ir::{Provenance, Warning};

/// Colours for a terminal, plain text otherwise (and always in `Display`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// No escape codes: files, logs, `Display`.
    Plain,
    /// ANSI colours, for a terminal.
    Colored,
}

fn renderer(style: Style) -> Renderer {
    match style {
        Style::Plain => Renderer::plain(),
        Style::Colored => Renderer::styled(),
    }
}

/// An error at `at`; `line_text` is that line of the input (empty when unknown).
pub(crate) fn error(at: &Provenance, message: &str, line_text: &str, style: Style) -> String {
    located(Level::ERROR, at, message, line_text, style)
}

/// A warning the reader made (a guess, or a construct it had to keep as raw XML).
pub fn warning(w: &Warning, style: Style) -> String {
    located(Level::WARNING, &w.at, &w.message, "", style)
}

impl Warning {
    /// The warning as the command line prints it (`warning: …` and `--> file:line:column`),
    /// coloured for a terminal when `colored`.
    pub fn render(&self, colored: bool) -> String {
        warning(self, if colored { Style::Colored } else { Style::Plain })
    }
}

fn located(
    level: Level<'_>,
    at: &Provenance,
    message: &str,
    line_text: &str,
    style: Style,
) -> String {
    let title = level.primary_title(message);
    let report = if line_text.trim().is_empty() {
        let origin = Origin::path(&*at.file).line(at.line as usize).char_column(at.column as usize);
        [title.element(origin)]
    } else {
        // The marker sits on the character at the column (1-based, in characters).
        let start = line_text
            .char_indices()
            .nth(at.column.saturating_sub(1) as usize)
            .map_or(line_text.len(), |(i, _)| i);
        let end = line_text[start..].chars().next().map_or(start, |c| start + c.len_utf8());
        let snippet = Snippet::source(line_text)
            .line_start(at.line as usize)
            .path(&*at.file)
            .annotation(AnnotationKind::Primary.span(start..end));
        [title.element(snippet)]
    };
    renderer(style).render(&report)
}
