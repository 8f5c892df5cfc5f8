//! The limits on sync connections, and the count of what is open per device and address.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use tiendo_core::ids::DeviceId;

/// Limits on what one connection may send.
#[derive(Debug, Clone, Copy)]
pub struct SyncLimits {
    /// Largest message (and frame), bytes.
    pub max_message_bytes: usize,
    /// Messages per second a connection may keep up.
    pub messages_per_second: u32,
    /// Messages a connection may send at once before the rate applies.
    pub burst: u32,
    /// Connections one device may hold at once (a tab each, and a reconnect's overlap).
    pub per_device: usize,
    /// Connections one address may hold at once (an office's laptops behind one router share it).
    pub per_address: usize,
}

impl Default for SyncLimits {
    fn default() -> Self {
        Self { max_message_bytes: 16 << 20, messages_per_second: 200, burst: 2000, per_device: 8, per_address: 512 }
    }
}

/// The sync connections open, per device and per address.
#[derive(Debug, Default)]
pub struct OpenConnections {
    counts: Mutex<(HashMap<DeviceId, usize>, HashMap<IpAddr, usize>)>,
}

/// One open connection's place; given back when dropped.
#[derive(Debug)]
pub struct Slot {
    owner: Arc<OpenConnections>,
    device: DeviceId,
    ip: IpAddr,
}

impl OpenConnections {
    /// A place for a connection of `device` from `ip`, if both are under their caps.
    pub fn take(self: &Arc<Self>, device: &DeviceId, ip: IpAddr, limits: &SyncLimits) -> Option<Slot> {
        let mut counts = self.counts.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (by_device, by_ip) = &mut *counts;
        if by_device.get(device).copied().unwrap_or(0) >= limits.per_device
            || by_ip.get(&ip).copied().unwrap_or(0) >= limits.per_address
        {
            return None;
        }
        *by_device.entry(device.clone()).or_default() += 1;
        *by_ip.entry(ip).or_default() += 1;
        Some(Slot { owner: self.clone(), device: device.clone(), ip })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut counts = self.owner.counts.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (by_device, by_ip) = &mut *counts;
        let release = |n: Option<&mut usize>| n.map(|n| *n = n.saturating_sub(1));
        release(by_device.get_mut(&self.device));
        release(by_ip.get_mut(&self.ip));
        by_device.retain(|_, n| *n > 0);
        by_ip.retain(|_, n| *n > 0);
    }
}
