//! A read cache for documents a device only reads (the plan, the workspace for an agency): the
//! hydrated value as JSON, valid exactly while the document's chunks are the same. Chunk keys
//! are hashes of their bytes, so the sorted list of keys fingerprints the content.

use super::{DocStore, Storage, StorageKey, StoreError, StoredDoc};
use crate::hex;
use crate::schema::{self, Document};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

const CACHE: &str = "cache";

/// The fingerprint of a set of chunk keys.
pub fn fingerprint(keys: &[StorageKey]) -> String {
    let mut encoded: Vec<String> = keys.iter().map(StorageKey::encode).collect();
    encoded.sort();
    hex::encode(&Sha256::digest(encoded.join("\n").as_bytes())[..16])
}

/// What [`DocStore::read_cached_many`] read.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadMany<T> {
    /// The documents that read, by id.
    pub values: BTreeMap<String, T>,
    /// Those held that do not read as the kind asked for, with why.
    pub unreadable: Vec<(String, String)>,
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
        self.replace_cache(id, &fingerprint(&keys), &value).await?;
        Ok(Some(value))
    }
}

impl<S: Storage> DocStore<S> {
    /// Reads many documents as `T`: one listing of what storage holds (keys only), one read of
    /// the cache, and only the documents whose cache is stale loaded (and cached). Ids storage
    /// does not hold are left out.
    pub async fn read_cached_many<T: Document + Serialize + DeserializeOwned>(
        &self,
        ids: &[String],
    ) -> Result<ReadMany<T>, StoreError> {
        let wanted: std::collections::BTreeSet<&str> = ids.iter().map(String::as_str).collect();
        let mut chunks: BTreeMap<&str, Vec<StorageKey>> = BTreeMap::new();
        for key in self.storage().list_range(&StorageKey::new(Vec::<String>::new())?).await? {
            let parts = key.parts();
            if parts.len() == 3 && parts[0] != CACHE {
                if let Some(id) = wanted.get(parts[0].as_str()) {
                    chunks.entry(id).or_default().push(key);
                }
            }
        }
        let mut cached: BTreeMap<(String, String), Vec<u8>> = BTreeMap::new();
        for (key, bytes) in self.storage().load_range(&StorageKey::new([CACHE])?).await? {
            if let [_, id, fp] = key.parts() {
                cached.insert((id.clone(), fp.clone()), bytes);
            }
        }
        let mut out = BTreeMap::new();
        let mut unreadable = Vec::new();
        for (id, keys) in chunks {
            let fp = fingerprint(&keys);
            if let Some(v) = cached.get(&(id.to_owned(), fp.clone())).and_then(|b| serde_json::from_slice::<T>(b).ok())
            {
                out.insert(id.to_owned(), v);
                continue;
            }
            let mut d = StoredDoc::new(id, automerge::AutoCommit::new());
            let doc_chunks = self.storage().load_range(&StorageKey::new([id])?).await?;
            d.absorb(doc_chunks.into_iter().filter(|(k, _)| k.parts().len() == 3).collect());
            // One damaged document (one a laptop took before documents were checked whole) must
            // not keep the office from the others: it is named, and the rest is read.
            match schema::read::<T, _>(&d.doc) {
                Ok(value) => {
                    self.replace_cache(id, &fp, &value).await?;
                    out.insert(id.to_owned(), value);
                }
                Err(e) => unreadable.push((id.to_owned(), e.to_string())),
            }
        }
        Ok(ReadMany { values: out, unreadable })
    }

    /// Caches `value` as document `id`'s value for the chunks storage holds now (after an import
    /// that already read the value, so that the next reader need not load the document).
    pub async fn write_cache<T: Document + Serialize>(&self, id: &str, value: &T) -> Result<(), StoreError> {
        let prefix = StorageKey::new([id])?;
        let keys: Vec<StorageKey> = self
            .storage()
            .load_range(&prefix)
            .await?
            .into_iter()
            .map(|(k, _)| k)
            .filter(|k| k.parts().len() == 3)
            .collect();
        if keys.is_empty() {
            return Ok(());
        }
        self.replace_cache(id, &fingerprint(&keys), value).await
    }

    async fn replace_cache<T: Serialize>(&self, id: &str, fp: &str, value: &T) -> Result<(), StoreError> {
        let cache_prefix = StorageKey::new([CACHE, id])?;
        for (old, _) in self.storage().load_range(&cache_prefix).await? {
            self.storage().remove(&old).await?;
        }
        if let Ok(json) = serde_json::to_vec(value) {
            self.storage().put(&StorageKey::new([CACHE, id, fp])?, &json).await?;
        }
        Ok(())
    }
}
