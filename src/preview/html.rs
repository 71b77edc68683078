//! The preview's pages: plain HTML that works without JavaScript (pages are
//! `<img>` elements, overlays are toggled by CSS checkboxes); a few lines
//! of script reload the page after a save.

use std::collections::BTreeMap;

use quick_xml::escape::escape;

use super::{Made, Sheet};
use crate::batch::Job;
use crate::project::Lang;

/// The content type of every page.
pub const TYPE: &str = "text/html; charset=utf-8";

/// Shared by every page: the look, and the reload after a save. The server
/// counts reloads and holds `/version?after=N` open until the count is no
/// longer N, so a page reloads the moment the project does.
fn head(title: &str, version: u64) -> String {
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title>\n<style>{STYLE}</style>\n\
         <script>(async () => {{ for (;;) {{ try {{ const r = await fetch('/version?after={version}'); \
         if (+(await r.text()) !== {version}) {{ location.reload(); return; }} }} \
         catch (e) {{ await new Promise(done => setTimeout(done, 1000)); }} }} }})();</script>\n</head><body>\n",
        escape(title)
    )
}

/// The look of the pages and of the overlays.
const STYLE: &str = "body{font:14px sans-serif;margin:1em;background:#eee}\
table{border-collapse:collapse}td,th{padding:6px;vertical-align:top;text-align:left}\
img{box-shadow:0 1px 4px #888;background:#fff}.warn{color:#a60}.error{color:#b00;white-space:pre-wrap}\
.sheet{position:relative;display:inline-block;margin:0 1em 1em 0}.sheet img{display:block}\
.box{position:absolute;pointer-events:none;display:none}\
.trim{border:1px solid #e0f}.bleed{border:1px dashed #0ae}.safe{border:1px dotted #0a0}.fold{border-left:1px dashed #f60}\
#trim:checked~div .trim,#bleed:checked~div .bleed,#safe:checked~div .safe,#fold:checked~div .fold{display:block}";

/// The list of every document: a row per audience, meeting and product, a
/// column per language, each cell the first page.
pub fn index(jobs: &[Job], problems: &[String], version: u64) -> String {
    let mut out = head("handout preview", version);
    out.push_str("<h1>Documents</h1>\n");
    for problem in problems {
        out.push_str(&format!(
            "<pre class=\"error\">{}</pre>\n",
            escape(problem.as_str())
        ));
    }
    let langs: Vec<Lang> = Lang::ALL
        .into_iter()
        .filter(|l| jobs.iter().any(|j| j.lang == *l))
        .collect();
    let mut rows: BTreeMap<(String, Option<String>, &str), BTreeMap<Lang, usize>> = BTreeMap::new();
    for (i, job) in jobs.iter().enumerate() {
        rows.entry((job.audience.clone(), job.meeting.clone(), job.format.name()))
            .or_default()
            .insert(job.lang, i);
    }
    out.push_str("<table><tr><th>document</th>");
    for lang in &langs {
        out.push_str(&format!("<th>{lang}</th>"));
    }
    out.push_str("</tr>\n");
    for ((audience, meeting, format), cells) in &rows {
        let name = match meeting {
            Some(m) => format!("{audience} · {m} · {format}"),
            None => format!("{audience} · {format}"),
        };
        out.push_str(&format!("<tr><th>{}</th>", escape(name.as_str())));
        for lang in &langs {
            match cells.get(lang) {
                Some(i) => out.push_str(&format!(
                    "<td><a href=\"/doc/{i}\"><img src=\"/page/{i}/1.png?v={version}\" height=\"180\" loading=\"lazy\" alt=\"{} {lang} page 1\"></a></td>",
                    escape(name.as_str())
                )),
                None => out.push_str("<td></td>"),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table></body></html>\n");
    out
}

/// One document: its warnings, then its pages with the overlays.
pub fn document(index: usize, job: &Job, made: &Result<Made, String>, version: u64) -> String {
    let name = crate::batch::job_name(job);
    let mut out = head(&name, version);
    out.push_str(&format!(
        "<p><a href=\"/\">all documents</a></p><h1>{}</h1>\n",
        escape(name.as_str())
    ));
    let made = match made {
        Ok(made) => made,
        Err(error) => {
            out.push_str(&format!(
                "<pre class=\"error\">{}</pre></body></html>\n",
                escape(error.as_str())
            ));
            return out;
        }
    };
    for warning in &made.warnings {
        out.push_str(&format!(
            "<pre class=\"warn\">{}</pre>\n",
            escape(warning.as_str())
        ));
    }
    for (id, label) in [
        ("trim", "trim"),
        ("bleed", "bleed"),
        ("fold", "folds"),
        ("safe", "safe area"),
    ] {
        out.push_str(&format!(
            "<input type=\"checkbox\" id=\"{id}\" checked><label for=\"{id}\">{label}</label> "
        ));
    }
    out.push_str("<div>\n");
    for (n, sheet) in made.sheets.iter().enumerate() {
        out.push_str(&format!(
            "<div class=\"sheet\"><img src=\"/page/{index}/{}.png?v={version}\" width=\"{:.0}\" alt=\"page {}\">{}</div>\n",
            n + 1,
            (sheet.width + 2.0 * sheet.slug) * super::SCALE,
            n + 1,
            overlays(sheet)
        ));
    }
    out.push_str("</div></body></html>\n");
    out
}

/// The overlay boxes of a page, placed in percent of the rendered page.
fn overlays(sheet: &Sheet) -> String {
    let (w, h) = (sheet.width + 2.0 * sheet.slug, sheet.height + 2.0 * sheet.slug);
    let rect = |class: &str, x: f32, y: f32, rw: f32, rh: f32| {
        format!(
            "<div class=\"box {class}\" style=\"left:{:.3}%;top:{:.3}%;width:{:.3}%;height:{:.3}%\"></div>",
            100.0 * x / w,
            100.0 * y / h,
            100.0 * rw / w,
            100.0 * rh / h
        )
    };
    let s = sheet.slug;
    let mut out = rect("trim", s, s, sheet.width, sheet.height);
    if sheet.bleed > 0.0 {
        let b = sheet.bleed;
        out.push_str(&rect(
            "bleed",
            s - b,
            s - b,
            sheet.width + 2.0 * b,
            sheet.height + 2.0 * b,
        ));
    }
    for fold in &sheet.folds {
        out.push_str(&rect("fold", s + fold, s, 0.0, sheet.height));
    }
    if let Some(m) = sheet.margin {
        out.push_str(&rect(
            "safe",
            s + m,
            s + m,
            sheet.width - 2.0 * m,
            sheet.height - 2.0 * m,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlays_sit_where_the_trim_bleed_and_fold_are() {
        // An A4 landscape trifold: 842 × 595 pt, 10 pt of slug, 3 mm bleed.
        let sheet = Sheet {
            width: 842.0,
            height: 595.0,
            slug: 10.0,
            bleed: 8.5,
            folds: vec![280.0],
            margin: Some(28.0),
        };
        let html = overlays(&sheet);
        // 10 / 862 = 1.160 %, 842 / 862 = 97.680 %.
        assert!(
            html.contains("class=\"box trim\" style=\"left:1.160%;top:1.626%;width:97.680%;height:96.748%\""),
            "{html}"
        );
        // The fold at 10 + 280 = 290 pt of 862.
        assert!(html.contains("class=\"box fold\" style=\"left:33.643%"), "{html}");
        assert!(html.contains("class=\"box bleed\"") && html.contains("class=\"box safe\""));
    }
}
