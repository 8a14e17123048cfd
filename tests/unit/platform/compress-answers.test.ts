/**
 * The idempotent POSTs' answers (sendAnswer) are compressed, or passed on, from the text they were
 * made from (platform/http/compress.ts): on the Node server the answer stays the adapter's light
 * Response and is never turned into a full web Response to be read back through a stream.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { createAdaptorServer } from '@hono/node-server';
import { compressJson } from '../../../server/platform/http/compress.ts';
import { sendAnswer } from '../../../server/platform/http/idempotency.ts';

/** Whether @hono/node-server turned its light Response into a full web Response (its cache symbol set). */
const materialized = (res: Response) => Object.getOwnPropertySymbols(res)
  .some((s) => s.description === 'responseCache' && (res as unknown as Record<symbol, unknown>)[s] !== undefined);

test('on the Node server, an answer of sendAnswer is sent, plain or compressed, without becoming a web Response', async () => {
  const seen: boolean[] = [];
  const small = { id: 'b1', status: 'reserved' };
  const large = { items: Array.from({ length: 100 }, (_, i) => ({ i, name: `session ${i}` })) };
  const app = new Hono()
    .use('*', async (c, next) => { await next(); seen.push(materialized(c.res)); })
    .use('*', compressJson())
    .post('/small', (c) => sendAnswer(c, { status: 201, body: small, replayed: false }))
    .post('/large', (c) => sendAnswer(c, { status: 201, body: large, replayed: false }));
  const server = createAdaptorServer({ fetch: app.fetch });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const plain = await fetch(`${base}/small`, { method: 'POST', headers: { 'Accept-Encoding': 'identity' } });
    assert.equal(plain.status, 201);
    assert.deepEqual(await plain.json(), small);
    assert.match(plain.headers.get('vary') ?? '', /Accept-Encoding/);

    // fetch decodes the gzip itself
    const gzipped = await fetch(`${base}/large`, { method: 'POST', headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(gzipped.headers.get('content-encoding'), 'gzip');
    assert.deepEqual(await gzipped.json(), large);

    const smallAccepting = await fetch(`${base}/small`, { method: 'POST', headers: { 'Accept-Encoding': 'gzip' } });
    assert.deepEqual(await smallAccepting.json(), small);
    assert.deepEqual(seen, [false, false, false]);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
