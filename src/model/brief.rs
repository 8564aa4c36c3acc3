//! The brief document: every type that is saved in a `.brief` file.
//!
//! Field order here is the order on disk, so keep it stable: two saves of the
//! same brief must be byte-identical and diffs must stay small.

use serde::{Deserialize, Serialize};

use super::id::Id;

/// Unknown fields, kept in key order. Their numbers keep every digit as
/// written (serde_json's `arbitrary_precision`); only an exponent is
/// respelt, `1E5` as `1e+5`.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// A meeting brief: metadata, an introduction, themed sections,
/// numbered recommendations and a conclusion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Brief {
    pub meta: Metadata,
    #[serde(default)]
    pub style: Style,
    #[serde(default = "Section::introduction")]
    pub introduction: Section,
    pub sections: Vec<Section>,
    #[serde(default)]
    pub recommendations: Vec<Recommendation>,
    #[serde(default = "Section::conclusion")]
    pub conclusion: Section,
    /// Fields this version does not know (from a newer release of the same
    /// format version), kept so saving does not drop them.
    #[serde(flatten, default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// Who, what, where and when; printed in the title block and page furniture.
/// Also the brief's language and its own spelling dictionary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Metadata {
    pub title: String,
    pub subtitle: String,
    pub organisation: String,
    pub meeting: String,
    pub location: String,
    /// ISO dates (`YYYY-MM-DD`), kept as typed so a half-written date is not lost.
    pub start_date: String,
    pub end_date: String,
    pub date: String,
    pub drafter: String,
    pub approver: String,
    pub version: String,
    pub status: Status,
    /// Classification or handling marking, printed top and bottom of every page.
    pub marking: String,
    pub distribution: String,
    /// BCP-47 tag of the language the brief is written in (`en-GB`,
    /// `en-US`): it picks the spelling dictionary. Files from before the
    /// field read as [`DEFAULT_LANGUAGE`].
    pub language: String,
    /// Words this brief's spell check accepts (names, jargon), sorted;
    /// saved with the brief so they travel with it, omitted when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dictionary: Vec<String>,
    /// Fields this version does not know (from a newer release of the same
    /// format version), kept so saving does not drop them.
    #[serde(flatten, default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// The language of a brief that does not say: Briefsmith's first users
/// write British English.
pub const DEFAULT_LANGUAGE: &str = "en-GB";

impl Default for Metadata {
    fn default() -> Self {
        Metadata {
            title: String::new(),
            subtitle: String::new(),
            organisation: String::new(),
            meeting: String::new(),
            location: String::new(),
            start_date: String::new(),
            end_date: String::new(),
            date: String::new(),
            drafter: String::new(),
            approver: String::new(),
            version: String::new(),
            status: Status::default(),
            marking: String::new(),
            distribution: String::new(),
            language: DEFAULT_LANGUAGE.to_string(),
            dictionary: Vec::new(),
            extra: Extra::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Status {
    #[default]
    Draft,
    Final,
}

/// How the brief prints; stored per brief so a re-export looks the same.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Style {
    pub paper: Paper,
    pub family: FontFamily,
    /// Body text size in points.
    pub font_size: f32,
    pub margins_mm: Margins,
    pub justify: bool,
    pub hyphenate: bool,
    /// Export as PDF/A-2b, for records systems that accept nothing else;
    /// kept with the brief so every export of it is archival.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub archival: bool,
    /// Fields this version does not know (from a newer release of the same
    /// format version), kept so saving does not drop them.
    #[serde(flatten, default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            extra: Default::default(),
            paper: Paper::A4,
            family: FontFamily::Serif,
            font_size: 10.5,
            margins_mm: Margins::default(),
            justify: true,
            hyphenate: true,
            archival: false,
        }
    }
}

impl Style {
    /// Replaces numbers a file may hold but JSON cannot write back (a size
    /// too large for 32 bits reads as infinity) with the defaults, so a
    /// brief that opens always saves and opens again.
    pub fn sanitize(&mut self) {
        let d = Style::default();
        if !self.font_size.is_finite() {
            self.font_size = d.font_size;
        }
        let m = &mut self.margins_mm;
        for (v, dv) in [
            (&mut m.top, d.margins_mm.top),
            (&mut m.bottom, d.margins_mm.bottom),
            (&mut m.left, d.margins_mm.left),
            (&mut m.right, d.margins_mm.right),
        ] {
            if !v.is_finite() {
                *v = dv;
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FontFamily {
    #[default]
    Serif,
    Sans,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Margins {
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

impl Default for Margins {
    fn default() -> Self {
        Margins {
            top: 22.0,
            bottom: 22.0,
            left: 22.0,
            right: 22.0,
        }
    }
}

/// A themed part of the brief. The introduction and conclusion are sections
/// too, so they edit and print like any other.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    #[serde(default)]
    pub id: Id,
    #[serde(default)]
    pub heading: String,
    #[serde(default)]
    pub blocks: Vec<Block>,
    /// Fields this version does not know (from a newer release of the same
    /// format version), kept so saving does not drop them.
    #[serde(flatten, default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Section {
    pub fn new(heading: impl Into<String>) -> Self {
        Section {
            extra: Default::default(),
            id: Id::UNSET,
            heading: heading.into(),
            blocks: Vec::new(),
        }
    }
    pub fn introduction() -> Self {
        Section::new("")
    }
    pub fn conclusion() -> Self {
        Section::new("Conclusion")
    }
}

/// One unit of content inside a section. Serialised as one object: its
/// id, the content's `type` and fields, then any unknown fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    pub id: Id,
    #[serde(flatten)]
    pub content: BlockContent,
    /// Fields this version does not know, for every kind of block (a
    /// table's own unknown fields too), kept so saving does not drop them.
    #[serde(flatten, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl BlockContent {
    /// The fields each kind of block has on disk; anything else is kept
    /// aside as an unknown field.
    fn known_fields(kind: &str) -> Option<&'static [&'static str]> {
        Some(match kind {
            "paragraph" => &["type", "text"],
            "bullets" => &["type", "numbered", "items"],
            "table" => &["type", "caption", "columns", "rows"],
            "commitments" => &[
                "type",
                "caption",
                "party_label",
                "commitment_label",
                "owner_label",
                "due_label",
                "status_label",
                "rows",
            ],
            _ => return None,
        })
    }

    /// The `type` of each kind of block on disk.
    const KINDS: &'static [&'static str] = &["paragraph", "bullets", "table", "commitments"];

    /// The content of a block of kind `kind` from its known fields.
    fn from_fields(kind: &str, fields: Extra) -> Result<Self, String> {
        #[derive(Deserialize)]
        struct Paragraph {
            text: String,
        }
        #[derive(Deserialize)]
        struct Bullets {
            #[serde(default)]
            numbered: bool,
            items: Vec<Bullet>,
        }
        let v = serde_json::Value::Object(fields);
        Ok(match kind {
            "paragraph" => BlockContent::Paragraph {
                text: from_json_text::<Paragraph>(&v)?.text,
            },
            "bullets" => {
                let b = from_json_text::<Bullets>(&v)?;
                BlockContent::Bullets {
                    numbered: b.numbered,
                    items: b.items,
                }
            }
            "table" => BlockContent::Table(from_json_text(&v)?),
            "commitments" => BlockContent::Commitments(from_json_text(&v)?),
            _ => return Err(format!("unknown variant `{kind}`")),
        })
    }
}

impl<'de> Deserialize<'de> for Block {
    // By hand because an internally tagged enum and a map of unknown fields
    // cannot both be flattened into one object by serde's derive.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let mut map = Extra::deserialize(d)?;
        let id = match map.remove("id") {
            Some(v) => from_json_text(&v).map_err(D::Error::custom)?,
            None => Id::UNSET,
        };
        let kind = match map.get("type") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(other) => {
                return Err(D::Error::custom(format!(
                    "block \"type\" must be a string, found {other}"
                )))
            }
            None => return Err(D::Error::missing_field("type")),
        };
        let known = BlockContent::known_fields(&kind)
            .ok_or_else(|| D::Error::unknown_variant(&kind, BlockContent::KINDS))?;
        let (mut fields, mut extra) = (Extra::new(), Extra::new());
        for (k, v) in map {
            if known.contains(&k.as_str()) {
                fields.insert(k, v);
            } else {
                extra.insert(k, v);
            }
        }
        let content = BlockContent::from_fields(&kind, fields).map_err(D::Error::custom)?;
        Ok(Block { id, content, extra })
    }
}

/// Reads `T` from a value through its JSON text. Read straight from a
/// `Value`, serde_json hands numbers on as f64 where they fit, so the
/// unknown fields of a table's columns and rows would come back respelt
/// (`1e40` for a one and forty zeros) or be refused (integers past 64
/// bits); read from text they stay exactly as written. The message leaves
/// out the position, which would be in the re-written text.
fn from_json_text<T: serde::de::DeserializeOwned>(v: &serde_json::Value) -> Result<T, String> {
    serde_json::from_str(&v.to_string()).map_err(|e| {
        let s = e.to_string();
        match s.rfind(" at line ") {
            Some(i) => s[..i].to_string(),
            None => s,
        }
    })
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BlockContent {
    /// Text with inline `**bold**` and `*italic*` markup.
    Paragraph {
        text: String,
    },
    /// A bulleted or numbered list with one level of nesting.
    Bullets {
        /// Printed "1.", "2.", … (nested items "a.", "b.", …) instead of
        /// bullets; omitted on disk when false so older files stay
        /// byte-identical.
        #[serde(default, skip_serializing_if = "is_false")]
        numbered: bool,
        items: Vec<Bullet>,
    },
    Table(Table),
    Commitments(CommitmentTable),
}

impl Block {
    pub fn new(content: BlockContent) -> Self {
        Block {
            id: Id::UNSET,
            content,
            extra: Extra::new(),
        }
    }
    pub fn paragraph(text: impl Into<String>) -> Self {
        Block::new(BlockContent::Paragraph { text: text.into() })
    }
    /// A short label for outlines and messages ("Paragraph", "Table", …).
    pub fn kind_name(&self) -> &'static str {
        match self.content {
            BlockContent::Paragraph { .. } => "Paragraph",
            BlockContent::Bullets { numbered: true, .. } => "Numbered list",
            BlockContent::Bullets { .. } => "Bullet list",
            BlockContent::Table(_) => "Table",
            BlockContent::Commitments(_) => "Commitments",
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// A bullet with an optional bold lead-in, e.g. "Information Sharing:".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bullet {
    #[serde(default)]
    pub id: Id,
    /// 0 for a top-level item, 1 for one nested under the item before it;
    /// omitted on disk when 0. A deeper level from a file is kept as
    /// written (validation warns of it); read levels through
    /// [`list_depths`](super::list::list_depths), which clamps them.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub level: u64,
    /// Printed bold before the text; includes its own punctuation ("Cyber:").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lead: String,
    pub text: String,
    /// Fields this version does not know (from a newer release of the same
    /// format version), kept so saving does not drop them.
    #[serde(flatten, default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Bullet {
    /// The deepest level a list has: items are top-level (0) or nested (1).
    pub const MAX_LEVEL: u64 = 1;

    pub fn new(lead: impl Into<String>, text: impl Into<String>) -> Self {
        Bullet {
            extra: Default::default(),
            id: Id::UNSET,
            level: 0,
            lead: lead.into(),
            text: text.into(),
        }
    }

    /// A nested bullet (level 1).
    pub fn nested(lead: impl Into<String>, text: impl Into<String>) -> Self {
        Bullet {
            level: 1,
            ..Bullet::new(lead, text)
        }
    }
}

/// Tables allow 1 to this many columns: wider ones do not fit a portrait page.
pub const MAX_COLUMNS: usize = 8;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    #[serde(default)]
    pub caption: String,
    pub columns: Vec<Column>,
    #[serde(default)]
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    #[serde(default)]
    pub id: Id,
    pub name: String,
    /// Fields this version does not know (from a newer release of the same
    /// format version), kept so saving does not drop them.
    #[serde(flatten, default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    #[serde(default)]
    pub id: Id,
    pub cells: Vec<String>,
    /// Fields this version does not know (from a newer release of the same
    /// format version), kept so saving does not drop them.
    #[serde(flatten, default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Table {
    pub fn new(caption: impl Into<String>, columns: &[&str]) -> Self {
        Table {
            caption: caption.into(),
            columns: columns
                .iter()
                .map(|c| Column {
                    extra: Default::default(),
                    id: Id::UNSET,
                    name: (*c).to_string(),
                })
                .collect(),
            rows: Vec::new(),
        }
    }
    pub fn push_row<S: Into<String>>(&mut self, cells: impl IntoIterator<Item = S>) {
        self.rows.push(Row {
            extra: Default::default(),
            id: Id::UNSET,
            cells: cells.into_iter().map(Into::into).collect(),
        });
    }
}

/// Who committed to what. Column labels are kept so an article's own
/// headings ("Member Nation") survive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommitmentTable {
    #[serde(default)]
    pub caption: String,
    #[serde(default = "default_party_label")]
    pub party_label: String,
    #[serde(default = "default_commitment_label")]
    pub commitment_label: String,
    /// Heading of the owner column; omitted on disk when "Owner", so files
    /// from before the field stay byte-identical.
    #[serde(
        default = "default_owner_label",
        skip_serializing_if = "is_default_owner_label"
    )]
    pub owner_label: String,
    /// Heading of the due column; omitted on disk when "Due".
    #[serde(
        default = "default_due_label",
        skip_serializing_if = "is_default_due_label"
    )]
    pub due_label: String,
    /// Heading of the status column; omitted on disk when "Status".
    #[serde(
        default = "default_status_label",
        skip_serializing_if = "is_default_status_label"
    )]
    pub status_label: String,
    #[serde(default)]
    pub rows: Vec<Commitment>,
}

fn default_owner_label() -> String {
    "Owner".into()
}
fn default_due_label() -> String {
    "Due".into()
}
fn default_status_label() -> String {
    "Status".into()
}
fn is_default_owner_label(s: &str) -> bool {
    s == "Owner"
}
fn is_default_due_label(s: &str) -> bool {
    s == "Due"
}
fn is_default_status_label(s: &str) -> bool {
    s == "Status"
}

fn default_party_label() -> String {
    "Party".into()
}
fn default_commitment_label() -> String {
    "Commitment".into()
}

impl Default for CommitmentTable {
    fn default() -> Self {
        CommitmentTable {
            caption: String::new(),
            party_label: default_party_label(),
            commitment_label: default_commitment_label(),
            owner_label: default_owner_label(),
            due_label: default_due_label(),
            status_label: default_status_label(),
            rows: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Commitment {
    #[serde(default)]
    pub id: Id,
    /// Identity across briefs: a random UUID that stays with the
    /// commitment through saves, text edits and copies into other briefs,
    /// so a register can follow it from meeting to meeting. `id` is only
    /// unique within one brief. Empty until `assign_missing_ids`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uid: String,
    pub party: String,
    pub commitment: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// ISO date; a past date on an unfinished commitment reads as overdue.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub due: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<CommitmentStatus>,
    /// Fields this version does not know (from a newer release of the same
    /// format version), kept so saving does not drop them.
    #[serde(flatten, default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Commitment {
    pub fn new(party: impl Into<String>, commitment: impl Into<String>) -> Self {
        Commitment {
            extra: Default::default(),
            id: Id::UNSET,
            uid: String::new(),
            party: party.into(),
            commitment: commitment.into(),
            owner: String::new(),
            due: String::new(),
            status: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentStatus {
    Open,
    InProgress,
    Done,
}

impl CommitmentStatus {
    pub fn label(self) -> &'static str {
        match self {
            CommitmentStatus::Open => "Open",
            CommitmentStatus::InProgress => "In progress",
            CommitmentStatus::Done => "Done",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    #[serde(default)]
    pub id: Id,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub due: String,
    /// Fields this version does not know (from a newer release of the same
    /// format version), kept so saving does not drop them.
    #[serde(flatten, default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Recommendation {
    pub fn new(title: impl Into<String>, description: impl Into<String>) -> Self {
        Recommendation {
            extra: Default::default(),
            id: Id::UNSET,
            title: title.into(),
            description: description.into(),
            owner: String::new(),
            due: String::new(),
        }
    }
}

impl Brief {
    /// An empty brief with a title, ids assigned.
    pub fn new(title: impl Into<String>) -> Self {
        let mut b = Brief {
            extra: Default::default(),
            meta: Metadata {
                title: title.into(),
                ..Metadata::default()
            },
            style: Style::default(),
            introduction: Section::introduction(),
            sections: Vec::new(),
            recommendations: Vec::new(),
            conclusion: Section::conclusion(),
        };
        b.assign_missing_ids();
        b
    }

    /// The introduction, the sections and the conclusion, in print order.
    pub fn all_sections(&self) -> impl Iterator<Item = &Section> {
        std::iter::once(&self.introduction)
            .chain(self.sections.iter())
            .chain(std::iter::once(&self.conclusion))
    }

    pub fn all_sections_mut(&mut self) -> impl Iterator<Item = &mut Section> {
        std::iter::once(&mut self.introduction)
            .chain(self.sections.iter_mut())
            .chain(std::iter::once(&mut self.conclusion))
    }
}
