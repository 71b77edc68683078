//! `handout preview`: a web page on 127.0.0.1 that shows every document's
//! pages as pictures, with their warnings, print overlays and every
//! language side by side, and follows each save.
//!
//! The project and its fonts stay loaded between requests; a save reloads
//! the project, and a document is made again only when a page asks for it.
//! Page pictures are kept by the PDF's bytes, so a document a save did not
//! change is not rendered again.

mod html;

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use crate::batch::{self, Job, Workspace};
use crate::diag::Diagnostic;
use crate::export::png;
use crate::project::Format;

/// One page's geometry, for the overlays, in points.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// Trimmed width.
    pub width: f32,
    /// Trimmed height.
    pub height: f32,
    /// Space around the trim on the rendered page (bleed and marks).
    pub slug: f32,
    /// How far the bleed reaches past the trim.
    pub bleed: f32,
    /// Fold lines, from the trim's left edge.
    pub folds: Vec<f32>,
    /// The margin text stays inside, where the product has one.
    pub margin: Option<f32>,
}

/// A document made for the preview.
#[derive(Debug, Clone)]
pub struct Made {
    /// Its pages.
    pub sheets: Vec<Sheet>,
    /// Its warnings, as printed.
    pub warnings: Vec<String>,
    /// Its pages as PNG pictures.
    pub pictures: Arc<Vec<Vec<u8>>>,
}

/// Pixels per point of the page pictures: 1.5 gives 150 % of the page's
/// size in CSS pixels at 72 pt to the inch, sharp enough to read body text
/// on a screen.
pub const SCALE: f32 = 1.5;

/// What the preview knows now.
struct State {
    /// Counts reloads: pages compare it to know when to reload.
    version: u64,
    /// The loaded project; `None` while it has errors.
    workspace: Option<Arc<Workspace>>,
    /// The errors that stop the project from loading.
    problems: Vec<String>,
    /// Every document of the project.
    jobs: Vec<Job>,
    /// Documents made since the last reload, by index into `jobs`.
    made: HashMap<usize, Result<Made, String>>,
    /// Page pictures by a hash of the PDF they were rendered from.
    pictures: HashMap<u64, Arc<Vec<Vec<u8>>>>,
}

/// The preview of one project.
pub struct Preview {
    /// The project folder.
    root: PathBuf,
    /// A theme file over the project's own.
    theme: Option<PathBuf>,
    /// What is known now.
    state: Mutex<State>,
    /// Signalled after every reload, for the pages waiting for one.
    reloaded: Condvar,
}

/// How long a page's question "has the project changed?" is held open
/// before it is answered with the same version (the page then asks again).
const LONGEST_WAIT: Duration = Duration::from_secs(20);

impl Preview {
    /// Loads the project at `root`.
    pub fn new(root: &Path, theme: Option<&Path>) -> Self {
        let preview = Self {
            root: root.to_path_buf(),
            theme: theme.map(Path::to_path_buf),
            state: Mutex::new(State {
                version: 0,
                workspace: None,
                problems: Vec::new(),
                jobs: Vec::new(),
                made: HashMap::new(),
                pictures: HashMap::new(),
            }),
            reloaded: Condvar::new(),
        };
        preview.reload();
        preview
    }

    /// The state, even after a request thread panicked while holding it.
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Reads the project again (after a save) and forgets what was made.
    pub fn reload(&self) {
        let (workspace, diagnostics) = Workspace::open(&self.root, self.theme.as_deref());
        let problems: Vec<String> = diagnostics
            .iter()
            .filter(|d| workspace.is_none() && d.is_error())
            .map(ToString::to_string)
            .collect();
        let mut jobs = workspace.as_ref().map(Workspace::every_job).unwrap_or_default();
        // An editable deck is the PDF deck's slides in another file: the
        // preview shows the PDF ones.
        jobs.retain(|j| j.format != Format::Pptx);
        let mut state = self.state();
        state.version += 1;
        state.workspace = workspace.map(Arc::new);
        state.problems = problems;
        state.jobs = jobs;
        state.made.clear();
        drop(state);
        self.reloaded.notify_all();
    }

    /// The version once it is no longer `seen`, or after [`LONGEST_WAIT`]:
    /// a page learns of a save the moment the project is reloaded.
    pub fn version_after(&self, seen: u64) -> u64 {
        let state = self.state();
        let waited = self
            .reloaded
            .wait_timeout_while(state, LONGEST_WAIT, |s| s.version == seen);
        match waited {
            Ok((state, _)) => state.version,
            Err(poisoned) => poisoned.into_inner().0.version,
        }
    }

    /// Every document of the project, in the order of their indices.
    pub fn documents(&self) -> Vec<Job> {
        self.state().jobs.clone()
    }

    /// The current version.
    pub fn version(&self) -> u64 {
        self.state().version
    }

    /// Document `index`, made now if this version has not made it yet.
    pub fn document(&self, index: usize) -> Option<Result<Made, String>> {
        let (workspace, job, version) = {
            let state = self.state();
            if let Some(made) = state.made.get(&index) {
                return Some(made.clone());
            }
            (
                state.workspace.clone()?,
                state.jobs.get(index)?.clone(),
                state.version,
            )
        };
        let product = batch::produce(&workspace.shared(), &job, None);
        let made = product.map_err(|d| d.to_string()).and_then(|product| {
            let hash = {
                let mut h = DefaultHasher::new();
                product.bytes.hash(&mut h);
                h.finish()
            };
            let known = self.state().pictures.get(&hash).cloned();
            let pictures = match known {
                Some(pictures) => pictures,
                None => {
                    let pages = &product.rendered.layout.pages;
                    let pictures = Arc::new(
                        png::pages(pages, workspace.shared().book, SCALE)
                            .ok_or("the pages could not be drawn")?,
                    );
                    self.state().pictures.insert(hash, pictures.clone());
                    pictures
                }
            };
            let margin = workspace
                .project()
                .audience(&job.audience)
                .filter(|_| job.format == Format::Leaflet)
                .map(|a| workspace.project().theme_for(a).leaflet.margin);
            Ok(Made {
                sheets: product
                    .rendered
                    .layout
                    .pages
                    .iter()
                    .map(|p| Sheet {
                        width: p.width,
                        height: p.height,
                        slug: p.print.slug(),
                        bleed: p.print.bleed,
                        folds: p.print.folds.iter().flatten().copied().collect(),
                        margin,
                    })
                    .collect(),
                warnings: product.rendered.warnings.iter().map(warning_text).collect(),
                pictures,
            })
        });
        let mut state = self.state();
        // A save while this was made: what was made belongs to the old project.
        if state.version == version {
            state.made.insert(index, made.clone());
        }
        Some(made)
    }

    /// The response to a request for `path`: status, content type, body.
    pub fn respond(&self, url: &str) -> (u16, &'static str, Vec<u8>) {
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        let after = query.strip_prefix("after=").and_then(|n| n.parse().ok());
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        match parts.as_slice() {
            [""] => (200, html::TYPE, self.index().into_bytes()),
            ["version"] => {
                let version = after.map_or_else(|| self.version(), |seen| self.version_after(seen));
                (200, "text/plain", version.to_string().into_bytes())
            }
            ["doc", i] => match i.parse().ok().and_then(|i| Some((i, self.document(i)?))) {
                Some((i, made)) => (200, html::TYPE, self.document_page(i, &made).into_bytes()),
                None => not_found(),
            },
            ["page", i, file] => {
                let picture = (|| {
                    let n: usize = file.strip_suffix(".png")?.parse().ok()?;
                    let made = self.document(i.parse().ok()?)?.ok()?;
                    made.pictures.get(n.checked_sub(1)?).cloned()
                })();
                match picture {
                    Some(png) => (200, "image/png", png),
                    None => not_found(),
                }
            }
            _ => not_found(),
        }
    }

    /// The list of every document.
    fn index(&self) -> String {
        let state = self.state();
        html::index(&state.jobs, &state.problems, state.version)
    }

    /// One document's pages.
    fn document_page(&self, index: usize, made: &Result<Made, String>) -> String {
        let state = self.state();
        match state.jobs.get(index) {
            Some(job) => html::document(index, job, made, state.version),
            None => html::index(&state.jobs, &state.problems, state.version),
        }
    }
}

/// A warning without its colour codes and trailing line break.
fn warning_text(d: &Diagnostic) -> String {
    d.to_string().trim_end().to_owned()
}

/// The answer for an unknown address.
fn not_found() -> (u16, &'static str, Vec<u8>) {
    (404, "text/plain", b"not found".to_vec())
}

/// Serves `preview` on 127.0.0.1:`port` (0: any free port) until the
/// process ends; `ready` hears the address once the server listens.
pub fn serve(preview: Arc<Preview>, port: u16, ready: impl FnOnce(&str)) -> Result<(), String> {
    let server = tiny_http::Server::http(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let address = match server.server_addr() {
        tiny_http::ListenAddr::IP(a) => format!("http://{a}/"),
        #[allow(unreachable_patterns)]
        _ => format!("http://127.0.0.1:{port}/"),
    };
    ready(&address);
    let port = match server.server_addr() {
        tiny_http::ListenAddr::IP(a) => a.port(),
        #[allow(unreachable_patterns)]
        _ => port,
    };
    let hosts = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    for request in server.incoming_requests() {
        let preview = preview.clone();
        // A page of another site may point the browser at this port under
        // its own host name (DNS rebinding): only our own names are served.
        let host = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Host"))
            .map(|h| h.value.as_str().to_owned());
        if !host.is_some_and(|h| hosts.contains(&h)) {
            let _ = request.respond(tiny_http::Response::from_string("forbidden").with_status_code(403));
            continue;
        }
        // One thread per request: page pictures take a while to render,
        // and the list page asks for many at once.
        std::thread::spawn(move || {
            let (status, kind, body) = preview.respond(request.url());
            let header = tiny_http::Header::from_bytes(&b"Content-Type"[..], kind.as_bytes()).ok();
            let mut response = tiny_http::Response::from_data(body).with_status_code(status);
            if let Some(header) = header {
                response = response.with_header(header);
            }
            let _ = request.respond(response);
        });
    }
    Ok(())
}
