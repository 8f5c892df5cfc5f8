//! Browser storage: IndexedDB for documents, with memory as the fallback where IndexedDB is
//! unavailable (private windows of some browsers).

mod any;
pub mod attested;
mod idb;
pub mod locks;

pub use any::AnyStorage;
pub use idb::IdbStorage;
