//! Access codes: one per agency, issued by the provincial office on the server, printed once and
//! stored only as a salted SHA-256 hash in `DIR/accounts.json`. Issuing a new code revokes the old.
//! A code joins a set number of laptops (one unless the office says more) within a set number of
//! days (seven unless it says otherwise), then stops working: a code that leaks later lets nobody
//! in, and one that leaks before use is noticed when the agency's own laptop cannot join.

use crate::error::CliError;
use crate::store::DataDir;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use tiendo_core::ids::{AgencyId, DeviceId};

/// Letters and digits that cannot be misread for each other (no I, O, 0, 1).
const ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/// Characters in a code: 16 × 5 bits = 80 bits.
const CODE_LEN: usize = 16;

/// One agency's current code, hashed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeRecord {
    /// Random salt, hex.
    pub salt: String,
    /// SHA-256 of salt and the normalised code, hex.
    pub hash: String,
    /// When issued, Unix milliseconds.
    pub issued_at_ms: i64,
    /// Laptops it may still join (codes stored before this field: one).
    #[serde(default = "one")]
    pub uses_left: u32,
    /// When it stops working, Unix milliseconds (0 in codes stored before this field: seven
    /// days after issue).
    #[serde(default)]
    pub expires_at_ms: i64,
}

fn one() -> u32 {
    1
}

/// How long and how often a new code works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodePolicy {
    /// Laptops it may join.
    pub laptops: u32,
    /// Days it works.
    pub days: u32,
}

impl Default for CodePolicy {
    fn default() -> Self {
        Self { laptops: 1, days: 7 }
    }
}

const DAY_MS: i64 = 86_400_000;

impl CodeRecord {
    /// Whether it still works at `now_ms`.
    fn works_at(&self, now_ms: i64) -> bool {
        let expires = if self.expires_at_ms == 0 { self.issued_at_ms + 7 * DAY_MS } else { self.expires_at_ms };
        self.uses_left > 0 && now_ms < expires
    }
}

/// A device that joined with an agency's code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceRecord {
    /// The agency it writes for.
    pub agency: AgencyId,
    /// SHA-256 of its credential, hex (credentials are 256 random bits: no salt needed).
    pub token_hash: String,
    /// When it joined, Unix milliseconds.
    pub joined_at_ms: i64,
}

/// The agencies' access codes and the devices that joined with them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accounts {
    /// Current code per agency.
    pub codes: BTreeMap<AgencyId, CodeRecord>,
    /// Devices by id.
    #[serde(default)]
    pub devices: BTreeMap<DeviceId, DeviceRecord>,
}

use tiendo_core::hex::encode as hex;

/// The time now, Unix milliseconds.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

fn hash(salt: &str, code: &str) -> String {
    hex(&Sha256::digest(format!("{salt}:{code}").as_bytes()))
}

/// A code as typed (any case, with or without dashes and spaces) in its stored form.
pub fn normalise(code: &str) -> String {
    code.chars().filter(|c| !matches!(c, '-' | ' ')).flat_map(char::to_uppercase).collect()
}

impl Accounts {
    fn path(dir: &DataDir) -> std::path::PathBuf {
        dir.root().join("accounts.json")
    }

    /// Reads the accounts of a data directory (none issued yet if the file is missing).
    pub fn load(dir: &DataDir) -> Result<Self, CliError> {
        let path = Self::path(dir);
        match std::fs::read(&path) {
            Ok(bytes) => Ok(serde_json::from_slice(&bytes)?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(CliError::io(&path)(e)),
        }
    }

    /// Writes the accounts atomically.
    pub fn save(&self, dir: &DataDir) -> Result<(), CliError> {
        dir.write_file(&Self::path(dir), &serde_json::to_vec_pretty(self)?)
    }

    /// Issues a new code for `agency` from 26 random bytes (16 for the code, 10 for the salt)
    /// and returns it, formatted `XXXX-XXXX-XXXX-XXXX`; it works as `policy` says. The agency's
    /// previous code stops working.
    pub fn issue(&mut self, agency: AgencyId, random: [u8; 26], now_ms: i64, policy: CodePolicy) -> String {
        let shown = code_from(random[..CODE_LEN].try_into().unwrap_or_else(|_| unreachable!("16 bytes")));
        let code = normalise(&shown);
        let salt = hex(&random[CODE_LEN..]);
        let record = CodeRecord {
            hash: hash(&salt, &code),
            salt,
            issued_at_ms: now_ms,
            uses_left: policy.laptops,
            expires_at_ms: now_ms + i64::from(policy.days) * DAY_MS,
        };
        self.codes.insert(agency, record);
        shown
    }

    /// Registers a new device of `agency` from 48 random bytes (16 for its id, 32 for its
    /// credential). Returns the id and the credential, which is stored only hashed.
    pub fn register_device(&mut self, agency: AgencyId, random: [u8; 48], now_ms: i64) -> (DeviceId, String) {
        let id = DeviceId::new(hex(&random[..16])).unwrap_or_else(|_| unreachable!("hex is a valid id"));
        let token = hex(&random[16..]);
        let token_hash = hex(&Sha256::digest(token.as_bytes()));
        self.devices.insert(id.clone(), DeviceRecord { agency, token_hash, joined_at_ms: now_ms });
        (id, token)
    }

    /// The agency of a device whose credential this is, if it is.
    pub fn authenticate(&self, device: &DeviceId, token: &str) -> Option<&AgencyId> {
        let record = self.devices.get(device)?;
        (hex(&Sha256::digest(token.as_bytes())) == record.token_hash).then_some(&record.agency)
    }

    /// The agency whose current code this is, if it still works at `now_ms`.
    pub fn verify(&self, code: &str, now_ms: i64) -> Option<&AgencyId> {
        let code = normalise(code);
        if code.len() != CODE_LEN {
            return None;
        }
        self.codes.iter().find(|(_, r)| hash(&r.salt, &code) == r.hash && r.works_at(now_ms)).map(|(a, _)| a)
    }

    /// Revokes an agency's access code and every credential of its devices (the office retired
    /// it or merged it into another). Returns how many devices lost their credential.
    pub fn end_agency(&mut self, agency: &AgencyId) -> usize {
        self.codes.remove(agency);
        let before = self.devices.len();
        self.devices.retain(|_, d| &d.agency != agency);
        before - self.devices.len()
    }

    /// Counts one use of `agency`'s code (a laptop joined with it).
    pub fn use_code(&mut self, agency: &AgencyId) {
        if let Some(r) = self.codes.get_mut(agency) {
            r.uses_left = r.uses_left.saturating_sub(1);
        }
    }
}

/// A code people type, from 16 random bytes (5 bits each: 80 bits): `XXXX-XXXX-XXXX-XXXX`, in
/// letters and digits that are not confused (no I, O, 0, 1).
pub fn code_from(random: [u8; CODE_LEN]) -> String {
    let code: Vec<u8> = random.iter().map(|b| ALPHABET[usize::from(b % 32)]).collect();
    code.chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join("-")
}

/// `N` random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], crate::serve_error::NoRandomness> {
    let mut buf = [0u8; N];
    getrandom::fill(&mut buf).map_err(crate::serve_error::NoRandomness)?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> AgencyId {
        AgencyId::new(s).expect("id")
    }

    #[test]
    fn a_code_verifies_as_typed_in_any_case_and_a_new_code_revokes_the_old() {
        let mut a = Accounts::default();
        let first = a.issue(id("so-y-te"), [7; 26], 1, CodePolicy::default());
        assert_eq!(first.len(), 19);
        assert_eq!(a.verify(&first, 2), Some(&id("so-y-te")));
        assert_eq!(a.verify(&first.to_lowercase().replace('-', " "), 2), Some(&id("so-y-te")));
        let mut other = [9u8; 26];
        other[0] = 1;
        let second = a.issue(id("so-y-te"), other, 2, CodePolicy::default());
        assert_ne!(first, second);
        assert_eq!(a.verify(&first, 3), None, "the old code is revoked");
        assert_eq!(a.verify(&second, 3), Some(&id("so-y-te")));
        assert_eq!(a.verify("AAAA-AAAA", 3), None);
        assert_eq!(a.verify("", 3), None);
    }

    #[test]
    fn a_code_works_for_as_many_laptops_and_days_as_issued_then_stops() {
        let mut a = Accounts::default();
        let code = a.issue(id("so-y-te"), [7; 26], 0, CodePolicy { laptops: 2, days: 3 });
        for _ in 0..2 {
            assert_eq!(a.verify(&code, 1), Some(&id("so-y-te")));
            a.use_code(&id("so-y-te"));
        }
        assert_eq!(a.verify(&code, 1), None, "used up");
        let code = a.issue(id("so-y-te"), [8; 26], 0, CodePolicy { laptops: 5, days: 3 });
        assert_eq!(a.verify(&code, 3 * DAY_MS - 1), Some(&id("so-y-te")));
        assert_eq!(a.verify(&code, 3 * DAY_MS), None, "expired");
    }

    #[test]
    fn a_code_stored_before_limits_works_once_within_seven_days() {
        let mut a = Accounts::default();
        let code = a.issue(id("so-y-te"), [7; 26], 0, CodePolicy::default());
        let json = serde_json::to_string(&a)
            .expect("json")
            .replace(",\"uses_left\":1", "")
            .replace(",\"expires_at_ms\":604800000", "");
        assert!(!json.contains("uses_left") && !json.contains("expires_at_ms"), "{json}");
        let old: Accounts = serde_json::from_str(&json).expect("old accounts");
        assert_eq!(old.verify(&code, 7 * DAY_MS - 1), Some(&id("so-y-te")));
        assert_eq!(old.verify(&code, 7 * DAY_MS), None);
    }
}
