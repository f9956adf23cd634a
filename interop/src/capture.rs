//! Capturing what the connectivity tests inspect: every exchange a transport's hook sees,
//! and everything written to `tracing`, as text to search for leaked secrets.

use std::fmt::Debug;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use soapgen_runtime::transport::Exchange;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// The exchanges a hook was shown, in order.
#[derive(Clone, Default)]
pub struct Exchanges(Arc<Mutex<Vec<Exchange>>>);

impl Exchanges {
    /// A hook for `with_exchange_hook` that records into this.
    pub fn hook(&self) -> impl Fn(&Exchange) + Send + Sync + 'static {
        let seen = Arc::clone(&self.0);
        move |e| seen.lock().unwrap_or_else(PoisonError::into_inner).push(e.clone())
    }

    /// What was recorded so far.
    pub fn all(&self) -> Vec<Exchange> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Forgets what was recorded.
    pub fn clear(&self) {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).clear();
    }

    /// The statuses seen, in order (0 for an exchange without a response).
    pub fn statuses(&self) -> Vec<u16> {
        self.all().iter().map(|e| e.status.unwrap_or(0)).collect()
    }
}

/// A `tracing` subscriber that keeps every span and event field as `target name=value`
/// lines, TRACE included.
#[derive(Clone, Default)]
pub struct TraceLog {
    lines: Arc<Mutex<Vec<String>>>,
    next: Arc<AtomicU64>,
}

impl TraceLog {
    /// Everything recorded, one field per line.
    pub fn text(&self) -> String {
        self.lines.lock().unwrap_or_else(PoisonError::into_inner).join("\n")
    }
}

struct Fields<'a>(&'a TraceLog, &'a str);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        let line = format!("{} {}={value:?}", self.1, field.name());
        self.0.lines.lock().unwrap_or_else(PoisonError::into_inner).push(line);
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        let line = format!("{} {}={value}", self.1, field.name());
        self.0.lines.lock().unwrap_or_else(PoisonError::into_inner).push(line);
    }
}

impl Subscriber for TraceLog {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        span.record(&mut Fields(self, span.metadata().target()));
        Id::from_u64(self.next.fetch_add(1, Ordering::Relaxed) + 1)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        values.record(&mut Fields(self, "span"));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        event.record(&mut Fields(self, event.metadata().target()));
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

/// Panics if `secret` appears in any of `outputs` (named for the message).
pub fn assert_never_shown(secret: &str, outputs: &[(&str, &str)]) {
    for (what, text) in outputs {
        let count = text.matches(secret).count();
        assert_eq!(count, 0, "the secret appears {count} times in {what}:\n{text}");
    }
}
