//! The bundled templates, compiled into the binary so Briefsmith works from
//! any folder. The files themselves live in `templates/`.

use crate::io::{decode, DecodeError};
use crate::model::Brief;

pub struct Template {
    /// What `briefsmith new --template NAME` takes.
    pub name: &'static str,
    /// What the editor's New dialog shows.
    pub title: &'static str,
    pub description: &'static str,
    pub source: &'static str,
}

pub const TEMPLATES: &[Template] = &[
    Template {
        name: "sco-defence-ministers-qingdao",
        title: "SCO Defence Ministers' Meeting, Qingdao (sample)",
        description: "Sample: SCO Defence Ministers' Meeting in Qingdao, with commitments, focus areas and recommendations",
        source: include_str!("../templates/sco-defence-ministers-qingdao.brief"),
    },
    Template {
        name: "bilateral-meeting",
        title: "Bilateral meeting",
        description: "Bilateral meeting brief: objectives, arguments to use, their likely positions, press lines",
        source: include_str!("../templates/bilateral-meeting.brief"),
    },
    Template {
        name: "post-meeting-readout",
        title: "Post-meeting readout",
        description: "Post-meeting readout: summary, decisions, commitments with owners and due dates, follow-up",
        source: include_str!("../templates/post-meeting-readout.brief"),
    },
    Template {
        name: "blank",
        title: "Blank brief",
        description: "An empty brief with one section",
        source: include_str!("../templates/blank.brief"),
    },
];

/// The template the editor opens when started without a file.
pub const SAMPLE: &str = "sco-defence-ministers-qingdao";

pub fn find(name: &str) -> Option<&'static Template> {
    let name = name.strip_suffix(".brief").unwrap_or(name);
    TEMPLATES.iter().find(|t| t.name == name)
}

impl Template {
    pub fn brief(&self) -> Result<Brief, DecodeError> {
        decode(self.source)
    }
}
