//! What every date field has beside it: a calendar button (egui_extras'
//! date picker), and, when the field is left, a date typed in another
//! common form ("12 March 2027", "12/03/2027") stored as ISO so every date
//! reads the same.

use chrono::Datelike;
use egui::{Response, Ui};

use crate::app::EditorApp;
use crate::model::{iso_date, read_date, Brief, EditResult};

fn to_jiff(d: chrono::NaiveDate) -> Option<jiff::civil::Date> {
    jiff::civil::Date::new(
        i16::try_from(d.year()).ok()?,
        i8::try_from(d.month()).ok()?,
        i8::try_from(d.day()).ok()?,
    )
    .ok()
}

impl EditorApp {
    /// Call right after a date field's `text_field`: `field` is its
    /// response, `value` what it showed, `salt` names its calendar, `set`
    /// stores a new value.
    pub(super) fn date_extras(
        &mut self,
        ui: &mut Ui,
        field: &Response,
        salt: &str,
        value: &str,
        set: impl Fn(&mut Brief, &str) -> EditResult<()>,
    ) {
        let order = self.doc.brief().date_order();
        if field.lost_focus() {
            if let Some(iso) = iso_date(value, order).filter(|iso| iso != value) {
                if let Err(e) = self.doc.edit(|b| set(b, &iso)) {
                    self.error(format!("Could not change the date: {e}"));
                }
            }
        }
        let today = chrono::Local::now().date_naive();
        let shown = read_date(value, order).unwrap_or(today);
        let Some(mut date) = to_jiff(shown) else {
            return;
        };
        let before = date;
        ui.add(
            egui_extras::DatePickerButton::new(&mut date)
                .id_salt(salt)
                .format("")
                .calendar_week(false),
        )
        .on_hover_text("Choose the date from a calendar");
        if date != before {
            let iso = date.strftime("%Y-%m-%d").to_string();
            if let Err(e) = self.doc.edit(|b| set(b, &iso)) {
                self.error(format!("Could not change the date: {e}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_convert_to_the_pickers_kind() {
        let d = chrono::NaiveDate::from_ymd_opt(2027, 3, 12).expect("a date");
        let j = to_jiff(d).expect("converts");
        assert_eq!(j.strftime("%Y-%m-%d").to_string(), "2027-03-12");
    }
}
