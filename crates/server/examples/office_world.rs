//! Writes a data directory holding the built-in plan and a province-year of reports (every
//! agency, most submitted, some late, some drafts): for looking at the office's exports.
//!   cargo run -p tiendo-server --example office_world -- DIR
#![allow(clippy::expect_used)]

fn main() {
    let dir = std::env::args().nth(1).expect("usage: office_world DIR");
    let store = tiendo_server::store::DataDir::new(&dir);
    store.init_builtin().expect("init");
    for r in tiendo_core::synthetic::province_year(400).expect("synthetic") {
        store.write_doc(&r.id, &r.bytes).expect("write");
    }
    println!("{dir}: built-in plan and a province-year of reports");
}
