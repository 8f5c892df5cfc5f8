//! Reads the agency words at the head of a task: lists, implied "Sở", lead and coordinating
//! agencies, and groups, matched against the registry ignoring case and diacritics.

use crate::ids::AgencyId;
use crate::model::{AgencyGroup, Registry};
use crate::text::fold_ascii as ascii_fold;

/// What the agency words of one task say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgencyWords {
    /// Lead agencies found in the registry.
    pub lead: Vec<AgencyId>,
    /// Coordinating agencies found in the registry.
    pub coordinating: Vec<AgencyId>,
    /// Groups named as leads.
    pub groups: Vec<AgencyGroup>,
    /// Groups named as coordinating.
    pub coordinating_groups: Vec<AgencyGroup>,
    /// Names not in the registry, with whether they were named as lead.
    pub unknown: Vec<(String, bool)>,
}

/// Collective openings after which a second colon ends the agency list (`Các Sở: A, B; C:`).
const COLLECTIVE: [&str; 5] = ["cac so, nganh", "cac so nganh", "cac so", "cac co quan", "cac don vi"];

/// Splits a task body at the colon that ends its agency words: `(agencies, text)`.
pub fn split_head(body: &str) -> Option<(&str, &str)> {
    let first = body.find(':')?;
    let before = body[..first].trim();
    let folded = ascii_fold(before);
    let end = if COLLECTIVE.contains(&folded.as_str()) { first + 1 + body[first + 1..].find(':')? } else { first };
    // An agency head is one phrase: a sentence end before the colon means there is none.
    if body[..end].chars().count() > 400 || body[..end].contains(". ") {
        return None;
    }
    Some((body[..end].trim(), body[end + 1..].trim()))
}

struct Cursor<'a> {
    orig: Vec<char>,
    f: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        &self.f[self.pos..]
    }
    fn at_word_end(&self, len: usize) -> bool {
        self.f[self.pos + len..].chars().next().is_none_or(|c| !c.is_ascii_alphanumeric())
    }
    fn eat(&mut self, word: &str) -> bool {
        if self.rest().starts_with(word) && self.at_word_end(word.len()) {
            self.pos += word.len();
            true
        } else {
            false
        }
    }
    fn eat_any(&mut self, words: &[&str]) -> bool {
        words.iter().any(|w| self.eat(w))
    }
    fn skip_separators(&mut self) {
        loop {
            let before = self.pos;
            while self.rest().starts_with([' ', ',', ';', '.', ':', '(', ')', '-']) {
                self.pos += 1;
            }
            self.eat_any(&[
                "va",
                "cung",
                "voi",
                "cac co quan lien quan",
                "cac don vi lien quan",
                "co lien quan",
                "lien quan",
            ]);
            if self.pos == before {
                return;
            }
        }
    }
    fn original(&self, from: usize, to: usize) -> String {
        self.orig[from..to].iter().collect::<String>().trim().trim_end_matches([',', ';', '.']).to_owned()
    }
}

fn district_group(c: &mut Cursor<'_>) -> bool {
    let start = c.pos;
    c.eat_any(&["chu tich", "thu truong"]);
    c.skip_spaces();
    let body = c.eat_any(&["ubnd", "uy ban nhan dan"]);
    c.skip_spaces();
    let collective = body && c.eat_any(&["cac huyen", "cap huyen"]);
    // `UBND huyện, thị xã, thành phố` is every district; `UBND huyện Ba Tri` is one.
    let generic = !collective && body && c.eat("huyen") && {
        let rest = c.rest().trim_start();
        rest.is_empty()
            || rest.starts_with([',', ';', ':', '.'])
            || rest.starts_with("va ")
            || rest.starts_with("thi xa")
    };
    if collective || generic {
        c.eat_more_kinds(&["thi xa", "thanh pho", "tx", "tp"]);
        return true;
    }
    c.pos = start;
    c.eat_any(&["cac dia phuong", "dia phuong"])
}

/// `UBND các xã, phường(, đặc khu)`, `UBND cấp xã`, `các xã, phường`: every commune-level unit.
fn commune_group(c: &mut Cursor<'_>) -> bool {
    let start = c.pos;
    c.eat_any(&["chu tich", "thu truong"]);
    c.skip_spaces();
    let body = c.eat_any(&["ubnd", "uy ban nhan dan"]);
    c.skip_spaces();
    if c.eat("cap xa") || c.eat("cac xa") {
        c.eat_more_kinds(&["phuong", "dac khu", "thi tran"]);
        return true;
    }
    let _ = body;
    c.pos = start;
    false
}

fn department_group(c: &mut Cursor<'_>, colon_follows_ok: bool) -> bool {
    let start = c.pos;
    c.eat("thu truong");
    c.skip_spaces();
    if !c.eat("cac so") {
        c.pos = start;
        return false;
    }
    let mut named = false;
    loop {
        let save = c.pos;
        while c.rest().starts_with([' ', ',']) {
            c.pos += 1;
        }
        if c.eat_any(&["ban", "nganh", "doan the"]) {
            named = true;
        } else if named && c.eat("tinh") {
        } else {
            c.pos = save;
            break;
        }
    }
    // `Các Sở:` introduces a list; otherwise `các sở` alone is the group.
    let colon_next = c.rest().trim_start().starts_with(':');
    if colon_next && !colon_follows_ok {
        c.pos = start;
        return false;
    }
    true
}

impl Cursor<'_> {
    fn skip_spaces(&mut self) {
        while self.rest().starts_with(' ') {
            self.pos += 1;
        }
    }
    /// Eats the further kinds a group names after its first (`huyện, thị xã và thành phố`,
    /// `xã, phường, đặc khu`), each after a comma or `và`.
    fn eat_more_kinds(&mut self, kinds: &[&str]) {
        loop {
            let save = self.pos;
            while self.rest().starts_with([' ', ',']) {
                self.pos += 1;
            }
            self.eat("va");
            self.skip_spaces();
            if !self.eat_any(kinds) {
                self.pos = save;
                break;
            }
        }
    }
}

/// Whether folded text starts with the head of an agency's name (`Sở …`, `UBND …`): after `và`,
/// a new agency begins; otherwise `và` is inside a name (`Sở Nông nghiệp và Môi trường`).
fn starts_agency(f: &str) -> bool {
    [
        "so ",
        "ubnd",
        "uy ban",
        "ban ",
        "van phong",
        "cong an",
        "bo chi huy",
        "cac ",
        "thue ",
        "kho bac",
        "ngan hang",
        "truong ",
        "dai ",
        "lien minh",
        "hoi ",
        "tinh doan",
        "chi cuc",
        "cuc ",
        "bhxh",
        "bao hiem",
        "mat tran",
        "thanh tra",
        "vien ",
    ]
    .iter()
    .any(|h| f.starts_with(h))
}

/// Whether a known name matched at the cursor (`len` long) is followed by more of a name in
/// capitals, before any separator.
fn continues_name(c: &Cursor<'_>, len: usize) -> bool {
    let after = c.pos + len;
    let rest: String = c.orig[after.min(c.orig.len())..].iter().collect();
    let rest = rest.trim_start();
    let next_word_capital = rest.chars().next().is_some_and(char::is_uppercase);
    let folded = crate::text::fold_ascii(rest);
    next_word_capital && !folded.starts_with("ubnd") && !starts_agency(&folded)
}

/// A group the office named, at the cursor (`các xã biên giới`, also after `UBND`); longer
/// phrases first, so a named group wins over the standing group its name starts with.
fn named_group(c: &mut Cursor<'_>, phrases: &[(String, AgencyGroup)]) -> Option<AgencyGroup> {
    let rest = c.rest();
    let skip = if rest.starts_with("ubnd ") { "ubnd ".len() } else { 0 };
    for at in [0, skip] {
        let tail = &rest[at..];
        let found = phrases.iter().find(|(p, _)| {
            tail.starts_with(p.as_str()) && tail[p.len()..].chars().next().is_none_or(|ch| !ch.is_ascii_alphanumeric())
        });
        if let Some((p, g)) = found {
            c.pos += at + p.len();
            return Some(g.clone());
        }
    }
    None
}

/// Reads agency words (the part before the task's colon).
pub fn read_agencies(head: &str, registry: &Registry) -> AgencyWords {
    let f = ascii_fold(head);
    let phrases: Vec<(String, AgencyId)> = registry.phrases().into_iter().map(|(p, id)| (ascii_fold(&p), id)).collect();
    let group_phrases: Vec<(String, AgencyGroup)> =
        registry.group_phrases().into_iter().map(|(p, g)| (ascii_fold(&p), g)).collect();
    let mut c = Cursor { orig: head.chars().collect(), f: &f, pos: 0 };
    let mut out = AgencyWords::default();
    let mut implied_so = false;
    for p in COLLECTIVE {
        if c.rest().starts_with(p) && c.f[p.len()..].trim_start().starts_with(':') {
            implied_so = true;
            c.pos = p.len() + c.f[p.len()..].find(':').unwrap_or(0) + 1;
            break;
        }
    }
    let mut lead = true;
    loop {
        c.skip_separators();
        if c.pos >= c.f.len() {
            break;
        }
        if c.eat_any(&[
            "chu tri, phoi hop voi",
            "chu tri phoi hop voi",
            "chu tri, phoi hop",
            "phoi hop voi",
            "phoi hop cung",
            "phoi hop",
        ]) {
            lead = false;
            continue;
        }
        if c.eat("chu tri") {
            continue;
        }
        let group = if let Some(g) = named_group(&mut c, &group_phrases) {
            Some(g)
        } else if commune_group(&mut c) {
            Some(AgencyGroup::AllCommunes)
        } else if district_group(&mut c) {
            Some(AgencyGroup::AllDistricts)
        } else if department_group(&mut c, false) {
            Some(AgencyGroup::AllDepartments)
        } else {
            None
        };
        if let Some(g) = group {
            let list = if lead { &mut out.groups } else { &mut out.coordinating_groups };
            if !list.contains(&g) {
                list.push(g);
            }
            continue;
        }
        let found = phrases.iter().find_map(|(p, id)| {
            if c.rest().starts_with(p.as_str()) && c.at_word_end(p.len()) {
                return Some((p.len(), id));
            }
            let short = p.strip_prefix("so ")?;
            (implied_so && c.rest().starts_with(short) && c.at_word_end(short.len())).then_some((short.len(), id))
        });
        // A known name that goes on with capitals is another agency's longer name
        // (`Ngân hàng Nhà nước Khu vực 14`): read whole, below, as a name not known yet.
        let found = found.filter(|(len, _)| !continues_name(&c, *len));
        if let Some((len, id)) = found {
            c.pos += len;
            let already_lead = out.lead.contains(id);
            let list = if lead { &mut out.lead } else { &mut out.coordinating };
            if !list.contains(id) && !already_lead {
                list.push(id.clone());
            }
            continue;
        }
        let start = c.pos;
        // A comma ends a name only when another agency follows: 2025 names hold commas
        // (`Báo và Phát thanh, Truyền hình Cà Mau`, `Sở Văn hóa, Thể thao và Du lịch`).
        let next_is_agency = |after: &str| {
            let after = after.trim_start();
            starts_agency(after)
                || after.starts_with("bao ")
                || phrases.iter().any(|(p, _)| after.starts_with(p.as_str()))
        };
        let ends_name = |rest: &str| {
            rest.starts_with(';')
                || rest.strip_prefix(',').is_some_and(next_is_agency)
                || rest.starts_with(" phoi hop")
                || rest.starts_with(" chu tri")
                || (rest.starts_with(" va ") && starts_agency(&rest[4..]))
        };
        while c.pos < c.f.len() && !ends_name(c.rest()) {
            c.pos += 1;
        }
        let name = c.original(start, c.pos);
        if !name.is_empty() {
            out.unknown.push((name, lead));
        }
    }
    out
}
