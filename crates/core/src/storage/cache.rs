//! A read cache for documents a device only reads (the plan, the workspace for an agency): the
//! hydrated value as JSON, valid exactly while the document's chunks are the same. Chunk keys
//! are hashes of their bytes, so the sorted list of keys fingerprints the content.

use super::{DocStore, Storage, StorageKey, StoreError, StoredDoc};
use crate::hex;
use crate::schema::{self, Document};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sha2::{Digest, Sha256};

const CACHE: &str = "cache";

/// The fingerprint of a set of chunk keys.
pub fn fingerprint(keys: &[StorageKey]) -> String {
    let mut encoded: Vec<String> = keys.iter().map(StorageKey::encode).collect();
    encoded.sort();
    hex::encode(&Sha256::digest(encoded.join("\n").as_bytes())[..16])
}

impl<S: Storage> DocStore<S> {
    /// Reads document `id` as `T`, from the cache when its chunks have not changed; `None` if
    /// storage holds no such document. The cache is refreshed on a miss.
    pub async fn read_cached<T: Document + Serialize + DeserializeOwned>(
        &self,
        id: &str,
    ) -> Result<Option<T>, StoreError> {
        let prefix = StorageKey::new([id])?;
        let entries = self.storage().load_range(&prefix).await?;
        let chunks: Vec<_> = entries.into_iter().filter(|(k, _)| k.parts().len() == 3).collect();
        if chunks.is_empty() {
            return Ok(None);
        }
        let keys: Vec<StorageKey> = chunks.iter().map(|(k, _)| k.clone()).collect();
        let cache_key = StorageKey::new([CACHE, id, &fingerprint(&keys)])?;
        if let Some(bytes) = self.storage().load(&cache_key).await? {
            if let Ok(value) = serde_json::from_slice::<T>(&bytes) {
                return Ok(Some(value));
            }
        }
        let mut d = StoredDoc::new(id, automerge::AutoCommit::new());
        d.absorb(chunks);
        let value: T = schema::read(&d.doc)?;
        let cache_prefix = StorageKey::new([CACHE, id])?;
        for (old, _) in self.storage().load_range(&cache_prefix).await? {
            self.storage().remove(&old).await?;
        }
        if let Ok(json) = serde_json::to_vec(&value) {
            self.storage().put(&cache_key, &json).await?;
        }
        Ok(Some(value))
    }
}
