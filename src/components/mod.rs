//! Small components, each documented with its props.

pub mod agency_chips;
pub mod as_of_bar;
pub mod decision_card;
pub mod explanation_requests;
pub mod field_history;
pub mod header;
pub mod highlighted;
pub mod history_words;
pub mod import_fix;
pub mod invite_form;
pub mod join_form;
pub mod labels;
pub mod letter_view;
pub mod nav;
pub mod plan_gate;
pub mod report_fields;
pub mod report_history;
pub mod report_progress;
pub mod save_state;
pub mod schedule_table;
pub mod section_view;
pub mod sync_indicator;
pub mod target_list;
pub mod task_card;
pub mod task_filter;
pub mod task_reports;
