//! The values every client sends, and how results are compared.

use soapgen_runtime::{DateTime, Decimal, Error, XmlValue};

/// Markup characters, an end-of-CDATA sequence and both quotes.
pub const MARKUP: &str = r#"<tag a="1" b='2'>&amp; & ]]> <![CDATA[x]]> "double" 'single'</tag>"#;
/// Text beyond ASCII: accents, CJK, an emoji (outside the BMP), a combining accent, RTL.
pub const UNICODE: &str = "grüße, 日本語, emoji 🎉, combining e\u{301}, RTL שלום, nbsp\u{a0}!";
/// Whitespace a trimming reader would lose.
pub const PADDED: &str = "  leading and trailing spaces,\ta tab,\nand a line feed  ";

/// An xs:dateTime with a zone (a half-hour one, east of UTC; see `quirks` for west).
pub const WITH_ZONE: &str = "2024-02-29T23:59:59.123456+05:30";
/// An xs:dateTime without a zone (a local time of unknown offset).
pub const WITHOUT_ZONE: &str = "2024-03-04T05:06:07";

/// The largest number of digits xs:decimal must support (18) is far exceeded, on purpose.
pub const BIG_DECIMAL: &str = "-79228162514264337593543950335.000000001";
/// A decimal with many digits on both sides of the point.
pub const LONG_DECIMAL: &str = "123456789012345678901234567890.123456789";

pub fn dt(lexical: &str) -> DateTime {
    DateTime::parse_lexical(lexical).unwrap()
}

pub fn dec(lexical: &str) -> Decimal {
    Decimal::new(lexical).unwrap()
}

/// A dateTime's value: the same instant written with more or fewer fraction digits (spyne
/// writes microseconds: `.123456`, `.250000`) compares equal; the zone, or its absence, counts.
pub fn instant(d: &DateTime) -> (i32, u8, u8, u8, u8, u8, u32, Option<i16>) {
    (
        d.year(),
        d.month(),
        d.day(),
        d.hour(),
        d.minute(),
        d.second(),
        d.nanosecond(),
        d.offset().map(|o| o.minutes()),
    )
}

/// The `Ok` value, or a panic naming the call and showing the error.
pub fn ok<T>(result: Result<T, Error>, who: &str, operation: &str) -> T {
    result.unwrap_or_else(|e| panic!("{who}: {operation} failed: {e} ({e:?})"))
}

/// The SOAP fault of a call that must fail with one.
pub fn fault<T: std::fmt::Debug>(
    result: Result<T, Error>,
    who: &str,
    operation: &str,
) -> Box<soapgen_runtime::Fault> {
    match result {
        Err(Error::Fault(fault)) => fault,
        other => panic!("{who}: {operation}: expected a SOAP fault, got {other:?}"),
    }
}

/// A fault's code in the shape of its SOAP version: 1.1 `Client.<sub>`, 1.2 `Sender` with
/// the subcode `<sub>` (spyne writes it unqualified, node-soap as `tns:<sub>`).
pub fn assert_client_fault(fault: &soapgen_runtime::Fault, subcode: &str, who: &str) {
    match fault.version {
        soapgen_runtime::SoapVersion::Soap11 => {
            assert_eq!(fault.code_local_name(), format!("Client.{subcode}"), "{who}: {fault:?}");
        }
        soapgen_runtime::SoapVersion::Soap12 => {
            assert_eq!(fault.code_local_name(), "Sender", "{who}: {fault:?}");
            let last = fault.subcodes.last().map(|s| s.rsplit(':').next().unwrap_or(s));
            assert_eq!(last, Some(subcode), "{who}: {fault:?}");
        }
    }
}
