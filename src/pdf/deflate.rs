//! Deflating the PDF's streams with one compressor a thread. A zlib
//! compressor's state is a few hundred kilobytes that a new one clears;
//! made afresh for each of a short brief's thirty streams, that clearing
//! cost a fifth of the export.

use flate2::{Compress, Compression, FlushCompress, Status};

/// What a stream's `/Filter` and `/DecodeParms` add: deflating must save
/// more than that to be worth it.
const FILTER_BYTES: usize = 19;

pub(crate) struct Deflater {
    zlib: Compress,
}

impl Deflater {
    pub(crate) fn new(level: u32) -> Deflater {
        Deflater {
            zlib: Compress::new(Compression::new(level), true),
        }
    }

    /// `data` in zlib format.
    pub(crate) fn deflate(&mut self, data: &[u8]) -> Vec<u8> {
        self.zlib.reset();
        let mut out = Vec::with_capacity(data.len() / 3 + 64);
        loop {
            let read = self.zlib.total_in() as usize;
            let rest = data.get(read..).unwrap_or_default();
            match self
                .zlib
                .compress_vec(rest, &mut out, FlushCompress::Finish)
            {
                Ok(Status::StreamEnd) => return out,
                Ok(Status::Ok | Status::BufError) => out.reserve(out.capacity().max(1024)),
                // Cannot happen with a fresh stream and a buffer; written
                // uncompressed by the caller if it did.
                Err(_) => return Vec::new(),
            }
        }
    }

    /// `data` deflated if that makes the stream smaller.
    pub(crate) fn smaller(&mut self, data: &[u8]) -> Option<Vec<u8>> {
        let c = self.deflate(data);
        (!c.is_empty() && c.len() + FILTER_BYTES < data.len()).then_some(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn one_compressor_deflates_stream_after_stream_readably() {
        let mut d = Deflater::new(6);
        let texts: Vec<Vec<u8>> = (0..5)
            .map(|i| {
                format!("BT /F1 12 Tf ({i}) Tj ET\n")
                    .repeat(200 * (i + 1))
                    .into_bytes()
            })
            .chain([Vec::new(), vec![7u8; 100_000]])
            .collect();
        for t in &texts {
            let c = d.deflate(t);
            let mut back = Vec::new();
            flate2::read::ZlibDecoder::new(&c[..])
                .read_to_end(&mut back)
                .expect("inflates");
            assert_eq!(&back, t);
        }
        assert!(d.smaller(b"short").is_none());
    }
}
