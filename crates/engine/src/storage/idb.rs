//! IndexedDB storage: one object store of byte chunks under `/`-joined keys.

use js_sys::{Array, Promise, Uint8Array};
use tiendo_core::storage::{Storage, StorageError, StorageKey};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbKeyRange, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode};

const STORE: &str = "chunks";

fn js_err(what: &str) -> impl Fn(JsValue) -> StorageError + '_ {
    move |e| {
        let detail = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.dyn_ref::<web_sys::DomException>().map(|d| d.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| format!("{e:?}"));
        StorageError::Backend(format!("{what}: {detail}"))
    }
}

/// A promise settled by a request's `success` (with its result) or `error`.
fn request(req: &IdbRequest) -> JsFuture {
    let req = req.clone();
    JsFuture::from(Promise::new(&mut |resolve, reject| {
        let r = req.clone();
        let ok = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
        });
        let r = req.clone();
        let fail = Closure::once_into_js(move |_: web_sys::Event| {
            let e = r.error().ok().flatten().map(JsValue::from).unwrap_or_else(|| "request failed".into());
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(fail.unchecked_ref()));
    }))
}

/// A promise settled when a transaction commits (`complete`) or fails (`error`/`abort`).
fn committed(tx: &IdbTransaction) -> JsFuture {
    let tx = tx.clone();
    JsFuture::from(Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let reject2 = reject.clone();
        let t = tx.clone();
        let fail = Closure::once_into_js(move |_: web_sys::Event| {
            let e = t.error().map(JsValue::from).unwrap_or_else(|| "transaction failed".into());
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        let abort = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = reject2.call1(&JsValue::NULL, &"transaction aborted (quota?)".into());
        });
        tx.set_oncomplete(Some(ok.unchecked_ref()));
        tx.set_onerror(Some(fail.unchecked_ref()));
        tx.set_onabort(Some(abort.unchecked_ref()));
    }))
}

/// The IndexedDB of whatever global the engine runs in (a page's window or a worker's scope).
fn factory() -> Result<web_sys::IdbFactory, StorageError> {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("indexedDB"))
        .ok()
        .and_then(|f| f.dyn_into::<web_sys::IdbFactory>().ok())
        .ok_or_else(|| StorageError::Backend("IndexedDB is not available".into()))
}

/// Chunks in an IndexedDB database. Clones share the connection.
#[derive(Debug, Clone)]
pub struct IdbStorage {
    db: IdbDatabase,
}

impl IdbStorage {
    /// Opens (creating if needed) the database `name`.
    pub async fn open(name: &str) -> Result<Self, StorageError> {
        let factory = factory()?;
        let req: IdbOpenDbRequest = factory.open_with_u32(name, 1).map_err(js_err("open"))?;
        let upgrade = Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new({
            let req = req.clone();
            move |_| {
                if let Ok(db) = req.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
                    if !db.object_store_names().contains(STORE) {
                        let _ = db.create_object_store(STORE);
                    }
                }
            }
        });
        req.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
        let db = request(&req).await.map_err(js_err("open"))?;
        req.set_onupgradeneeded(None);
        drop(upgrade);
        let db: IdbDatabase = db.dyn_into().map_err(js_err("open"))?;
        Ok(Self { db })
    }

    /// Deletes the database `name` (tests start from nothing).
    pub async fn delete(name: &str) -> Result<(), StorageError> {
        let factory = factory()?;
        let req = factory.delete_database(name).map_err(js_err("delete"))?;
        request(&req).await.map_err(js_err("delete"))?;
        Ok(())
    }

    fn tx(&self, mode: IdbTransactionMode) -> Result<(IdbTransaction, web_sys::IdbObjectStore), StorageError> {
        let tx = self.db.transaction_with_str_and_mode(STORE, mode).map_err(js_err("transaction"))?;
        let store = tx.object_store(STORE).map_err(js_err("transaction"))?;
        Ok((tx, store))
    }
}

fn bytes_of(v: &JsValue) -> Option<Vec<u8>> {
    if v.is_undefined() || v.is_null() {
        return None;
    }
    if let Some(a) = v.dyn_ref::<Uint8Array>() {
        return Some(a.to_vec());
    }
    v.dyn_ref::<js_sys::ArrayBuffer>().map(|b| Uint8Array::new(b).to_vec())
}

impl Storage for IdbStorage {
    async fn load(&self, key: &StorageKey) -> Result<Option<Vec<u8>>, StorageError> {
        let (_tx, store) = self.tx(IdbTransactionMode::Readonly)?;
        let req = store.get(&JsValue::from_str(&key.encode())).map_err(js_err("get"))?;
        let v = request(&req).await.map_err(js_err("get"))?;
        Ok(bytes_of(&v))
    }

    async fn put(&self, key: &StorageKey, data: &[u8]) -> Result<(), StorageError> {
        let (tx, store) = self.tx(IdbTransactionMode::Readwrite)?;
        let done = committed(&tx);
        store.put_with_key(&Uint8Array::from(data), &JsValue::from_str(&key.encode())).map_err(js_err("put"))?;
        done.await.map_err(js_err("put"))?;
        Ok(())
    }

    async fn put_all(&self, entries: &[(StorageKey, Vec<u8>)]) -> Result<(), StorageError> {
        // One transaction: IndexedDB commits all of it or none.
        let (tx, store) = self.tx(IdbTransactionMode::Readwrite)?;
        let done = committed(&tx);
        for (key, data) in entries {
            store
                .put_with_key(&Uint8Array::from(data.as_slice()), &JsValue::from_str(&key.encode()))
                .map_err(js_err("put"))?;
        }
        done.await.map_err(js_err("put"))?;
        Ok(())
    }

    async fn remove(&self, key: &StorageKey) -> Result<(), StorageError> {
        let (tx, store) = self.tx(IdbTransactionMode::Readwrite)?;
        let done = committed(&tx);
        store.delete(&JsValue::from_str(&key.encode())).map_err(js_err("delete"))?;
        done.await.map_err(js_err("delete"))?;
        Ok(())
    }

    async fn load_range(&self, prefix: &StorageKey) -> Result<Vec<(StorageKey, Vec<u8>)>, StorageError> {
        let (tx, store) = self.tx(IdbTransactionMode::Readonly)?;
        // The prefix itself and everything under `prefix/`; `prefix-x` falls in between and is
        // filtered out below.
        let (lo, hi) = (prefix.encode(), prefix.range_end());
        let range = IdbKeyRange::bound(&JsValue::from_str(&lo), &JsValue::from_str(&hi)).map_err(js_err("range"))?;
        let keys_req = store.get_all_keys_with_key(&range).map_err(js_err("range"))?;
        let vals_req = store.get_all_with_key(&range).map_err(js_err("range"))?;
        let keys: Array = request(&keys_req).await.map_err(js_err("range"))?.unchecked_into();
        let vals: Array = request(&vals_req).await.map_err(js_err("range"))?.unchecked_into();
        drop(tx);
        let mut out = Vec::with_capacity(keys.length() as usize);
        for (k, v) in keys.iter().zip(vals.iter()) {
            let Some(k) = k.as_string().and_then(|k| StorageKey::decode(&k).ok()) else { continue };
            if k.starts_with(prefix) {
                out.push((k, bytes_of(&v).unwrap_or_default()));
            }
        }
        Ok(out)
    }

    async fn list_range(&self, prefix: &StorageKey) -> Result<Vec<StorageKey>, StorageError> {
        let (tx, store) = self.tx(IdbTransactionMode::Readonly)?;
        let (lo, hi) = (prefix.encode(), prefix.range_end());
        let range = IdbKeyRange::bound(&JsValue::from_str(&lo), &JsValue::from_str(&hi)).map_err(js_err("range"))?;
        let keys_req = store.get_all_keys_with_key(&range).map_err(js_err("range"))?;
        let keys: Array = request(&keys_req).await.map_err(js_err("range"))?.unchecked_into();
        drop(tx);
        Ok(keys
            .iter()
            .filter_map(|k| k.as_string().and_then(|k| StorageKey::decode(&k).ok()))
            .filter(|k| k.starts_with(prefix))
            .collect())
    }
}
