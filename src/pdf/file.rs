//! The PDF file's bytes, from the finished lopdf document: streams written
//! as they are, every other object packed into deflated object streams
//! (built on two threads), and a deflated, predictor-coded cross-reference
//! stream. lopdf's own writer serialises each packed object twice on one
//! thread and leaves the cross-reference stream raw, which for a tagged
//! brief's thousands of structure elements cost a third of the export time
//! and a tenth of the file.

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use super::deflate::Deflater;
use super::Turns;

/// Objects per object stream: large enough to share a deflate window's
/// repetitions, small enough that two threads get even shares.
const PER_STREAM: usize = 400;

/// Small objects already serialised (a tagged brief's thousands of
/// structure elements): written straight to bytes, they cost neither a
/// lopdf dictionary each nor its freeing. Packed with the other objects.
#[derive(Default)]
pub(crate) struct Prewritten {
    ids: Vec<u32>,
    ends: Vec<usize>,
    bytes: Vec<u8>,
}

impl Prewritten {
    /// Writes object `id` with `body`, which appends its serialisation.
    pub(crate) fn add(&mut self, id: ObjectId, body: impl FnOnce(&mut Vec<u8>)) {
        body(&mut self.bytes);
        self.ids.push(id.0);
        self.ends.push(self.bytes.len());
    }

    fn iter(&self) -> impl Iterator<Item = (u32, &[u8])> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        self.ids
            .iter()
            .zip(starts.zip(self.ends.iter().copied()))
            .map(|(id, (a, b))| (*id, &self.bytes[a..b]))
    }
}

/// One object to pack: a lopdf object, or bytes written ahead.
enum Packed<'a> {
    Object(&'a Object),
    Bytes(&'a [u8]),
}

/// Where an object ended up, for the cross-reference stream.
#[derive(Clone, Copy)]
enum Entry {
    Free,
    At(usize),
    Packed { stream: u32, index: u32 },
}

/// Serialises `doc` with compressed object and cross-reference streams.
pub(crate) fn write(doc: &lopdf::Document, pre: &Prewritten, level: u32) -> Vec<u8> {
    let encrypt = doc
        .trailer
        .get(b"Encrypt")
        .and_then(Object::as_reference)
        .ok();
    let mut direct: Vec<(ObjectId, &Object)> = Vec::new();
    let mut packed: Vec<(ObjectId, Packed)> = Vec::with_capacity(doc.objects.len() + pre.ids.len());
    for (&id, object) in &doc.objects {
        let packable = id.1 == 0
            && Some(id) != encrypt
            && match object {
                Object::Stream(_) => false,
                Object::Dictionary(d) => !matches!(
                    d.get(b"Type").and_then(Object::as_name),
                    Ok(b"XRef" | b"ObjStm")
                ),
                _ => true,
            };
        if packable {
            packed.push((id, Packed::Object(object)));
        } else {
            direct.push((id, object));
        }
    }
    packed.extend(pre.iter().map(|(id, b)| ((id, 0), Packed::Bytes(b))));
    packed.sort_by_key(|(id, _)| *id);
    let chunks: Vec<&[(ObjectId, Packed)]> = packed.chunks(PER_STREAM).collect();
    // Each chunk to whichever thread takes it: equal output whatever the
    // scheduling.
    let built = Turns::new(chunks.len());
    let mut deflater = Deflater::new(level);
    std::thread::scope(|scope| {
        if chunks.len() > 1 {
            scope.spawn(|| {
                let mut deflater = Deflater::new(level);
                built.take(|i| object_stream(chunks[i], &mut deflater));
            });
        }
        built.take(|i| object_stream(chunks[i], &mut deflater));
    });

    let first_stream = doc.max_id + 1;
    let xref_id = first_stream + chunks.len() as u32;
    let size = xref_id as usize + 1;
    let mut entries = vec![Entry::Free; size];
    let mut out = Vec::with_capacity(packed.len() * 16 + 4096);
    out.extend_from_slice(format!("%PDF-{}\n", doc.version).as_bytes());
    if doc.binary_mark.iter().all(|b| *b >= 128) && !doc.binary_mark.is_empty() {
        out.push(b'%');
        out.extend_from_slice(&doc.binary_mark);
        out.push(b'\n');
    }
    for (id, object) in direct {
        if let Some(e) = entries.get_mut(id.0 as usize) {
            *e = Entry::At(out.len());
        }
        indirect(&mut out, id, object);
    }
    for (n, (chunk, body)) in chunks.iter().zip(built.results()).enumerate() {
        let stream = first_stream + n as u32;
        for (index, (id, _)) in chunk.iter().enumerate() {
            if let Some(e) = entries.get_mut(id.0 as usize) {
                *e = Entry::Packed {
                    stream,
                    index: index as u32,
                };
            }
        }
        let (header_len, data) = body.unwrap_or_default();
        entries[stream as usize] = Entry::At(out.len());
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"ObjStm".to_vec()));
        dict.set("N", Object::Integer(chunk.len() as i64));
        dict.set("First", Object::Integer(header_len as i64));
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        dict.set("Length", Object::Integer(data.len() as i64));
        begin(&mut out, (stream, 0));
        dictionary(&mut out, &dict);
        out.extend_from_slice(b"stream\n");
        out.extend_from_slice(&data);
        out.extend_from_slice(b"\nendstream\nendobj\n");
    }
    let start = out.len();
    entries[xref_id as usize] = Entry::At(start);
    xref_stream(&mut out, doc, &entries, xref_id, &mut deflater);
    out.extend_from_slice(format!("\nstartxref\n{start}\n%%EOF").as_bytes());
    out
}

/// One object stream's header length (for `/First`) and its content,
/// deflated.
fn object_stream(chunk: &[(ObjectId, Packed)], deflater: &mut Deflater) -> (usize, Vec<u8>) {
    let mut bodies = Vec::with_capacity(chunk.len() * 48);
    let mut header = Vec::with_capacity(chunk.len() * 12);
    let mut number = itoa::Buffer::new();
    for (id, object) in chunk {
        header.extend_from_slice(number.format(id.0).as_bytes());
        header.push(b' ');
        header.extend_from_slice(number.format(bodies.len()).as_bytes());
        header.push(b' ');
        match object {
            Packed::Object(o) => value(&mut bodies, o),
            Packed::Bytes(b) => bodies.extend_from_slice(b),
        }
        bodies.push(b'\n');
    }
    let first = header.len();
    header.append(&mut bodies);
    (first, deflater.deflate(&header))
}

/// The cross-reference stream: field widths as small as the file allows,
/// each row coded against the one above (PNG Up), then deflated, so the
/// thousands of near-identical rows of a tagged brief cost a few bytes.
fn xref_stream(
    out: &mut Vec<u8>,
    doc: &lopdf::Document,
    entries: &[Entry],
    id: u32,
    deflater: &mut Deflater,
) {
    let bytes_for = |v: usize| (usize::BITS - v.leading_zeros()).div_ceil(8).max(1) as usize;
    let max_second = entries
        .iter()
        .map(|e| match *e {
            Entry::Free => 0,
            Entry::At(offset) => offset,
            Entry::Packed { stream, .. } => stream as usize,
        })
        .max()
        .unwrap_or(0);
    let max_third = entries
        .iter()
        .map(|e| match *e {
            Entry::Packed { index, .. } => index as usize,
            Entry::Free => 0,
            Entry::At(_) => 0,
        })
        .max()
        .unwrap_or(0)
        .max(0xffff);
    let (w2, w3) = (bytes_for(max_second), bytes_for(max_third));
    let columns = 1 + w2 + w3;
    let mut rows = Vec::with_capacity(entries.len() * (columns + 1));
    let mut previous = vec![0u8; columns];
    let mut row = vec![0u8; columns];
    let put = |row: &mut [u8], at: usize, width: usize, v: usize| {
        for i in 0..width {
            row[at + i] = (v >> (8 * (width - 1 - i))) as u8;
        }
    };
    for (n, e) in entries.iter().enumerate() {
        let (t, a, b) = match *e {
            Entry::Free if n == 0 => (0, 0, 0xffff),
            Entry::Free => (0, 0, 0),
            Entry::At(offset) => (1, offset, 0),
            Entry::Packed { stream, index } => (2, stream as usize, index as usize),
        };
        row[0] = t;
        put(&mut row, 1, w2, a);
        put(&mut row, 1 + w2, w3, b);
        rows.push(2); // PNG filter type Up
        rows.extend(row.iter().zip(&previous).map(|(r, p)| r.wrapping_sub(*p)));
        previous.copy_from_slice(&row);
    }
    let data = deflater.deflate(&rows);
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XRef".to_vec()));
    dict.set("Size", Object::Integer(entries.len() as i64));
    dict.set(
        "W",
        Object::Array(vec![
            Object::Integer(1),
            Object::Integer(w2 as i64),
            Object::Integer(w3 as i64),
        ]),
    );
    for key in [&b"Root"[..], b"Info", b"ID"] {
        if let Ok(v) = doc.trailer.get(key) {
            dict.set(key.to_vec(), v.clone());
        }
    }
    dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    let mut parms = Dictionary::new();
    parms.set("Predictor", Object::Integer(12));
    parms.set("Columns", Object::Integer(columns as i64));
    dict.set("DecodeParms", Object::Dictionary(parms));
    dict.set("Length", Object::Integer(data.len() as i64));
    begin(out, (id, 0));
    dictionary(out, &dict);
    out.extend_from_slice(b"stream\n");
    out.extend_from_slice(&data);
    out.extend_from_slice(b"\nendstream\nendobj");
}

fn begin(out: &mut Vec<u8>, id: ObjectId) {
    out.extend_from_slice(format!("{} {} obj\n", id.0, id.1).as_bytes());
}

fn indirect(out: &mut Vec<u8>, id: ObjectId, object: &Object) {
    begin(out, id);
    if let Object::Stream(s) = object {
        // The length written is the content's, whatever the dictionary said.
        let mut dict = s.dict.clone();
        dict.set("Length", Object::Integer(s.content.len() as i64));
        dictionary(out, &dict);
        out.extend_from_slice(b"stream\n");
        out.extend_from_slice(&s.content);
        out.extend_from_slice(b"\nendstream");
    } else {
        value(out, object);
    }
    out.extend_from_slice(b"\nendobj\n");
}

/// Whether a token must be kept apart from the one before it.
fn needs_space(o: &Object) -> bool {
    matches!(
        o,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Reference(_)
    )
}

pub(crate) fn value(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(v) => out.extend_from_slice(itoa::Buffer::new().format(*v).as_bytes()),
        Object::Real(v) => real(out, *v),
        Object::Name(n) => name(out, n),
        Object::String(s, format) => string(out, s, *format),
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 && needs_space(item) {
                    out.push(b' ');
                }
                value(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(d) => dictionary(out, d),
        // Streams are never nested; written as a dictionary if one were.
        Object::Stream(s) => dictionary(out, &s.dict),
        Object::Reference(id) => reference(out, *id),
    }
}

pub(crate) fn reference(out: &mut Vec<u8>, id: ObjectId) {
    let mut b = itoa::Buffer::new();
    out.extend_from_slice(b.format(id.0).as_bytes());
    out.push(b' ');
    out.extend_from_slice(b.format(id.1).as_bytes());
    out.extend_from_slice(b" R");
}

pub(crate) fn integer(out: &mut Vec<u8>, v: i64) {
    out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}

fn dictionary(out: &mut Vec<u8>, d: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, v) in d {
        name(out, key);
        if needs_space(v) {
            out.push(b' ');
        }
        value(out, v);
    }
    out.extend_from_slice(b">>");
}

/// A real as PDF wants it: no exponent, no more digits than an f32 holds.
fn real(out: &mut Vec<u8>, v: f32) {
    if !v.is_finite() {
        out.push(b'0');
        return;
    }
    out.extend_from_slice(format!("{v}").as_bytes());
}

pub(crate) fn name(out: &mut Vec<u8>, n: &[u8]) {
    out.push(b'/');
    for &b in n {
        if b"\t\n\r\x0C ()<>[]{}/%#".contains(&b) || !(33..=126).contains(&b) {
            out.extend_from_slice(format!("#{b:02X}").as_bytes());
        } else {
            out.push(b);
        }
    }
}

pub(crate) fn string(out: &mut Vec<u8>, s: &[u8], format: StringFormat) {
    match format {
        StringFormat::Literal => {
            out.push(b'(');
            for &b in s {
                match b {
                    // Escaping every parenthesis keeps them balanced.
                    b'(' | b')' | b'\\' => {
                        out.push(b'\\');
                        out.push(b);
                    }
                    b'\r' => out.extend_from_slice(b"\\r"),
                    _ => out.push(b),
                }
            }
            out.push(b')');
        }
        StringFormat::Hexadecimal => {
            out.push(b'<');
            for &b in s {
                out.extend_from_slice(format!("{b:02X}").as_bytes());
            }
            out.push(b'>');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::Stream;

    fn sample() -> (lopdf::Document, Prewritten) {
        let mut doc = lopdf::Document::with_version("1.7");
        let content = doc.add_object(Stream::new(Dictionary::new(), b"BT ET".to_vec()));
        let pages = doc.new_object_id();
        let mut page = Dictionary::new();
        page.set("Type", Object::Name(b"Page".to_vec()));
        page.set("Parent", Object::Reference(pages));
        page.set("Contents", Object::Reference(content));
        page.set(
            "MediaBox",
            Object::Array(vec![0.into(), 0.into(), 595.5f32.into(), 842.into()]),
        );
        let page = doc.add_object(page);
        let mut p = Dictionary::new();
        p.set("Type", Object::Name(b"Pages".to_vec()));
        p.set("Kids", Object::Array(vec![Object::Reference(page)]));
        p.set("Count", 1);
        doc.objects.insert(pages, Object::Dictionary(p));
        let mut odd = Dictionary::new();
        odd.set("T", Object::string_literal("a (b) c) \\ d\r"));
        odd.set(
            "H",
            Object::String(vec![0xfe, 0xff, 0, 0x41], StringFormat::Hexadecimal),
        );
        odd.set("N", Object::Name(b"A B#C/".to_vec()));
        odd.set("R", Object::Real(-0.125));
        odd.set(
            "Z",
            Object::Array(vec![Object::Null, true.into(), 7.into()]),
        );
        // Enough small objects for several object streams.
        let mut many = Vec::new();
        for i in 0..1000 {
            many.push(Object::Reference(doc.add_object(Object::Integer(i))));
        }
        odd.set("Many", Object::Array(many));
        let odd = doc.add_object(odd);
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference(pages));
        catalog.set("Odd", Object::Reference(odd));
        // Written ahead, as the structure elements are.
        let mut pre = Prewritten::default();
        let ahead = doc.new_object_id();
        pre.add(ahead, |b| {
            b.extend_from_slice(b"<</S");
            name(b, b"TD");
            b.extend_from_slice(b"/P ");
            reference(b, odd);
            b.extend_from_slice(b"/K[");
            integer(b, 15);
            b.extend_from_slice(b"]>>");
        });
        catalog.set("Ahead", Object::Reference(ahead));
        let catalog = doc.add_object(catalog);
        doc.trailer.set("Root", Object::Reference(catalog));
        (doc, pre)
    }

    #[test]
    fn what_is_written_reads_back_as_the_same_objects() {
        let (doc, pre) = sample();
        let bytes = write(&doc, &pre, 6);
        let back = lopdf::Document::load_mem(&bytes).expect("the file reads back");
        let root = back
            .trailer
            .get(b"Root")
            .and_then(Object::as_reference)
            .expect("root");
        let catalog = back.get_dictionary(root).expect("catalog");
        let odd_id = catalog
            .get(b"Odd")
            .and_then(Object::as_reference)
            .expect("odd");
        let odd = back.get_dictionary(odd_id).expect("odd dictionary");
        assert_eq!(
            odd.get(b"T").and_then(Object::as_str).ok(),
            Some(&b"a (b) c) \\ d\r"[..])
        );
        assert_eq!(
            odd.get(b"H").and_then(Object::as_str).ok(),
            Some(&[0xfe, 0xff, 0, 0x41][..])
        );
        assert_eq!(
            odd.get(b"N").and_then(Object::as_name).ok(),
            Some(&b"A B#C/"[..])
        );
        assert_eq!(odd.get(b"R").and_then(Object::as_float).ok(), Some(-0.125));
        let many = odd.get(b"Many").and_then(Object::as_array).expect("many");
        assert_eq!(many.len(), 1000);
        for (i, r) in many.iter().enumerate() {
            let id = r.as_reference().expect("a reference");
            assert_eq!(
                back.get_object(id).and_then(Object::as_i64).ok(),
                Some(i as i64)
            );
        }
        let ahead = catalog
            .get(b"Ahead")
            .and_then(Object::as_reference)
            .expect("ahead");
        let ahead = back
            .get_dictionary(ahead)
            .expect("a dictionary written ahead");
        assert_eq!(
            ahead.get(b"S").and_then(Object::as_name).ok(),
            Some(&b"TD"[..])
        );
        assert_eq!(
            ahead.get(b"P").and_then(Object::as_reference).ok(),
            Some(odd_id)
        );
        assert_eq!(back.get_pages().len(), 1);
        let page = *back.get_pages().values().next().expect("page");
        assert_eq!(back.get_page_content(page).trim_ascii_end(), b"BT ET");
    }

    #[test]
    fn equal_documents_give_equal_bytes() {
        let ((a, pa), (b, pb)) = (sample(), sample());
        assert_eq!(write(&a, &pa, 6), write(&b, &pb, 6));
    }
}
