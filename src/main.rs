//! Entry point of the web app: mount [`tiendo_app::App`] on the page.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(tiendo_app::App);
}
