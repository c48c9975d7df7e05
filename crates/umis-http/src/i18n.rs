//! Translations (Fluent files embedded from `locales/`), and dates and numbers per locale.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use std::borrow::{Borrow, Cow};
use std::collections::HashMap;
use umis_domain::Lang;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Bidirectional isolation marks would end up inside HTML attributes and test assertions.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static AZ: LanguageIdentifier = langid!("az");
static RU: LanguageIdentifier = langid!("ru");
static EN: LanguageIdentifier = langid!("en");

/// A translator for one language, handed to every template as `tr`.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    /// The language.
    pub lang: Lang,
    /// Minutes east of UTC in which times are shown.
    pub utc_offset_minutes: i32,
}

impl Tr {
    /// A translator for `lang` showing times at `utc_offset_minutes`.
    pub fn new(lang: Lang, utc_offset_minutes: i32) -> Self {
        Self {
            lang,
            utc_offset_minutes,
        }
    }

    fn id(&self) -> &'static LanguageIdentifier {
        match self.lang {
            Lang::Az => &AZ,
            Lang::Ru => &RU,
            Lang::En => &EN,
        }
    }

    /// The message `key`.
    pub fn t(&self, key: impl AsRef<str>) -> String {
        LOCALES.lookup(self.id(), key.as_ref())
    }

    /// A country or nationality code's name in this language, or the code itself when it is
    /// not a known one.
    pub fn country(&self, code: impl AsRef<str>) -> String {
        let code = code.as_ref();
        crate::countries::name(self.lang, code).map_or_else(|| code.to_owned(), str::to_owned)
    }

    /// A border crossing point's name in this language, or its code when it has no name.
    pub fn bcp(&self, code: impl AsRef<str>) -> String {
        let code = code.as_ref();
        self.try_t(format!("bcp-{code}"))
            .unwrap_or_else(|| code.to_owned())
    }

    /// The message `key`, or `None` when no locale has it (for labels of open-ended codes).
    pub fn try_t(&self, key: impl AsRef<str>) -> Option<String> {
        LOCALES.try_lookup(self.id(), key.as_ref())
    }

    /// The message `key` with one named argument.
    pub fn t1(&self, key: impl AsRef<str>, name: &'static str, value: impl ToString) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        args.insert(Cow::Borrowed(name), FluentValue::from(value.to_string()));
        LOCALES.lookup_with_args(self.id(), key.as_ref(), &args)
    }

    /// The message `key` with named arguments.
    pub fn targs(&self, key: impl AsRef<str>, values: &[(&'static str, String)]) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        for (name, value) in values {
            args.insert(Cow::Borrowed(*name), FluentValue::from(value.clone()));
        }
        LOCALES.lookup_with_args(self.id(), key.as_ref(), &args)
    }

    /// The message `key` with a count, for plural forms.
    pub fn tn(&self, key: impl AsRef<str>, count: impl Borrow<i64>) -> String {
        let count = *count.borrow();
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        args.insert(Cow::Borrowed("count"), FluentValue::from(count));
        LOCALES.lookup_with_args(self.id(), key.as_ref(), &args)
    }

    /// The language code (for `<html lang>`).
    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// An instant (Unix µs) as local date and time in this locale's style.
    pub fn datetime(&self, micros: impl Borrow<i64>) -> String {
        let micros = *micros.borrow();
        let (y, mo, d, h, mi) = civil(micros, self.utc_offset_minutes);
        match self.lang {
            Lang::Az | Lang::Ru => format!("{d:02}.{mo:02}.{y} {h:02}:{mi:02}"),
            Lang::En => format!("{d} {} {y}, {h:02}:{mi:02}", EN_MONTHS[(mo - 1) as usize]),
        }
    }

    /// An optional instant, or a dash.
    pub fn datetime_opt(&self, micros: &Option<i64>) -> String {
        micros.map_or_else(|| "—".to_owned(), |m| self.datetime(m))
    }

    /// An integer with this locale's digit grouping.
    pub fn number(&self, n: impl Borrow<i64>) -> String {
        let n = *n.borrow();
        let sep = match self.lang {
            Lang::Az => ".",
            Lang::Ru => "\u{a0}",
            Lang::En => ",",
        };
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(sep);
            }
            out.push(c);
        }
        if n < 0 { format!("\u{2212}{out}") } else { out }
    }
}

impl Tr {
    /// A decimal number with `places` decimals and this locale's decimal mark (`25,0` in az
    /// and ru, `25.0` in en), a real minus sign and, with `signed`, a plus sign on positives.
    pub fn decimal(&self, v: f64, places: usize, signed: bool) -> String {
        let v = if v == 0.0 { 0.0 } else { v };
        let text = format!("{:.*}", places, v.abs());
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let int = self.number(int.parse::<i64>().unwrap_or(0));
        let mark = match self.lang {
            Lang::Az | Lang::Ru => ",",
            Lang::En => ".",
        };
        let body = if frac.is_empty() {
            int
        } else {
            format!("{int}{mark}{frac}")
        };
        let zero = body.chars().all(|c| !c.is_ascii_digit() || c == '0');
        let sign = if v < 0.0 && !zero {
            "\u{2212}"
        } else if signed && !zero {
            "+"
        } else {
            ""
        };
        format!("{sign}{body}")
    }

    /// A day given as `YYYY-MM-DD` in this locale's one date format (`17.11.2026` in az and
    /// ru, `17 Nov 2026` in en); anything else is shown as it is.
    pub fn date(&self, day: impl std::fmt::Display) -> String {
        let day = day.to_string();
        let Some(d) = parse_day(&day) else {
            return day;
        };
        let (y, m, dd) = (d.year(), u8::from(d.month()), d.day());
        match self.lang {
            Lang::Az | Lang::Ru => format!("{dd:02}.{m:02}.{y}"),
            Lang::En => format!("{dd} {} {y}", EN_MONTHS[(m - 1) as usize]),
        }
    }

    /// A statistics period: a day (`YYYY-MM-DD`) as [`Tr::date`], a month (`YYYY-MM`) as the
    /// month's short name and the year (`Nov 2026`, `noy 2026`, `ноя 2026`); other periods
    /// (weeks, quarters, years) as they are.
    pub fn period(&self, period: &str) -> String {
        if period.len() == 10 {
            return self.date(period);
        }
        let month = period
            .split_once('-')
            .filter(|(y, m)| y.len() == 4 && m.len() == 2)
            .and_then(|(y, m)| Some((y, m.parse::<usize>().ok()?)))
            .filter(|(_, m)| (1..=12).contains(m));
        let Some((year, m)) = month else {
            return period.to_owned();
        };
        let names = match self.lang {
            Lang::En => &EN_MONTHS,
            Lang::Az => &AZ_MONTHS,
            Lang::Ru => &RU_MONTHS,
        };
        format!("{} {year}", names[m - 1])
    }

    /// An instant given as RFC 3339 text in this locale's date and time format; anything else
    /// is shown as it is.
    pub fn instant(&self, text: &str) -> String {
        match time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339) {
            Ok(t) => self.datetime(i64::try_from(t.unix_timestamp_nanos() / 1_000).unwrap_or(0)),
            Err(_) => text.to_owned(),
        }
    }

    /// A whole number with a sign: `+1,234`, `−56`, `0`.
    pub fn signed(&self, n: i64) -> String {
        match n.signum() {
            1 => format!("+{}", self.number(n)),
            -1 => format!("\u{2212}{}", self.number(n.unsigned_abs() as i64)),
            _ => "0".to_owned(),
        }
    }
}

const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const AZ_MONTHS: [&str; 12] = [
    "yan", "fev", "mar", "apr", "may", "iyn", "iyl", "avq", "sen", "okt", "noy", "dek",
];
const RU_MONTHS: [&str; 12] = [
    "янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек",
];

/// Year, month, day, hour and minute of an instant shifted by `offset_minutes`.
fn civil(micros: i64, offset_minutes: i32) -> (i32, u8, u8, u8, u8) {
    let secs = micros.div_euclid(1_000_000) + i64::from(offset_minutes) * 60;
    let dt =
        time::OffsetDateTime::from_unix_timestamp(secs).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    (
        dt.year(),
        u8::from(dt.month()),
        dt.day(),
        dt.hour(),
        dt.minute(),
    )
}

/// A day given as `YYYY-MM-DD`.
pub fn parse_day(s: &str) -> Option<time::Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s.trim(), &format).ok()
}

/// Parses `YYYY-MM-DD` as the start of that local day, in Unix µs.
pub fn parse_local_date(s: &str, offset_minutes: i32) -> Option<i64> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(s.trim(), &format).ok()?;
    let secs = date.midnight().assume_utc().unix_timestamp() - i64::from(offset_minutes) * 60;
    Some(secs * 1_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_per_locale() {
        let az = Tr::new(Lang::Az, 240);
        let ru = Tr::new(Lang::Ru, 240);
        let en = Tr::new(Lang::En, 240);
        assert_eq!(az.number(1_234_567), "1.234.567");
        assert_eq!(ru.number(1_234_567), "1\u{a0}234\u{a0}567");
        assert_eq!(en.number(-1234), "\u{2212}1,234");
        assert_eq!(en.number(999), "999");
        // 2026-11-22T20:30:00Z is 23 November 00:30 in Baku (UTC+4).
        let t = 1_795_379_400_000_000;
        assert_eq!(az.datetime(t), "23.11.2026 00:30");
        assert_eq!(en.datetime(t), "23 Nov 2026, 00:30");
        assert_eq!(
            parse_local_date("2026-11-23", 240),
            Some(1_795_377_600_000_000)
        );
        assert_eq!(parse_local_date("2026-13-01", 240), None);
    }

    #[test]
    fn decimals_per_locale() {
        let az = Tr::new(Lang::Az, 0);
        let ru = Tr::new(Lang::Ru, 0);
        let en = Tr::new(Lang::En, 0);
        assert_eq!(az.decimal(25.0, 1, false), "25,0");
        assert_eq!(ru.decimal(-1234.56, 1, true), "\u{2212}1\u{a0}234,6");
        assert_eq!(en.decimal(21.04, 1, true), "+21.0");
        assert_eq!(en.decimal(-0.01, 1, true), "0.0");
        assert_eq!(en.signed(-45), "\u{2212}45");
        assert_eq!(az.signed(1200), "+1.200");
        assert_eq!(en.signed(0), "0");
        assert_eq!(az.date("2026-03-08"), "08.03.2026");
        assert_eq!(en.date("2026-03-08"), "8 Mar 2026");
        assert_eq!(en.date("soon"), "soon");
        // Shown at the reader's offset (0 for these translators).
        assert_eq!(az.instant("2026-12-04T09:09:15Z"), "04.12.2026 09:09");
        assert_eq!(en.instant("not a time"), "not a time");
        assert_eq!(en.period("2026-11"), "Nov 2026");
        assert_eq!(az.period("2026-11"), "noy 2026");
        assert_eq!(ru.period("2026-01"), "янв 2026");
        assert_eq!(az.period("2026-11-17"), "17.11.2026");
        assert_eq!(en.period("2026-Q4"), "2026-Q4");
        assert_eq!(en.period("2026-13"), "2026-13");
    }

    #[test]
    fn russian_plurals() {
        let ru = Tr::new(Lang::Ru, 0);
        assert_eq!(ru.tn("audit-entries-count", 1), "1 запись");
        assert_eq!(ru.tn("audit-entries-count", 3), "3 записи");
        assert_eq!(ru.tn("audit-entries-count", 5), "5 записей");
    }
}
