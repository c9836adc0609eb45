//! Request examples whose URL is not a usable path (machine-made stubs, placeholders left in).

use super::paths::{self, LineError};
use super::Operation;
use crate::diagnostics::{Code, Diagnostics, Loc};
use crate::pages::TrimFast;

/// The request line of one example, to be checked (taken from the operation as its page is
/// lowered, checked while the model settles).
pub struct ExampleUrl {
    line: String,
    /// The request line's own place: it follows the opening fence.
    loc: Loc,
}

impl ExampleUrl {
    /// The request lines of an operation's examples.
    pub fn all(op: &Operation) -> impl Iterator<Item = ExampleUrl> + '_ {
        op.examples.iter().filter_map(|ex| ex.request.as_ref()).map(|req| ExampleUrl {
            line: [req.method.as_str(), " ", &req.url].concat(),
            loc: Loc::new(req.loc.file.clone(), req.loc.line + 1),
        })
    }

    pub fn check(self, diags: &mut Diagnostics) {
        if let Err(LineError::Unresolvable(text)) = paths::check_line(&self.line) {
            diags.push(Code::ExampleUrlUnresolvable, self.loc, format!("the example's URL `{}` holds no usable path", text.trim_fast()));
        }
    }
}
