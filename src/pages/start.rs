//! First run: the start screen (shared with the start module, which draws it on a first visit),
//! with the full module's invitation form, which enters an invitation through the engine.

use crate::components::invite_form::InviteForm;
use crate::state::settings::Setup;
use crate::state::{boot, AppContext};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use tiendo_start::components::start_screen::StartScreen;

/// The first-run page.
#[component]
pub fn StartPage() -> impl IntoView {
    let ctx = AppContext::expect();
    let navigate = use_navigate();
    let choose = Callback::new(move |setup: Setup| {
        boot::choose(ctx, setup);
        navigate("/", Default::default());
    });
    view! {
        <StartScreen on_choose=choose>
            <InviteForm/>
        </StartScreen>
    }
}
