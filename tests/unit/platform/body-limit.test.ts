/**
 * The JSON body limit decides as Hono's bodyLimit does (platform/http/body-limit.ts): by the
 * Content-Length when there is one, by counting the bytes of a body sent without one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import { bodyLimit } from '../../../server/platform/http/body-limit.ts';

function app() {
  return new Hono()
    .use('*', bodyLimit({ maxSize: 10, onError: (c) => c.text('too large', 413) }))
    .all('*', async (c) => c.text(`read ${(await c.req.text()).length}`));
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

test('GET passes without looking at a body', async () => {
  assert.equal(await (await app().request('/x')).text(), 'read 0');
});
