//! Small settings kept in the browser's local storage (gloo-storage).

use crate::i18n::Lang;
use gloo_storage::{LocalStorage, Storage};

use tiendo_core::ids::DeviceId;

const LANG_KEY: &str = "tiendo.lang";
const SETUP_KEY: &str = "tiendo.setup";
const DEVICE_KEY: &str = "tiendo.device";
/// The first part of the key of an answer typed to a request for an explanation, not sent yet.
const ANSWER_DRAFT_PREFIX: &str = "tiendo.answer-draft.";
const REPORTER_KEY: &str = "tiendo.reporter";
const CREDENTIAL_KEY: &str = "tiendo.credential";
const DEVICE_KEY_KEY: &str = "tiendo.device-key";
const EXPORTED_KEY: &str = "tiendo.exported-heads";
const PLAN_KEY: &str = "tiendo.plan";

pub use tiendo_core::engine::Setup;
pub use tiendo_core::sync::Credential;

/// The user's settings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    /// UI language.
    pub lang: Lang,
    /// The first-run choice, once made.
    pub setup: Option<Setup>,
}

impl Settings {
    /// Reads the settings; defaults where nothing is stored or storage is unavailable.
    pub fn load() -> Self {
        Self { lang: LocalStorage::get(LANG_KEY).unwrap_or_default(), setup: LocalStorage::get(SETUP_KEY).ok() }
    }
    /// Remembers the language. Storage may be full or disabled: the choice then lasts the session.
    pub fn save_lang(lang: Lang) {
        let _ = LocalStorage::set(LANG_KEY, lang);
    }
    /// Remembers the first-run choice.
    pub fn save_setup(setup: &Setup) {
        let _ = LocalStorage::set(SETUP_KEY, setup);
    }
    /// Forgets the first-run choice (the data stays in IndexedDB).
    pub fn clear_setup() {
        LocalStorage::delete(SETUP_KEY);
    }
    /// This browser's device id, made on first use.
    pub fn device() -> DeviceId {
        if let Some(id) = LocalStorage::get::<String>(DEVICE_KEY).ok().and_then(|s| DeviceId::new(s).ok()) {
            return id;
        }
        let hex = tiendo_core::hex::encode(&random::<16>());
        let id = DeviceId::new(hex).unwrap_or_else(|_| unreachable!("hex is a valid id"));
        let _ = LocalStorage::set(DEVICE_KEY, id.as_str());
        id
    }
    /// The plan document the user chose to open, if they chose one.
    pub fn chosen_plan() -> Option<String> {
        LocalStorage::get(PLAN_KEY).ok()
    }
    /// Remembers the plan to open.
    pub fn save_chosen_plan(doc: &str) {
        let _ = LocalStorage::set(PLAN_KEY, doc);
    }
    /// The credential from joining a server, if joined.
    pub fn credential() -> Option<Credential> {
        LocalStorage::get(CREDENTIAL_KEY).ok()
    }
    /// Remembers a credential; from now on this browser's changes carry the server's device id.
    pub fn save_credential(credential: &Credential) {
        let _ = LocalStorage::set(CREDENTIAL_KEY, credential);
        let _ = LocalStorage::set(DEVICE_KEY, credential.device.as_str());
    }
    /// Becomes the device an invitation registered: its id and its key.
    pub fn save_invited_device(device: &DeviceId, key: &tiendo_core::file::DeviceKey) {
        let _ = LocalStorage::set(DEVICE_KEY, device.as_str());
        let _ = LocalStorage::set(DEVICE_KEY_KEY, tiendo_core::hex::encode(&key.secret()));
    }
    /// This device's signing key (ed25519), made on first use from the browser's randomness.
    pub fn device_key() -> tiendo_core::file::DeviceKey {
        let stored = LocalStorage::get::<String>(DEVICE_KEY_KEY).ok().and_then(|h| tiendo_core::hex::decode(&h));
        if let Some(secret) = stored.and_then(|b| <[u8; 32]>::try_from(b).ok()) {
            return tiendo_core::file::DeviceKey::from_secret(secret);
        }
        let secret = random::<32>();
        let _ = LocalStorage::set(DEVICE_KEY_KEY, tiendo_core::hex::encode(&secret));
        tiendo_core::file::DeviceKey::from_secret(secret)
    }
    /// The heads of my reports that the last sync file exported from this laptop held (what
    /// left on a USB stick).
    pub fn exported_heads() -> Vec<String> {
        LocalStorage::get(EXPORTED_KEY).unwrap_or_default()
    }
    /// Remembers the heads of my reports an exported file held.
    pub fn save_exported_heads(heads: &[String]) {
        let _ = LocalStorage::set(EXPORTED_KEY, heads);
    }
    /// The name last typed when submitting a report.
    pub fn reporter() -> String {
        LocalStorage::get(REPORTER_KEY).unwrap_or_default()
    }
    /// Remembers the name typed when submitting.
    pub fn save_reporter(name: &str) {
        let _ = LocalStorage::set(REPORTER_KEY, name);
    }
    /// The answer being typed to the office's request `request`, not sent yet: kept as typed, so
    /// a reload or a closed tab loses nothing (it is not in the reports document, which the
    /// office reads, until sent).
    pub fn answer_draft(request: &str) -> Option<String> {
        LocalStorage::get(format!("{ANSWER_DRAFT_PREFIX}{request}")).ok()
    }
    /// Keeps the answer typed so far.
    pub fn save_answer_draft(request: &str, text: &str) {
        let _ = LocalStorage::set(format!("{ANSWER_DRAFT_PREFIX}{request}"), text);
    }
    /// The answer was sent: its draft goes.
    pub fn drop_answer_draft(request: &str) {
        LocalStorage::delete(format!("{ANSWER_DRAFT_PREFIX}{request}"));
    }
}

/// `N` random bytes from the browser (`crypto.getRandomValues`).
pub fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    bytes
}
