//! Formatted Rust source, written as text: lines at the current indentation, blocks that
//! open and close, doc comments and string literals made safe.
//!
//! The generated code is regular (structs, macro calls, short functions), so it is laid
//! out as it is written, the way prost-build writes its output. Building tokens and
//! formatting them with syn and prettyplease instead cost three times the rest of the run
//! and printed macro bodies as one wrapped paragraph.

use std::fmt::{self, Write};

/// Writes one line: `out!(code, "pub struct {name} {{")`.
macro_rules! out {
    ($code:expr, $($fmt:tt)*) => { $code.line(format_args!($($fmt)*)) };
}

/// Writes a line and indents what follows: `open!(code, "impl X {{")`.
macro_rules! open {
    ($code:expr, $($fmt:tt)*) => { $code.open(format_args!($($fmt)*)) };
}

/// Outdents and writes a line: `close!(code, "}}")`.
macro_rules! close {
    ($code:expr, $($fmt:tt)*) => { $code.close(format_args!($($fmt)*)) };
}

/// Writes one line from its pieces, each straight into the text: `put!(code, "pub ",
/// name, ": Option<", ty, ">,")`. For the lines every field and member writes (most of the
/// output) this spares the formatting machinery, which [`out!`] goes through: parsing the
/// template, a call through `dyn Write` and a padding check per piece.
macro_rules! put {
    ($code:expr, $($piece:expr),+ $(,)?) => {{
        let code: &mut $crate::emit::source::Source = $code;
        code.start_line();
        $( $crate::emit::source::Piece::put_into(&$piece, code.text_mut()); )+
        code.end_line();
    }};
}

pub(crate) use {close, open, out, put};

/// `file:line`, as a location is printed.
pub fn loc_text(file: &str, line: u32) -> String {
    let mut at = String::with_capacity(file.len() + 6);
    at.push_str(file);
    at.push(':');
    line.put_into(&mut at);
    at
}

/// Text that [`put!`] writes into a line.
pub trait Piece {
    fn put_into(&self, out: &mut String);
}

impl Piece for str {
    fn put_into(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for String {
    fn put_into(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn put_into(&self, out: &mut String) {
        (**self).put_into(out);
    }
}

/// Numbers, as `Display` writes them.
macro_rules! number_pieces {
    ($($t:ty),*) => {$(
        impl Piece for $t {
            fn put_into(&self, out: &mut String) {
                // Writing into a String cannot fail.
                let _ = write!(out, "{self}");
            }
        }
    )*};
}

number_pieces!(usize, u32, u16);

const INDENT: &str = "    ";

/// Rust source under construction.
#[derive(Default)]
pub struct Source {
    text: String,
    depth: usize,
}

impl Source {
    /// An item's source, with room for `bytes` of text so that writing it grows the buffer
    /// rarely (this, with property rows sized too, saved 0.7% of a v1.0 run's instructions).
    pub fn with_capacity(bytes: usize) -> Self {
        Source { text: String::with_capacity(bytes), depth: 0 }
    }

    /// A whole file: `header` (the generated-by comment), then a blank line.
    pub fn file(header: &str) -> Self {
        Source { text: format!("{header}\n"), depth: 0 }
    }

    pub fn line(&mut self, args: fmt::Arguments) {
        self.indent();
        // Writing into a String cannot fail.
        let _ = self.text.write_fmt(args);
        self.text.push('\n');
    }

    pub fn open(&mut self, args: fmt::Arguments) {
        self.line(args);
        self.depth += 1;
    }

    pub fn close(&mut self, args: fmt::Arguments) {
        self.depth = self.depth.saturating_sub(1);
        self.line(args);
    }

    /// The indentation of a line [`put!`] writes.
    pub fn start_line(&mut self) {
        self.indent();
    }

    /// Indents what follows, after a line [`put!`] wrote that opens a block.
    pub fn indent_more(&mut self) {
        self.depth += 1;
    }

    pub fn end_line(&mut self) {
        self.text.push('\n');
    }

    /// The text written so far, for [`put!`]'s pieces.
    pub fn text_mut(&mut self) -> &mut String {
        &mut self.text
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.text.push_str(INDENT);
        }
    }

    pub fn blank(&mut self) {
        self.text.push('\n');
    }

    /// `///` lines: the docs' text as an outer doc comment.
    pub fn doc(&mut self, text: &str) {
        super::docs::each_line(text, |l| self.doc_line("///", l));
    }

    /// `//!` lines: the text as the doc comment of the enclosing module or crate.
    pub fn inner_doc(&mut self, text: &str) {
        super::docs::each_line(text, |l| self.doc_line("//!", l));
    }

    fn doc_line(&mut self, marker: &str, line: &str) {
        self.indent();
        self.text.push_str(marker);
        if !line.is_empty() {
            self.text.push(' ');
            self.text.push_str(line);
        }
        self.text.push('\n');
    }

    pub fn into_string(self) -> String {
        self.text
    }
}

/// `"text"` when written by [`put!`], escaped so that any text stays inside the literal
/// (written straight into the output: literals are a large share of it).
pub struct Lit<'a>(pub &'a str);

impl Piece for bool {
    fn put_into(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl Piece for Lit<'_> {
    fn put_into(&self, out: &mut String) {
        // Most literals are printable ASCII without quotes or backslashes, which need no
        // escapes; otherwise `Debug` of a `str` is a Rust string literal: quotes,
        // backslashes and every control or non-printable character escaped.
        if super::docs::printable_ascii::<true>(self.0) {
            out.push('"');
            out.push_str(self.0);
            out.push('"');
        } else {
            // Writing into a String cannot fail.
            let _ = write!(out, "{:?}", self.0);
        }
    }
}

/// Starts the next item of a comma-separated list being written into `s`: `, ` unless it is
/// the first.
pub fn comma(s: &mut String) {
    if !s.is_empty() {
        s.push_str(", ");
    }
}

/// `"a", "b"`: literals separated by commas.
pub struct Lits<'a>(pub &'a [String]);

impl Piece for Lits<'_> {
    fn put_into(&self, out: &mut String) {
        for (i, s) in self.0.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            Lit(s).put_into(out);
        }
    }
}

/// A string literal that keeps JSON readable: raw (`r#"{"a":1}"#`) with enough `#`s to
/// outlast every `"#…` run inside, or escaped when the text holds control characters a raw
/// literal cannot (a carriage return). Written straight into the output, like [`Lit`]:
/// example bodies are megabytes.
pub struct TextLit<'a>(pub &'a str);

impl Piece for TextLit<'_> {
    fn put_into(&self, out: &mut String) {
        let text = self.0;
        if super::docs::has_control(text, &['\n', '\t']) {
            return Lit(text).put_into(out);
        }
        // JSON is full of quotes and nearly free of `#`: the runs of `#` are what is searched.
        let mut hashes = usize::from(memchr::memchr(b'"', text.as_bytes()).is_some());
        let bytes = text.as_bytes();
        let mut from = 0;
        while let Some(at) = memchr::memchr(b'#', &bytes[from..]).map(|i| from + i) {
            let run = bytes[at..].iter().take_while(|&&b| b == b'#').count();
            if at > 0 && bytes[at - 1] == b'"' {
                hashes = hashes.max(run + 1);
            }
            from = at + run;
        }
        out.reserve(text.len() + 3 + 2 * hashes);
        out.push('r');
        (0..hashes).for_each(|_| out.push('#'));
        out.push('"');
        out.push_str(text);
        out.push('"');
        (0..hashes).for_each(|_| out.push('#'));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_indent_and_outdent() {
        let mut c = Source::default();
        open!(c, "mod m {{");
        out!(c, "const X: u8 = {};", 1);
        close!(c, "}}");
        assert_eq!(c.into_string(), "mod m {\n    const X: u8 = 1;\n}\n");
    }

    fn written(piece: impl Piece) -> String {
        let mut text = String::new();
        piece.put_into(&mut text);
        text
    }

    #[test]
    fn literals_hold_any_text() {
        for text in ["", "plain", "~ { } ' ` $", "quote \" and \"# and \"## end", "back\\slash", "cr\r\nlf", "\u{0}", "é ✓", "\"#", "# \"a\"## #", "##\"###"] {
            for lit in [written(Lit(text)), written(TextLit(text))] {
                let parsed: syn::LitStr = syn::parse_str(&lit).unwrap_or_else(|e| panic!("{lit}: {e}"));
                assert_eq!(parsed.value(), text, "{lit}");
            }
        }
        assert_eq!(written(TextLit(r#"{"a":1}"#)), r##"r#"{"a":1}"#"##);
        assert_eq!(written(TextLit("no quotes")), "r\"no quotes\"");
    }

    #[test]
    fn doc_text_stays_in_the_comment() {
        let mut c = Source::default();
        c.doc("*/ } pub fn x() {} /*\n\n\n/path/{id}\r\n```rust\nfn y(){}\n```");
        out!(c, "pub struct S;");
        let text = c.into_string();
        let file = syn::parse_file(&text).unwrap();
        assert_eq!(file.items.len(), 1, "only the struct is an item:\n{text}");
        assert!(text.contains("/// /path/{id}\n"), "a line starting with `/` stays a doc line");
        assert!(!text.contains("```"));
    }
}
