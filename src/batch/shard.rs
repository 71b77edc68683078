//! `--shard K/N`: the K-th of N disjoint parts of a build, so any job runner
//! can spread a campaign over machines. The parts depend only on the job
//! list, which is in a stable order, so every machine computes the same split.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use super::Job;
use crate::project::Lang;

/// The K-th of N parts of a job list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// K, from 1 to `count`.
    index: usize,
    /// N, at least 1.
    count: usize,
}

impl Shard {
    /// The part `index` (from 1) of `count`; `None` unless 1 ≤ index ≤ count.
    pub fn new(index: usize, count: usize) -> Option<Self> {
        (index >= 1 && index <= count).then_some(Self { index, count })
    }

    /// The jobs of this part. Jobs of one document in one language (a deck,
    /// its notes and its handout) stay together, since they share the
    /// presenter file and the same slides; the documents are dealt out in
    /// turn, the first to part 1, the second to part 2, and so on, so parts
    /// differ in size by at most one document.
    pub fn part(self, jobs: Vec<Job>) -> Vec<Job> {
        let mut documents: HashMap<(&str, Option<&str>, Lang), usize> = HashMap::new();
        let mut mine = Vec::with_capacity(jobs.len());
        for job in &jobs {
            let next = documents.len();
            let key = (job.audience.as_str(), job.meeting.as_deref(), job.lang);
            let n = *documents.entry(key).or_insert(next);
            mine.push(n % self.count == self.index - 1);
        }
        jobs.into_iter()
            .zip(mine)
            .filter_map(|(job, mine)| mine.then_some(job))
            .collect()
    }
}

impl FromStr for Shard {
    type Err = String;

    /// Parses `K/N`.
    fn from_str(text: &str) -> Result<Self, String> {
        let wrong = || format!("`{text}` is not a shard: write K/N with 1 ≤ K ≤ N, e.g. 2/4");
        let (k, n) = text.split_once('/').ok_or_else(wrong)?;
        let (k, n) = (
            k.trim().parse().map_err(|_| wrong())?,
            n.trim().parse().map_err(|_| wrong())?,
        );
        Shard::new(k, n).ok_or_else(wrong)
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Format;

    fn job(audience: &str, lang: Lang, format: Format) -> Job {
        Job::new(audience, lang, format)
    }

    #[test]
    fn shards_are_parsed_and_checked() {
        assert_eq!("2/3".parse::<Shard>(), Ok(Shard { index: 2, count: 3 }));
        for bad in ["0/3", "4/3", "1/0", "1", "a/b", "-1/2", "1/2/3"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_parts_are_disjoint_cover_everything_and_keep_a_decks_products_together() {
        let mut jobs = Vec::new();
        for audience in ["a", "b", "c"] {
            for lang in [Lang::Kk, Lang::Ru] {
                for format in [Format::Leaflet, Format::Deck, Format::Notes] {
                    jobs.push(job(audience, lang, format));
                }
            }
        }
        let parts: Vec<Vec<Job>> = (1..=4)
            .map(|k| Shard::new(k, 4).unwrap().part(jobs.clone()))
            .collect();
        // Six documents (audience × language) dealt to four parts: 2, 2, 1, 1.
        let sizes: Vec<usize> = parts.iter().map(Vec::len).collect();
        assert_eq!(sizes, [6, 6, 3, 3]);
        let mut all: Vec<Job> = parts.concat();
        all.sort_by_key(|j| (j.audience.clone(), j.lang, j.format));
        assert_eq!(all, jobs);
        assert_eq!(
            parts[1]
                .iter()
                .map(|j| (j.audience.as_str(), j.lang))
                .collect::<Vec<_>>(),
            [("a", Lang::Ru); 3]
                .into_iter()
                .chain([("c", Lang::Ru); 3])
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn one_part_of_one_is_the_whole() {
        let jobs = vec![
            job("a", Lang::En, Format::Leaflet),
            job("b", Lang::En, Format::Leaflet),
        ];
        assert_eq!(Shard::new(1, 1).unwrap().part(jobs.clone()), jobs);
    }
}
