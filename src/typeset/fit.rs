//! One fitting policy for every product and element: type starts at its
//! size and steps down, never below a floor, until the element fits its
//! space. Body text, bullets, a fact, a slide title, a quote and a cover
//! title all shrink by this one ladder, so they all behave alike and all
//! respect the reader's smallest type.

use crate::diag::Diagnostic;

/// Type sizes tried from `start` down in steps of `step` to `floor`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ladder {
    /// The size wanted when there is room.
    pub start: f32,
    /// The difference between two sizes tried.
    pub step: f32,
    /// The smallest size allowed.
    pub floor: f32,
}

/// What the ladder settled on: the size, what was set at it, and by how
/// much it still runs over its space (zero or less when it fits).
#[derive(Debug, Clone)]
pub struct Fitted<T> {
    /// The size chosen.
    pub size: f32,
    /// The element set at that size.
    pub value: T,
    /// Points by which it is too large for its space; at most zero when it fits.
    pub by: f32,
}

impl<T> Fitted<T> {
    /// Whether the element fits its space.
    pub fn fits(&self) -> bool {
        self.by <= 0.0
    }
}

impl Ladder {
    /// A ladder from `start` to `floor`. The floor wins when the two
    /// disagree: a reader's smallest type is never given up to fit.
    pub fn new(start: f32, step: f32, floor: f32) -> Self {
        Self {
            start: start.max(floor),
            step: step.max(0.01),
            floor,
        }
    }

    /// How many sizes the ladder has; the last is the floor.
    fn rungs(&self) -> usize {
        ((self.start - self.floor) / self.step - 1e-3).ceil().max(0.0) as usize + 1
    }

    /// The size of rung `i`, counted from the top.
    fn size(&self, i: usize) -> f32 {
        (self.start - i as f32 * self.step).max(self.floor)
    }

    /// The largest size at which `attempt` fits, with what it set there;
    /// else the attempt at the floor, with by how much it runs over.
    /// `attempt` sets the element at a size and says by how many points it
    /// is too large (zero or less when it fits).
    pub fn fit<T>(
        &self,
        mut attempt: impl FnMut(f32) -> Result<(T, f32), Diagnostic>,
    ) -> Result<Fitted<T>, Diagnostic> {
        let mut at = |i: usize| -> Result<Fitted<T>, Diagnostic> {
            let size = self.size(i);
            let (value, by) = attempt(size)?;
            Ok(Fitted { size, value, by })
        };
        let top = at(0)?;
        let last = self.rungs() - 1;
        if top.fits() || last == 0 {
            return Ok(top);
        }
        // Smaller type never needs more room, so the first rung that fits
        // is found by bisection: `low` does not fit, `high` fits or is the
        // floor.
        let floor = at(last)?;
        if !floor.fits() {
            return Ok(floor);
        }
        let (mut low, mut high, mut best) = (0, last, floor);
        while high - low > 1 {
            let mid = (low + high) / 2;
            let tried = at(mid)?;
            if tried.fits() {
                (high, best) = (mid, tried);
            } else {
                low = mid;
            }
        }
        Ok(best)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text 100 pt wide at 10 pt, in a space `room` wide: it fits at
    /// 10 × room / 100 pt and below.
    fn fit(ladder: Ladder, room: f32) -> (Fitted<f32>, Vec<f32>) {
        let mut tried = Vec::new();
        let fitted = ladder
            .fit(|size| {
                tried.push(size);
                Ok((size, size * 10.0 - room))
            })
            .unwrap();
        (fitted, tried)
    }

    #[test]
    fn text_that_fits_keeps_its_size_after_one_try() {
        let (fitted, tried) = fit(Ladder::new(12.0, 0.5, 8.0), 200.0);
        assert_eq!((fitted.size, tried.len()), (12.0, 1));
        assert!(fitted.fits());
    }

    #[test]
    fn the_largest_size_that_fits_is_chosen() {
        // 100 pt of room: 10 pt fits, 10.5 pt does not.
        let (fitted, tried) = fit(Ladder::new(12.0, 0.5, 8.0), 100.0);
        assert_eq!(fitted.size, 10.0);
        assert!(fitted.fits());
        // Bisection: far fewer tries than the nine rungs.
        assert!(tried.len() <= 5, "{tried:?}");
    }

    #[test]
    fn text_too_large_even_at_the_floor_says_by_how_much() {
        let (fitted, _) = fit(Ladder::new(12.0, 0.5, 8.0), 50.0);
        assert_eq!(fitted.size, 8.0);
        assert_eq!(fitted.by, 30.0);
        assert!(!fitted.fits());
    }

    #[test]
    fn the_floor_is_a_rung_even_off_the_steps() {
        // 40, 38 … 30, then 29: never skipped, never undercut.
        let (fitted, tried) = fit(Ladder::new(40.0, 2.0, 29.0), 291.0);
        assert_eq!(fitted.size, 29.0);
        assert!(tried.iter().all(|&s| s >= 29.0), "{tried:?}");
    }

    #[test]
    fn a_floor_above_the_start_wins() {
        // Large print asks for 14 pt where the theme starts at 10 pt.
        let (fitted, tried) = fit(Ladder::new(10.0, 0.5, 14.0), 0.0);
        assert_eq!(fitted.size, 14.0);
        assert_eq!(tried, [14.0]);
    }
}
