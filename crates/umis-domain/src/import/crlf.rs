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
mod tests {
    use super::*;

    /// Reads `input` through the adapter in chunks of `chunk` bytes into a 3-byte buffer.
    fn through(input: &[u8], chunk: usize) -> Vec<u8> {
        through_buffer(input, chunk, 3)
    }

    /// Reads `input` through the adapter in chunks of `chunk` bytes into a `buffer`-byte buffer.
    fn through_buffer(input: &[u8], chunk: usize, buffer: usize) -> Vec<u8> {
        struct Chunks<'a>(&'a [u8], usize);
        impl Read for Chunks<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(self.1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut out = Vec::new();
        let mut r = CrlfAsLf::new(Chunks(input, chunk));
        let mut buf = vec![0u8; buffer];
        loop {
            let n = r.read(&mut buf).unwrap_or(0);
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        out
    }

    #[test]
    fn crlf_becomes_lf_and_lone_crs_stay() {
        for chunk in [1, 2, 3, 7, 64] {
            assert_eq!(through(b"a,b\r\nc,d\r\n", chunk), b"a,b\nc,d\n", "{chunk}");
            assert_eq!(through(b"a\rb\r\r\nc\r", chunk), b"a\rb\r\nc\r", "{chunk}");
            assert_eq!(through(b"", chunk), b"", "{chunk}");
        }
    }

    /// Found by the `crlf` fuzz target: with a one-byte buffer a held CR was given back
    /// before the LF it preceded was seen, so the CRLF came out whole.
    #[test]
    fn a_one_byte_buffer_still_drops_the_cr_of_crlf() {
        let input = b"a\rb\r\r\nc\r";
        for chunk in [1, 2, 5] {
            assert_eq!(through_buffer(input, chunk, 1), b"a\rb\r\nc\r", "{chunk}");
            assert_eq!(through_buffer(b"x\r\ny\rz\r", chunk, 1), b"x\ny\rz\r");
        }
    }

    #[test]
    fn row_numbers_of_a_crlf_file_count_lines() {
        let data = b"h1,h2\r\nx,1\r\ny,2\r\nz,3\r\n";
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(CrlfAsLf::new(&data[..]));
        assert_eq!(reader.headers().map(|h| h.len()).unwrap_or(0), 2);
        let mut record = csv::StringRecord::new();
        let mut rows = Vec::new();
        loop {
            let row = reader.position().line();
            match reader.read_record(&mut record) {
                Ok(true) => rows.push((row, record.get(0).unwrap_or("").to_owned())),
                _ => break,
            }
        }
        let expected = [(2, "x"), (3, "y"), (4, "z")].map(|(r, s)| (r, s.to_owned()));
        assert_eq!(rows, expected);
    }
}
