//! A seeded synthetic population and queries made from it, for tests and the benchmark.
//!
//! Persons are Azerbaijani (45 %), Russian (14 %), Turkish, Iranian, Georgian (8/8/7 %),
//! Indian, Chinese (5/5 %) and others (8 %), with Zipf-skewed name frequencies (one Azerbaijani
//! in seven is a Məmmədov, one man in eleven an Elçin), names in their own script plus an MRZ
//! form, Russian-style aliases for a quarter of the Azerbaijanis, partial birth dates (7 %),
//! dual nationality, stateless persons (XXA) and document numbers. Each person also carries
//! renderings of the name that are *not* indexed (Russian, English or Persian spellings), from
//! which queries are made.

mod queries;
mod render;
#[rustfmt::skip]
mod tables;

pub use queries::{SynthQuery, queries};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::record::{NameVariant, PartialDate, PersonRecord};
use render::{
    ascii_fold, az_to_en, az_to_ru, capitalise, feminine_surname, georgian_forms, mrz,
    ru_patronymic, ru_to_en,
};
use tables::*;

/// Where a synthetic person's name comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Azerbaijani.
    Azerbaijani,
    /// Russian.
    Russian,
    /// Turkish.
    Turkish,
    /// Iranian.
    Iranian,
    /// Georgian.
    Georgian,
    /// Indian.
    Indian,
    /// Chinese.
    Chinese,
    /// Anyone else.
    Other,
}

/// One way of writing a person's name, labelled by script or spelling (`az`, `mrz`, `ru`, `en`,
/// `fa`, `ka`, `latin`…).
#[derive(Clone, PartialEq, Eq)]
pub struct Rendering {
    /// Script or spelling.
    pub label: &'static str,
    /// The name parts in this rendering.
    pub name: NameVariant,
}

impl std::fmt::Debug for Rendering {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rendering")
            .field("label", &self.label)
            .finish_non_exhaustive()
    }
}

/// A synthetic person: the record the index gets, and how else the name may be written.
#[derive(Debug, Clone)]
pub struct SynthPerson {
    /// What is indexed.
    pub record: PersonRecord,
    /// Name origin.
    pub origin: Origin,
    /// Every rendering of the name, indexed or not.
    pub renderings: Vec<Rendering>,
}

/// Samples list indices with Zipf weights `1 / (rank + 1)^s`.
#[derive(Debug, Clone)]
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(n: usize, s: f64) -> Zipf {
        let mut total = 0.0;
        let cumulative = (0..n)
            .map(|i| {
                total += 1.0 / ((i + 1) as f64).powf(s);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    fn pick<'a>(&self, list: &'a [&'a str], rng: &mut StdRng) -> &'a str {
        let total = self.cumulative.last().copied().unwrap_or(1.0);
        let x = rng.random::<f64>() * total;
        let i = self
            .cumulative
            .partition_point(|&c| c < x)
            .min(list.len().saturating_sub(1));
        list.get(i).copied().unwrap_or("")
    }
}

fn variant(surname: &str, given: &str, patronymic: Option<String>) -> NameVariant {
    NameVariant {
        surname: surname.to_string(),
        given_names: Some(given.to_string()),
        patronymic,
    }
}

fn render(label: &'static str, name: NameVariant) -> Rendering {
    Rendering { label, name }
}

/// A Persian-table entry split into script and Latin spellings.
fn persian(entry: &str) -> (&str, Vec<&str>) {
    let mut parts = entry.split('|');
    let script = parts.next().unwrap_or("");
    (script, parts.collect())
}

/// A birth date, now and then known only to the year or the month.
fn birth_date(rng: &mut StdRng) -> PartialDate {
    let spread: f64 = (0..4).map(|_| rng.random::<f64>()).sum::<f64>() - 2.0;
    let year = (1982.0 + spread * 26.0).round().clamp(1935.0, 2015.0) as i32;
    let month = rng.random_range(1..=12u8);
    let day = rng.random_range(1..=umis_domain::mrz::days_in_month(year, month));
    let r = rng.random::<f64>();
    PartialDate {
        year,
        month: (r >= 0.04).then_some(month),
        day: (r >= 0.07).then_some(day),
    }
}

/// Generates `n` persons from `seed`; the same arguments give the same persons.
pub fn population(n: usize, seed: u64) -> Vec<SynthPerson> {
    let mut rng = StdRng::seed_from_u64(seed);
    let z = |len: usize, s: f64| Zipf::new(len, s);
    let az = (
        z(AZ_SURNAMES.len(), 0.9),
        z(AZ_MALE.len(), 0.6),
        z(AZ_FEMALE.len(), 0.6),
    );
    let ru = (
        z(RU_SURNAMES.len(), 0.7),
        z(RU_MALE.len(), 0.7),
        z(RU_FEMALE.len(), 0.7),
    );
    let tr = (
        z(TR_SURNAMES.len(), 0.8),
        z(TR_MALE.len(), 0.8),
        z(TR_FEMALE.len(), 0.8),
    );
    let ir = (
        z(IR_SURNAMES.len(), 0.8),
        z(IR_MALE.len(), 0.9),
        z(IR_FEMALE.len(), 0.8),
    );
    let ge = (
        z(GE_SURNAMES.len(), 0.6),
        z(GE_MALE.len(), 0.8),
        z(GE_FEMALE.len(), 0.8),
    );
    let ind = (
        z(IN_SURNAMES.len(), 0.8),
        z(IN_MALE.len(), 0.7),
        z(IN_FEMALE.len(), 0.7),
    );
    let cn = (z(CN_SURNAMES.len(), 0.9), z(CN_GIVEN.len(), 0.6));
    let other = (
        z(OTHER_SURNAMES.len(), 0.5),
        z(OTHER_MALE.len(), 0.5),
        z(OTHER_FEMALE.len(), 0.5),
    );
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let female = rng.random_bool(0.5);
        let roll = rng.random::<f64>();
        let origin = match roll {
            r if r < 0.45 => Origin::Azerbaijani,
            r if r < 0.59 => Origin::Russian,
            r if r < 0.67 => Origin::Turkish,
            r if r < 0.75 => Origin::Iranian,
            r if r < 0.82 => Origin::Georgian,
            r if r < 0.87 => Origin::Indian,
            r if r < 0.92 => Origin::Chinese,
            _ => Origin::Other,
        };
        let mut nationalities = vec![String::from(match origin {
            Origin::Azerbaijani => "AZE",
            Origin::Russian => "RUS",
            Origin::Turkish => "TUR",
            Origin::Iranian => "IRN",
            Origin::Georgian => "GEO",
            Origin::Indian => "IND",
            Origin::Chinese => "CHN",
            Origin::Other => "XXX",
        })];
        let mut renderings = Vec::new();
        match origin {
            Origin::Azerbaijani => {
                let surname = if rng.random_bool(0.75) {
                    az.0.pick(AZ_SURNAMES, &mut rng).to_string()
                } else {
                    let root = az.1.pick(AZ_MALE, &mut rng);
                    let vowel_end = root.chars().last().is_some_and(|c| "aeəıioöuü".contains(c));
                    match rng.random_range(0..4) {
                        0 => format!("{root}zadə"),
                        1 => format!("{root}li"),
                        _ if vowel_end => format!("{root}yev"),
                        _ => format!("{root}ov"),
                    }
                };
                let surname = if female {
                    feminine_surname(&surname)
                } else {
                    surname
                };
                let given = if female {
                    az.2.pick(AZ_FEMALE, &mut rng)
                } else {
                    az.1.pick(AZ_MALE, &mut rng)
                };
                let father = az.1.pick(AZ_MALE, &mut rng);
                let marker = if female { "qızı" } else { "oğlu" };
                let ru_father = az_to_ru(father, &mut rng);
                renderings.push(render(
                    "az",
                    variant(&surname, given, Some(format!("{father} {marker}"))),
                ));
                renderings.push(render("mrz", variant(&mrz(&surname), &mrz(given), None)));
                let ru_name = variant(
                    &az_to_ru(&surname, &mut rng),
                    &az_to_ru(given, &mut rng),
                    Some(ru_patronymic(&ru_father, female)),
                );
                renderings.push(render("ru", ru_name));
                renderings.push(render(
                    "en",
                    variant(
                        &az_to_en(&surname, &mut rng),
                        &az_to_en(given, &mut rng),
                        None,
                    ),
                ));
                if rng.random_bool(0.04) {
                    nationalities.push("RUS".into());
                }
            }
            Origin::Russian | Origin::Other => {
                let (surname, given, nat) = if origin == Origin::Russian {
                    let s = ru.0.pick(RU_SURNAMES, &mut rng);
                    let g = if female {
                        ru.2.pick(RU_FEMALE, &mut rng)
                    } else {
                        ru.1.pick(RU_MALE, &mut rng)
                    };
                    (s.to_string(), g, "RUS")
                } else {
                    let entry = other.0.pick(OTHER_SURNAMES, &mut rng);
                    let (nat, s) = entry.split_once('|').unwrap_or(("XXX", entry));
                    let g = if female {
                        other.2.pick(OTHER_FEMALE, &mut rng)
                    } else {
                        other.1.pick(OTHER_MALE, &mut rng)
                    };
                    (s.to_string(), g, nat)
                };
                nationalities[0] = nat.into();
                let cyrillic = surname
                    .chars()
                    .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
                let surname = if female && nat != "UKR" {
                    feminine_surname(&surname)
                } else {
                    surname
                };
                let patronymic = (origin == Origin::Russian)
                    .then(|| ru_patronymic(ru.1.pick(RU_MALE, &mut rng), female));
                renderings.push(render(
                    if cyrillic { "ru" } else { "latin" },
                    variant(&surname, given, patronymic),
                ));
                renderings.push(render("mrz", variant(&mrz(&surname), &mrz(given), None)));
                if cyrillic {
                    renderings.push(render(
                        "en",
                        variant(
                            &ru_to_en(&surname, &mut rng),
                            &ru_to_en(given, &mut rng),
                            None,
                        ),
                    ));
                }
            }
            Origin::Turkish => {
                let s = tr.0.pick(TR_SURNAMES, &mut rng);
                let g = if female {
                    tr.2.pick(TR_FEMALE, &mut rng)
                } else {
                    tr.1.pick(TR_MALE, &mut rng)
                };
                renderings.push(render("tr", variant(s, g, None)));
                renderings.push(render("mrz", variant(&mrz(s), &mrz(g), None)));
                renderings.push(render("en", variant(&ascii_fold(s), &ascii_fold(g), None)));
            }
            Origin::Iranian => {
                let (s_fa, s_en) = persian(ir.0.pick(IR_SURNAMES, &mut rng));
                let (g_fa, g_en) = persian(if female {
                    ir.2.pick(IR_FEMALE, &mut rng)
                } else {
                    ir.1.pick(IR_MALE, &mut rng)
                });
                let first = |v: &[&str]| v.first().copied().unwrap_or("").to_string();
                let any = |v: &[&str], rng: &mut StdRng| {
                    v.get(rng.random_range(0..v.len().max(1)))
                        .copied()
                        .unwrap_or("")
                        .to_string()
                };
                renderings.push(render("fa", variant(s_fa, g_fa, None)));
                renderings.push(render(
                    "mrz",
                    variant(
                        &first(&s_en).to_uppercase(),
                        &first(&g_en).to_uppercase(),
                        None,
                    ),
                ));
                let (s_alt, g_alt) = (any(&s_en, &mut rng), any(&g_en, &mut rng));
                renderings.push(render("en", variant(&s_alt, &g_alt, None)));
            }
            Origin::Georgian => {
                let s = ge.0.pick(GE_SURNAMES, &mut rng);
                let g = if female {
                    ge.2.pick(GE_FEMALE, &mut rng)
                } else {
                    ge.1.pick(GE_MALE, &mut rng)
                };
                let ((s_ka, s_ru), (g_ka, g_ru)) = (georgian_forms(s), georgian_forms(g));
                renderings.push(render("ka", variant(&s_ka, &g_ka, None)));
                renderings.push(render(
                    "mrz",
                    variant(&s.to_uppercase(), &g.to_uppercase(), None),
                ));
                renderings.push(render("latin", variant(s, g, None)));
                renderings.push(render("ru", variant(&s_ru, &g_ru, None)));
                if rng.random_bool(0.02) {
                    nationalities.push("RUS".into());
                }
            }
            Origin::Indian => {
                let s = ind.0.pick(IN_SURNAMES, &mut rng);
                let g = if female {
                    ind.2.pick(IN_FEMALE, &mut rng)
                } else {
                    ind.1.pick(IN_MALE, &mut rng)
                };
                renderings.push(render("latin", variant(s, g, None)));
                renderings.push(render(
                    "mrz",
                    variant(&s.to_uppercase(), &g.to_uppercase(), None),
                ));
            }
            Origin::Chinese => {
                let s = cn.0.pick(CN_SURNAMES, &mut rng);
                let g = cn.1.pick(CN_GIVEN, &mut rng);
                renderings.push(render("latin", variant(s, g, None)));
                renderings.push(render(
                    "mrz",
                    variant(&s.to_uppercase(), &g.to_uppercase(), None),
                ));
            }
        }
        if rng.random_bool(0.01) {
            nationalities = vec!["XXA".into()];
        }
        let mut names: Vec<NameVariant> =
            renderings.iter().take(2).map(|r| r.name.clone()).collect();
        if origin == Origin::Azerbaijani
            && rng.random_bool(0.25)
            && let Some(ru) = renderings.iter().find(|r| r.label == "ru")
        {
            names.push(ru.name.clone());
        }
        out.push(SynthPerson {
            record: PersonRecord {
                person_id: person_id(i),
                external_id: rng
                    .random_bool(0.3)
                    .then(|| format!("EXT-{:08}", i * 7 + 3)),
                names,
                birth_date: Some(birth_date(&mut rng)),
                nationalities,
                documents: documents(i, origin, &mut rng),
            },
            origin,
            renderings,
        });
    }
    out
}

/// A non-sequential, unique 11-digit person number for index `i` (multiplication by an odd
/// number is a bijection modulo 2^36).
pub fn person_id(i: usize) -> i64 {
    let mixed = (i as u64).wrapping_mul(0x9E37_79B9) & ((1 << 36) - 1);
    10_000_000_000 + mixed as i64
}

/// Unique document numbers in each origin's style; some persons have none, some two.
fn documents(i: usize, origin: Origin, rng: &mut StdRng) -> Vec<String> {
    let digits =
        |mul: u64, add: u64| ((i as u64).wrapping_mul(mul).wrapping_add(add)) % 100_000_000;
    let prefix = match origin {
        Origin::Azerbaijani => "C",
        Origin::Russian => "7",
        Origin::Turkish => "U",
        Origin::Iranian => "K",
        Origin::Georgian => "G",
        Origin::Indian => "Z",
        Origin::Chinese => "E",
        Origin::Other => "X",
    };
    let r = rng.random::<f64>();
    let mut out = Vec::new();
    if r < 0.9 {
        out.push(format!("{prefix}{:08}", digits(48_271, 12_345)));
    }
    if r < 0.1 {
        out.push(format!("A{prefix}{:08}", digits(69_621, 777)));
    }
    out
}

/// The name of a rendering written as one line in `surname, given, patronymic` order or
/// given-first, as a query would type it.
pub fn full_name(name: &NameVariant, given_first: bool, with_patronymic: bool) -> String {
    let given = name.given_names.clone().unwrap_or_default();
    let mut parts = if given_first {
        vec![given, name.surname.clone()]
    } else {
        vec![name.surname.clone(), given]
    };
    if with_patronymic && let Some(p) = &name.patronymic {
        parts.push(p.clone());
    }
    capitalise(
        &parts
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    )
}
