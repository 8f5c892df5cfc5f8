//! Opening the documents of a first-run choice: the storage, my reports, the plan, sync for a
//! joined workspace, and what keeps them current (other tabs' writes, the demo's sample
//! reports). The page hears the plan and my reports as [`EngineEvent::Plan`] and
//! [`EngineEvent::MyReports`].

use crate::repo::{is_about, joined_database, local_database, Opened, Repo, TabStart, DATABASE};
use crate::storage::AnyStorage;
use crate::sync::SyncEngine;
use crate::Engine;
use std::rc::Rc;
use std::sync::Arc;
use tiendo_core::engine::{EngineError, EngineEvent, OpenRequest, Opening, PlanData, Setup};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

impl Engine {
    /// Opens the documents of `request`. A joined workspace whose documents are still on their
    /// way opens when sync has brought them ([`EngineEvent::Plan`] then).
    pub async fn open(&self, request: OpenRequest) -> (Opening, Result<(), EngineError>) {
        let database = match &request.setup {
            Setup::Demo { .. } => DATABASE.to_owned(),
            Setup::Local { plan, .. } => local_database(plan),
            Setup::Joined { workspace, .. } | Setup::Invited { workspace, .. } => joined_database(workspace),
        };
        let (storage, problem) = AnyStorage::open(&database).await;
        let opening = Opening { durable: storage.is_durable(), problem: problem.map(|p| p.to_string()) };
        let device = &request.device;
        let chosen = request.chosen_plan.as_deref();
        let start = TabStart { stashes: &request.stashed, tab: request.tab };
        let stashes = &start;
        let opened = match &request.setup {
            Setup::Demo { agency } => Repo::open_demo(storage, device, agency, stashes).await.map(Some),
            Setup::Local { plan, agency } => Repo::open_local(storage, device, plan, agency, stashes).await.map(Some),
            Setup::Joined { server, agency, .. } => self.open_joined(&request, storage, server, agency).await,
            Setup::Invited { agency, .. } => Repo::open_joined(storage, device, agency, chosen, stashes).await,
        };
        *self.request.borrow_mut() = Some(request.clone());
        let result = match opened {
            Ok(Some(o)) => {
                let demo = matches!(request.setup, Setup::Demo { .. }).then(|| (o.registry.clone(), o.plan.clone()));
                self.take(o, &request);
                if let Some(((registry, plan), repo)) = demo.zip(self.repo()) {
                    let me = request.setup.agency().clone();
                    self.later(async move |engine| {
                        // Reading them costs nothing; the page reads them again when told.
                        if let Ok(true) = crate::repo::demo::add_demo_reports(repo.store(), &registry, &plan, &me).await
                        {
                            engine.tell(EngineEvent::DocsChanged);
                        }
                    });
                }
                Ok(())
            }
            // A joined workspace whose documents are still on their way: sync opens it.
            Ok(None) => Ok(()),
            Err(e) => Err(e),
        };
        (opening, result)
    }

    /// Makes (or brings up to date) a workspace on this laptop from a plan read from its
    /// decision's text. Returns whether the plan was here already.
    pub async fn save_imported_plan(
        &self,
        device: &tiendo_core::ids::DeviceId,
        workspace: tiendo_core::model::Workspace,
        registry: tiendo_core::model::Registry,
        plan: tiendo_core::model::Plan,
    ) -> Result<bool, EngineError> {
        let (storage, _) = AnyStorage::open(&local_database(&plan.id)).await;
        Repo::save_imported(storage, device, workspace, registry, plan).await
    }

    /// Starts sync for a joined workspace and opens what is already on this laptop.
    async fn open_joined(
        &self,
        request: &OpenRequest,
        storage: AnyStorage,
        server: &str,
        agency: &tiendo_core::ids::AgencyId,
    ) -> Result<Option<Opened>, EngineError> {
        let credential = request.credential.clone().ok_or(EngineError::NoCredential)?;
        let start = TabStart { stashes: &request.stashed, tab: request.tab };
        let sync = SyncEngine::new(
            self.notify(),
            request.chosen_plan.clone(),
            server.to_owned(),
            credential.clone(),
            agency.clone(),
            storage.clone(),
        );
        self.set_sync(Rc::clone(&sync));
        let opened =
            Repo::open_joined(storage, &credential.device, agency, request.chosen_plan.as_deref(), &start).await?;
        wasm_bindgen_futures::spawn_local(async move { sync.start().await });
        Ok(opened)
    }

    /// Sync brought a complete workspace and plan: opens them if nothing is open yet.
    pub(crate) async fn open_when_ready(&self) {
        if self.repo().is_some() || self.opening.replace(true) {
            return;
        }
        let request = self.request.borrow().clone();
        if let (Some(request), Some(sync)) = (request, self.sync()) {
            let agency = request.setup.agency().clone();
            let device = request.credential.as_ref().map_or(&request.device, |c| &c.device);
            let chosen = request.chosen_plan.as_deref();
            let start = TabStart { stashes: &request.stashed, tab: request.tab };
            match Repo::open_joined(sync.storage().clone(), device, &agency, chosen, &start).await {
                Ok(Some(o)) => self.take(o, &request),
                Ok(None) => {}
                Err(e) => self.tell(EngineEvent::Failed(e)),
            }
        }
        self.opening.set(false);
    }

    /// Holds what was opened and tells the page.
    fn take(&self, o: Opened, request: &OpenRequest) {
        self.listen_to_other_tabs(&o.repo);
        let (reports, tab) = (o.repo.reports_id(), o.repo.tab_id().to_owned());
        self.tell(EngineEvent::Tab { reports, tab, unstashed: o.unstashed });
        let data = Arc::new(PlanData { registry: o.registry, plan: o.plan, plans: o.plans });
        self.install(o.repo, Arc::clone(&data), request.device.clone(), request.setup.agency().clone());
        self.read_ahead();
        self.tell(EngineEvent::MyReports(o.reports));
        self.tell(EngineEvent::Plan(data));
        // What another tab's engine wrote while this one was loading was said on the channel
        // before this one listened: above all the engine of the page this one reloaded, whose
        // worker goes on writing for a moment after its page is gone. Read the chunks once more.
        self.refresh();
    }

    /// Takes in what other tabs write to my reports, when they say so.
    fn listen_to_other_tabs(&self, repo: &Repo) {
        let Some(channel) = repo.channel() else { return };
        let doc = repo.reports_id();
        let me = self.weak();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            if let (true, Some(engine)) = (is_about(&e, &doc), me.upgrade()) {
                engine.refresh();
            }
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // Lives as long as the engine's tab.
        on_message.forget();
    }
}
