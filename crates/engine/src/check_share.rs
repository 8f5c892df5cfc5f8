//! What the sync-file check workers call (`public/check-worker.js`): one share of a file's
//! check ([`tiendo_core::file::share::check_share`]), answered as JSON. The engine's module
//! runs in the workers, started by the engine; its `main` starts no engine there.

use js_sys::{Array, Uint32Array, Uint8Array};
use tiendo_core::file::share::{check_share as check, HeldChunk, ShareOutcome, ShareRefusal, LOCAL_PROBLEM};
use tiendo_core::file::DEFAULT_MAX_BYTES;
use tiendo_core::storage::StorageKey;
use wasm_bindgen::prelude::*;

/// Checks the documents at the indexes `share` of the file `file`, given the held chunks
/// (`ids[i]`, `keys[i]`, `chunks[i]`: a document id, an encoded storage key, the bytes).
/// Returns a [`ShareOutcome`] as JSON.
#[wasm_bindgen]
pub fn check_share(file: &[u8], share: Uint32Array, ids: Array, keys: Array, chunks: Array) -> String {
    let outcome = match held(&ids, &keys, &chunks) {
        Ok(held) => {
            let share: Vec<usize> = share.to_vec().into_iter().map(|i| i as usize).collect();
            check(file, DEFAULT_MAX_BYTES, Some(&share), held)
        }
        Err(reason) => ShareOutcome::Refused(ShareRefusal { index: None, key: LOCAL_PROBLEM.into(), reason }),
    };
    serde_json::to_string(&outcome).unwrap_or_default()
}

fn held(ids: &Array, keys: &Array, chunks: &Array) -> Result<Vec<HeldChunk>, String> {
    if ids.length() != keys.length() || ids.length() != chunks.length() {
        return Err("the held chunks do not line up".into());
    }
    (0..ids.length())
        .map(|i| {
            let id = ids.get(i).as_string().ok_or("a document id is not a string")?;
            let key = keys.get(i).as_string().ok_or("a key is not a string")?;
            let key = StorageKey::decode(&key).map_err(|e| e.to_string())?;
            let bytes = chunks.get(i).dyn_into::<Uint8Array>().map_err(|_| "a chunk is not bytes")?.to_vec();
            Ok((id, key, bytes))
        })
        .collect()
}
