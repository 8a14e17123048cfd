/**
 * The streaming multipart reader (busboy underneath): the same parts and bytes whatever the pieces the body arrives in
 * (a delimiter split across pieces, one byte at a time), other fields skipped, a body that ends
 * early refused; and the homework plain-text rule over pieces (a UTF-8 character split between two).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { multipartBoundary, readMultipart, type PartInfo } from '../../../server/platform/http/multipart-stream.ts';
import { AppError } from '../../../server/platform/errors.ts';
import { PlainTextCheck } from '../../../server/modules/homework/index.ts';

const boundary = 'XyZ--boundary-42';
const file = Buffer.concat([Buffer.from('%PDF-1.4\r\n--XyZ--boundary-4 not the delimiter\r\n'), Buffer.alloc(3000, 0x61), Buffer.from('\r\n-')]);
const body = Buffer.concat([
  Buffer.from(`preamble\r\n--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n`),
  Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a \\"b\\".pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
  file,
  Buffer.from(`\r\n--${boundary}--\r\nepilogue`),
]);

function pieces(bytes: Buffer, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(ctl) {
      if (at >= bytes.length) { ctl.close(); return; }
      ctl.enqueue(new Uint8Array(bytes.subarray(at, at + size)));
      at += size;
    },
  });
}

async function read(stream: ReadableStream<Uint8Array>, only?: string) {
  const parts: (PartInfo & { bytes: Buffer; ended: boolean })[] = [];
  await readMultipart(stream, boundary, (info) => {
    if (only && info.name !== only) return null;
    const part = { ...info, bytes: Buffer.alloc(0), ended: false };
    parts.push(part);
    return { write: (c) => { part.bytes = Buffer.concat([part.bytes, c]); }, end: () => { part.ended = true; } };
  });
  return parts;
}

describe('readMultipart', () => {
  test('the boundary from the Content-Type, quoted or not; other types have none', () => {
    assert.equal(multipartBoundary(`multipart/form-data; boundary=${boundary}`), boundary);
    assert.equal(multipartBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b"'), 'a b');
    assert.equal(multipartBoundary('application/json'), undefined);
    assert.equal(multipartBoundary('multipart/form-data'), undefined);
  });

  test('the same parts and bytes in pieces of any size, one byte included', async () => {
    for (const size of [1, 2, 7, 19, 64, 1024, body.length]) {
      const parts = await read(pieces(body, size));
      assert.deepEqual(parts.map((p) => [p.name, p.filename, p.contentType, p.ended]), [['note', null, 'text/plain', true], ['file', 'a "b".pdf', 'application/pdf', true]], String(size));
      assert.equal(parts[0]!.bytes.toString(), 'hello');
      assert.ok(parts[1]!.bytes.equals(file), `file bytes in pieces of ${size}`);
    }
  });

  test('a skipped part is not handed over; a body without its closing delimiter is refused', async () => {
    assert.deepEqual((await read(pieces(body, 5), 'file')).map((p) => p.name), ['file']);
    const cut = body.subarray(0, body.length - 20);
    await assert.rejects(read(pieces(cut, 13)), (e: unknown) => e instanceof AppError && e.code === 'validation_failed');
    await assert.rejects(read(pieces(Buffer.from('no multipart here'), 4)), (e: unknown) => e instanceof AppError && e.code === 'validation_failed');
  });

  test('a sink that throws stops the reading and cancels the body', async () => {
    let cancelled = false;
    let at = 0;
    const stream = new ReadableStream<Uint8Array>({
      // A body without end: the reader gives up after a little more and cancels it.
      pull(ctl) { ctl.enqueue(new Uint8Array(Buffer.concat([body, body]).subarray(at % body.length, (at % body.length) + 1024))); at += 1024; },
      cancel() { cancelled = true; },
    });
    await assert.rejects(readMultipart(stream, boundary, (info) => info.name === 'file' ? { write: () => { throw new Error('too large'); }, end: () => undefined } : null), /too large/);
    assert.ok(cancelled);
  });
});

describe('PlainTextCheck', () => {
  test('a UTF-8 character split between pieces is text; a control byte or a broken sequence is not', () => {
    const text = Buffer.from('Grüezi – ça va? 😀\n', 'utf8');
    for (let cut = 1; cut < text.length; cut++) {
      const check = new PlainTextCheck();
      assert.ok(check.push(text.subarray(0, cut)) && check.push(text.subarray(cut)) && check.end(), `cut at ${cut}`);
    }
    const nul = new PlainTextCheck();
    assert.equal(nul.push(Buffer.from('abc')), true);
    assert.equal(nul.push(Buffer.from([0x61, 0x00])), false);
    const broken = new PlainTextCheck();
    assert.equal(broken.push(Buffer.from([0x61, 0xc3])), true);
    assert.equal(broken.end(), false);
  });
});
