//! The root component: context, header and routes.

use crate::components::header::AppHeader;
use crate::pages::conflicts::ConflictsPage;
use crate::pages::office::{
    agencies::AgenciesPage, board::BoardPage, compile::CompilePage, league::LeaguePage, review::ReviewPage,
    targets::TargetsPage,
};
use crate::pages::{files::FilesPage, import::ImportPage, merged::MergedPage, start::StartPage, task::TaskPage};
use crate::pages::{home::HomePage, plan::PlanPage, report::ReportPage, settings::SettingsPage};
use crate::state::settings::Settings;
use crate::state::{boot, AppContext};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    boot::mark_interactive("tiendo:start");
    let settings = Settings::load();
    let ctx = AppContext::provide(&settings);
    boot::open(ctx);
    boot::flush_on_hide(ctx);
    boot::register_service_worker(ctx);
    crate::state::office::watch_marks(ctx);
    crate::state::conflicts::Conflicts::provide(ctx);
    crate::state::explanations::Explanations::provide(ctx);
    tiendo_start::i18n::UiLang(ctx.lang).follow();
    view! {
        <Router>
            <AppHeader/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <HomePage/> }>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/start") view=StartPage/>
                    <Route path=path!("/plan") view=PlanPage/>
                    <Route path=path!("/plan/import") view=ImportPage/>
                    <Route path=path!("/task/:id") view=TaskPage/>
                    <Route path=path!("/report/:period") view=ReportPage/>
                    <Route path=path!("/merged/:agency/:period") view=MergedPage/>
                    <Route path=path!("/settings") view=SettingsPage/>
                    <Route path=path!("/files") view=FilesPage/>
                    <Route path=path!("/conflicts") view=ConflictsPage/>
                    <Route path=path!("/office") view=BoardPage/>
                    <Route path=path!("/office/targets") view=TargetsPage/>
                    <Route path=path!("/office/agencies") view=AgenciesPage/>
                    <Route path=path!("/office/league") view=LeaguePage/>
                    <Route path=path!("/office/report/:agency/:period") view=ReviewPage/>
                    <Route path=path!("/office/compile/:period") view=CompilePage/>
                </Routes>
            </main>
        </Router>
    }
}
