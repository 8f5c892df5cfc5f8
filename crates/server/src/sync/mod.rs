//! Online sync: the hub (sans-IO), its runner (group-committed writes, then sends) and the
//! WebSocket endpoint with its checks.

pub mod hub;
pub mod limits;
pub mod native_client;
mod nodes;
mod register_error;
pub mod runner;
pub mod socket;

pub use hub::{ConnId, Effect, Hub, Peer};
pub use limits::{OpenConnections, SyncLimits};
pub use nodes::follow_other_nodes;
pub use register_error::RegisterError;
pub use runner::HubHandle;
pub use socket::{AUTH_PREFIX, SUBPROTOCOL};
