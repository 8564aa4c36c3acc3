//! Dates as people type them: "2027-03-12", "12 March 2027", "March 12,
//! 2027", "12 Mar 2027", "12/03/2027", "12.03.2027". Slashed and dotted
//! numbers are read day-first (en-GB, and the default) or month-first
//! (en-US) by the brief's language. Briefs store ISO (`YYYY-MM-DD`).

use chrono::{Datelike, NaiveDate};

/// Which number comes first in `12/03/2027`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    /// 12/03/2027 is 12 March (en-GB and most of the world).
    #[default]
    DayFirst,
    /// 03/12/2027 is 12 March (en-US).
    MonthFirst,
}

impl DateOrder {
    /// The order for a language tag such as `en-US` or `en-GB`: month
    /// first for US English (and the Philippines), day first otherwise.
    pub fn for_language(tag: &str) -> DateOrder {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        if matches!(tag.as_str(), "en-us" | "en-ph" | "es-us") {
            DateOrder::MonthFirst
        } else {
            DateOrder::DayFirst
        }
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month's number from its name or a 3+ letter abbreviation ("Sept" too).
fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w))
        .map(|i| i as u32 + 1)
}

/// A day number, allowing "12th", "1st".
fn day(word: &str) -> Option<u32> {
    let w = word.trim_end_matches(',').to_ascii_lowercase();
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok()
}

fn year(word: &str) -> Option<i32> {
    let w = word.trim_end_matches(['.', ',']);
    (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
}

impl super::Brief {
    /// How this brief reads `12/03/2027`: by its language (month first in
    /// US English, day first otherwise).
    pub fn date_order(&self) -> DateOrder {
        DateOrder::for_language(&self.meta.language)
    }
}

/// Reads a date typed in any of the common forms; `None` when it is not
/// one (or not a real day, such as 31 April).
pub fn read_date(s: &str, order: DateOrder) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    // 12/03/2027, 12.03.2027, 12-03-2027
    let nums: Vec<&str> = s.split(['/', '.', '-']).map(str::trim).collect();
    if nums.len() == 3
        && nums
            .iter()
            .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    {
        let y = year(nums[2])?;
        let (a, b): (u32, u32) = (nums[0].parse().ok()?, nums[1].parse().ok()?);
        let (d, m) = match order {
            DateOrder::DayFirst => (a, b),
            DateOrder::MonthFirst => (b, a),
        };
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    // 12 March 2027, March 12, 2027, 12 Mar. 2027
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() == 3 {
        let y = year(words[2])?;
        let (d, m) = match (day(words[0]), month(words[0])) {
            (Some(d), _) => (d, month(words[1])?),
            (None, Some(m)) => (day(words[1])?, m),
            (None, None) => return None,
        };
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    None
}

/// The ISO form of a typed date, `None` when it is not a date.
pub fn iso_date(s: &str, order: DateOrder) -> Option<String> {
    read_date(s, order).map(|d| format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_forms_read_as_the_same_day() {
        let want = NaiveDate::from_ymd_opt(2027, 3, 12);
        for s in [
            "2027-03-12",
            "12 March 2027",
            "12 march 2027",
            "March 12, 2027",
            "12 Mar 2027",
            "12 Mar. 2027",
            "12th March 2027",
            "12/03/2027",
            "12.03.2027",
            " 12/3/2027 ",
        ] {
            assert_eq!(read_date(s, DateOrder::DayFirst), want, "{s}");
        }
        assert_eq!(read_date("03/12/2027", DateOrder::MonthFirst), want);
        assert_eq!(
            read_date("12/03/2027", DateOrder::MonthFirst),
            NaiveDate::from_ymd_opt(2027, 12, 3)
        );
        assert_eq!(
            iso_date("1 Sept 2026", DateOrder::DayFirst).as_deref(),
            Some("2026-09-01")
        );
    }

    #[test]
    fn non_dates_are_refused() {
        for s in [
            "next week",
            "31 April 2027",
            "12/13/2027",
            "2027",
            "",
            "12 Ma 2027",
            "12/03/27",
        ] {
            assert_eq!(read_date(s, DateOrder::DayFirst), None, "{s}");
        }
    }

    #[test]
    fn the_language_decides_the_order() {
        assert_eq!(DateOrder::for_language("en-US"), DateOrder::MonthFirst);
        assert_eq!(DateOrder::for_language("en_us"), DateOrder::MonthFirst);
        assert_eq!(DateOrder::for_language("en-GB"), DateOrder::DayFirst);
        assert_eq!(DateOrder::for_language(""), DateOrder::DayFirst);
    }
}
