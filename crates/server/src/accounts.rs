//! Access codes: one per agency, issued by the provincial office on the server, printed once and
//! stored only as a salted SHA-256 hash in `DIR/accounts.json`. Issuing a new code revokes the old.

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
    /// and returns it, formatted
    /// `XXXX-XXXX-XXXX-XXXX`. The agency's previous code stops working.
    pub fn issue(&mut self, agency: AgencyId, random: [u8; 26], now_ms: i64) -> String {
        let shown = code_from(random[..CODE_LEN].try_into().unwrap_or_else(|_| unreachable!("16 bytes")));
        let code = normalise(&shown);
        let salt = hex(&random[CODE_LEN..]);
        let record = CodeRecord { hash: hash(&salt, &code), salt, issued_at_ms: now_ms };
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

    /// The agency whose current code this is, if any.
    pub fn verify(&self, code: &str) -> Option<&AgencyId> {
        let code = normalise(code);
        if code.len() != CODE_LEN {
            return None;
        }
        self.codes.iter().find(|(_, r)| hash(&r.salt, &code) == r.hash).map(|(a, _)| a)
    }
}

/// A code people type, from 16 random bytes (5 bits each: 80 bits): `XXXX-XXXX-XXXX-XXXX`, in
/// letters and digits that are not confused (no I, O, 0, 1).
pub fn code_from(random: [u8; CODE_LEN]) -> String {
    let code: Vec<u8> = random.iter().map(|b| ALPHABET[usize::from(b % 32)]).collect();
    code.chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join("-")
}

/// `N` random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], CliError> {
    let mut buf = [0u8; N];
    getrandom::fill(&mut buf).map_err(|e| CliError::Random(e.to_string()))?;
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
        let first = a.issue(id("so-y-te"), [7; 26], 1);
        assert_eq!(first.len(), 19);
        assert_eq!(a.verify(&first), Some(&id("so-y-te")));
        assert_eq!(a.verify(&first.to_lowercase().replace('-', " ")), Some(&id("so-y-te")));
        let mut other = [9u8; 26];
        other[0] = 1;
        let second = a.issue(id("so-y-te"), other, 2);
        assert_ne!(first, second);
        assert_eq!(a.verify(&first), None, "the old code is revoked");
        assert_eq!(a.verify(&second), Some(&id("so-y-te")));
        assert_eq!(a.verify("AAAA-AAAA"), None);
        assert_eq!(a.verify(""), None);
    }
}
