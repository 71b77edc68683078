//! Which talking points and which quote an audience gets (SPEC §1.3).

use crate::project::{Audience, Id, Project, Quote};

/// The outcome of selecting points for one audience.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Indices into `project.points`, in display order.
    pub kept: Vec<usize>,
    /// Indices of points that matched but fell beyond `max_points`, in rank order.
    pub dropped: Vec<usize>,
}

/// Selects and orders the points for `audience`.
///
/// Every point none of whose tags is excluded is a candidate (exclusion wins
/// even over priority 1). Candidates are ordered by: priority 1 first; then
/// the best interest rank of any of their tags (points matching no interest
/// after all that do); then priority; then source order. The first
/// `max_points` are kept, but priority-1 points are never cut, since the
/// handout declares them essential.
pub fn select_points(project: &Project, audience: &Audience) -> Selection {
    let mut candidates: Vec<usize> = (0..project.points.len())
        .filter(|&i| !shares_tag(&project.points[i].tags, &audience.exclude))
        .collect();
    candidates.sort_by_key(|&i| {
        let p = &project.points[i];
        (p.priority != 1, interest_rank(&p.tags, audience), p.priority, i)
    });
    let essential = candidates
        .iter()
        .filter(|&&i| project.points[i].priority == 1)
        .count();
    let cap = audience.max_points.unwrap_or(usize::MAX).max(essential);
    let dropped = candidates.split_off(cap.min(candidates.len()));
    Selection {
        kept: candidates,
        dropped,
    }
}

/// The quote for `audience`: the first sharing a tag with its interests,
/// else the first quote.
pub fn quote_for<'a>(project: &'a Project, audience: &Audience) -> Option<&'a Quote> {
    project
        .quotes
        .iter()
        .find(|q| shares_tag(&q.tags, &audience.interests))
        .or_else(|| project.quotes.first())
}

/// The smallest index in the audience's interests of any of `tags`;
/// `usize::MAX` when none matches.
fn interest_rank(tags: &[Id], audience: &Audience) -> usize {
    tags.iter()
        .filter_map(|t| audience.interests.iter().position(|i| i.value == t.value))
        .min()
        .unwrap_or(usize::MAX)
}

/// Whether any tag of `a` is in `b`.
fn shares_tag(a: &[Id], b: &[Id]) -> bool {
    a.iter().any(|x| b.iter().any(|y| y.value == x.value))
}
