//! CRLF lines read as LF, in chunks and buffers of every size, and the row numbers that follow.

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
