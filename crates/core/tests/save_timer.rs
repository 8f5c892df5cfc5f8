//! When the engine writes what was typed: a draft at a pause in typing, the change once typing
//! settles (pure timing, natively).

use tiendo_core::engine::SaveTimer;

#[test]
fn typed_edits_are_written_at_a_pause_and_never_later_than_the_cap() {
    let mut w = SaveTimer::default();
    assert_eq!(w.wait_more(0.0), None, "nothing waits: a retry writes at once");
    // A key every 100 ms: each check finds typing going on, until the oldest edit hits the cap.
    w.edited(0.0);
    w.edited(100.0);
    w.edited(200.0);
    assert_eq!(w.wait_more(300.0), Some(200.0), "300 ms after the last key");
    w.edited(400.0);
    w.edited(550.0);
    assert_eq!(w.wait_more(600.0), Some(200.0), "the cap is nearer than the pause");
    w.edited(700.0);
    assert_eq!(w.wait_more(800.0), None, "800 ms after the first edit: written");
    // The next edit starts a new wait; a pause ends it.
    w.edited(900.0);
    assert_eq!(w.wait_more(1_150.0), Some(50.0));
    assert_eq!(w.wait_more(1_200.0), None, "300 ms quiet");
}

#[test]
fn the_change_is_closed_once_typing_settles_or_has_gone_on_for_a_minute() {
    let mut w = SaveTimer::default();
    assert_eq!(w.settle_more(0.0), None, "nothing open");
    w.edited(1_000.0);
    assert_eq!(w.wait_more(1_300.0), None, "the draft is written at the pause");
    assert!(w.handed_over());
    assert_eq!(w.settle_more(1_300.0), Some(4_700.0), "the change stays open for 5 s of quiet");
    w.edited(4_000.0);
    assert!(!w.handed_over(), "a new edit waits for the next draft");
    assert_eq!(w.settle_more(6_000.0), Some(3_000.0), "each edit restarts the wait");
    assert_eq!(w.settle_more(9_000.0), None, "settled");
    // Typing without a 5 s pause: closed a minute after the change opened.
    let mut w = SaveTimer::default();
    for t in (0..70).map(|s| f64::from(s) * 1_000.0) {
        w.edited(t);
        if t >= 60_000.0 {
            assert_eq!(w.settle_more(t), None, "open since 0, now {t}");
        } else {
            assert!(w.settle_more(t).is_some(), "{t}");
        }
    }
}
