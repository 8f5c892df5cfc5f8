//! Entry point of the web app: mount [`tiendo_app::App`] on the page.

fn main() {
    console_error_panic_hook::set_once();
    // The same module runs in the sync-file check's workers (`check_worker`): no page there.
    if web_sys::window().is_none() {
        return;
    }
    leptos::mount::mount_to_body(tiendo_app::App);
}
