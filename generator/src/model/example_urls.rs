//! Request examples whose URL is not a usable path (machine-made stubs, placeholders left in).

use super::paths::{self, LineError};
use super::Operation;
use crate::diagnostics::{Code, Diagnostics, Loc};

/// Checks the URLs of one operation's request examples.
pub fn check_example_urls(op: &Operation, diags: &mut Diagnostics) {
    for ex in &op.examples {
        let Some(req) = &ex.request else { continue };
        let line = format!("{} {}", req.method, req.url);
        if let Err(LineError::Unresolvable(text)) = paths::parse_line(&line, None) {
            // The request line follows the opening fence.
            let loc = Loc::new(req.loc.file.clone(), req.loc.line + 1);
            diags.push(Code::ExampleUrlUnresolvable, loc, format!("the example's URL `{}` holds no usable path", text.trim()));
        }
    }
}
