//! Byte offset → 1-based line number.

/// Counts lines from the last offset asked about to the next one. A parser's offsets mostly
/// move forward, so a page is scanned about once, without a table of line starts.
pub struct LineCounter<'a> {
    text: &'a [u8],
    /// The last offset asked about, and its line.
    offset: usize,
    line: u32,
}

impl<'a> LineCounter<'a> {
    /// `first_line` is the line number of the text's first byte in its file.
    pub fn new(text: &'a str, first_line: u32) -> Self {
        LineCounter { text: text.as_bytes(), offset: 0, line: first_line }
    }

    /// The line of the byte at `offset` (offsets past the end count as the end).
    pub fn line(&mut self, offset: usize) -> u32 {
        let offset = offset.min(self.text.len());
        if offset >= self.offset {
            self.line += newlines(&self.text[self.offset..offset]);
        } else {
            self.line -= newlines(&self.text[offset..self.offset]);
        }
        self.offset = offset;
        self.line
    }
}

fn newlines(bytes: &[u8]) -> u32 {
    // Byte-wide sums over chunks that cannot overflow a byte vectorize far better than a
    // count into a word-sized total.
    bytes.chunks(255).map(|chunk| u32::from(chunk.iter().map(|&b| u8::from(b == b'\n')).sum::<u8>())).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forward_backward_and_past_the_end() {
        let mut l = LineCounter::new("a\nbc\n\nd", 5);
        assert_eq!(l.line(0), 5);
        assert_eq!(l.line(2), 6);
        assert_eq!(l.line(5), 7);
        assert_eq!(l.line(1), 5);
        assert_eq!(l.line(6), 8);
        assert_eq!(l.line(100), 8);
        assert_eq!(l.line(4), 6);
    }
}
