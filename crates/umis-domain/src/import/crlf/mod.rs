//! Reading a CSV file whose lines end in CRLF as if they ended in LF, so that the row numbers
//! of an import report count lines as an editor does (the CSV reader counts a CRLF line only
//! once it reads the LF that starts the next record).

use std::io::{self, Read};

/// A reader that drops every CR directly followed by LF.
#[derive(Debug)]
pub struct CrlfAsLf<R> {
    inner: R,
    /// A CR read at the end of the last chunk, not yet known to precede an LF.
    held_cr: bool,
    /// A byte read to decide on a held CR when the caller's buffer had room for one byte only:
    /// given back on the next read.
    pending: Option<u8>,
}

impl<R: Read> CrlfAsLf<R> {
    /// Wraps `inner`.
    pub fn new(inner: R) -> Self {
        Self {
            inner,
            held_cr: false,
            pending: None,
        }
    }
}

impl<R: Read> Read for CrlfAsLf<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if let Some(b) = self.pending.take() {
            buf[0] = b;
            return Ok(1);
        }
        loop {
            if self.held_cr && buf.len() == 1 {
                // No room to read after the held CR: decide on it with one byte read aside.
                let mut next = [0u8];
                let n = self.inner.read(&mut next)?;
                buf[0] = match next[0] {
                    _ if n == 0 => {
                        self.held_cr = false;
                        b'\r'
                    }
                    b'\n' => {
                        self.held_cr = false;
                        b'\n'
                    }
                    // The held CR goes out; the new one is held in its place.
                    b'\r' => b'\r',
                    other => {
                        self.held_cr = false;
                        self.pending = Some(other);
                        b'\r'
                    }
                };
                return Ok(1);
            }
            // Leave room to give back a held CR that turns out not to precede an LF.
            let start = usize::from(self.held_cr);
            let n = self.inner.read(&mut buf[start..])?;
            if start == 1 {
                buf[0] = b'\r';
            }
            if n == 0 {
                self.held_cr = false;
                return Ok(start);
            }
            let end = start + n;
            let mut out = 0;
            let mut i = 0;
            while i < end {
                let b = buf[i];
                if b == b'\r' {
                    if i + 1 == end {
                        // Unknown yet: hold it for the next read.
                        self.held_cr = true;
                        break;
                    }
                    if buf[i + 1] == b'\n' {
                        i += 1;
                        continue;
                    }
                }
                buf[out] = b;
                out += 1;
                i += 1;
            }
            if i == end {
                self.held_cr = false;
            }
            if out > 0 {
                return Ok(out);
            }
            // Only a held CR so far: read on.
        }
    }
}

#[cfg(test)]
mod tests;
