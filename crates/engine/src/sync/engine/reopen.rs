//! Documents written to storage behind the engine's back (a sync file imported on this laptop):
//! the engine takes them in and sends them on, so an office that is online passes a district's
//! file to the server at once, not at the app's next start.

use super::SyncEngine;
use tiendo_core::sync::DriverEvent;

impl SyncEngine {
    /// Reopens each of `ids` the engine holds from storage, keeps anything the old handle had
    /// that storage lacks, and sends what is new to the server. One document at a time, so the
    /// page stays responsive while a province-year file is taken in.
    pub async fn take_in_stored(&self, ids: &[String]) {
        // The file's attestations go first: the server takes its changes only with them.
        let attested = self.attested_by_authors().await;
        self.run(DriverEvent::AttestedLoaded(attested));
        for id in ids {
            if !self.docs.borrow().contains_key(id) {
                continue;
            }
            // Opened afresh, the largest chunk (an imported file's whole document) loads into an
            // empty document at once; loading it into the old handle would apply each change anew.
            let Ok(Some(mut fresh)) = self.store.open(id).await else { continue };
            {
                let mut docs = self.docs.borrow_mut();
                let Some(old) = docs.get_mut(id) else { continue };
                // What arrived by sync while storage was read: nearly free when it holds nothing new.
                if fresh.doc.merge(&mut old.doc).is_err() {
                    continue;
                }
                *old = fresh;
            }
            self.run(DriverEvent::Changed(id.clone()));
        }
        self.push_new_wanted().await;
        self.push_reports();
    }
}
