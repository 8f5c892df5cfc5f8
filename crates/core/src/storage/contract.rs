//! The storage contract: one acceptance suite that every [`Storage`] must pass, run natively
//! against [`super::MemoryStorage`] and in headless Chromium against IndexedDB.
//!
//! Each check panics with a message naming what broke, as a test assertion does.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use super::{DocStore, Storage, StorageKey};
use automerge::transaction::Transactable;
use automerge::{AutoCommit, ReadDoc, ROOT};

fn key(parts: &[&str]) -> StorageKey {
    StorageKey::new(parts.iter().copied()).expect("valid key")
}

/// Runs every check, each on a fresh empty storage from `fresh`. Clones of a storage must share
/// its data (two tabs on one database).
pub async fn run_all<S: Storage + Clone>(fresh: impl AsyncFn() -> S) {
    put_then_load_returns_the_same_bytes(fresh().await).await;
    load_of_a_missing_key_is_none(fresh().await).await;
    put_replaces_and_remove_deletes(fresh().await).await;
    put_all_stores_every_entry(fresh().await).await;
    load_range_returns_exactly_the_keys_under_a_prefix(fresh().await).await;
    large_binary_chunks_round_trip(fresh().await).await;
    a_saved_document_reopens_with_its_changes(fresh().await).await;
    compaction_keeps_every_change_and_shrinks_the_chunks(fresh().await).await;
    two_handles_editing_one_document_lose_nothing(fresh().await).await;
    compaction_never_drops_a_chunk_it_has_not_loaded(fresh().await).await;
    a_damaged_chunk_is_skipped_and_kept(fresh().await).await;
    a_cached_read_follows_every_change_of_the_document(fresh().await).await;
    many_cached_reads_in_one_pass_agree_with_single_reads(fresh().await).await;
}

/// `read_cached_many` reads several documents in one pass, as `read_cached` would; a value
/// written with `write_cache` is served until the document's chunks change.
pub async fn many_cached_reads_in_one_pass_agree_with_single_reads<S: Storage + Clone>(s: S) {
    use crate::schema::genesis::{empty_reviews, genesis};
    use crate::schema::ReviewsDoc;
    let store = DocStore::new(s.clone());
    let ids: Vec<String> = ["reviews.a", "reviews.b", "reviews.none"].map(String::from).to_vec();
    let mut docs = Vec::new();
    for (id, plan) in [("reviews.a", "a"), ("reviews.b", "b")] {
        let plan = crate::ids::PlanId::new(plan).expect("id");
        docs.push(store.create(id, genesis(&empty_reviews(&plan)).expect("genesis")).await.expect("create"));
    }
    let many = store.read_cached_many::<ReviewsDoc>(&ids).await.expect("many").values;
    assert_eq!(many.len(), 2, "an id storage does not hold is left out");
    assert_eq!(many["reviews.b"].plan.as_str(), "b");
    let again = store.read_cached_many::<ReviewsDoc>(&ids).await.expect("many").values;
    assert_eq!(many, again, "hits give the same values");
    let single: ReviewsDoc = store.read_cached("reviews.a").await.expect("read").expect("present");
    assert_eq!(single, many["reviews.a"]);
    // A value cached by an importer is served while the chunks stay the same...
    let mut told = single.clone();
    told.plan = crate::ids::PlanId::new("from-the-importer").expect("id");
    store.write_cache("reviews.a", &told).await.expect("write cache");
    let served = store.read_cached_many::<ReviewsDoc>(&ids).await.expect("many").values;
    assert_eq!(served["reviews.a"].plan.as_str(), "from-the-importer");
    // ...and not once the document changes.
    let mut value = single;
    value.plan = crate::ids::PlanId::new("a2").expect("id");
    crate::schema::write(&mut docs[0].doc, &value).expect("write");
    store.save(&mut docs[0]).await.expect("save");
    let fresh = store.read_cached_many::<ReviewsDoc>(&ids).await.expect("many").values;
    assert_eq!(fresh["reviews.a"].plan.as_str(), "a2", "a stale cache was served");
    // A document that does not read as its kind is named, and the others are still read.
    let mut broken = store.open("reviews.b").await.expect("open").expect("held");
    automerge::transaction::Transactable::delete(&mut broken.doc, automerge::ROOT, "marks").expect("delete");
    broken.doc.commit();
    store.save(&mut broken).await.expect("save");
    let read = store.read_cached_many::<ReviewsDoc>(&ids).await.expect("many");
    assert_eq!(read.values.keys().collect::<Vec<_>>(), ["reviews.a"]);
    assert_eq!(read.unreadable.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(), ["reviews.b"]);
}

/// `put_all` stores every entry of a batch, across documents.
pub async fn put_all_stores_every_entry<S: Storage>(s: S) {
    let entries =
        vec![(key(&["a", "incremental", "1"]), vec![1u8; 10]), (key(&["b", "snapshot", "2"]), vec![2u8; 3000])];
    s.put_all(&entries).await.expect("put_all");
    for (k, v) in &entries {
        assert_eq!(s.load(k).await.expect("load").as_ref(), Some(v), "put_all lost {k}");
    }
    s.put_all(&[]).await.expect("an empty batch is fine");
}

/// The read cache gives the document's current value, before and after it changes.
pub async fn a_cached_read_follows_every_change_of_the_document<S: Storage + Clone>(s: S) {
    use crate::schema::genesis::{empty_reviews, genesis};
    use crate::schema::ReviewsDoc;
    let store = DocStore::new(s.clone());
    assert!(store.read_cached::<ReviewsDoc>("reviews.p").await.expect("read").is_none());
    let plan = crate::ids::PlanId::new("p").expect("id");
    let mut d = store.create("reviews.p", genesis(&empty_reviews(&plan)).expect("genesis")).await.expect("create");
    let first: ReviewsDoc = store.read_cached("reviews.p").await.expect("read").expect("present");
    assert!(first.marks.is_empty());
    let again: ReviewsDoc = store.read_cached("reviews.p").await.expect("read").expect("present");
    assert_eq!(first, again, "a hit gives the same value");
    let mut value = first.clone();
    value.plan = crate::ids::PlanId::new("p2").expect("id");
    crate::schema::write(&mut d.doc, &value).expect("write");
    store.save(&mut d).await.expect("save");
    let changed: ReviewsDoc = store.read_cached("reviews.p").await.expect("read").expect("present");
    assert_eq!(changed.plan.as_str(), "p2", "a stale cache was served");
    let caches = s.load_range(&key(&["cache", "reviews.p"])).await.expect("range");
    assert_eq!(caches.len(), 1, "old cache entries are removed");
}

/// Bytes put are the bytes loaded.
pub async fn put_then_load_returns_the_same_bytes<S: Storage>(s: S) {
    let k = key(&["doc", "incremental", "a"]);
    s.put(&k, &[0, 1, 2, 255]).await.expect("put");
    assert_eq!(s.load(&k).await.expect("load"), Some(vec![0, 1, 2, 255]));
}

/// A key never written loads as `None`.
pub async fn load_of_a_missing_key_is_none<S: Storage>(s: S) {
    assert_eq!(s.load(&key(&["nothing", "here"])).await.expect("load"), None);
}

/// Put overwrites; remove deletes; removing twice is fine.
pub async fn put_replaces_and_remove_deletes<S: Storage>(s: S) {
    let k = key(&["doc", "snapshot", "x"]);
    s.put(&k, b"one").await.expect("put");
    s.put(&k, b"two").await.expect("put again");
    assert_eq!(s.load(&k).await.expect("load").as_deref(), Some(&b"two"[..]));
    s.remove(&k).await.expect("remove");
    s.remove(&k).await.expect("remove again");
    assert_eq!(s.load(&k).await.expect("load"), None);
}

/// A prefix matches whole parts only: `doc` does not match `doc-2` or `docx`.
pub async fn load_range_returns_exactly_the_keys_under_a_prefix<S: Storage>(s: S) {
    for parts in [
        &["doc", "incremental", "1"][..],
        &["doc", "incremental", "2"],
        &["doc", "snapshot", "3"],
        &["doc-2", "incremental", "4"],
        &["docx", "incremental", "5"],
        &["do", "incremental", "6"],
    ] {
        s.put(&key(parts), parts[2].as_bytes()).await.expect("put");
    }
    let got: Vec<String> =
        s.load_range(&key(&["doc"])).await.expect("range").into_iter().map(|(k, _)| k.encode()).collect();
    assert_eq!(got, ["doc/incremental/1", "doc/incremental/2", "doc/snapshot/3"]);
    let inc = s.load_range(&key(&["doc", "incremental"])).await.expect("range");
    assert_eq!(inc.len(), 2);
    assert_eq!(inc[1].1, b"2");
    assert!(s.load_range(&key(&["missing"])).await.expect("range").is_empty());
    // Listing gives the same keys, in the same order, without the bytes.
    let listed: Vec<String> =
        s.list_range(&key(&["doc"])).await.expect("list").iter().map(StorageKey::encode).collect();
    assert_eq!(listed, got);
    let everything = s.list_range(&StorageKey::new(Vec::<String>::new()).expect("root")).await.expect("list");
    assert_eq!(everything.len(), 6, "the empty prefix lists every key");
    assert!(s.list_range(&key(&["missing"])).await.expect("list").is_empty());
}

/// A chunk of 2 MB with every byte value survives.
pub async fn large_binary_chunks_round_trip<S: Storage>(s: S) {
    let data: Vec<u8> = (0..2_000_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let k = key(&["big", "snapshot", "b"]);
    s.put(&k, &data).await.expect("put");
    assert!(s.load(&k).await.expect("load") == Some(data), "2 MB chunk came back different");
}

fn text_of(doc: &AutoCommit, field: &str) -> Option<String> {
    match doc.get(ROOT, field).expect("get") {
        Some((automerge::Value::Scalar(s), _)) => s.as_str().map(str::to_owned),
        _ => None,
    }
}

/// Saved incrementally, reopened from storage: every change is there.
pub async fn a_saved_document_reopens_with_its_changes<S: Storage>(s: S) {
    let store = DocStore::new(s);
    let mut d = store.create("report", AutoCommit::new()).await.expect("create");
    for i in 0..5 {
        d.doc.put(ROOT, format!("f{i}"), format!("v{i}")).expect("put");
        assert!(store.save(&mut d).await.expect("save"));
    }
    assert!(!store.save(&mut d).await.expect("save"), "nothing new, nothing written");
    let again = store.open("report").await.expect("open").expect("present");
    for i in 0..5 {
        assert_eq!(text_of(&again.doc, &format!("f{i}")), Some(format!("v{i}")));
    }
    assert!(store.open("other").await.expect("open").is_none());
}

/// Past the threshold the chunks fold into one snapshot, and nothing is lost.
pub async fn compaction_keeps_every_change_and_shrinks_the_chunks<S: Storage + Clone>(s: S) {
    let store = DocStore::with_compact_after(s.clone(), 4);
    let mut d = store.create("c", AutoCommit::new()).await.expect("create");
    for i in 0..10 {
        d.doc.put(ROOT, format!("k{i}"), i64::from(i)).expect("put");
        store.save(&mut d).await.expect("save");
    }
    let chunks = s.load_range(&key(&["c"])).await.expect("range").len();
    assert!(chunks <= 5, "{chunks} chunks after compaction");
    let again = store.open("c").await.expect("open").expect("present");
    assert_eq!(again.doc.keys(ROOT).count(), 10);
}

/// Two tabs: each edits, saves and refreshes; both end with both edits, and so does a reopen.
pub async fn two_handles_editing_one_document_lose_nothing<S: Storage + Clone>(s: S) {
    let a_store = DocStore::with_compact_after(s.clone(), 3);
    let b_store = DocStore::with_compact_after(s.clone(), 3);
    let mut a = a_store.create("shared", AutoCommit::new()).await.expect("create");
    let mut b = b_store.open("shared").await.expect("open").expect("present");
    for i in 0..6 {
        a.doc.put(ROOT, format!("a{i}"), "from a").expect("put");
        a_store.save(&mut a).await.expect("save a");
        b.doc.put(ROOT, format!("b{i}"), "from b").expect("put");
        b_store.save(&mut b).await.expect("save b");
    }
    a_store.refresh(&mut a).await.expect("refresh a");
    b_store.refresh(&mut b).await.expect("refresh b");
    assert_eq!(a.doc.keys(ROOT).count(), 12, "tab A misses edits");
    assert_eq!(b.doc.keys(ROOT).count(), 12, "tab B misses edits");
    let c = DocStore::new(s).open("shared").await.expect("open").expect("present");
    assert_eq!(c.doc.keys(ROOT).count(), 12, "storage misses edits");
}

/// A tab compacts while another tab's chunk, which it never loaded, sits in storage.
pub async fn compaction_never_drops_a_chunk_it_has_not_loaded<S: Storage + Clone>(s: S) {
    let store = DocStore::new(s.clone());
    let mut a = store.create("d", AutoCommit::new()).await.expect("create");
    let mut b = store.open("d").await.expect("open").expect("present");
    b.doc.put(ROOT, "only_b", "unseen by a").expect("put");
    store.save(&mut b).await.expect("save b");
    a.doc.put(ROOT, "only_a", "x").expect("put");
    store.compact(&mut a).await.expect("compact a");
    let c = store.open("d").await.expect("open").expect("present");
    assert_eq!(text_of(&c.doc, "only_b").as_deref(), Some("unseen by a"));
    assert_eq!(text_of(&c.doc, "only_a").as_deref(), Some("x"));
}

/// A chunk whose bytes no longer match its key is skipped, reported, and left in place.
pub async fn a_damaged_chunk_is_skipped_and_kept<S: Storage + Clone>(s: S) {
    let store = DocStore::new(s.clone());
    let mut d = store.create("e", AutoCommit::new()).await.expect("create");
    d.doc.put(ROOT, "good", "yes").expect("put");
    store.save(&mut d).await.expect("save");
    let bad = key(&["e", "incremental", "00ff"]);
    s.put(&bad, b"not automerge").await.expect("put");
    let again = store.open("e").await.expect("open").expect("present");
    assert_eq!(text_of(&again.doc, "good").as_deref(), Some("yes"));
    assert_eq!(again.unreadable_chunks(), 1);
    let mut again = again;
    store.compact(&mut again).await.expect("compact");
    assert!(s.load(&bad).await.expect("load").is_some(), "a damaged chunk was deleted");
}
