//! A synthetic province of 2026 for benchmarks: no districts; 14 departments, 10 other
//! provincial bodies and 126 commune-level units (105 xã, 19 phường, 2 đặc khu) report to the
//! province directly, on a plan whose text is written the way 2026 decisions are and read by the
//! parser like any other.

use crate::ids::{AgencyId, WorkspaceId};
use crate::model::{Agency, AgencyKind, Registry, Workspace};
use crate::parse::{parse_plan, ParseError, ParsedPlan};
use crate::text::slug;

/// How big a synthetic province-year is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProvinceSize {
    /// Trà Vinh's 2020 plan and its 36 agencies (9 districts).
    TraVinh2020,
    /// A 2026 province: the office, 14 departments, 10 other bodies and 126 communes.
    Province2026,
}

impl ProvinceSize {
    /// `AGENCIES=150` in the environment picks the 2026 province; anything else, Trà Vinh's 36.
    pub fn from_env() -> Self {
        match std::env::var("AGENCIES").ok().as_deref().map(str::trim) {
            Some("150") => ProvinceSize::Province2026,
            _ => ProvinceSize::TraVinh2020,
        }
    }

    /// Reporting agencies (the office reports too).
    pub fn label(self) -> &'static str {
        match self {
            ProvinceSize::TraVinh2020 => "36 agencies (Trà Vinh 2020)",
            ProvinceSize::Province2026 => "150 agencies (2026: 14 departments, 10 other bodies, 126 communes)",
        }
    }
}

/// The departments of a 2026 province (Nghị định 150/2025/NĐ-CP), with short names.
const DEPARTMENTS: [(&str, &str); 14] = [
    ("Sở Nội vụ", "SNV"),
    ("Sở Tư pháp", "STP"),
    ("Sở Tài chính", "STC"),
    ("Sở Công Thương", "SCT"),
    ("Sở Nông nghiệp và Môi trường", "SNNMT"),
    ("Sở Xây dựng", "SXD"),
    ("Sở Khoa học và Công nghệ", "SKHCN"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("Sở Y tế", "SYT"),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"),
    ("Sở Dân tộc và Tôn giáo", "SDTTG"),
    ("Sở Ngoại vụ", "SNGV"),
    ("Thanh tra tỉnh", "TTT"),
    ("Ban Quản lý các khu công nghiệp", "BQLKCN"),
];

/// Other provincial bodies that take tasks.
const OTHERS: [(&str, &str); 10] = [
    ("Thuế tỉnh", "TT"),
    ("Công an tỉnh", "CAT"),
    ("Bộ Chỉ huy Quân sự tỉnh", "BCHQS"),
    ("Ngân hàng Nhà nước Khu vực 14", "NHNN"),
    ("Thống kê tỉnh", "TK"),
    ("Kho bạc Nhà nước Khu vực XIX", "KBNN"),
    ("Bảo hiểm xã hội tỉnh", "BHXH"),
    ("Đài Phát thanh và Truyền hình tỉnh", "PTTH"),
    ("Báo tỉnh", "BT"),
    ("Liên minh Hợp tác xã tỉnh", "LMHTX"),
];

const SYLLABLES: [&str; 12] =
    ["An", "Bình", "Hòa", "Long", "Phú", "Tân", "Thạnh", "Mỹ", "Hiệp", "Lộc", "Trung", "Đông"];

/// The names of the 126 commune-level units: `xã Tân Hòa`, `phường Long Phú`, `đặc khu …`.
fn communes() -> Vec<(String, AgencyKind)> {
    let pairs =
        SYLLABLES.iter().flat_map(|a| SYLLABLES.iter().filter(move |b| *b != a).map(move |b| format!("{a} {b}")));
    pairs
        .take(126)
        .enumerate()
        .map(|(i, place)| match i {
            0..=104 => (format!("xã {place}"), AgencyKind::Commune),
            105..=123 => (format!("phường {place}"), AgencyKind::Commune),
            _ => (format!("đặc khu {place}"), AgencyKind::SpecialZone),
        })
        .collect()
}

/// The registry of the 2026 province.
pub fn registry_2026() -> Registry {
    let id = |name: &str| AgencyId::new(slug(name)).unwrap_or_else(|_| unreachable!("slugs of these names are ids"));
    let mut agencies = vec![Agency::new(id("vp-ubnd"), "Văn phòng UBND tỉnh", "VPUBND", AgencyKind::ProvincialOffice)];
    for (name, short) in DEPARTMENTS {
        agencies.push(Agency::new(id(name), name, short, AgencyKind::Department));
    }
    for (name, short) in OTHERS {
        agencies.push(Agency::new(id(name), name, short, AgencyKind::Other));
    }
    for (place, kind) in communes() {
        let name = format!("UBND {place}");
        agencies.push(Agency::new(id(&name), name, place, kind));
    }
    Registry::of(agencies)
}

/// The 2026 plan's text: a Roman part of tasks with Arabic sections inside, tasks led by each
/// department and body, tasks for every commune (`UBND các xã, phường, đặc khu`) and for named
/// ones, and the usual reporting schedule.
pub fn plan_text_2026() -> String {
    let mut t = String::from(
        "ỦY BAN NHÂN DÂN\nTỈNH VĨNH AN\nSố: 15/QĐ-UBND\nVĩnh An, ngày 08 tháng 01 năm 2026\n\
         QUYẾT ĐỊNH\nBan hành Kế hoạch hành động thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2026\n\
         I. MỤC TIÊU\nTốc độ tăng trưởng kinh tế đạt 8%.\nII. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU\n",
    );
    let communes = communes();
    let sections = ["Phát triển kinh tế", "Văn hóa, xã hội", "Chính quyền địa phương hai cấp"];
    let mut n = 0;
    for (si, section) in sections.iter().enumerate() {
        t.push_str(&format!("{}. {section}\n", si + 1));
        let mut k = 0;
        let mut task = |t: &mut String, body: String| {
            k += 1;
            t.push_str(&format!("{}.{k}. {body}\n", si + 1));
        };
        for (di, (dept, _)) in DEPARTMENTS.iter().enumerate().filter(|(di, _)| di % 3 == si) {
            let (other, _) = OTHERS[(di + si) % OTHERS.len()];
            task(&mut t, format!("{dept} chủ trì, phối hợp {other}: triển khai nhiệm vụ số {n} của ngành, hoàn thành trong quý IV năm 2026."));
            task(&mut t, format!("{dept}: rà soát, hoàn thiện văn bản hướng dẫn thuộc lĩnh vực quản lý; đạt 100% thủ tục trực tuyến toàn trình."));
            n += 1;
        }
        for (oi, (other, _)) in OTHERS.iter().enumerate().filter(|(oi, _)| oi % 3 == si) {
            task(&mut t, format!("{other}: thực hiện nhiệm vụ chuyên ngành số {oi} năm 2026."));
        }
        task(&mut t, "UBND các xã, phường, đặc khu: kiện toàn bộ máy, bảo đảm trung tâm phục vụ hành chính công hoạt động ổn định.".into());
        let named: Vec<String> = communes.iter().skip(si * 7).take(3).map(|(p, _)| format!("UBND {p}")).collect();
        task(&mut t, format!("{}: thí điểm mô hình chính quyền số cấp xã.", named.join(", ")));
    }
    t.push_str(
        "III. TỔ CHỨC THỰC HIỆN\n1. Các sở, ban, ngành tỉnh và UBND các xã, phường, đặc khu:\n\
         1.1. Hằng quý báo cáo, đánh giá tình hình thực hiện Kế hoạch này, gửi Văn phòng UBND tỉnh trước ngày 10 tháng cuối quý.\n\
         1.2. Tổng kết, đánh giá tình hình thực hiện Kế hoạch này gửi Văn phòng UBND tỉnh trước ngày 10 tháng 11 năm 2026.\n\
         2. Sở Tài chính tổng hợp báo cáo tình hình kinh tế - xã hội hàng tháng, báo cáo UBND tỉnh.\n",
    );
    t
}

/// The 2026 province's workspace, registry and parsed plan.
pub fn province_2026() -> Result<(Workspace, Registry, ParsedPlan), ParseError> {
    let registry = registry_2026();
    let parsed = parse_plan(&plan_text_2026(), &registry)?;
    let workspace = Workspace {
        id: WorkspaceId::new("vinh-an-2026").unwrap_or_else(|_| unreachable!("constant id is valid")),
        name: "Kế hoạch hành động năm 2026 — tỉnh Vĩnh An".to_owned(),
        province: "Vĩnh An".to_owned(),
        year: 2026,
        server: None,
    };
    Ok((workspace, registry, parsed))
}
