import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey } from '../../support/app.ts';
import { Clock } from '../../support/booking.ts';
import { chooseEncoding } from '../../../server/platform/http/compress.ts';

/** JSON answers are compressed for clients that accept it: a month of slots fits in 15 KB on the wire. */
describe('compressed JSON answers', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const month = '/v1/embed/programs/reiki/slots?from=2026-12-01&to=2026-12-31&tz=Europe/Zurich';
  const get = (path: string, encoding?: string) => app.request(path, { headers: { ...flowKey, ...(encoding ? { 'Accept-Encoding': encoding } : {}) } });

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: new Clock(new Date('2026-11-25T08:00:00Z')).now });
  });
  after(async () => db.close());

  test('a month of slots: brotli, or gzip, under 15 KB, and the same JSON as the plain answer', async () => {
    const plain = await get(month);
    assert.equal(plain.status, 200);
    assert.equal(plain.headers.get('content-encoding'), null);
    const text = await plain.text();
    assert.ok(text.length > 15_000, `the plain answer is larger than the goal (${text.length} B), so the test means something`);
    assert.match(plain.headers.get('vary') ?? '', /Accept-Encoding/);

    const br = await get(month, 'gzip, deflate, br');
    assert.equal(br.headers.get('content-encoding'), 'br');
    const brBytes = Buffer.from(await br.arrayBuffer());
    assert.ok(brBytes.length <= 15_000, `${brBytes.length} B`);
    assert.equal(brBytes.length, Number(br.headers.get('content-length')));
    assert.deepEqual(JSON.parse(brotliDecompressSync(brBytes).toString()), JSON.parse(text));
    assert.match(br.headers.get('vary') ?? '', /Accept-Encoding/);

    const gz = await get(month, 'gzip');
    assert.equal(gz.headers.get('content-encoding'), 'gzip');
    const gzBytes = Buffer.from(await gz.arrayBuffer());
    assert.ok(gzBytes.length <= 15_000, `${gzBytes.length} B`);
    assert.deepEqual(JSON.parse(gunzipSync(gzBytes).toString()), JSON.parse(text));
  });

  test('errors stay readable, small answers and refused encodings pass as they are', async () => {
    const missing = await get('/v1/embed/programs/nope', 'br');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('content-encoding'), null, 'a small problem+json');
    assert.equal(((await missing.json()) as { code: string }).code, 'not_found');
    assert.equal((await get(month, 'br;q=0, gzip;q=0')).headers.get('content-encoding'), null);
    assert.equal(chooseEncoding('identity'), undefined);
    assert.equal(chooseEncoding('*'), 'br');
    assert.equal(chooseEncoding('gzip;q=0.5, br;q=0'), 'gzip');
  });
});
