//! Spell checking: words in marked-up fields with ranges that point into
//! the stored text, suggestions, the brief's own dictionary and names, the
//! incremental check, UK/US mixing, and the language and dictionary saved
//! in the file.

use std::sync::OnceLock;

use briefsmith::editor::Document;
use briefsmith::model::{
    validate, Block, BlockContent, Brief, Commitment, CommitmentTable, Language, Section, Severity,
    Table,
};
use briefsmith::spell::{
    check_brief, mixed_spellings, BriefDictionary, SpellCheck, Speller, MAX_SUGGESTIONS,
};

/// One speller per language for the whole test binary: parsing is the
/// slow part, and these tests are about checking.
fn speller(lang: Language) -> &'static Speller {
    static GB: OnceLock<Speller> = OnceLock::new();
    static US: OnceLock<Speller> = OnceLock::new();
    let cell = match lang {
        Language::EnGb => &GB,
        Language::EnUs => &US,
    };
    cell.get_or_init(|| Speller::new(lang).expect("bundled dictionary parses"))
}

fn gb() -> &'static Speller {
    speller(Language::EnGb)
}

fn us() -> &'static Speller {
    speller(Language::EnUs)
}

/// The misspelt words of `text` and what their ranges cover in it.
fn flagged(s: &Speller, text: &str) -> Vec<(String, String)> {
    s.misspellings(text, &BriefDictionary::default())
        .into_iter()
        .map(|m| (m.word, text[m.range].to_string()))
        .collect()
}

fn words(s: &Speller, text: &str) -> Vec<String> {
    flagged(s, text).into_iter().map(|w| w.0).collect()
}

fn brief_with(lang: &str, paragraphs: &[&str]) -> Brief {
    let mut b = Brief::new("Title");
    b.meta.language = lang.into();
    let mut s = Section::new("Background");
    for p in paragraphs {
        s.blocks.push(Block::paragraph(*p));
    }
    b.sections.push(s);
    b.assign_missing_ids();
    b
}

#[test]
fn a_speller_can_move_to_another_thread() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Speller>();
    send_sync::<SpellCheck>();
    send_sync::<BriefDictionary>();
}

#[test]
fn finds_misspellings_with_ranges_into_the_marked_up_text() {
    let text = r"We will **recieve** the *delegaton* in wo**rdl** and \*teh\* too.";
    assert_eq!(
        flagged(gb(), text),
        [
            ("recieve".to_string(), "recieve".to_string()),
            ("delegaton".to_string(), "delegaton".to_string()),
            ("wordl".to_string(), "wo**rdl".to_string()),
            ("teh".to_string(), "teh".to_string()),
        ]
    );
}

#[test]
fn skips_what_is_not_a_dictionary_word() {
    let text = "The SCO’s and NATO's plans: don’t, the Member’s view, won't; \
                2025-06-25, 3.5 %, C-0001, B2B, snake_case, e.g. and i.e., \
                https://example.org/teh-page, www.recieve.com, desk@recieve.example, \
                UNCLASSIFIED, OFFICIAL-SENSITIVE, 青岛, Москва.";
    assert_eq!(words(gb(), text), Vec::<String>::new());
}

#[test]
fn hyphenated_compounds_are_checked_per_part() {
    assert_eq!(words(gb(), "a far-reaching, well-knwon plan"), ["knwon"]);
}

#[test]
fn long_all_caps_words_are_checked_and_short_ones_are_acronyms() {
    assert_eq!(words(gb(), "ASEAN and UNCLASIFIED"), ["UNCLASIFIED"]);
}

#[test]
fn suggestions_are_few_and_best_first() {
    let s = gb().suggest("recieve");
    assert_eq!(s.first().map(String::as_str), Some("receive"), "{s:?}");
    assert!(s.len() <= MAX_SUGGESTIONS);
    assert_eq!(gb().suggest("teh").first().map(String::as_str), Some("the"));
    assert!(
        gb().suggest("receive").is_empty(),
        "a known word needs none"
    );
    // Typographic apostrophes come back as typed.
    assert!(
        gb().suggest("Membre’s").iter().any(|s| s.contains('’')),
        "{:?}",
        gb().suggest("Membre’s")
    );
}

#[test]
fn uk_and_us_dictionaries_differ() {
    assert_eq!(words(gb(), "colour color"), ["color"]);
    assert_eq!(words(us(), "colour color"), ["colour"]);
    assert_eq!(words(gb(), "Defence Defense"), ["Defense"]);
    assert_eq!(words(us(), "Defence Defense"), ["Defence"]);
    assert_eq!(gb().language(), Language::EnGb);
    // Words of the trade missing from the Hunspell lists are accepted.
    assert!(words(us(), "cybersecurity and cybercrime; Defense Attaché").is_empty());
}

#[test]
fn the_briefs_own_dictionary_is_accepted() {
    let words_ = BriefDictionary::new(["Zhangwu", "jointness"]);
    let text = "Zhangwu, ZHANGWU and Zhangwu’s jointness; zhangwu is not";
    let found: Vec<String> = gb()
        .misspellings(text, &words_)
        .into_iter()
        .map(|m| m.word)
        .collect();
    assert_eq!(found, ["zhangwu"]);

    let mut b = brief_with("en-GB", &["Minister Xuebing met Qiangwei."]);
    assert_eq!(check_brief(&b, gb()).len(), 2);
    b.add_to_dictionary("Xuebing").unwrap();
    b.add_to_dictionary("Qiangwei").unwrap();
    assert!(check_brief(&b, gb()).is_empty());
}

#[test]
fn adding_to_the_dictionary_is_one_undoable_edit() {
    let b = brief_with("en-GB", &["Minister Xuebing spoke."]);
    let mut doc = Document::new(b, None);
    assert_eq!(check_brief(doc.brief(), gb()).len(), 1);
    assert_eq!(doc.edit(|b| b.add_to_dictionary("Xuebing")), Ok(true));
    assert!(check_brief(doc.brief(), gb()).is_empty());
    assert!(doc.is_dirty());
    assert!(doc.undo());
    assert!(doc.brief().meta.dictionary.is_empty());
    assert!(doc.redo());
    assert_eq!(doc.brief().meta.dictionary, ["Xuebing"]);
    assert_eq!(doc.edit(|b| b.remove_from_dictionary("Xuebing")), Ok(true));
    assert!(doc.brief().meta.dictionary.is_empty());
    assert!(doc.undo());
    assert_eq!(doc.brief().meta.dictionary, ["Xuebing"]);
}

#[test]
fn names_from_name_fields_and_repeated_use_are_accepted() {
    let mut b = brief_with(
        "en-GB",
        &[
            // Named in the party column below: accepted here too.
            "Talks with Vorlandia went well.",
            // Capitalised mid-sentence twice: a name.
            "We met the Ostrakov delegation and the Ostrakov team.",
            // Capitalised only at sentence starts: still a typo.
            "Teh first. Teh second.",
            // Mid-sentence once only: flagged.
            "Then the Quenzar envoy left.",
            // A US spelling is a variant, never a name.
            "The Defense plan and the Defense team.",
        ],
    );
    let mut t = CommitmentTable::default();
    t.rows
        .push(Commitment::new("Vorlandia", "Host the next round"));
    b.sections[0]
        .blocks
        .push(Block::new(BlockContent::Commitments(t)));
    b.assign_missing_ids();
    let found: Vec<String> = check_brief(&b, gb()).into_iter().map(|p| p.word).collect();
    assert_eq!(found, ["Teh", "Teh", "Quenzar", "Defense", "Defense"]);

    let d = BriefDictionary::of(&b, gb());
    assert!(d.is_name("Vorlandia") && d.is_name("Ostrakov’s"));
    assert!(!d.is_name("Quenzar") && !d.is_name("Defense"));
}

#[test]
fn table_columns_of_names_count_but_others_do_not() {
    let mut b = brief_with("en-GB", &["Vorlandia and Marrow met Quenzar."]);
    let mut t = Table::new("Who", &["Member state", "Topic"]);
    t.push_row(["Vorlandia", "Quenzar"]);
    b.sections[0]
        .blocks
        .push(Block::new(BlockContent::Table(t)));
    b.assign_missing_ids();
    let found: Vec<(String, String)> = check_brief(&b, gb())
        .into_iter()
        .map(|p| (p.path, p.word))
        .collect();
    assert_eq!(
        found,
        [
            (
                "sections[0].blocks[0].text".to_string(),
                "Quenzar".to_string()
            ),
            (
                "sections[0].blocks[1].rows[0].cells[1]".to_string(),
                "Quenzar".to_string()
            ),
        ]
    );
}

#[test]
fn problems_name_the_field_item_and_range() {
    let b = brief_with("en-GB", &["Fine.", "We will recieve them."]);
    let p = check_brief(&b, gb());
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].path, "sections[0].blocks[1].text");
    assert_eq!(p[0].id, Some(b.sections[0].blocks[1].id));
    assert_eq!(p[0].range, 8..15);
    assert_eq!(p[0].word, "recieve");
    assert_eq!(
        p[0].suggestions.first().map(String::as_str),
        Some("receive")
    );
}

#[test]
fn dates_versions_and_the_language_are_not_prose() {
    let mut b = brief_with("en-GB", &[]);
    b.meta.version = "zz-draft".into();
    b.meta.start_date = "tomorow".into();
    b.meta.dictionary = vec!["Xqzt".into()];
    assert!(check_brief(&b, gb()).is_empty());
}

#[test]
fn incremental_check_matches_a_full_check_after_edits() {
    let mut b = brief_with("en-GB", &["One recieve.", "Two fine.", "Three teh."]);
    let mut inc = SpellCheck::new();
    assert_eq!(inc.update(&b, gb()).len(), 2);
    b.set_paragraph_text(b.sections[0].blocks[1].id, "Two wrnog.")
        .unwrap();
    let now: Vec<String> = inc
        .update(&b, gb())
        .iter()
        .map(|p| p.word.clone())
        .collect();
    assert_eq!(now, ["recieve", "wrnog", "teh"]);
    let full: Vec<String> = check_brief(&b, gb()).into_iter().map(|p| p.word).collect();
    assert_eq!(now, full);
    // A name appearing elsewhere clears earlier fields too.
    b.set_paragraph_text(b.sections[0].blocks[1].id, "The Wrnog and the Wrnog.")
        .unwrap();
    b.set_paragraph_text(b.sections[0].blocks[0].id, "Meet Wrnog.")
        .unwrap();
    let now: Vec<String> = inc
        .update(&b, gb())
        .iter()
        .map(|p| p.word.clone())
        .collect();
    assert_eq!(now, ["teh"]);
    assert_eq!(inc.problems().len(), 1);
    // A removed field's problems go with it.
    let id = b.sections[0].blocks[2].id;
    b.remove_block(id).unwrap();
    assert!(inc.update(&b, gb()).is_empty());
    // Another language starts afresh.
    b.set_paragraph_text(b.sections[0].blocks[0].id, "The colour.")
        .unwrap();
    assert_eq!(inc.update(&b, us()).len(), 1);
}

#[test]
fn mixed_uk_and_us_spellings_are_one_warning_with_counts() {
    let b = brief_with(
        "en-GB",
        &[
            "The Defence review and the defence budget.",
            "The Defence team met the Defense attaché at the Defense department.",
        ],
    );
    let mix = mixed_spellings(&b, gb()).expect("mixed");
    assert_eq!(
        mix.to_string(),
        "mixed UK and US spellings: \"Defence\" (3) and \"Defense\" (2); this brief is English (UK)"
    );
    // The same brief in US English is mixed the same way round.
    let mut b_us = b.clone();
    b_us.meta.language = "en-US".into();
    assert!(mixed_spellings(&b_us, us())
        .expect("mixed")
        .to_string()
        .ends_with("this brief is English (US)"));
}

#[test]
fn each_kind_of_variant_pairs_up() {
    for (uk, us_) in [
        ("organisation", "organization"),
        ("organise", "organize"),
        ("centre", "center"),
        ("colour", "color"),
        ("programme", "program"),
        ("analyse", "analyze"),
        ("travelled", "traveled"),
        ("catalogue", "catalog"),
        ("offence", "offense"),
    ] {
        let b = brief_with("en-GB", &[&format!("The {uk}, the {uk} and the {us_}.")]);
        let mix = mixed_spellings(&b, gb()).unwrap_or_else(|| panic!("{uk}/{us_}"));
        assert_eq!(
            mix.to_string(),
            format!("mixed UK and US spellings: \"{uk}\" (2) and \"{us_}\" (1); this brief is English (UK)")
        );
    }
}

#[test]
fn words_that_merely_look_alike_are_not_variants() {
    let b = brief_with(
        "en-GB",
        &["Four tours for a tor; the hour of our honour; a genre of fibre; a dialogue."],
    );
    assert_eq!(mixed_spellings(&b, gb()), None);
    // Dialogue is fine in US English too.
    let b = brief_with("en-US", &["A dialogue on defense at the center."]);
    assert_eq!(mixed_spellings(&b, us()), None);
}

#[test]
fn a_brief_wholly_in_the_other_english_is_told_to_switch() {
    let b = brief_with("en-GB", &["The Defense center and its defense program."]);
    let mix = mixed_spellings(&b, gb()).expect("foreign spellings");
    assert!(!mix.mixed);
    assert_eq!(
        mix.to_string(),
        "US spellings in a brief in English (UK): \"Defense\" (2), \"center\" (1); set its language to en-US if that is intended"
    );
}

#[test]
fn dictionary_words_are_left_out_of_the_mix() {
    let mut b = brief_with(
        "en-GB",
        &["The Defence review for the US Department of Defense."],
    );
    assert!(mixed_spellings(&b, gb()).is_some());
    b.add_to_dictionary("Defense").unwrap();
    assert_eq!(mixed_spellings(&b, gb()), None);
    assert!(check_brief(&b, gb()).is_empty());
}

#[test]
fn the_sco_sample_is_clean_in_us_english() {
    let b = briefsmith::sample::sco();
    assert_eq!(b.language(), Some(Language::EnUs));
    let problems: Vec<String> = check_brief(&b, us())
        .into_iter()
        .map(|p| format!("{}: {}", p.path, p.word))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(mixed_spellings(&b, us()), None);
}

#[test]
fn every_english_template_is_clean_but_for_placeholders() {
    for t in briefsmith::templates::TEMPLATES {
        let b = t.brief().unwrap();
        let lang = Language::from_tag(&b.meta.language).expect("known language");
        let problems: Vec<String> = check_brief(&b, speller(lang))
            .into_iter()
            .map(|p| format!("{}: {}", p.path, p.word))
            .collect();
        assert!(problems.is_empty(), "{}: {problems:#?}", t.name);
        assert_eq!(mixed_spellings(&b, speller(lang)), None, "{}", t.name);
    }
}

#[test]
fn older_files_read_as_uk_english_and_save_the_language() {
    let old = r#"{"format":"briefsmith","version":1,"meta":{"title":"T","distribution":"D"},"sections":[]}"#;
    let b = briefsmith::io::decode(old).unwrap();
    assert_eq!(b.meta.language, "en-GB");
    assert!(b.meta.dictionary.is_empty());
    let saved = String::from_utf8(briefsmith::io::encode(&b)).unwrap();
    assert!(
        saved.contains("\"distribution\": \"D\",\n    \"language\": \"en-GB\"\n  },"),
        "language follows distribution; an empty dictionary is omitted:\n{saved}"
    );

    let mut b = b;
    b.set_language("en-US").unwrap();
    b.add_to_dictionary("Qingdao").unwrap();
    let saved = String::from_utf8(briefsmith::io::encode(&b)).unwrap();
    assert!(
        saved.contains(
            "\"language\": \"en-US\",\n    \"dictionary\": [\n      \"Qingdao\"\n    ]\n  },"
        ),
        "{saved}"
    );
    assert_eq!(briefsmith::io::decode(&saved).unwrap(), b);
}

#[test]
fn unknown_or_malformed_language_is_a_warning() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    for (tag, says) in [
        ("fr-FR", "no dictionary for language \"fr-FR\""),
        ("English (UK)", "\"English (UK)\" is not a language tag"),
    ] {
        let mut b = brief_with("en-GB", &["Text."]);
        b.meta.language = tag.into();
        let p: Vec<_> = validate(&b, today)
            .into_iter()
            .filter(|p| p.path == "meta.language")
            .collect();
        assert_eq!(p.len(), 1, "{tag}: {p:?}");
        assert_eq!(p[0].severity, Severity::Warning);
        assert!(p[0].message.contains(says), "{}", p[0].message);
        assert!(p[0].message.contains("en-GB or en-US"), "{}", p[0].message);
    }
    for tag in ["en-GB", "en-US", "en-us"] {
        let mut b = brief_with("en-GB", &["Text."]);
        b.meta.language = tag.into();
        assert!(!validate(&b, today)
            .iter()
            .any(|p| p.path == "meta.language"));
    }
}
