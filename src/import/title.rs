//! Guesses a title, meeting, place and organisation from an article's
//! opening when it has no title line: "the Shanghai Cooperation
//! Organization (SCO) held its Defense Ministers’ Meeting in Qingdao, China"
//! gives "SCO Defense Ministers’ Meeting, Qingdao". The user can change it.

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Guess {
    pub title: String,
    pub meeting: String,
    pub location: String,
    pub organisation: String,
}

const EVENTS: [&str; 16] = [
    "Meeting",
    "Meetings",
    "Summit",
    "Conference",
    "Forum",
    "Dialogue",
    "Talks",
    "Session",
    "Assembly",
    "Council",
    "Consultations",
    "Visit",
    "Ministerial",
    "Symposium",
    "Congress",
    "Roundtable",
];
const CONNECTORS: [&str; 4] = ["of", "and", "on", "for"];

fn is_cap(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

fn clean(word: &str) -> &str {
    word.trim_matches(|c: char| matches!(c, ',' | '.' | ';' | ':' | '(' | ')' | '"' | '“' | '”'))
}

fn is_article(word: &str) -> bool {
    matches!(clean(word), "The" | "the" | "A" | "An")
}

/// Weekdays and months end a place: "New York on Wednesday".
fn is_time_word(word: &str) -> bool {
    const TIME: [&str; 19] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    TIME.contains(&clean(word))
}

/// `(ABC)` acronyms and the capitalised words naming them.
fn acronym(words: &[&str]) -> Option<(String, String)> {
    for (i, w) in words.iter().enumerate() {
        let inner = w.trim_end_matches([',', '.', ';', ':']);
        if let Some(a) = inner.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
            if a.len() >= 2 && a.chars().all(|c| c.is_ascii_uppercase()) {
                let mut start = i;
                while start > 0
                    && (is_cap(words[start - 1]) || CONNECTORS.contains(&words[start - 1]))
                {
                    start -= 1;
                }
                // "The ASEAN Regional Forum" is named without its "The".
                while start < i && (!is_cap(words[start]) || is_article(words[start])) {
                    start += 1;
                }
                let name = words[start..i].join(" ");
                return Some((a.to_string(), name));
            }
        }
    }
    None
}

pub fn guess(opening: &str, first_heading: Option<&str>) -> Guess {
    let words: Vec<&str> = opening.split_whitespace().collect();
    let acr = acronym(&words);
    let mut g = Guess::default();
    if let Some((_, name)) = &acr {
        g.organisation = name.clone();
    }
    // The first capitalised phrase ending in an event word.
    if let Some(end) = words
        .iter()
        .position(|w| EVENTS.contains(&clean(w)) && is_cap(w))
    {
        let mut start = end;
        while start > 0 {
            let prev = words[start - 1];
            if prev.ends_with([',', '.', ';', ':', ')'])
                || !is_cap(prev) && !CONNECTORS.contains(&prev)
            {
                break;
            }
            start -= 1;
        }
        while start < end && (!is_cap(words[start]) || is_article(words[start])) {
            start += 1;
        }
        let phrase: Vec<&str> = words[start..=end].iter().map(|w| clean(w)).collect();
        let mut meeting = phrase.join(" ");
        if let Some((a, name)) = &acr {
            // The organisation's own name ending in "Forum" is not
            // prefixed with its acronym ("ARF The ASEAN Regional Forum").
            if !meeting.contains(a.as_str()) && meeting != *name {
                meeting = format!("{a} {meeting}");
            }
        }
        // "… in Qingdao, China" gives the place: city, then country; an
        // acronym and a verb may come first ("Forum (ARF) met in …").
        let mut at = end + 1;
        if words
            .get(at)
            .is_some_and(|w| w.starts_with('(') && w.ends_with(')'))
        {
            at += 1;
        }
        if words.get(at).is_some_and(|w| {
            matches!(
                clean(w),
                "met" | "meets" | "convened" | "gathered" | "opened" | "closed" | "was" | "took"
            )
        }) {
            at += 1;
            if words
                .get(at)
                .is_some_and(|w| matches!(clean(w), "held" | "place"))
            {
                at += 1;
            }
        }
        let (city, country) = place_after(&words, at);
        g.location = match (&city, &country) {
            (c, Some(k)) => format!("{c}, {k}"),
            (c, None) => c.clone(),
        };
        g.title = if city.is_empty() {
            meeting.clone()
        } else {
            format!("{meeting}, {city}")
        };
        g.meeting = meeting;
        return g;
    }
    g.title = match first_heading {
        Some(h) if !h.trim().is_empty() => h.trim().to_string(),
        _ => first_words(opening, 10),
    };
    g
}

/// Reads "in City, Country" starting at `at`.
fn place_after(words: &[&str], at: usize) -> (String, Option<String>) {
    if !matches!(words.get(at).map(|w| clean(w)), Some("in" | "at")) {
        return (String::new(), None);
    }
    let mut parts: Vec<Vec<&str>> = vec![Vec::new()];
    let mut k = at + 1;
    while k < words.len() && parts.len() <= 2 {
        let w = words[k];
        if is_time_word(w) {
            break;
        }
        // "Rio de Janeiro" joins; "New York on Wednesday" does not.
        let joins = !is_cap(w)
            && !matches!(w, "on" | "in" | "at" | "by" | "to" | "for" | "and")
            && w.len() <= 3
            && words.get(k + 1).is_some_and(|n| is_cap(n))
            && !parts.last().is_some_and(|p| p.is_empty());
        if !is_cap(w) && !joins {
            break;
        }
        if let Some(p) = parts.last_mut() {
            p.push(clean(w));
        }
        k += 1;
        if w.ends_with(',') {
            parts.push(Vec::new());
        } else if w.ends_with(['.', ';', ':', ')']) {
            break;
        }
    }
    let mut parts: Vec<String> = parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join(" "))
        .collect();
    parts.truncate(2);
    let country = if parts.len() > 1 { parts.pop() } else { None };
    (parts.pop().unwrap_or_default(), country)
}

fn first_words(text: &str, n: usize) -> String {
    let sentence = text
        .split_inclusive(['.', '!', '?'])
        .next()
        .unwrap_or(text)
        .trim();
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.len() <= n {
        sentence.trim_end_matches(['.', '!', '?']).to_string()
    } else {
        format!(
            "{}…",
            words[..n].join(" ").trim_end_matches([',', ';', ':'])
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sco_opening() {
        let g = guess("In a significant gathering aimed at enhancing regional security and cooperation, the Shanghai Cooperation Organization (SCO) held its Defense Ministers’ Meeting in Qingdao, China. This key event", None);
        assert_eq!(g.title, "SCO Defense Ministers’ Meeting, Qingdao");
        assert_eq!(g.meeting, "SCO Defense Ministers’ Meeting");
        assert_eq!(g.location, "Qingdao, China");
        assert_eq!(g.organisation, "Shanghai Cooperation Organization");
    }

    #[test]
    fn other_event() {
        let g = guess(
            "Leaders gathered for the G20 Summit in Rio de Janeiro. Talks were long.",
            None,
        );
        assert_eq!(g.title, "G20 Summit, Rio de Janeiro");
        assert_eq!(g.location, "Rio de Janeiro");
    }

    #[test]
    fn no_fragments_of_weekdays_or_articles() {
        let g = guess(
            "The ASEAN Regional Forum (ARF) met in New York on Wednesday to discuss maritime safety.",
            None,
        );
        assert_eq!(g.organisation, "ASEAN Regional Forum");
        assert_eq!(g.meeting, "ASEAN Regional Forum");
        assert_eq!(g.location, "New York");
        let g = guess(
            "Ministers held the Water Summit in New York on Wednesday.",
            None,
        );
        assert_eq!(g.location, "New York");
        assert_eq!(g.title, "Water Summit, New York");
    }

    #[test]
    fn falls_back_to_first_words() {
        let g = guess(
            "Prices rose sharply across the region this quarter, driven by fuel and food costs.",
            None,
        );
        assert_eq!(
            g.title,
            "Prices rose sharply across the region this quarter, driven by…"
        );
    }
}
