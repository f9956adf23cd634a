//! `Duration`: xs:duration kept as its validated lexical form.

use super::{ValueError, XmlValue, lexical_display_from_str, trim};

/// An `xs:duration` such as `P1Y2M3DT4H5M6.7S`, validated and kept as sent: years and
/// months have no fixed length, so it is not converted to a time span.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Duration(String);

impl Duration {
    /// Validates a lexical xs:duration (surrounding whitespace ignored).
    pub fn new(text: &str) -> Result<Self, ValueError> {
        let text = trim(text);
        validate(text)?;
        Ok(Duration(text.to_owned()))
    }

    /// A duration of exactly this many seconds and nanoseconds, as `PT…S`.
    pub fn from_std(d: std::time::Duration) -> Self {
        let mut s = format!("PT{}", d.as_secs());
        if d.subsec_nanos() != 0 {
            let frac = format!("{:09}", d.subsec_nanos());
            s.push('.');
            s.push_str(frac.trim_end_matches('0'));
        }
        s.push('S');
        Duration(s)
    }

    /// The lexical form.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<std::time::Duration> for Duration {
    fn from(d: std::time::Duration) -> Self {
        Duration::from_std(d)
    }
}

impl TryFrom<&Duration> for std::time::Duration {
    type Error = ValueError;

    /// Exact or refused: refused when negative, when it counts years or months (which
    /// have no fixed length; a day is 24 hours), below a nanosecond, or too long.
    fn try_from(d: &Duration) -> Result<Self, ValueError> {
        let refused = |why: &'static str| ValueError::new(why);
        let text = d.as_str();
        let unsigned = text.strip_prefix('-');
        let body = unsigned.unwrap_or(text).trim_start_matches('P');
        let (date, time) = body.split_once('T').unwrap_or((body, ""));
        let mut seconds: u64 = 0;
        let mut nanos: u32 = 0;
        let mut add = |n: &str, unit: u64| -> Result<(), ValueError> {
            let n: u64 = n.parse().map_err(|_| refused("duration too long"))?;
            seconds = n
                .checked_mul(unit)
                .and_then(|s| seconds.checked_add(s))
                .ok_or_else(|| refused("duration too long"))?;
            Ok(())
        };
        for (part, units) in [
            (date, &[('Y', 0), ('M', 0), ('D', 86_400)][..]),
            (time, &[('H', 3_600), ('M', 60), ('S', 1)][..]),
        ] {
            let mut rest = part;
            for &(designator, unit) in units {
                let Some((n, after)) = rest.split_once(designator) else { continue };
                rest = after;
                if unit == 0 {
                    if n.bytes().any(|b| b != b'0') {
                        return Err(refused("years and months have no fixed length"));
                    }
                    continue;
                }
                let (whole, fraction) = n.split_once('.').unwrap_or((n, ""));
                add(whole, unit)?;
                let fraction = fraction.trim_end_matches('0');
                if fraction.len() > 9 {
                    return Err(refused("duration finer than a nanosecond"));
                }
                if !fraction.is_empty() {
                    nanos = format!("{fraction:0<9}").parse().unwrap_or(0);
                }
            }
        }
        if unsigned.is_some() && (seconds, nanos) != (0, 0) {
            return Err(refused("negative duration"));
        }
        Ok(std::time::Duration::new(seconds, nanos))
    }
}

impl TryFrom<Duration> for std::time::Duration {
    type Error = ValueError;

    /// As for `&Duration`.
    fn try_from(d: Duration) -> Result<Self, ValueError> {
        std::time::Duration::try_from(&d)
    }
}

impl AsRef<str> for Duration {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<Duration> for String {
    /// The lexical form.
    fn from(value: Duration) -> Self {
        value.0
    }
}

/// `-?P(nY)?(nM)?(nD)?(T(nH)?(nM)?(n(.n)?S)?)?` with at least one component, and a `T`
/// only when a time component follows.
fn validate(text: &str) -> Result<(), ValueError> {
    let invalid = || ValueError::new("not a valid duration");
    let rest = text.strip_prefix('-').unwrap_or(text).strip_prefix('P').ok_or_else(invalid)?;
    // Designators in the only order allowed; `T` separates date from time.
    const ORDER: [u8; 7] = [b'Y', b'M', b'D', b'T', b'H', b'M', b'S'];
    let mut next = 0; // index into ORDER of the earliest designator still allowed
    let mut components = 0;
    let mut time_components = 0;
    let mut in_time = false;
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'T' {
            if in_time || next > 3 {
                return Err(invalid());
            }
            in_time = true;
            next = 4;
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let int_digits = i - start;
        let mut fraction = false;
        if i < bytes.len() && bytes[i] == b'.' {
            i += 1;
            let frac_start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i == frac_start {
                return Err(invalid());
            }
            fraction = true;
        }
        let designator = *bytes.get(i).ok_or_else(invalid)?;
        i += 1;
        if int_digits == 0 || (fraction && designator != b'S') {
            return Err(invalid());
        }
        let range = if in_time { 4..7 } else { 0..3 };
        let found =
            ORDER[range.clone()].iter().position(|&d| d == designator).map(|p| p + range.start);
        match found {
            Some(p) if p >= next => next = p + 1,
            _ => return Err(invalid()),
        }
        components += 1;
        if in_time {
            time_components += 1;
        }
    }
    if components == 0 || (in_time && time_components == 0) {
        return Err(invalid());
    }
    Ok(())
}

impl XmlValue for Duration {
    const XSD_TYPE: &'static str = "duration";

    fn write_lexical(&self, out: &mut String) {
        out.push_str(&self.0);
    }

    fn as_lexical_str(&self) -> Option<&str> {
        Some(&self.0)
    }

    fn parse_lexical(text: &str) -> Result<Self, ValueError> {
        Duration::new(text)
    }
}

lexical_display_from_str!(Duration);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_durations() {
        for ok in [
            "P1Y2M3DT4H5M6.7S",
            "-P3D",
            "PT0S",
            "PT1H",
            "P1M",
            "PT1M",
            "PT0.5S",
            " P2Y ",
            "P1DT12H",
        ] {
            assert!(Duration::new(ok).is_ok(), "{ok}");
        }
        assert_eq!(Duration::new(" PT1H ").unwrap().as_str(), "PT1H");
    }

    #[test]
    fn refuses_invalid_durations() {
        for bad in [
            "", "P", "PT", "1D", "P1D2Y", "P1H", "PT1D", "P1.5D", "PT.5S", "PT1.S", "P1DT", "P-1D",
            "PTT1H", "P1YT1H1H", "P1S",
        ] {
            assert!(Duration::new(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn from_std_duration() {
        assert_eq!(Duration::from_std(std::time::Duration::from_secs(90)).as_str(), "PT90S");
        assert_eq!(Duration::from_std(std::time::Duration::from_millis(1500)).as_str(), "PT1.5S");
        let d: Duration = "P1D".parse().unwrap();
        assert_eq!(d.to_string(), "P1D");
        assert_eq!(Duration::from(std::time::Duration::from_secs(2)).as_ref(), "PT2S");
        assert_eq!(String::from(d), "P1D");
    }

    #[test]
    fn into_std_duration_exactly_or_not_at_all() {
        let std = |text: &str| std::time::Duration::try_from(&Duration::new(text).unwrap());
        assert_eq!(std("P1DT2H3M4.5S"), Ok(std::time::Duration::new(93_784, 500_000_000)));
        assert_eq!(std("PT0.000000001S"), Ok(std::time::Duration::new(0, 1)));
        assert_eq!(std("P0Y0MT1M"), Ok(std::time::Duration::from_secs(60)));
        assert_eq!(std("-PT0S"), Ok(std::time::Duration::ZERO));
        for refused in ["P1Y", "P1M", "-PT1S", "PT0.0000000001S", "P99999999999999999999D"] {
            assert!(std(refused).is_err(), "{refused}");
        }
        let round = std::time::Duration::new(3_725, 120_000_000);
        assert_eq!(std::time::Duration::try_from(&Duration::from(round)), Ok(round));
    }
}
