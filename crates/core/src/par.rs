//! Independent work over many items: on every core natively, one by one in the browser (WASM
//! has no threads here). Results come back in the items' order.

/// `f` applied to every item, in order.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    #[cfg(not(target_arch = "wasm32"))]
    if items.len() > 1 {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len());
        if threads > 1 {
            let per = items.len().div_ceil(threads);
            let f = &f;
            return std::thread::scope(|scope| {
                let handles: Vec<_> =
                    items.chunks(per).map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<_>>())).collect();
                handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))).collect()
            });
        }
    }
    items.iter().map(f).collect()
}
