//! Edm primitive types that travel as JSON strings.
//!
//! Each type parses leniently (Graph and its docs are not always exact) and
//! prints one canonical form, so values round-trip through serde.

use std::fmt;
use std::str::FromStr;

use base64::Engine as _;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone as _};

/// Why a string could not be read as an Edm primitive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The Edm type that was expected, e.g. `Edm.Duration`.
    pub expected: &'static str,
    /// What was wrong with the input.
    pub reason: String,
}

impl ParseError {
    fn new(expected: &'static str, reason: impl Into<String>) -> Self {
        ParseError {
            expected,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}: {}", self.expected, self.reason)
    }
}

impl std::error::Error for ParseError {}

/// Serde as a JSON string through `Display` / `FromStr`, and `From<inner>`
/// for the tuple structs.
macro_rules! string_serde {
    ($ty:ident, $inner:ty) => {
        string_serde!($ty);
        impl From<$inner> for $ty {
            fn from(v: $inner) -> Self {
                $ty(v)
            }
        }
    };
    ($ty:ident) => {
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                crate::runtime::enums::deserialize_from_str(d)
            }
        }
    };
}

// ---------------------------------------------------------------- DateTimeOffset

/// `Edm.DateTimeOffset`: an instant with the offset it was written in.
///
/// Parses RFC 3339 with any number of fraction digits, a trailing `Z`, or no
/// offset at all (read as UTC). Prints RFC 3339, `Z` for a zero offset and
/// fraction digits only when non-zero. Equality compares instants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTimeOffset(pub DateTime<FixedOffset>);

impl From<DateTime<chrono::Utc>> for DateTimeOffset {
    fn from(v: DateTime<chrono::Utc>) -> Self {
        DateTimeOffset(v.fixed_offset())
    }
}

impl fmt::Display for DateTimeOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
    }
}

impl FromStr for DateTimeOffset {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        let s = s.trim();
        if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
            return Ok(DateTimeOffset(dt));
        }
        parse_lenient_datetime(s)
            .map(DateTimeOffset)
            .ok_or_else(|| {
                ParseError::new(
                    "Edm.DateTimeOffset",
                    format!("`{s}` is not an RFC 3339 date-time"),
                )
            })
    }
}

/// Splits `date[T ]time[offset]`, reads the offset by hand (so `Z`, `+hh`,
/// `+hhmm`, `+hh:mm` and none all work) and leaves the rest to chrono.
fn parse_lenient_datetime(s: &str) -> Option<DateTime<FixedOffset>> {
    let sep = s.find(['T', 't', ' '])?;
    let (date, time) = (&s[..sep], &s[sep + 1..]);
    let (time, offset) = match time.find(['Z', 'z', '+', '-']) {
        Some(i) => (&time[..i], parse_offset(&time[i..])?),
        None => (time, 0),
    };
    let offset = FixedOffset::east_opt(offset)?;
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let time = parse_time(time)?;
    offset
        .from_local_datetime(&NaiveDateTime::new(date, time))
        .single()
}

/// Offset in seconds east of UTC.
fn parse_offset(s: &str) -> Option<i32> {
    if s.eq_ignore_ascii_case("z") {
        return Some(0);
    }
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        2 => (digits.parse::<i32>().ok()?, 0),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    (m < 60).then_some(sign * (h * 3600 + m * 60))
}

/// `hh:mm[:ss[.f]]`; chrono would skip spaces between the fields (`01: 58: 45`), which no
/// service writes.
fn parse_time(s: &str) -> Option<NaiveTime> {
    if s.contains(char::is_whitespace) {
        return None;
    }
    NaiveTime::parse_from_str(s, "%H:%M:%S%.f")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M"))
        .ok()
}

string_serde!(DateTimeOffset, DateTime<FixedOffset>);

// ---------------------------------------------------------------- Date

/// `Edm.Date`: a calendar date written `yyyy-mm-dd`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl FromStr for Date {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map(Date)
            .map_err(|e| ParseError::new("Edm.Date", format!("`{s}`: {e}")))
    }
}

string_serde!(Date, NaiveDate);

// ---------------------------------------------------------------- TimeOfDay

/// `Edm.TimeOfDay`: a wall-clock time written `hh:mm:ss[.fffffff]`
/// (`hh:mm` is accepted too).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimeOfDay(pub NaiveTime);

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%H:%M:%S%.f"))
    }
}

impl FromStr for TimeOfDay {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        parse_time(s.trim())
            .map(TimeOfDay)
            .ok_or_else(|| ParseError::new("Edm.TimeOfDay", format!("`{s}` is not hh:mm:ss")))
    }
}

string_serde!(TimeOfDay, NaiveTime);

// ---------------------------------------------------------------- Duration

/// `Edm.Duration`: a signed ISO 8601 day-time duration such as `PT1H30M`,
/// `P1D` or `-PT5.5S`.
///
/// Stored normalised (sign + magnitude), so `PT60M == PT1H`; printed in the
/// canonical `[-]P[nD][T[nH][nM][n[.f]S]]` form. Weeks (`W`) are accepted;
/// years and months are rejected because they have no fixed length.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Duration {
    negative: bool,
    magnitude: std::time::Duration,
}

impl Duration {
    /// A duration with the given sign and size (a negative zero is zero).
    pub fn new(negative: bool, magnitude: std::time::Duration) -> Self {
        Duration {
            negative: negative && !magnitude.is_zero(),
            magnitude,
        }
    }

    /// Builds a duration from components, `None` on overflow.
    pub fn from_parts(
        negative: bool,
        days: u64,
        hours: u64,
        minutes: u64,
        seconds: u64,
        nanos: u32,
    ) -> Option<Self> {
        let secs = days
            .checked_mul(86_400)?
            .checked_add(hours.checked_mul(3_600)?)?
            .checked_add(minutes.checked_mul(60)?)?
            .checked_add(seconds)?;
        let extra = u64::from(nanos / 1_000_000_000);
        let secs = secs.checked_add(extra)?;
        Some(Self::new(
            negative,
            std::time::Duration::new(secs, nanos % 1_000_000_000),
        ))
    }

    /// Whether the duration points backwards in time.
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// The unsigned size of the duration.
    pub fn magnitude(&self) -> std::time::Duration {
        self.magnitude
    }

    /// The duration as a `std::time::Duration`, `None` when negative.
    pub fn to_std(&self) -> Option<std::time::Duration> {
        (!self.negative).then_some(self.magnitude)
    }

    /// Signed length in seconds.
    pub fn as_seconds_f64(&self) -> f64 {
        let v = self.magnitude.as_secs_f64();
        if self.negative {
            -v
        } else {
            v
        }
    }

    /// Whole days in the canonical form.
    pub fn days(&self) -> u64 {
        self.magnitude.as_secs() / 86_400
    }

    /// Hours (0–23) in the canonical form.
    pub fn hours(&self) -> u64 {
        self.magnitude.as_secs() % 86_400 / 3_600
    }

    /// Minutes (0–59) in the canonical form.
    pub fn minutes(&self) -> u64 {
        self.magnitude.as_secs() % 3_600 / 60
    }

    /// Whole seconds (0–59) in the canonical form.
    pub fn seconds(&self) -> u64 {
        self.magnitude.as_secs() % 60
    }

    /// Fractional part of the seconds, in nanoseconds.
    pub fn subsec_nanos(&self) -> u32 {
        self.magnitude.subsec_nanos()
    }
}

impl From<std::time::Duration> for Duration {
    fn from(v: std::time::Duration) -> Self {
        Duration::new(false, v)
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.magnitude.is_zero() {
            return f.write_str("PT0S");
        }
        if self.negative {
            f.write_str("-")?;
        }
        f.write_str("P")?;
        if self.days() > 0 {
            write!(f, "{}D", self.days())?;
        }
        let (h, m, s, n) = (
            self.hours(),
            self.minutes(),
            self.seconds(),
            self.subsec_nanos(),
        );
        if h + m + s > 0 || n > 0 {
            f.write_str("T")?;
            if h > 0 {
                write!(f, "{h}H")?;
            }
            if m > 0 {
                write!(f, "{m}M")?;
            }
            if s > 0 || n > 0 {
                write!(f, "{s}")?;
                if n > 0 {
                    let frac = format!("{n:09}");
                    write!(f, ".{}", frac.trim_end_matches('0'))?;
                }
                f.write_str("S")?;
            }
        }
        Ok(())
    }
}

impl FromStr for Duration {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        parse_duration(s.trim()).map_err(|r| ParseError::new("Edm.Duration", format!("`{s}`: {r}")))
    }
}

const NANOS_PER_SEC: u128 = 1_000_000_000;

fn parse_duration(s: &str) -> Result<Duration, &'static str> {
    let (negative, rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let mut rest = rest.strip_prefix(['P', 'p']).ok_or("must start with `P`")?;
    let (mut total, mut in_time, mut rank, mut parts_in_section) = (0u128, false, 0u8, 0u8);
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix(['T', 't']) {
            if in_time {
                return Err("`T` appears twice");
            }
            (rest, in_time, parts_in_section) = (r, true, 0);
            continue;
        }
        let (int, frac, r) = split_number(rest)?;
        let unit = r.chars().next().ok_or("number without a unit")?;
        rest = &r[unit.len_utf8()..];
        let (unit_rank, unit_nanos): (u8, u128) = match (in_time, unit.to_ascii_uppercase()) {
            (false, 'W') => (1, 7 * 86_400 * NANOS_PER_SEC),
            (false, 'D') => (2, 86_400 * NANOS_PER_SEC),
            (false, 'Y' | 'M') => return Err("years and months have no fixed length"),
            (true, 'H') => (3, 3_600 * NANOS_PER_SEC),
            (true, 'M') => (4, 60 * NANOS_PER_SEC),
            (true, 'S') => (5, NANOS_PER_SEC),
            _ => return Err("unknown or misplaced unit"),
        };
        if unit_rank <= rank {
            return Err("units out of order or repeated");
        }
        rank = unit_rank;
        parts_in_section += 1;
        total = int
            .checked_mul(unit_nanos)
            .and_then(|v| v.checked_add(frac_nanos(frac, unit_nanos)))
            .and_then(|v| v.checked_add(total))
            .ok_or("too large")?;
    }
    if rank == 0 || (in_time && parts_in_section == 0) {
        return Err("no components");
    }
    let secs = u64::try_from(total / NANOS_PER_SEC).map_err(|_| "too large")?;
    // The remainder is below 1e9, so it fits in u32.
    let nanos = u32::try_from(total % NANOS_PER_SEC).map_err(|_| "too large")?;
    Ok(Duration::new(
        negative,
        std::time::Duration::new(secs, nanos),
    ))
}

/// Splits `123.456rest` into (123, "456", rest); `,` works as the decimal mark.
fn split_number(s: &str) -> Result<(u128, &str, &str), &'static str> {
    let int_len = s.bytes().take_while(u8::is_ascii_digit).count();
    let (int_str, r) = s.split_at(int_len);
    let (frac, r) = match r.strip_prefix(['.', ',']) {
        Some(r) => {
            let n = r.bytes().take_while(u8::is_ascii_digit).count();
            r.split_at(n)
        }
        None => ("", r),
    };
    if int_str.is_empty() && frac.is_empty() {
        return Err("expected a number");
    }
    let int = if int_str.is_empty() {
        Ok(0)
    } else {
        int_str.parse::<u128>()
    };
    Ok((int.map_err(|_| "too large")?, frac, r))
}

/// `0.frac * unit` in nanoseconds; digits beyond 18 are below a nanosecond.
fn frac_nanos(frac: &str, unit_nanos: u128) -> u128 {
    let digits = &frac[..frac.len().min(18)];
    let value: u128 = digits.parse().unwrap_or(0);
    let scale = 10u128.pow(digits.len() as u32);
    value * unit_nanos / scale
}

string_serde!(Duration);

// ---------------------------------------------------------------- Binary

/// `Edm.Binary`: bytes sent as base64.
///
/// Prints standard padded base64; parses standard or URL-safe alphabets,
/// with or without padding, ignoring whitespace, refusing non-canonical trailing bits.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Binary(pub Vec<u8>);

// Trailing bits are refused: text such as `binary` or `string` decodes to bytes only by
// dropping them, and would be written back as other text (`binarw==`).
const LENIENT: base64::engine::GeneralPurposeConfig = base64::engine::GeneralPurposeConfig::new()
    .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent);
const LENIENT_STANDARD: base64::engine::GeneralPurpose =
    base64::engine::GeneralPurpose::new(&base64::alphabet::STANDARD, LENIENT);
const LENIENT_URL_SAFE: base64::engine::GeneralPurpose =
    base64::engine::GeneralPurpose::new(&base64::alphabet::URL_SAFE, LENIENT);

impl fmt::Display for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl FromStr for Binary {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        let compact: String = s.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        LENIENT_STANDARD
            .decode(&compact)
            .or_else(|_| LENIENT_URL_SAFE.decode(&compact))
            .map(Binary)
            .map_err(|e| ParseError::new("Edm.Binary", e.to_string()))
    }
}

string_serde!(Binary, Vec<u8>);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn round_trip<T>(wire: &str) -> T
    where
        T: serde::Serialize + serde::de::DeserializeOwned + fmt::Debug,
    {
        let v: T = serde_json::from_value(json!(wire)).expect(wire);
        assert_eq!(serde_json::to_value(&v).unwrap(), json!(wire), "{v:?}");
        v
    }

    fn reprint<T: FromStr + fmt::Display>(input: &str) -> String
    where
        T::Err: fmt::Debug,
    {
        input.parse::<T>().expect(input).to_string()
    }

    #[test]
    fn datetime_round_trips() {
        round_trip::<DateTimeOffset>("2024-03-01T12:30:00Z");
        round_trip::<DateTimeOffset>("2024-03-01T12:30:00.123Z");
        round_trip::<DateTimeOffset>("2024-03-01T12:30:00+05:30");
        round_trip::<DateTimeOffset>("0001-01-01T00:00:00Z");
    }

    #[test]
    fn datetime_lenient_inputs() {
        let cases = [
            (
                "2024-03-01T12:30:00.1234567Z",
                "2024-03-01T12:30:00.123456700Z",
            ),
            (
                "2024-03-01T12:30:00.1234567891234Z",
                "2024-03-01T12:30:00.123456789Z",
            ),
            ("2024-03-01T12:30:00", "2024-03-01T12:30:00Z"),
            ("2024-03-01T12:30:00.5", "2024-03-01T12:30:00.500Z"),
            ("2024-03-01 12:30:00z", "2024-03-01T12:30:00Z"),
            ("2024-03-01T12:30Z", "2024-03-01T12:30:00Z"),
            ("2024-03-01T12:30:00+0200", "2024-03-01T12:30:00+02:00"),
            ("2024-03-01T12:30:00-08", "2024-03-01T12:30:00-08:00"),
            ("2024-03-01T12:30:00.0000000+00:00", "2024-03-01T12:30:00Z"),
            (" 2024-03-01T12:30:00Z ", "2024-03-01T12:30:00Z"),
        ];
        for (input, want) in cases {
            assert_eq!(reprint::<DateTimeOffset>(input), want, "{input}");
        }
        let a: DateTimeOffset = "2024-03-01T12:00:00Z".parse().unwrap();
        let b: DateTimeOffset = "2024-03-01T13:00:00+01:00".parse().unwrap();
        assert_eq!(a, b, "equality compares instants");
    }

    #[test]
    fn datetime_errors() {
        for bad in [
            "",
            "yesterday",
            "2024-13-01T00:00:00Z",
            "2024-03-01",
            "2024-03-01T25:00:00Z",
            "2024-03-01T12:00:00+99:99",
            "2024-03-01T12:00:00+1",
            "2024-03-01T12:00:00é",
            "2018-10-04T01: 58: 45.340Z",
        ] {
            assert!(bad.parse::<DateTimeOffset>().is_err(), "{bad}");
        }
        assert!(serde_json::from_value::<DateTimeOffset>(json!(5)).is_err());
    }

    #[test]
    fn date_and_time_of_day() {
        round_trip::<Date>("2024-02-29");
        round_trip::<TimeOfDay>("08:00:00");
        round_trip::<TimeOfDay>("23:59:59.500");
        assert_eq!(reprint::<TimeOfDay>("08:15"), "08:15:00");
        assert_eq!(reprint::<TimeOfDay>("08:15:00.0000000"), "08:15:00");
        assert_eq!(
            reprint::<TimeOfDay>("08:15:00.1234567"),
            "08:15:00.123456700"
        );
        for bad in ["2023-02-29", "2024-1-1x", "", "today"] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        for bad in ["24:00:00", "8", "", "12:60:00"] {
            assert!(bad.parse::<TimeOfDay>().is_err(), "{bad}");
        }
    }

    #[test]
    fn duration_round_trips_and_accessors() {
        for wire in [
            "PT1H30M",
            "P1D",
            "-PT5.5S",
            "PT0S",
            "P2DT3H4M5.000000006S",
            "PT0.25S",
        ] {
            round_trip::<Duration>(wire);
        }
        let d: Duration = "PT1H30M".parse().unwrap();
        assert_eq!(d.to_std(), Some(std::time::Duration::from_secs(5400)));
        assert_eq!(
            (d.days(), d.hours(), d.minutes(), d.seconds()),
            (0, 1, 30, 0)
        );
        let n: Duration = "-PT5.5S".parse().unwrap();
        assert!(n.is_negative());
        assert_eq!(n.to_std(), None);
        assert_eq!(n.as_seconds_f64(), -5.5);
        assert_eq!(
            Duration::from_parts(false, 1, 2, 3, 4, 5)
                .unwrap()
                .to_string(),
            "P1DT2H3M4.000000005S"
        );
    }

    #[test]
    fn duration_lenient_inputs() {
        let cases = [
            ("PT60M", "PT1H"),
            ("PT36H", "P1DT12H"),
            ("P1W", "P7D"),
            ("p1dt2h", "P1DT2H"),
            ("PT1,5S", "PT1.5S"),
            ("PT.5S", "PT0.5S"),
            ("PT1.5H", "PT1H30M"),
            ("+P1D", "P1D"),
            ("-PT0S", "PT0S"),
            ("PT0.0000000001S", "PT0S"),
            ("P0D", "PT0S"),
        ];
        for (input, want) in cases {
            assert_eq!(reprint::<Duration>(input), want, "{input}");
        }
        assert_eq!(
            "PT60M".parse::<Duration>().unwrap(),
            "PT1H".parse::<Duration>().unwrap()
        );
    }

    #[test]
    fn duration_errors() {
        for bad in [
            "",
            "P",
            "PT",
            "1D",
            "P1M",
            "P1Y",
            "PT1D",
            "P1H",
            "PT1S1M",
            "PT1H1H",
            "P1DTT1H",
            "P1",
            "P.D",
            "PT-1S",
            "P99999999999999999999999999999999999999999D",
            "P999999999999999D",
            "PT1é",
        ] {
            assert!(bad.parse::<Duration>().is_err(), "{bad}");
        }
    }

    #[test]
    fn binary_round_trips_and_leniency() {
        let v = round_trip::<Binary>("aGVsbG8/Pz4+");
        assert_eq!(v.0, b"hello??>>");
        assert_eq!("aGVsbG8".parse::<Binary>().unwrap().0, b"hello");
        assert_eq!("aGVsbG8_Pz4-".parse::<Binary>().unwrap().0, b"hello??>>");
        assert_eq!("aGVs\nbG8=".parse::<Binary>().unwrap().0, b"hello");
        assert_eq!(Binary::from(Vec::new()).to_string(), "");
        for bad in ["a", "a*b=", "aGVsbG8/_z4", "binary"] {
            assert!(bad.parse::<Binary>().is_err(), "{bad}");
        }
    }
}
