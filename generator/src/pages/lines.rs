//! Byte offset → 1-based line number.

pub struct LineIndex {
    starts: Vec<usize>,
    first_line: u32,
}

impl LineIndex {
    /// `first_line` is the line number of the text's first byte in its file.
    pub fn new(text: &str, first_line: u32) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts, first_line }
    }

    pub fn line(&self, offset: usize) -> u32 {
        let idx = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        self.first_line + idx as u32
    }
}
