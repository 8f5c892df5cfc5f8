//! A device's signing key: ed25519, made from 32 random bytes on first use; its public half is
//! registered in the workspace document with the device's agency.

use crate::hex;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};

/// Bytes of a signature.
pub const SIGNATURE_BYTES: usize = 64;

/// A device's private key.
#[derive(Clone)]
pub struct DeviceKey(SigningKey);

impl std::fmt::Debug for DeviceKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DeviceKey({})", self.public_hex())
    }
}

impl DeviceKey {
    /// The key made from 32 secret random bytes.
    pub fn from_secret(secret: [u8; 32]) -> Self {
        Self(SigningKey::from_bytes(&secret))
    }
    /// The secret, to keep on the device.
    pub fn secret(&self) -> [u8; 32] {
        self.0.to_bytes()
    }
    /// The public key, hex (as the workspace document stores it).
    pub fn public_hex(&self) -> String {
        hex::encode(self.0.verifying_key().as_bytes())
    }
    /// Signs `message`.
    pub fn sign(&self, message: &[u8]) -> [u8; SIGNATURE_BYTES] {
        self.0.sign(message).to_bytes()
    }
}

/// Whether `signature` is `public_hex`'s signature of `message`.
pub fn verify(public_hex: &str, message: &[u8], signature: &[u8]) -> bool {
    let Some(Ok(public)) = hex::decode(public_hex).map(|b| <[u8; 32]>::try_from(b.as_slice()).map_err(|_| ())) else {
        return false;
    };
    let Ok(key) = VerifyingKey::from_bytes(&public) else { return false };
    let Ok(signature) = Signature::from_slice(signature) else { return false };
    key.verify(message, &signature).is_ok()
}

/// Carried between the page and the engine as the secret's hex (both are this laptop's).
impl serde::Serialize for DeviceKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::hex::encode(&self.secret()))
    }
}

impl<'de> serde::Deserialize<'de> for DeviceKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let hex = String::deserialize(d)?;
        let secret = crate::hex::decode(&hex)
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .ok_or_else(|| serde::de::Error::custom("a device key is 64 hex digits"))?;
        Ok(DeviceKey::from_secret(secret))
    }
}
