//! [`RetryPolicy`]: which failed requests a transport sends again, how often and how soon.

use std::time::{Duration, Instant};

use super::{HttpResponse, Method};
use crate::error::{Error, TransportErrorKind};

/// Opt-in retries with exponential backoff, bounded in attempts and in total time.
///
/// - A request that never reached the server (connection refused, host not found) is
///   retried for every operation.
/// - A request that may have reached it (a 502, 503 or 504 answer, a connection reset or
///   closed after sending) is retried only for operations marked idempotent with
///   [`idempotent`](Self::idempotent) (names as the service describes them, e.g.
///   `GetAccount`), or for every one with [`all_idempotent`](Self::all_idempotent), and for
///   GET requests. Timeouts are not retried: the call's time limit is already spent.
///
/// The wait before attempt *n* + 1 is `initial × 2ⁿ⁻¹`, at most `max_delay`, less a random
/// part of up to a half (so clients that failed together do not retry together), and at
/// least what a `Retry-After: <seconds>` of the response asks, within the same bound. No
/// retry starts once `max_elapsed` would be passed; the last outcome is returned then.
///
/// ```
/// use std::time::Duration;
/// use soapgen_runtime::transport::RetryPolicy;
///
/// let policy = RetryPolicy::new()
///     .max_attempts(4)
///     .backoff(Duration::from_millis(100), Duration::from_secs(2))
///     .max_elapsed(Duration::from_secs(10))
///     .idempotent(["GetAccount", "ListOrders"]);
/// # let _ = policy;
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial: Duration,
    max_delay: Duration,
    max_elapsed: Duration,
    idempotent: Idempotent,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Idempotent {
    Named(Vec<String>),
    All,
}

impl RetryPolicy {
    /// 3 attempts in all, 200 ms then 400 ms between them (at most 5 s each), 30 s in all,
    /// no operation idempotent.
    pub fn new() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            max_elapsed: Duration::from_secs(30),
            idempotent: Idempotent::Named(Vec::new()),
        }
    }

    /// At most `attempts` sends of one request, the first included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The first wait, and the most any wait grows to.
    pub fn backoff(mut self, initial: Duration, max_delay: Duration) -> Self {
        self.initial = initial;
        self.max_delay = max_delay.max(initial);
        self
    }

    /// No retry starts after `limit` from the first send (waits included).
    pub fn max_elapsed(mut self, limit: Duration) -> Self {
        self.max_elapsed = limit;
        self
    }

    /// Marks operations (by name, as the service describes them) safe to send twice.
    pub fn idempotent<S: Into<String>>(mut self, operations: impl IntoIterator<Item = S>) -> Self {
        if let Idempotent::Named(names) = &mut self.idempotent {
            names.extend(operations.into_iter().map(Into::into));
        }
        self
    }

    /// Marks every operation safe to send twice.
    pub fn all_idempotent(mut self) -> Self {
        self.idempotent = Idempotent::All;
        self
    }

    fn is_idempotent(&self, operation: Option<&str>, method: Method) -> bool {
        method == Method::Get
            || match (&self.idempotent, operation) {
                (Idempotent::All, _) => true,
                (Idempotent::Named(names), Some(op)) => names.iter().any(|n| n == op),
                (Idempotent::Named(_), None) => false,
            }
    }

    /// How long to wait before sending again after `attempts` sends that began at
    /// `started`, or `None` to give the outcome to the caller.
    pub(crate) fn next_delay(
        &self,
        attempts: u32,
        started: Instant,
        operation: Option<&str>,
        method: Method,
        outcome: &Result<HttpResponse, Error>,
    ) -> Option<Duration> {
        if attempts >= self.max_attempts {
            return None;
        }
        let retry_after = match outcome {
            Err(Error::Transport(e)) if e.kind() == TransportErrorKind::Connect => None,
            Err(Error::Transport(e))
                if e.kind() == TransportErrorKind::Io && self.is_idempotent(operation, method) =>
            {
                None
            }
            Ok(r) if matches!(r.status, 502..=504) && self.is_idempotent(operation, method) => {
                r.header("retry-after").and_then(|s| s.trim().parse::<u64>().ok())
            }
            _ => return None,
        };
        let exponent = attempts.saturating_sub(1).min(30);
        let full = self.initial.saturating_mul(1 << exponent).min(self.max_delay);
        let mut delay = full.saturating_sub(full.mul_f64(jitter() / 2.0));
        if let Some(seconds) = retry_after {
            delay = delay.max(Duration::from_secs(seconds).min(self.max_delay));
        }
        (started.elapsed() + delay <= self.max_elapsed).then_some(delay)
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::new()
    }
}

/// A number in [0, 1) from the OS's random source (0 if it fails: no jitter then).
fn jitter() -> f64 {
    let mut bytes = [0u8; 4];
    match getrandom::fill(&mut bytes) {
        Ok(()) => f64::from(u32::from_le_bytes(bytes)) / (f64::from(u32::MAX) + 1.0),
        Err(_) => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::TransportError;

    fn refused() -> Result<HttpResponse, Error> {
        Err(Error::Transport(TransportError::new(TransportErrorKind::Connect, "refused")))
    }

    fn status(code: u16) -> Result<HttpResponse, Error> {
        Ok(HttpResponse::new(code, None, Vec::new()))
    }

    #[test]
    fn what_is_retried() {
        let p = RetryPolicy::new().idempotent(["Get"]);
        let now = Instant::now();
        assert!(p.next_delay(1, now, Some("Put"), Method::Post, &refused()).is_some());
        assert!(p.next_delay(1, now, Some("Put"), Method::Post, &status(503)).is_none());
        assert!(p.next_delay(1, now, Some("Get"), Method::Post, &status(503)).is_some());
        assert!(p.next_delay(1, now, None, Method::Get, &status(502)).is_some());
        assert!(p.next_delay(1, now, Some("Get"), Method::Post, &status(500)).is_none());
        assert!(p.next_delay(3, now, Some("Get"), Method::Post, &status(503)).is_none());
    }

    #[test]
    fn backoff_grows_within_bounds() {
        let p = RetryPolicy::new()
            .max_attempts(10)
            .backoff(Duration::from_millis(100), Duration::from_millis(300))
            .max_elapsed(Duration::from_secs(60));
        let now = Instant::now();
        let d = |n| p.next_delay(n, now, None, Method::Post, &refused()).unwrap();
        assert!(d(1) >= Duration::from_millis(50) && d(1) <= Duration::from_millis(100));
        assert!(d(2) >= Duration::from_millis(100) && d(2) <= Duration::from_millis(200));
        assert!(d(5) <= Duration::from_millis(300));
        let short = p.clone().max_elapsed(Duration::from_millis(10));
        assert!(short.next_delay(1, now, None, Method::Post, &refused()).is_none());
        let after = status(503);
        let mut r = after.unwrap();
        r.headers.push(("Retry-After".into(), "1".into()));
        let all = RetryPolicy::new()
            .all_idempotent()
            .backoff(Duration::from_millis(1), Duration::from_secs(2));
        assert_eq!(
            all.next_delay(1, now, Some("X"), Method::Post, &Ok(r)),
            Some(Duration::from_secs(1))
        );
    }
}
