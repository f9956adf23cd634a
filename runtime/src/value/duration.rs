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
    }
}
