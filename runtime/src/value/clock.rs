//! `DateTime` to and from `std::time::SystemTime`: an instant needs a zone, so only a
//! `DateTime` with one converts, and always exactly (to the nanosecond).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::{DateTime, TzOffset, ValueError};

impl From<SystemTime> for DateTime {
    /// The instant in UTC (`…Z`), with its nanoseconds.
    fn from(t: SystemTime) -> Self {
        let (seconds, nanos) = match t.duration_since(UNIX_EPOCH) {
            Ok(after) => (after.as_secs() as i128, after.subsec_nanos()),
            Err(before) => {
                let before = before.duration();
                let (s, n) = (-(before.as_secs() as i128), before.subsec_nanos());
                if n == 0 { (s, 0) } else { (s - 1, 1_000_000_000 - n) }
            }
        };
        let (days, second_of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
        let (year, month, day) = civil_from_days(days as i64);
        let (h, m, s) = (second_of_day / 3600, second_of_day / 60 % 60, second_of_day % 60);
        // SystemTime spans far less than ±2^31 years, and every field is in range.
        DateTime::new(year as i32, month, day, h as u8, m as u8, s as u8)
            .expect("a civil date from a SystemTime is valid")
            .with_nanos(nanos)
            .with_offset(Some(TzOffset::Utc))
    }
}

impl TryFrom<DateTime> for SystemTime {
    type Error = ValueError;

    /// The instant, when the value has a zone (without one it names no instant) and the
    /// platform's `SystemTime` reaches it.
    fn try_from(v: DateTime) -> Result<Self, ValueError> {
        let offset = v.offset().ok_or_else(|| ValueError::new("no time zone: not an instant"))?;
        let days = days_from_civil(i64::from(v.year()), v.month(), v.day());
        let seconds = i128::from(days) * 86_400
            + i128::from(v.hour()) * 3600
            + i128::from(v.minute()) * 60
            + i128::from(v.second())
            - i128::from(offset.minutes()) * 60;
        let out_of_range = || ValueError::new("date beyond what SystemTime holds");
        let whole =
            Duration::from_secs(u64::try_from(seconds.unsigned_abs()).map_err(|_| out_of_range())?);
        let nanos = Duration::from_nanos(u64::from(v.nanosecond()));
        let t = if seconds >= 0 {
            UNIX_EPOCH.checked_add(whole)
        } else {
            UNIX_EPOCH.checked_sub(whole)
        };
        t.and_then(|t| t.checked_add(nanos)).ok_or_else(out_of_range)
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (year 0 is 1 BCE, as XML Schema
/// 1.1 counts). Howard Hinnant's `days_from_civil`.
fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y.rem_euclid(400);
    let shifted_month = (i64::from(month) + 9) % 12; // March is 0
    let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of [`days_from_civil`]: the date `days` after 1970-01-01.
pub(crate) fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u8;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 } as u8;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Result<SystemTime, ValueError> {
        SystemTime::try_from(text.parse::<DateTime>().unwrap())
    }

    #[test]
    fn instants_convert_exactly_both_ways() {
        assert_eq!(at("1970-01-01T00:00:00Z"), Ok(UNIX_EPOCH));
        let t = UNIX_EPOCH + Duration::new(1_714_558_830, 120_000_000);
        assert_eq!(at("2024-05-01T10:20:30.12Z"), Ok(t));
        assert_eq!(at("2024-05-01T12:20:30.12+02:00"), Ok(t));
        assert_eq!(DateTime::from(t).to_string(), "2024-05-01T10:20:30.12Z");
        assert_eq!(at("2024-04-30T24:00:00Z"), at("2024-05-01T00:00:00Z"));
        let before = UNIX_EPOCH - Duration::new(1, 250_000_000);
        assert_eq!(DateTime::from(before).to_string(), "1969-12-31T23:59:58.75Z");
        assert_eq!(SystemTime::try_from(DateTime::from(before)), Ok(before));
        assert_eq!(
            DateTime::from(UNIX_EPOCH - Duration::from_secs(86_400 * 366)).to_string(),
            "1968-12-31T00:00:00Z"
        );
    }

    #[test]
    fn a_time_without_a_zone_is_not_an_instant() {
        assert!(at("2024-05-01T10:20:30").is_err());
    }

    #[test]
    fn calendar_arithmetic_matches_known_days() {
        for (y, m, d, days) in [
            (1970, 1, 1, 0),
            (2000, 3, 1, 11_017),
            (1600, 2, 29, -135_081),
            (0, 1, 1, -719_528),
            (-44, 3, 15, -735_525), // 45 BCE, by hand: 44 × 365 + 11 leap days before 0000-03-15
        ] {
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
            assert_eq!(civil_from_days(days), (y, m, d));
        }
    }
}
