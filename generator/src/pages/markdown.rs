//! Markdown → blocks, with pulldown-cmark (GFM tables on, metadata blocks off).

use super::annotation::{self, Read};
use super::front_matter;
use super::lines::LineCounter;
use super::TrimFast;
use super::{Annotation, Block, CodeBlock, Heading, Inline, Link, Page, Para, Row, Table};
use crate::diagnostics::{Code, Diagnostics, Loc};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::sync::Arc;

/// Parses one page's text. `path` is relative to the docs root.
pub fn parse_page(path: &str, text: &str, diags: &mut Diagnostics) -> Page {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fm = front_matter::split(text);
    if fm.malformed {
        diags.push(Code::FrontMatterMalformed, Loc::new(path, 1), "front matter has no closing `---`");
    }
    let mut walker = Walker::new(path, fm.body, fm.body_line, diags);
    walker.run();
    // Kept sized to what it holds: pages live until lowering ends, and room left in every
    // page's vectors and strings was a fifth of their memory (the building buffers, sized
    // generously to grow rarely, are freed here and reused by the next page).
    let mut blocks = sized(&mut walker.blocks);
    attach_annotations(path, &mut blocks, diags);
    Page { path: path.to_string(), front: fm.fields, blocks }
}

/// What is being collected while inside a container.
enum Open {
    None,
    Heading { level: u8, line: u32 },
    Para { start: usize, line: u32 },
    Table { line: u32, header: Vec<Inline>, rows: Vec<Row>, row: Vec<Inline>, row_line: u32 },
    Code { info: String, line: u32, text: String, fenced: bool },
    Html { line: u32, text: String },
}

struct Walker<'a, 'd> {
    path: &'a str,
    text: &'a str,
    lines: LineCounter<'a>,
    diags: &'d mut Diagnostics,
    blocks: Vec<Block>,
    open: Open,
    inline: Inline,
    /// Link being read: its target and where its text started in `inline.text`.
    link: Option<(String, usize)>,
    /// Inline HTML comment text inside a paragraph (annotations written inline).
    inline_html: String,
    inline_html_line: u32,
    /// Where the list item being read starts, and its line: its text's paragraph gets that line.
    item_start: usize,
    item_line: u32,
}

impl<'a, 'd> Walker<'a, 'd> {
    fn new(path: &'a str, text: &'a str, first_line: u32, diags: &'d mut Diagnostics) -> Self {
        // `inline` and `blocks` are building buffers: what is kept is copied out sized.
        Walker {
            path,
            text,
            lines: LineCounter::new(text, first_line),
            diags,
            // About one block per 145 bytes of v1.0 markdown: room made once instead of
            // doubling (each doubling copies the blocks into memory not yet touched).
            blocks: Vec::with_capacity(text.len() / 128 + 4),
            open: Open::None,
            inline: Inline::default(),
            link: None,
            inline_html: String::new(),
            item_start: 0,
            item_line: 0,
            inline_html_line: 0,
        }
    }

    fn run(&mut self) {
        let parser = Parser::new_ext(self.text, Options::ENABLE_TABLES).into_offset_iter();
        for (event, range) in parser {
            self.event(event, range.start, range.end);
        }
        let end = self.text.len();
        let line = self.lines.line(end);
        self.flush_inline_para(end, line);
    }

    fn event(&mut self, event: Event<'_>, start: usize, end: usize) {
        match event {
            Event::Start(tag) => self.start(tag, start, end),
            Event::End(tag) => self.end(tag, start, end),
            Event::Text(t) => match &mut self.open {
                Open::Code { text, .. } => text.push_str(&t),
                Open::Html { text, .. } => text.push_str(&t),
                _ => self.inline.text.push_str(&t),
            },
            Event::Code(t) => {
                self.inline.text.push('`');
                self.inline.text.push_str(&t);
                self.inline.text.push('`');
            }
            Event::SoftBreak => self.inline.text.push(' '),
            Event::HardBreak => self.inline.text.push('\n'),
            Event::Html(t) => match &mut self.open {
                Open::Html { text, .. } => text.push_str(&t),
                _ => self.inline_html_event(&t, start),
            },
            Event::InlineHtml(t) => self.inline_html_event(&t, start),
            Event::Rule => self.blocks.push(Block::Tab { label: "---".into(), line: self.lines.line(start) }),
            _ => {}
        }
    }

    fn inline_html_event(&mut self, t: &str, start: usize) {
        let t_start = t.trim_start();
        if starts_with_ignore_case(t_start, "<br") {
            self.inline.text.push('\n');
        } else if t_start.starts_with("<!--") || !self.inline_html.is_empty() {
            if self.inline_html.is_empty() {
                self.inline_html_line = self.lines.line(start);
            }
            self.inline_html.push_str(t);
            if self.inline_html.contains("-->") {
                let html = std::mem::take(&mut self.inline_html);
                let line = self.inline_html_line;
                self.annotation(&html, line);
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, start: usize, end: usize) {
        match tag {
            // Lines are taken at the start of a block, while offsets only move forward.
            Tag::Heading { level, .. } => {
                self.restart_inline(end - start);
                self.open = Open::Heading { level: level as u8, line: self.lines.line(start) };
            }
            Tag::Paragraph => {
                if matches!(self.open, Open::None) {
                    self.restart_inline(end - start);
                    self.open = Open::Para { start, line: self.lines.line(start) };
                }
            }
            Tag::Item => {
                let line = self.lines.line(start);
                self.flush_inline_para(start, line);
                self.item_start = start;
                self.item_line = line;
            }
            Tag::Table(_) => {
                self.open = Open::Table {
                    line: self.lines.line(start),
                    header: Vec::new(),
                    rows: Vec::new(),
                    row: Vec::new(),
                    row_line: self.lines.line(start),
                };
            }
            Tag::TableHead | Tag::TableRow => {
                if let Open::Table { header, row, row_line, .. } = &mut self.open {
                    row.clear();
                    row.reserve(header.len());
                    *row_line = self.lines.line(start);
                }
            }
            Tag::TableCell => self.restart_inline(end - start),
            Tag::CodeBlock(kind) => {
                let (info, fenced) = match kind {
                    CodeBlockKind::Fenced(info) => (info.trim_fast().to_ascii_lowercase(), true),
                    CodeBlockKind::Indented => (String::new(), false),
                };
                // The fence's source bounds its text: one allocation instead of a doubling per line.
                let text = String::with_capacity(end - start);
                self.open = Open::Code { info, line: self.lines.line(start), text, fenced };
            }
            Tag::HtmlBlock => self.open = Open::Html { line: self.lines.line(start), text: String::with_capacity(end - start) },
            Tag::Link { dest_url, .. } => self.link = Some((dest_url.into_string(), self.inline.text.len())),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, start: usize, end: usize) {
        match tag {
            TagEnd::Heading(_) => {
                if let Open::Heading { level, line } = std::mem::replace(&mut self.open, Open::None) {
                    let text = self.take_inline(all);
                    match tab_label(&text) {
                        Some(label) => self.blocks.push(Block::Tab { label, line }),
                        None => self.blocks.push(Block::Heading(Heading { level, title: super::normalize_title(&text.text), text, line })),
                    }
                }
            }
            TagEnd::Paragraph => {
                if let Open::Para { start: s, line } = std::mem::replace(&mut self.open, Open::None) {
                    self.push_para(s, end, line);
                }
            }
            TagEnd::Item => {
                let (at, line) = if self.item_start <= end { (self.item_start, self.item_line) } else { (end, self.lines.line(end)) };
                self.flush_inline_para(at, line);
            }
            TagEnd::TableCell => {
                let cell = self.take_inline(str::trim_fast);
                if let Open::Table { row, .. } = &mut self.open {
                    row.push(cell);
                }
            }
            TagEnd::TableHead => {
                if let Open::Table { header, row, .. } = &mut self.open {
                    *header = sized(row);
                }
            }
            TagEnd::TableRow => {
                if let Open::Table { rows, row, row_line, .. } = &mut self.open {
                    rows.push(Row { cells: sized(row), line: *row_line });
                }
            }
            TagEnd::Table => {
                if let Open::Table { line, header, rows, .. } = std::mem::replace(&mut self.open, Open::None) {
                    self.blocks.push(Block::Table(Table { header, rows, line }));
                }
            }
            TagEnd::CodeBlock => {
                if let Open::Code { info, line, text, fenced } = std::mem::replace(&mut self.open, Open::None) {
                    if fenced && !fence_closed(self.text.get(start..end).unwrap_or("")) {
                        self.diags.push(Code::CodeFenceUnclosed, Loc::new(self.path, line), "the code fence is never closed");
                    }
                    self.blocks.push(Block::Code(CodeBlock { info, text, line, annotation: None }));
                }
            }
            TagEnd::HtmlBlock => {
                if let Open::Html { line, text } = std::mem::replace(&mut self.open, Open::None) {
                    self.annotation(&text, line);
                }
            }
            TagEnd::Link => {
                if let Some((target, from)) = self.link.take() {
                    let text = self.inline.text.get(from..).unwrap_or("").trim_fast().to_string();
                    // Most text holds one link: room for one, not the four a first push makes.
                    if self.inline.links.is_empty() {
                        self.inline.links.reserve_exact(1);
                    }
                    self.inline.links.push(Link { text, target });
                }
            }
            _ => {}
        }
    }

    /// Text that sits directly in a list item (tight lists have no paragraph events).
    fn flush_inline_para(&mut self, at: usize, line: u32) {
        if matches!(self.open, Open::None) && !self.inline.text.trim_fast().is_empty() {
            self.push_para(at, at, line);
        }
    }

    /// Empties the inline buffer for a container whose source is `source_len` bytes long
    /// (its text is no longer: markup and link targets drop out).
    fn restart_inline(&mut self, source_len: usize) {
        if self.inline.text.capacity() < source_len {
            // A new buffer, not a reallocation: that would copy the old one's stale bytes.
            self.inline.text = String::with_capacity(source_len.max(2 * self.inline.text.capacity()));
        } else {
            self.inline.text.clear();
        }
        self.inline.links = Vec::new();
    }

    /// The inline read so far, its text (as `keep` cuts it) copied out sized; the buffer is
    /// emptied.
    fn take_inline(&mut self, keep: fn(&str) -> &str) -> Inline {
        let text = keep(&self.inline.text).to_owned();
        self.inline.text.clear();
        Inline { text, links: std::mem::take(&mut self.inline.links) }
    }

    /// A paragraph whose source is `text[start..end]`, starting on `line`.
    fn push_para(&mut self, start: usize, end: usize, line: u32) {
        let text = self.take_inline(all);
        let raw = self.text.get(start..end).unwrap_or("");
        // GFM tables whose header and delimiter rows differ in width are paragraphs to
        // CommonMark; the docs mean them as tables.
        if let Some(table) = super::pipe_table::pipe_table(raw, line) {
            self.diags.push(Code::TableShape, Loc::new(self.path, line), "table rows differ in column count");
            self.blocks.push(Block::Table(table));
            return;
        }
        if !text.text.trim_fast().is_empty() {
            self.blocks.push(Block::Para(Para { text, line }));
        }
    }

    fn annotation(&mut self, html: &str, line: u32) {
        match annotation::read(html, line) {
            Read::NotAnnotation => {}
            Read::Ok(a) => self.blocks.push(Block::Annotation(Arc::new(a))),
            Read::Lenient(a) => {
                self.diags.push(Code::AnnotationLenient, Loc::new(self.path, line), "annotation read leniently");
                self.blocks.push(Block::Annotation(Arc::new(a)));
            }
            Read::Invalid(e) => self.diags.push(Code::AnnotationInvalid, Loc::new(self.path, line), format!("annotation is not JSON: {e}")),
        }
    }
}

/// True when a fenced block's source ends with a closing fence at least as long as its
/// opening one (quote markers and indentation aside).
fn fence_closed(raw: &str) -> bool {
    // Only the first and the last non-blank lines matter: read them from both ends.
    let mut lines = raw.lines().map(strip_quote_and_indent).filter(|l| !l.is_empty());
    let Some(open) = lines.next() else { return true };
    let Some(mark) = open.chars().next() else { return true };
    let width = open.chars().take_while(|&c| c == mark).count();
    let last = lines.next_back().unwrap_or_default();
    last.chars().all(|c| c == mark) && last.chars().count() >= width
}

fn strip_quote_and_indent(line: &str) -> &str {
    line.trim_start_matches(|c: char| c == '>' || c.is_whitespace()).trim_end()
}

/// `# [HTTP](#tab/http)` is docfx tab markup, not a section.
fn tab_label(text: &Inline) -> Option<String> {
    let link = text.links.first()?;
    (link.target.starts_with("#tab/") && text.links.len() == 1).then(|| link.text.clone())
}

/// All of a text (for [`Walker::take_inline`]).
fn all(text: &str) -> &str {
    text
}

/// Moves a building buffer's items into a vector of their size; the buffer keeps its room.
fn sized<T>(buffer: &mut Vec<T>) -> Vec<T> {
    let mut kept = Vec::with_capacity(buffer.len());
    kept.append(buffer);
    kept
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.as_bytes().get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Attaches each annotation to the code fence after it. Tab markers between them are fine;
/// other text is reported as a detached annotation but still attached.
fn attach_annotations(path: &str, blocks: &mut [Block], diags: &mut Diagnostics) {
    let mut pending: Option<(Arc<Annotation>, bool)> = None;
    for block in blocks.iter_mut() {
        match block {
            Block::Annotation(a) => pending = Some((a.clone(), false)),
            Block::Tab { .. } => {}
            Block::Para(_) => {
                if let Some((_, detached)) = &mut pending {
                    *detached = true;
                }
            }
            Block::Code(code) => {
                if let Some((a, detached)) = pending.take() {
                    if detached {
                        diags.push(Code::AnnotationDetached, Loc::new(path, a.line), "annotation is separated from its code fence");
                    }
                    code.annotation = Some(a);
                }
            }
            Block::Heading(_) | Block::Table(_) => pending = None,
        }
    }
}
