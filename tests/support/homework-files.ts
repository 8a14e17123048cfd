/**
 * Small files of every kind homework may be, made here byte by byte (magic numbers and the least
 * structure `file-type` reads), and some that must be refused.
 */
import { crc32 } from 'node:zlib';

const ascii = (s: string) => Buffer.from(s, 'latin1');

function ftyp(brand: string): Buffer {
  const box = Buffer.alloc(32);
  box.writeUInt32BE(24, 0);
  box.write('ftyp', 4, 'latin1');
  box.write(brand, 8, 'latin1');
  box.write(brand, 16, 'latin1');
  return box;
}

/** A ZIP archive with the entries stored uncompressed. */
export function storedZip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = Buffer.from(content, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0, 6); local.writeUInt16LE(0, 8);
    local.writeUInt32LE(0, 10); local.writeUInt32LE(crc, 14); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26); local.writeUInt16LE(0, 28);
    locals.push(local, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0, 8); central.writeUInt16LE(0, 10);
    central.writeUInt32LE(0, 12); central.writeUInt32LE(crc, 16); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28); central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(Object.keys(entries).length, 8); end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const docx = storedZip({
  '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    + '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  'word/document.xml': '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Homework</w:t></w:r></w:p></w:body></w:document>',
});

export const samplePdf = ascii('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** One accepted file of each kind, with the kind it must sniff as. */
export const acceptedSamples: { kind: string; name: string; bytes: Buffer; contentType: string }[] = [
  { kind: 'pdf', name: 'essay.pdf', bytes: samplePdf, contentType: 'application/pdf' },
  { kind: 'png', name: 'photo.png', bytes: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), ascii('IHDR'), Buffer.alloc(40)]), contentType: 'image/png' },
  { kind: 'jpg', name: 'photo.jpeg', bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), ascii('JFIF\0'), Buffer.alloc(40)]), contentType: 'image/jpeg' },
  { kind: 'webp', name: 'photo.webp', bytes: Buffer.concat([ascii('RIFF'), Buffer.from([40, 0, 0, 0]), ascii('WEBPVP8 '), Buffer.alloc(40)]), contentType: 'image/webp' },
  { kind: 'heic', name: 'IMG_0001.HEIC', bytes: Buffer.concat([ftyp('heic'), Buffer.alloc(32)]), contentType: 'image/heic' },
  { kind: 'mp3', name: 'voice.mp3', bytes: Buffer.concat([ascii('ID3'), Buffer.from([3, 0, 0, 0, 0, 0, 0]), Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(400)]), contentType: 'audio/mpeg' },
  { kind: 'm4a', name: 'voice.m4a', bytes: Buffer.concat([ftyp('M4A '), Buffer.alloc(32)]), contentType: 'audio/mp4' },
  { kind: 'mp4', name: 'split.mp4', bytes: Buffer.concat([ftyp('isom'), Buffer.alloc(32)]), contentType: 'video/mp4' },
  { kind: 'docx', name: 'plan.docx', bytes: docx, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  { kind: 'txt', name: 'notes.txt', bytes: Buffer.from('Übungen: Spagat 3 × 10 min ✓\n', 'utf8'), contentType: 'text/plain; charset=utf-8' },
];

/** A Windows program (MZ header) under a harmless name. */
export const exeBytes = Buffer.concat([ascii('MZ'), Buffer.from([0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]), Buffer.alloc(200)]);
/** A ZIP that is no Word document. */
export const plainZip = storedZip({ 'a.txt': 'not a document' });
/** Bytes that are neither a known type nor text (invalid UTF-8). */
export const binaryJunk = Buffer.from([0x00, 0xff, 0xfe, 0x13, 0x37, 0xc3, 0x28, 0x00, 0x01]);
