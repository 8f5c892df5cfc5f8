//! Prints how long the plan parser takes on synthetic plan texts of growing size, to show that
//! the time grows linearly (ms per MB stays flat). Run by `scripts/bench.sh`.

use std::time::Instant;
use tiendo_core::builtin::tra_vinh_registry;
use tiendo_core::parse::parse_plan;

/// A plan text of about `bytes` bytes: numbered sections of fifty tasks with agencies, bullet
/// items and targets, and a schedule.
fn plan_text(bytes: usize) -> String {
    let mut s = String::from(
        "ỦY BAN NHÂN DÂN\nTỈNH TRÀ VINH\nSố: 01/QĐ-UBND\nTrà Vinh, ngày 02 tháng 01 năm 2020\nKẾ HOẠCH HÀNH ĐỘNG\n",
    );
    let mut section = 0;
    while s.len() < bytes {
        section += 1;
        s.push_str(&format!("{section}. Nhóm giải pháp số {section} về phát triển kinh tế - xã hội\n"));
        for task in 1..=50 {
            s.push_str(&format!(
                "{section}.{task}. Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Tài chính, UBND các huyện, thị xã, \
                 thành phố: triển khai các giải pháp, phấn đấu tỷ lệ giải ngân đạt từ 90% trở lên, có thêm 67/85 xã \
                 đạt chuẩn nông thôn mới.\n- Rà soát danh mục dự án, tăng trưởng 13 - 14%;\n- Tổ chức kiểm tra, giám sát.\n"
            ));
        }
    }
    s.push_str("Tổ chức thực hiện\n1. Định kỳ hằng quý báo cáo trước ngày 10 tháng cuối quý.\n");
    s
}

fn main() {
    let registry = tra_vinh_registry().expect("registry");
    println!("{:>10} {:>8} {:>10} {:>10}", "bytes", "tasks", "ms", "ms per MB");
    for size in [125_000, 250_000, 500_000, 1_000_000, 2_000_000] {
        let text = plan_text(size);
        let mut best = f64::MAX;
        let mut tasks = 0;
        for _ in 0..3 {
            let t = Instant::now();
            let parsed = parse_plan(&text, &registry).expect("parses");
            best = best.min(t.elapsed().as_secs_f64() * 1000.0);
            tasks = parsed.plan.tasks().count();
        }
        println!("{:>10} {:>8} {:>10.1} {:>10.1}", text.len(), tasks, best, best / (text.len() as f64 / 1e6));
    }
}
