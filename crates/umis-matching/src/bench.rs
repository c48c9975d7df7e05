//! The search benchmark: build an index over a synthetic population, run generated queries,
//! and report build time, memory, latency percentiles, recall and precision at "refer".

use std::collections::BTreeMap;
use std::time::Instant;

use serde::Serialize;

use crate::explain::{DateMatch, REFER_THRESHOLD};
use crate::index::PersonIndex;
use crate::synth::{SynthPerson, SynthQuery, population, queries};

/// Latency percentiles in milliseconds.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Latency {
    /// Median.
    pub p50_ms: f64,
    /// 95th percentile.
    pub p95_ms: f64,
    /// 99th percentile.
    pub p99_ms: f64,
    /// Slowest query.
    pub max_ms: f64,
    /// Mean.
    pub mean_ms: f64,
}

impl Latency {
    /// Percentiles of a list of durations in milliseconds.
    pub fn of(mut ms: Vec<f64>) -> Latency {
        if ms.is_empty() {
            return Latency::default();
        }
        ms.sort_by(f64::total_cmp);
        let at = |p: f64| ms[((ms.len() as f64 * p).ceil() as usize).clamp(1, ms.len()) - 1];
        Latency {
            p50_ms: at(0.50),
            p95_ms: at(0.95),
            p99_ms: at(0.99),
            max_ms: at(1.0),
            mean_ms: ms.iter().sum::<f64>() / ms.len() as f64,
        }
    }
}

/// Recall of one group of queries.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Recall {
    /// Queries in the group.
    pub queries: usize,
    /// Share whose person ranked first.
    pub recall_at_1: f64,
    /// Share whose person ranked in the top 10.
    pub recall_at_10: f64,
}

/// What the benchmark measured.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BenchReport {
    /// Persons indexed.
    pub persons: usize,
    /// Queries run.
    pub queries: usize,
    /// Seed of population and queries.
    pub seed: u64,
    /// Seconds to generate the population (not part of the build).
    pub generate_seconds: f64,
    /// Seconds to build the index.
    pub build_seconds: f64,
    /// Resident memory of the whole process after the build, in MiB (Linux; it includes the
    /// synthetic population and queries).
    pub process_rss_mib: Option<f64>,
    /// Growth of resident memory during the build, in MiB (Linux): the index as the allocator
    /// really holds it.
    pub build_rss_growth_mib: Option<f64>,
    /// Approximate index memory in bytes ([`PersonIndex::approx_memory_bytes`]).
    pub index_memory_bytes: usize,
    /// The same in MiB.
    pub index_memory_mib: f64,
    /// Query latency, one query at a time on one thread.
    pub latency: Latency,
    /// Share of queries whose person ranked first.
    pub recall_at_1: f64,
    /// Share of queries whose person ranked in the top 10.
    pub recall_at_10: f64,
    /// Queries that some system could answer at rank 1: no other person matches what the query
    /// gives at least as well (same original name, patronymic if given, date evidence at least
    /// as good, nationality if given; a document makes any query resolvable).
    pub resolvable_at_1: usize,
    /// Recall at 1 over those.
    pub recall_at_1_resolvable: f64,
    /// Queries with fewer than 10 such namesakes.
    pub resolvable_at_10: usize,
    /// Recall at 10 over those.
    pub recall_at_10_resolvable: f64,
    /// The refer threshold used below.
    pub refer_threshold: f32,
    /// Share of queries whose top hit scored at or above the refer threshold.
    pub top_hit_refer_rate: f64,
    /// Of those, the share where the top hit was the right person.
    pub precision_at_refer: f64,
    /// The same over queries resolvable at rank 1 (a namesake born the same day is not an error).
    pub precision_at_refer_resolvable: f64,
    /// Queries made from persons who are *not* in the index (same generator, another seed,
    /// document numbers left out since synthetic numbers repeat across populations).
    pub absent_queries: usize,
    /// Share of those whose top hit still reached the refer threshold: namesakes born on the
    /// same day or in the same year, the false "refer" rate of name-and-date screening.
    pub false_refer_rate_absent: f64,
    /// Those false refers by how the top hit's date of birth compared (`year_only` and
    /// `year_month`: a namesake whose recorded or queried date is partial).
    pub false_refers_by_date: BTreeMap<String, usize>,
    /// Queries the index refused (should be 0).
    pub errors: usize,
    /// Recall by variation label.
    pub by_variation: BTreeMap<String, Recall>,
}

/// Ranks of each query's person (0-based), `None` when not in the results.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Rank of the right person.
    pub rank: Option<usize>,
    /// Score of the top hit.
    pub top_score: Option<f32>,
}

/// Recall figures of a list of outcomes.
pub fn recall(outcomes: &[&Outcome]) -> Recall {
    let n = outcomes.len().max(1) as f64;
    Recall {
        queries: outcomes.len(),
        recall_at_1: outcomes.iter().filter(|o| o.rank == Some(0)).count() as f64 / n,
        recall_at_10: outcomes
            .iter()
            .filter(|o| o.rank.is_some_and(|r| r < 10))
            .count() as f64
            / n,
    }
}

/// Recall overall and by variation label.
pub fn recall_by_tag(
    qs: &[SynthQuery],
    outcomes: &[Outcome],
) -> (Recall, BTreeMap<String, Recall>) {
    let all: Vec<&Outcome> = outcomes.iter().collect();
    let mut groups: BTreeMap<String, Vec<&Outcome>> = BTreeMap::new();
    for (q, o) in qs.iter().zip(outcomes) {
        for tag in &q.tags {
            groups.entry(tag.clone()).or_default().push(o);
        }
    }
    (
        recall(&all),
        groups.into_iter().map(|(k, v)| (k, recall(&v))).collect(),
    )
}

/// Builds an index over `persons`, returning it and the seconds taken.
pub fn build_index(persons: &[SynthPerson]) -> (PersonIndex, f64, usize) {
    let start = Instant::now();
    let mut index = PersonIndex::new();
    let mut errors = 0;
    for p in persons {
        if index.upsert(&p.record).is_err() {
            errors += 1;
        }
    }
    (index, start.elapsed().as_secs_f64(), errors)
}

/// Generates `persons` persons and `queries` queries from `seed`, builds the index, runs every
/// query and reports.
pub fn run_bench(persons: usize, queries_n: usize, seed: u64) -> BenchReport {
    let start = Instant::now();
    let people = population(persons, seed);
    let qs = queries(&people, queries_n, seed);
    let generate_seconds = start.elapsed().as_secs_f64();
    let before = resident_mib();
    let (index, build_seconds, mut errors) = build_index(&people);
    let process_rss_mib = resident_mib();
    let build_rss_growth_mib = before.zip(process_rss_mib).map(|(b, a)| a - b);
    let mut times = Vec::with_capacity(qs.len());
    let mut outcomes = Vec::with_capacity(qs.len());
    for q in &qs {
        let t = Instant::now();
        let result = index.search(&q.query);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        match result {
            Ok(hits) => outcomes.push(Outcome {
                rank: hits.iter().position(|c| c.person_id == q.person_id),
                top_score: hits.first().map(|c| c.score),
            }),
            Err(_) => {
                errors += 1;
                outcomes.push(Outcome::default());
            }
        }
    }
    let absent: Vec<SynthQuery> = queries(
        &population(queries_n.clamp(1, persons.max(1)), !seed),
        queries_n / 2,
        !seed,
    )
    .into_iter()
    .filter(|q| q.query.name.is_some())
    .map(|mut q| {
        q.query.document_number = None;
        q
    })
    .collect();
    let mut false_refers_by_date: BTreeMap<String, usize> = BTreeMap::new();
    for q in &absent {
        let Ok(hits) = index.search(&q.query) else {
            continue;
        };
        if let Some(top) = hits.first().filter(|c| c.score >= REFER_THRESHOLD) {
            let label = top
                .explanation
                .birth_date
                .map_or("no_date", DateMatch::as_str);
            *false_refers_by_date.entry(label.to_owned()).or_default() += 1;
        }
    }
    let false_refers: usize = false_refers_by_date.values().sum();
    let (overall, by_variation) = recall_by_tag(&qs, &outcomes);
    let referred: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| o.top_score.is_some_and(|s| s >= REFER_THRESHOLD))
        .collect();
    let twins = namesakes(&people, &qs);
    let subset = |max: usize| -> Vec<&Outcome> {
        outcomes
            .iter()
            .zip(&twins)
            .filter(|(_, t)| **t < max)
            .map(|(o, _)| o)
            .collect()
    };
    let (at_1, at_10) = (subset(1), subset(10));
    let referred_resolvable: Vec<&&Outcome> = at_1
        .iter()
        .filter(|o| o.top_score.is_some_and(|s| s >= REFER_THRESHOLD))
        .collect();
    let memory = index.approx_memory_bytes();
    BenchReport {
        persons: index.len(),
        queries: qs.len(),
        seed,
        generate_seconds,
        build_seconds,
        process_rss_mib,
        build_rss_growth_mib,
        index_memory_bytes: memory,
        index_memory_mib: memory as f64 / (1024.0 * 1024.0),
        latency: Latency::of(times),
        recall_at_1: overall.recall_at_1,
        recall_at_10: overall.recall_at_10,
        resolvable_at_1: at_1.len(),
        recall_at_1_resolvable: recall(&at_1).recall_at_1,
        resolvable_at_10: at_10.len(),
        recall_at_10_resolvable: recall(&at_10).recall_at_10,
        refer_threshold: REFER_THRESHOLD,
        top_hit_refer_rate: referred.len() as f64 / outcomes.len().max(1) as f64,
        precision_at_refer: referred.iter().filter(|o| o.rank == Some(0)).count() as f64
            / referred.len().max(1) as f64,
        precision_at_refer_resolvable: referred_resolvable
            .iter()
            .filter(|o| o.rank == Some(0))
            .count() as f64
            / referred_resolvable.len().max(1) as f64,
        absent_queries: absent.len(),
        false_refer_rate_absent: false_refers as f64 / absent.len().max(1) as f64,
        false_refers_by_date,
        errors,
        by_variation,
    }
}

/// For each query, how many *other* persons match what it gives at least as well as its own
/// person does: the same original surname and given name (and patronymic when the query has
/// one), a date of birth that fits at least as well, the nationality when given. A query with a
/// document number has none (numbers are unique).
pub fn namesakes(people: &[SynthPerson], qs: &[SynthQuery]) -> Vec<usize> {
    use crate::record::PartialDate;
    use crate::score::date_evidence;
    let name_of = |p: &SynthPerson| {
        p.renderings
            .first()
            .map(|r| (r.name.surname.clone(), r.name.given_names.clone()))
            .unwrap_or_default()
    };
    let mut by_name: std::collections::HashMap<(String, Option<String>), Vec<usize>> =
        Default::default();
    let mut by_id = std::collections::HashMap::new();
    for (i, p) in people.iter().enumerate() {
        by_name.entry(name_of(p)).or_default().push(i);
        by_id.insert(p.record.person_id, i);
    }
    qs.iter()
        .map(|q| {
            let Some(&ti) = by_id.get(&q.person_id) else {
                return 0;
            };
            if q.query.document_number.is_some() {
                return 0;
            }
            let target = &people[ti];
            let date: Option<PartialDate> =
                q.query.birth_date.as_deref().and_then(|d| d.parse().ok());
            let evidence =
                |p: &SynthPerson| date.map_or(1.0, |d| date_evidence(d, p.record.birth_date).1);
            let own = evidence(target);
            let patronymic = q.tags.iter().any(|t| t == "patronymic");
            let father =
                |p: &SynthPerson| p.renderings.first().and_then(|r| r.name.patronymic.clone());
            by_name.get(&name_of(target)).map_or(0, |group| {
                group
                    .iter()
                    .filter(|&&i| i != ti)
                    .map(|&i| &people[i])
                    .filter(|p| !patronymic || father(p) == father(target))
                    .filter(|p| {
                        q.query
                            .nationality
                            .as_ref()
                            .is_none_or(|n| p.record.nationalities.contains(n))
                    })
                    .filter(|p| evidence(p) >= own)
                    .count()
            })
        })
        .collect()
}

/// The process's resident memory in MiB, from `/proc/self/status` (Linux only).
fn resident_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}
