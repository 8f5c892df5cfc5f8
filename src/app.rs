//! The root component: context, header and routes.

use crate::components::header::AppHeader;
use crate::pages::plan::PlanPage;
use crate::state::settings::Settings;
use crate::state::{AppContext, PlanData};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let settings = Settings::load();
    let ctx = AppContext::provide(settings.lang, PlanData::builtin());
    // Talk to the outside world: keep <html lang> and the stored choice in step with the UI.
    Effect::new(move |_| {
        let lang = ctx.lang.get();
        Settings::save_lang(lang);
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.code());
        }
    });
    view! {
        <Router>
            <AppHeader/>
            <main id="main">
                <Routes fallback=|| view! { <PlanPage/> }>
                    <Route path=path!("/") view=PlanPage/>
                </Routes>
            </main>
        </Router>
    }
}
