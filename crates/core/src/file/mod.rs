//! Sync files for a USB stick: signed by a registered device, verified before anything is
//! touched, previewed in plain words, applied all or nothing, answered with a receipt.

mod error;
mod export;
mod format;
mod import;
pub mod invite;
mod key;
mod prepared;
mod preview;
pub mod share;

pub use error::FileError;
pub use export::{export, export_ids, export_with, file_name, receipt, Maker};
pub use format::{
    check_size, read, sha256_hex, write as write_raw, DocManifest, FileKind, Manifest, DEFAULT_MAX_BYTES, EXTENSION,
    FORMAT_VERSION, MAGIC,
};
pub use import::{holds_all, Incoming, Local, Verified};
pub use key::{verify, DeviceKey, SIGNATURE_BYTES};
pub use prepared::{Prepared, PreparedDoc};
pub use preview::{preview, preview_values, DocPreview, PeriodChange};
