//! The second half of the tailoring rule (SPEC §1.3): a sheet that cannot
//! hold every kept point loses optional points, the lowest-ranked first,
//! but only those that do not fit. Whether a candidate fits is typeset's
//! answer, asked through a callback, so this stage stays free of geometry.

use crate::base::Overflow;
use crate::diag::Diagnostic;

use super::{DocPoint, Document};

/// A document cut to fit its sheet, and what was set from it.
#[derive(Debug, Clone)]
pub struct Cut<T> {
    /// The document with only what fits: `dropped` names what went.
    pub doc: Document,
    /// What `lay_out` made of it.
    pub laid_out: T,
    /// One warning per point (or quote) left out.
    pub warnings: Vec<Diagnostic>,
}

/// `doc` laid out by `lay_out` with every point that fits. Nothing is left
/// out while the whole fits. Else the quote goes first when it is the
/// quote that does not fit (it repeats what the points say); then, from
/// the essential points up, each optional point in rank order joins when
/// the sheet still holds it and is left out otherwise: a point that fits
/// stays even where a better-ranked, longer one had to go. When even the
/// essential points do not fit, their overflow is the answer.
pub fn drop_to_fit<T>(
    doc: Document,
    mut lay_out: impl FnMut(&Document) -> Result<Result<T, Overflow>, Diagnostic>,
) -> Result<Result<Cut<T>, Overflow>, Diagnostic> {
    let mut warnings = Vec::new();
    let over = match lay_out(&doc)? {
        Ok(laid_out) => {
            return Ok(Ok(Cut {
                doc,
                laid_out,
                warnings,
            }));
        }
        Err(over) => over,
    };
    let mut doc = doc;
    let quote_over = |q: &super::DocQuote| over.place.as_ref().is_some_and(|p| p.is(&q.text.place));
    if let Some(quote) = doc.quote.take_if(|q| quote_over(q)) {
        warnings.push(Diagnostic::warning(
            &quote.text.place,
            "the quote is left out: the sheet is full",
        ));
        if let Ok(laid_out) = lay_out(&doc)? {
            return Ok(Ok(Cut {
                doc,
                laid_out,
                warnings,
            }));
        }
    }
    let points = std::mem::take(&mut doc.points);
    let mut keep: Vec<bool> = points.iter().map(|p| p.priority == 1).collect();
    let mut best = match lay_out(&with_points(&doc, &points, &keep))? {
        Ok(laid_out) => laid_out,
        Err(over) => return Ok(Err(over)),
    };
    // Points arrive in rank order, the best first.
    for i in 0..points.len() {
        if keep[i] {
            continue;
        }
        keep[i] = true;
        match lay_out(&with_points(&doc, &points, &keep))? {
            Ok(laid_out) => best = laid_out,
            Err(_) => {
                keep[i] = false;
                let point = &points[i];
                warnings.push(Diagnostic::warning(
                    &point.title.place,
                    format!("point `{}` left out: the sheet is full", point.id),
                ));
                doc.dropped.push(point.id.clone());
            }
        }
    }
    let doc = with_points(&doc, &points, &keep);
    Ok(Ok(Cut {
        doc,
        laid_out: best,
        warnings,
    }))
}

/// `doc` with those of `points` that `keep` marks.
fn with_points(doc: &Document, points: &[DocPoint], keep: &[bool]) -> Document {
    Document {
        points: points
            .iter()
            .zip(keep)
            .filter(|(_, k)| **k)
            .map(|(p, _)| p.clone())
            .collect(),
        ..doc.clone()
    }
}
