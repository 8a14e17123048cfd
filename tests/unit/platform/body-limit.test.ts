/**
 * The JSON body limit decides as Hono's bodyLimit does (platform/http/body-limit.ts): by the
 * Content-Length when there is one, by counting the bytes of a body sent without one; and on the
 * Node server it leaves the request light, so the body is read straight from the socket.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { Hono, type Context } from 'hono';
import { createAdaptorServer } from '@hono/node-server';
import { bodyLimit } from '../../../server/platform/http/body-limit.ts';

/** Whether @hono/node-server turned its light request into a full web Request (its cache symbol set). */
const materialized = (c: Context) => Object.getOwnPropertySymbols(c.req.raw)
  .some((s) => s.description === 'requestCache' && (c.req.raw as unknown as Record<symbol, unknown>)[s] !== undefined);

function app() {
  return new Hono()
    .use('*', bodyLimit({ maxSize: 10, onError: (c) => c.text('too large', 413) }))
    .all('*', async (c) => {
      const text = await c.req.text();
      return c.text(`read ${text.length}${materialized(c) ? ', as a web Request' : ''}`);
    });
}

const chunked = (text: string) => new ReadableStream<Uint8Array>({
  start(controller) {
    for (const part of [text.slice(0, 6), text.slice(6)]) controller.enqueue(new TextEncoder().encode(part));
    controller.close();
  },
});

test('a body whose Content-Length is over the limit is refused; at the limit it is read', async () => {
  const over = await app().request('/x', { method: 'POST', headers: { 'Content-Length': '11' }, body: 'x'.repeat(11) });
  assert.equal(over.status, 413);
  const at = await app().request('/x', { method: 'POST', headers: { 'Content-Length': '10' }, body: 'x'.repeat(10) });
  assert.equal(await at.text(), 'read 10');
});

test('a body without a Content-Length is counted as it comes: over the limit refused, under it read', async () => {
  const over = await app().request('/x', { method: 'POST', body: chunked('x'.repeat(12)), duplex: 'half' } as RequestInit);
  assert.equal(over.status, 413);
  const under = await app().request('/x', { method: 'POST', body: chunked('x'.repeat(9)), duplex: 'half' } as RequestInit);
  assert.equal(await under.text(), 'read 9');
});

test('a Transfer-Encoding beside a Content-Length: the bytes are counted, not the header believed', async () => {
  const res = await app().request('/x', { method: 'POST', headers: { 'Content-Length': '3', 'Transfer-Encoding': 'chunked' }, body: chunked('x'.repeat(12)), duplex: 'half' } as RequestInit);
  assert.equal(res.status, 413);
});

test('GET passes', async () => {
  assert.equal(await (await app().request('/x')).text(), 'read 0');
});

test('on the Node server, a POST with a Content-Length is read from the socket without building a web Request; over the limit refused', async () => {
  const server = createAdaptorServer({ fetch: app().fetch });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const ok = await fetch(`${base}/x`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' });
    assert.equal(await ok.text(), 'read 7');
    const over = await fetch(`${base}/x`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"a":"xxxxx"}' });
    assert.equal(over.status, 413);
    const streamed = await fetch(`${base}/x`, { method: 'POST', body: chunked('x'.repeat(12)), duplex: 'half' } as RequestInit);
    assert.equal(streamed.status, 413);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
