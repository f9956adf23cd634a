//! `DateTime`, `Date` and `Time`: xs:dateTime, xs:date and xs:time with an optional zone.
//!
//! Values keep what the lexical form says and nothing more: a value without a zone stays
//! without one, and the number of fraction digits is remembered so canonical input is
//! written back exactly.

use super::digits::push_padded;
use super::{ValueError, XmlValue, lexical_display_from_str, trim};

/// A time zone offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TzOffset {
    /// UTC, written `Z`.
    Utc,
    /// Minutes east of UTC (-840 to 840), written `+hh:mm` / `-hh:mm`; `+00:00` is `Minutes(0)`.
    Minutes(i16),
}

impl TzOffset {
    /// Minutes east of UTC (0 for `Utc`).
    pub fn minutes(self) -> i16 {
        match self {
            TzOffset::Utc => 0,
            TzOffset::Minutes(m) => m,
        }
    }
}

/// An `xs:dateTime`: proleptic Gregorian date, time with up to nanosecond precision, and an
/// optional zone. Years may be negative or above 9999; `24:00:00` is kept as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateTime {
    date: DatePart,
    time: TimePart,
    offset: Option<TzOffset>,
}

/// An `xs:date` with an optional zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    date: DatePart,
    offset: Option<TzOffset>,
}

/// An `xs:time` with an optional zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Time {
    time: TimePart,
    offset: Option<TzOffset>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct DatePart {
    year: i32,
    month: u8,
    day: u8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct TimePart {
    hour: u8,
    minute: u8,
    second: u8,
    nanosecond: u32,
    /// Fraction digits as sent (0–9), so "30.1200" is written back as "30.1200".
    fraction_digits: u8,
}

impl DateTime {
    /// A date and time without fraction or zone; fails on out-of-range fields.
    pub fn new(
        year: i32,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
    ) -> Result<Self, ValueError> {
        Ok(DateTime {
            date: DatePart::new(year, month, day)?,
            time: TimePart::new(hour, minute, second)?,
            offset: None,
        })
    }

    /// The same instant with `nanosecond` as fraction, written with as few digits as it needs.
    ///
    /// # Panics
    /// If `nanosecond` is 1,000,000,000 or more, or nonzero at `24:00:00`.
    pub fn with_nanos(self, nanosecond: u32) -> Self {
        DateTime { time: self.time.with_nanos(nanosecond), ..self }
    }

    /// The same fields with zone `offset` (`None` for no zone).
    ///
    /// # Panics
    /// If the offset is beyond ±14:00.
    pub fn with_offset(self, offset: Option<TzOffset>) -> Self {
        DateTime { offset: checked_offset(offset), ..self }
    }

    /// The year (negative for BCE as XML Schema 1.1 counts).
    pub fn year(&self) -> i32 {
        self.date.year
    }
    /// The month, 1–12.
    pub fn month(&self) -> u8 {
        self.date.month
    }
    /// The day of the month, 1–31.
    pub fn day(&self) -> u8 {
        self.date.day
    }
    /// The hour, 0–24 (24 only in `24:00:00`).
    pub fn hour(&self) -> u8 {
        self.time.hour
    }
    /// The minute, 0–59.
    pub fn minute(&self) -> u8 {
        self.time.minute
    }
    /// The second, 0–59.
    pub fn second(&self) -> u8 {
        self.time.second
    }
    /// The fraction of the second, in nanoseconds.
    pub fn nanosecond(&self) -> u32 {
        self.time.nanosecond
    }
    /// How many fraction digits the lexical form has (0–9).
    pub fn fraction_digits(&self) -> u8 {
        self.time.fraction_digits
    }
    /// The zone, if the value has one.
    pub fn offset(&self) -> Option<TzOffset> {
        self.offset
    }
}

impl Date {
    /// A date without zone; fails on out-of-range fields.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, ValueError> {
        Ok(Date { date: DatePart::new(year, month, day)?, offset: None })
    }

    /// The same date with zone `offset`.
    ///
    /// # Panics
    /// If the offset is beyond ±14:00.
    pub fn with_offset(self, offset: Option<TzOffset>) -> Self {
        Date { offset: checked_offset(offset), ..self }
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.date.year
    }
    /// The month, 1–12.
    pub fn month(&self) -> u8 {
        self.date.month
    }
    /// The day of the month, 1–31.
    pub fn day(&self) -> u8 {
        self.date.day
    }
    /// The zone, if the value has one.
    pub fn offset(&self) -> Option<TzOffset> {
        self.offset
    }
}

impl Time {
    /// A time without fraction or zone; fails on out-of-range fields.
    pub fn new(hour: u8, minute: u8, second: u8) -> Result<Self, ValueError> {
        Ok(Time { time: TimePart::new(hour, minute, second)?, offset: None })
    }

    /// The same time with `nanosecond` as fraction.
    ///
    /// # Panics
    /// If `nanosecond` is 1,000,000,000 or more, or nonzero at `24:00:00`.
    pub fn with_nanos(self, nanosecond: u32) -> Self {
        Time { time: self.time.with_nanos(nanosecond), ..self }
    }

    /// The same time with zone `offset`.
    ///
    /// # Panics
    /// If the offset is beyond ±14:00.
    pub fn with_offset(self, offset: Option<TzOffset>) -> Self {
        Time { offset: checked_offset(offset), ..self }
    }

    /// The hour, 0–24.
    pub fn hour(&self) -> u8 {
        self.time.hour
    }
    /// The minute, 0–59.
    pub fn minute(&self) -> u8 {
        self.time.minute
    }
    /// The second, 0–59.
    pub fn second(&self) -> u8 {
        self.time.second
    }
    /// The fraction of the second, in nanoseconds.
    pub fn nanosecond(&self) -> u32 {
        self.time.nanosecond
    }
    /// How many fraction digits the lexical form has (0–9).
    pub fn fraction_digits(&self) -> u8 {
        self.time.fraction_digits
    }
    /// The zone, if the value has one.
    pub fn offset(&self) -> Option<TzOffset> {
        self.offset
    }
}

const MAX_OFFSET_MINUTES: i16 = 14 * 60;

fn checked_offset(offset: Option<TzOffset>) -> Option<TzOffset> {
    if let Some(TzOffset::Minutes(m)) = offset {
        assert!(m.abs() <= MAX_OFFSET_MINUTES, "time zone offset beyond ±14:00");
    }
    offset
}

impl DatePart {
    fn new(year: i32, month: u8, day: u8) -> Result<Self, ValueError> {
        if !(1..=12).contains(&month) {
            return Err(ValueError::new("month out of range"));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(ValueError::new("day out of range"));
        }
        Ok(DatePart { year, month, day })
    }

    fn write(&self, out: &mut String) {
        if self.year < 0 {
            out.push('-');
        }
        push_padded(out, self.year.unsigned_abs(), 4);
        out.push('-');
        push_padded(out, u32::from(self.month), 2);
        out.push('-');
        push_padded(out, u32::from(self.day), 2);
    }
}

impl TimePart {
    fn new(hour: u8, minute: u8, second: u8) -> Result<Self, ValueError> {
        let end_of_day = hour == 24 && minute == 0 && second == 0;
        if (hour > 23 && !end_of_day) || minute > 59 || second > 59 {
            return Err(ValueError::new("time out of range"));
        }
        Ok(TimePart { hour, minute, second, nanosecond: 0, fraction_digits: 0 })
    }

    fn with_nanos(self, nanosecond: u32) -> Self {
        assert!(nanosecond < 1_000_000_000, "nanosecond out of range");
        assert!(self.hour < 24 || nanosecond == 0, "24:00:00 cannot have a fraction");
        let mut fraction_digits = 9;
        let mut n = nanosecond;
        while n != 0 && n % 10 == 0 {
            n /= 10;
            fraction_digits -= 1;
        }
        TimePart {
            nanosecond,
            fraction_digits: if nanosecond == 0 { 0 } else { fraction_digits },
            ..self
        }
    }

    fn write(&self, out: &mut String) {
        push_padded(out, u32::from(self.hour), 2);
        out.push(':');
        push_padded(out, u32::from(self.minute), 2);
        out.push(':');
        push_padded(out, u32::from(self.second), 2);
        if self.fraction_digits > 0 {
            // The leading `fraction_digits` of the nine-digit nanoseconds.
            let dropped = 9 - u32::from(self.fraction_digits);
            out.push('.');
            push_padded(
                out,
                self.nanosecond / 10u32.pow(dropped),
                usize::from(self.fraction_digits),
            );
        }
    }
}

fn write_offset(out: &mut String, offset: Option<TzOffset>) {
    match offset {
        None => {}
        Some(TzOffset::Utc) => out.push('Z'),
        Some(TzOffset::Minutes(m)) => {
            let sign = if m < 0 { '-' } else { '+' };
            let m = m.unsigned_abs();
            out.push(sign);
            push_padded(out, u32::from(m / 60), 2);
            out.push(':');
            push_padded(out, u32::from(m % 60), 2);
        }
    }
}

fn is_leap(year: i32) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A cursor over a lexical date/time form.
struct Lexer<'a> {
    s: &'a [u8],
    i: usize,
}

/// A malformed lexical form; the range errors come from the constructors.
fn malformed(what: &'static str) -> ValueError {
    ValueError::new(what)
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str) -> Self {
        Lexer { s: trim(text).as_bytes(), i: 0 }
    }

    fn eat(&mut self, b: u8) -> bool {
        let found = self.s.get(self.i) == Some(&b);
        if found {
            self.i += 1;
        }
        found
    }

    fn expect(&mut self, b: u8, what: &'static str) -> Result<(), ValueError> {
        if self.eat(b) { Ok(()) } else { Err(malformed(what)) }
    }

    /// Exactly `n` digits.
    fn digits(&mut self, n: usize, what: &'static str) -> Result<u32, ValueError> {
        let field = self.s.get(self.i..self.i + n).ok_or_else(|| malformed(what))?;
        if !field.iter().all(u8::is_ascii_digit) {
            return Err(malformed(what));
        }
        self.i += n;
        Ok(field.iter().fold(0, |acc, &b| acc * 10 + u32::from(b - b'0')))
    }

    /// `-?` and four or more digits (no leading zero past four).
    fn year(&mut self, what: &'static str) -> Result<i32, ValueError> {
        let negative = self.eat(b'-');
        let start = self.i;
        while self.s.get(self.i).is_some_and(u8::is_ascii_digit) {
            self.i += 1;
        }
        let digits = &self.s[start..self.i];
        if digits.len() < 4 || (digits.len() > 4 && digits[0] == b'0') || digits.len() > 9 {
            return Err(malformed(what));
        }
        let year = digits.iter().fold(0i32, |acc, &b| acc * 10 + i32::from(b - b'0'));
        Ok(if negative { -year } else { year })
    }

    fn date(&mut self, what: &'static str) -> Result<DatePart, ValueError> {
        let year = self.year(what)?;
        self.expect(b'-', what)?;
        let month = self.digits(2, what)? as u8;
        self.expect(b'-', what)?;
        let day = self.digits(2, what)? as u8;
        DatePart::new(year, month, day)
    }

    fn time(&mut self, what: &'static str) -> Result<TimePart, ValueError> {
        let hour = self.digits(2, what)? as u8;
        self.expect(b':', what)?;
        let minute = self.digits(2, what)? as u8;
        self.expect(b':', what)?;
        let second = self.digits(2, what)? as u8;
        let mut time = TimePart::new(hour, minute, second)?;
        if self.eat(b'.') {
            let start = self.i;
            while self.s.get(self.i).is_some_and(u8::is_ascii_digit) {
                self.i += 1;
            }
            let digits = &self.s[start..self.i];
            if digits.is_empty() {
                return Err(malformed(what));
            }
            // Beyond nanoseconds, digits are dropped.
            let kept = &digits[..digits.len().min(9)];
            let value = kept.iter().fold(0u32, |acc, &b| acc * 10 + u32::from(b - b'0'));
            time.nanosecond = value * 10u32.pow(9 - kept.len() as u32);
            time.fraction_digits = kept.len() as u8;
            if time.hour == 24 && time.nanosecond != 0 {
                return Err(ValueError::new("time out of range"));
            }
        }
        Ok(time)
    }

    /// An optional zone, then the end of input.
    fn offset_and_end(&mut self, what: &'static str) -> Result<Option<TzOffset>, ValueError> {
        let offset = if self.eat(b'Z') {
            Some(TzOffset::Utc)
        } else if self.s.get(self.i).is_some_and(|&b| b == b'+' || b == b'-') {
            let negative = self.s[self.i] == b'-';
            self.i += 1;
            let hours = self.digits(2, what)? as i16;
            self.expect(b':', what)?;
            let minutes = self.digits(2, what)? as i16;
            let total = hours * 60 + minutes;
            if minutes > 59 || total > MAX_OFFSET_MINUTES {
                return Err(ValueError::new("time zone offset out of range"));
            }
            Some(TzOffset::Minutes(if negative { -total } else { total }))
        } else {
            None
        };
        if self.i != self.s.len() {
            return Err(malformed(what));
        }
        Ok(offset)
    }
}

impl XmlValue for DateTime {
    const XSD_TYPE: &'static str = "dateTime";

    fn write_lexical(&self, out: &mut String) {
        self.date.write(out);
        out.push('T');
        self.time.write(out);
        write_offset(out, self.offset);
    }

    fn parse_lexical(text: &str) -> Result<Self, ValueError> {
        const WHAT: &str = "not a dateTime (YYYY-MM-DDThh:mm:ss)";
        let mut lexer = Lexer::new(text);
        let date = lexer.date(WHAT)?;
        lexer.expect(b'T', WHAT)?;
        let time = lexer.time(WHAT)?;
        let offset = lexer.offset_and_end(WHAT)?;
        Ok(DateTime { date, time, offset })
    }
}

impl XmlValue for Date {
    const XSD_TYPE: &'static str = "date";

    fn write_lexical(&self, out: &mut String) {
        self.date.write(out);
        write_offset(out, self.offset);
    }

    fn parse_lexical(text: &str) -> Result<Self, ValueError> {
        const WHAT: &str = "not a date (YYYY-MM-DD)";
        let mut lexer = Lexer::new(text);
        let date = lexer.date(WHAT)?;
        let offset = lexer.offset_and_end(WHAT)?;
        Ok(Date { date, offset })
    }
}

impl XmlValue for Time {
    const XSD_TYPE: &'static str = "time";

    fn write_lexical(&self, out: &mut String) {
        self.time.write(out);
        write_offset(out, self.offset);
    }

    fn parse_lexical(text: &str) -> Result<Self, ValueError> {
        const WHAT: &str = "not a time (hh:mm:ss)";
        let mut lexer = Lexer::new(text);
        let time = lexer.time(WHAT)?;
        let offset = lexer.offset_and_end(WHAT)?;
        Ok(Time { time, offset })
    }
}

lexical_display_from_str!(DateTime, Date, Time);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_date_times_are_written_back_exactly() {
        for s in [
            "2024-05-01T10:20:30",
            "2024-05-01T10:20:30.1200Z",
            "2024-05-01T10:20:30+02:00",
            "2024-05-01T10:20:30.1234567-05:30",
            "2024-02-29T00:00:00+00:00",
            "-0044-03-15T12:00:00Z",
            "12024-12-31T24:00:00",
            "0001-01-01T00:00:00.000000001Z",
        ] {
            let v: DateTime = s.parse().unwrap();
            assert_eq!(v.to_string(), s);
        }
    }

    #[test]
    fn fields_and_zones() {
        let v: DateTime = " 2024-05-01T10:20:30.12Z\n".parse().unwrap();
        assert_eq!((v.year(), v.month(), v.day()), (2024, 5, 1));
        assert_eq!((v.hour(), v.minute(), v.second()), (10, 20, 30));
        assert_eq!((v.nanosecond(), v.fraction_digits()), (120_000_000, 2));
        assert_eq!(v.offset(), Some(TzOffset::Utc));
        let local: DateTime = "2024-05-01T10:20:30".parse().unwrap();
        assert_eq!(local.offset(), None);
        let east: DateTime = "2024-05-01T10:20:30-01:30".parse().unwrap();
        assert_eq!(east.offset(), Some(TzOffset::Minutes(-90)));
        assert_eq!(east.offset().unwrap().minutes(), -90);
    }

    #[test]
    fn builders() {
        let v = DateTime::new(2024, 5, 1, 10, 20, 30)
            .unwrap()
            .with_nanos(120_000_000)
            .with_offset(Some(TzOffset::Minutes(120)));
        assert_eq!(v.to_string(), "2024-05-01T10:20:30.12+02:00");
        assert_eq!(DateTime::parse_lexical(&v.to_string()), Ok(v));
        assert!(DateTime::new(2023, 2, 29, 0, 0, 0).is_err());
        assert!(DateTime::new(2024, 1, 1, 24, 0, 1).is_err());
        assert_eq!(Date::new(2024, 2, 29).unwrap().to_string(), "2024-02-29");
        let t = Time::new(23, 59, 59).unwrap().with_nanos(5).with_offset(Some(TzOffset::Utc));
        assert_eq!(t.to_string(), "23:59:59.000000005Z");
    }

    #[test]
    fn refuses_invalid_values() {
        for bad in [
            "2024-05-01",
            "2024-05-01 10:20:30",
            "2024-13-01T00:00:00",
            "2023-02-29T00:00:00",
            "1900-02-29T00:00:00",
            "2024-04-31T00:00:00",
            "2024-05-01T25:00:00",
            "2024-05-01T24:00:01",
            "2024-05-01T24:00:00.5",
            "2024-05-01T10:60:00",
            "2024-05-01T10:20:30.",
            "2024-05-01T10:20:30+15:00",
            "2024-05-01T10:20:30+02",
            "2024-05-01T10:20:30Zjunk",
            "24-05-01T10:20:30",
            "02024-05-01T10:20:30",
            "2024-5-01T10:20:30",
        ] {
            assert!(DateTime::parse_lexical(bad).is_err(), "{bad}");
        }
        assert!(Date::parse_lexical("2024-05-01T00:00:00").is_err());
        assert!(Time::parse_lexical("10:20").is_err());
    }

    #[test]
    fn dates_and_times_round_trip() {
        for s in ["2024-05-01", "2024-05-01Z", "2024-05-01+05:00", "-0001-01-01"] {
            assert_eq!(s.parse::<Date>().unwrap().to_string(), s);
        }
        for s in ["10:20:30", "10:20:30.5Z", "00:00:00-14:00", "24:00:00"] {
            assert_eq!(s.parse::<Time>().unwrap().to_string(), s);
        }
    }
}
