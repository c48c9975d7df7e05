//! The CRLF adapter under the CSV readers on any bytes, read in any chunk and buffer sizes:
//! exactly the input with every CR that precedes an LF dropped.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Read;
use umis_domain::import::CrlfAsLf;

/// A reader giving at most `chunk` bytes per call.
struct Chunks<'a>(&'a [u8], usize);

impl Read for Chunks<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.len().min(self.1).min(buf.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&sizes, input)) = data.split_first() else {
        return;
    };
    let chunk = usize::from(sizes & 0x0f) + 1;
    let buffer = usize::from(sizes >> 4) + 1;
    let mut reader = CrlfAsLf::new(Chunks(input, chunk));
    let mut out = Vec::new();
    let mut buf = vec![0u8; buffer];
    loop {
        let n = reader.read(&mut buf).expect("a byte slice reads");
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    let mut expected = Vec::with_capacity(input.len());
    for (i, &b) in input.iter().enumerate() {
        if !(b == b'\r' && input.get(i + 1) == Some(&b'\n')) {
            expected.push(b);
        }
    }
    assert_eq!(out, expected, "chunk {chunk}, buffer {buffer}");
});
