//! Decimal digits written straight into the output, without `core::fmt` (which costs a
//! third of request writing when every number goes through `write!`).

/// "00" to "99", back to back.
const TWO_DIGITS: &str = concat!(
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839",
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879",
    "8081828384858687888990919293949596979899"
);

/// Appends `v` in decimal.
#[inline]
pub(crate) fn push_u64(out: &mut String, mut v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    push_ascii(out, &buf[i..]);
}

/// Appends `v` in decimal, zero-padded to at least `width` digits (at most 10).
#[inline]
pub(crate) fn push_padded(out: &mut String, mut v: u32, width: usize) {
    // Months, days, hours, minutes, seconds and offsets: two digits, one table copy.
    if width == 2 && v < 100 {
        let at = v as usize * 2;
        out.push_str(&TWO_DIGITS[at..at + 2]);
        return;
    }
    let mut buf = [b'0'; 10];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 && buf.len() - i >= width {
            break;
        }
    }
    push_ascii(out, &buf[i..]);
}

#[inline]
fn push_ascii(out: &mut String, digits: &[u8]) {
    out.reserve(digits.len());
    for &d in digits {
        out.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_format() {
        for v in [0, 1, 9, 10, 99, 100, 12_345, u64::from(u32::MAX), u64::MAX] {
            let mut out = String::new();
            push_u64(&mut out, v);
            assert_eq!(out, v.to_string());
        }
        for (v, width) in [(0, 2), (7, 2), (42, 2), (123, 2), (5, 4), (2026, 4), (5, 9), (0, 0)] {
            let mut out = String::new();
            push_padded(&mut out, v, width);
            assert_eq!(out, format!("{v:0width$}"), "{v} {width}");
        }
        for v in 0..150 {
            let mut out = String::from("x");
            push_padded(&mut out, v, 2);
            assert_eq!(out, format!("x{v:02}"));
        }
    }
}
