//! Entry point of the page's full module: mount [`tiendo_app::App`] on the page. The start module
//! loads it (`tiendo_start::handover`), and its screen, if it drew one, gives way.

fn main() {
    console_error_panic_hook::set_once();
    if let Some(body) = leptos::prelude::document().body() {
        body.set_text_content(None);
    }
    leptos::mount::mount_to_body(tiendo_app::App);
}
