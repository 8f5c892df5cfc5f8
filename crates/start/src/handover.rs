//! The start module hands the page over to the full module. Both run in the same page: the start
//! module loads the full module's loader (`<meta name="tiendo-app">`, a module script, as CSP's
//! `script-src 'self'` allows), and the full module clears the start screen when it mounts its
//! own. An invitation picked on the start screen goes along (entering it needs the engine, which
//! only the full module talks to).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The event the full module's loader sends on the document when it cannot start the module.
const LOAD_FAILED: &str = "tiendo-app-failed";

/// Where a picked invitation waits for the full module (a property of `window`).
const INVITATION: &str = "tiendoInvitation";

/// Whether the start module draws its screen: a first visit (no choice made yet) at the app's
/// front door, `/` or `/start`. Every other page, and every page once a choice is made, is the
/// full module's.
pub fn shows_start_screen(path: &str, chosen: bool) -> bool {
    !chosen && matches!(path.trim_end_matches('/'), "" | "/start")
}

/// Loads and starts the full module, at `path` if one is given (the address bar is changed in
/// place first: the start screen is not a page to go back to). `on_failure` runs once if the
/// module cannot be fetched (its loader, glue or WASM): a weak line may drop at that moment.
/// Does nothing where the page names no full module.
pub fn start_full_module(path: Option<&str>, on_failure: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else { return };
    if let (Some(path), Ok(history)) = (path, window.history()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(path));
    }
    let Some(document) = window.document() else { return };
    let src = document.query_selector("meta[name=tiendo-app]").ok().flatten().and_then(|m| m.get_attribute("content"));
    let Some(src) = src else { return };
    let Ok(script) = document.create_element("script") else { return };
    // The loader's own fetch fails on the element; its glue's or WASM's, in the loader, which
    // says so on the document (`public/tiendo-app_loader.js`).
    let once = std::rc::Rc::new(std::cell::Cell::new(Some(on_failure)));
    let failed = Closure::<dyn FnMut()>::new(move || {
        if let Some(f) = once.take() {
            f();
        }
    });
    let _ = script.add_event_listener_with_callback("error", failed.as_ref().unchecked_ref());
    let _ = document.add_event_listener_with_callback(LOAD_FAILED, failed.as_ref().unchecked_ref());
    // For the page's life: both events may come, and the closure runs `on_failure` once.
    failed.forget();
    let _ = script.set_attribute("type", "module");
    let _ = script.set_attribute("src", &src);
    if let Some(head) = document.head() {
        let _ = head.append_child(&script);
    }
}

/// An invitation file and its code, picked on the start screen, for the full module to enter.
#[derive(Debug, Clone)]
pub struct PendingInvitation {
    /// The `.tiendo-invite` file.
    pub file: web_sys::File,
    /// The code given by phone, as typed.
    pub code: String,
}

impl PendingInvitation {
    /// Leaves it for the full module.
    pub fn keep(&self) {
        let Some(window) = web_sys::window() else { return };
        let held = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&held, &"file".into(), &self.file);
        let _ = js_sys::Reflect::set(&held, &"code".into(), &JsValue::from_str(&self.code));
        let _ = js_sys::Reflect::set(&window, &INVITATION.into(), &held);
    }
    /// The invitation the start module left, once: taking it removes it.
    pub fn take() -> Option<Self> {
        let window = web_sys::window()?;
        let held = js_sys::Reflect::get(&window, &INVITATION.into()).ok().filter(JsValue::is_object)?;
        let _ = js_sys::Reflect::delete_property(&window, &INVITATION.into());
        let file = js_sys::Reflect::get(&held, &"file".into()).ok()?.dyn_into::<web_sys::File>().ok()?;
        let code = js_sys::Reflect::get(&held, &"code".into()).ok()?.as_string().unwrap_or_default();
        Some(Self { file, code })
    }
    /// Shows its file in the file input `id`, as if picked there.
    pub fn show_in(&self, id: &str) {
        let input = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
        let (Some(input), Ok(transfer)) = (input, web_sys::DataTransfer::new()) else { return };
        if transfer.items().add_with_file(&self.file).is_ok() {
            input.set_files(transfer.files().as_ref());
            // As a choice would: the field then names the file (`FilePick` reads it on change).
            if let Ok(change) = web_sys::Event::new("change") {
                let _ = input.dispatch_event(&change);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::shows_start_screen;

    #[test]
    fn the_start_screen_is_drawn_only_at_the_front_door_of_a_first_visit() {
        assert!(shows_start_screen("/", false));
        assert!(shows_start_screen("", false));
        assert!(shows_start_screen("/start", false));
        assert!(shows_start_screen("/start/", false));
        assert!(!shows_start_screen("/plan", false));
        assert!(!shows_start_screen("/report/2020-Q1", false));
        assert!(!shows_start_screen("/startx", false));
        assert!(!shows_start_screen("/", true));
        assert!(!shows_start_screen("/start", true));
    }
}
