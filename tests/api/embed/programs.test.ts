import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase } from '../../support/database.ts';
import { DEMO_ORIGIN, demoApp, flowKey, nordKey } from '../../support/app.ts';
import { FLOW } from '../../../demo/seed/index.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

async function problemOf(response: Response) {
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  const body = await response.json() as { status: number; code: string; title: string; type: string; errors?: { field: string; message: string }[] };
  assert.equal(body.status, response.status);
  assert.ok(body.title && body.type);
  return body;
}

describe('embed programs API', () => {
  let app: App;
  let close: () => Promise<void>;
  before(async () => {
    const opened = await freshDatabase();
    close = opened.close;
    app = await demoApp(opened.db);
  });
  after(async () => close());

  describe('publishable keys', () => {
    test('no key: 401 problem', async () => {
      const body = await problemOf(await app.request('/v1/embed/programs'));
      assert.equal(body.code, 'unauthorized');
    });
    test('unknown key: 401 problem', async () => {
      const body = await problemOf(await app.request('/v1/embed/programs', { headers: { Authorization: 'Bearer pk_test_nope' } }));
      assert.equal(body.code, 'unauthorized');
    });
    test('a secret key is not a publishable key', async () => {
      const body = await problemOf(await app.request('/v1/embed/programs', { headers: { Authorization: 'Bearer sk_test_flow' } }));
      assert.equal(body.code, 'unauthorized');
    });
  });

  describe('origins and CORS', () => {
    test('an allowed origin gets CORS headers', async () => {
      const res = await app.request('/v1/embed/programs', { headers: { ...flowKey, Origin: DEMO_ORIGIN } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), DEMO_ORIGIN);
      assert.match(res.headers.get('vary') ?? '', /Origin/);
    });
    test('a foreign origin: 403 problem and no CORS allowance', async () => {
      const res = await app.request('/v1/embed/programs', { headers: { ...flowKey, Origin: 'https://evil.example' } });
      assert.equal(res.status, 403);
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      assert.equal((await problemOf(res)).code, 'origin_not_allowed');
    });
    test('preflight from an allowed origin', async () => {
      const res = await app.request('/v1/embed/bookings', { method: 'OPTIONS', headers: { Origin: DEMO_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type, idempotency-key' } });
      assert.equal(res.status, 204);
      assert.equal(res.headers.get('access-control-allow-origin'), DEMO_ORIGIN);
      assert.match(res.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
      assert.match(res.headers.get('access-control-allow-methods') ?? '', /POST/);
    });
    test('preflight from a foreign origin: 403, no allowance', async () => {
      const res = await app.request('/v1/embed/programs', { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' } });
      assert.equal(res.status, 403);
      assert.equal(res.headers.get('access-control-allow-origin'), null);
    });
  });

  describe('GET /v1/embed/programs', () => {
    test("Studio Flow's key lists Flow's public programs only", async () => {
      const res = await app.request('/v1/embed/programs', { headers: flowKey });
      const body = await res.json() as { programs: { slug: string; from_price: { amount: number; currency: string } }[] };
      assert.deepEqual(body.programs.map((p) => p.slug).sort(), ['evolve', 'reiki', 'split']);
      const evolve = body.programs.find((p) => p.slug === 'evolve')!;
      assert.deepEqual(evolve.from_price, { amount: 58000, currency: 'CHF' });
    });
    test('the list states the sessions of every option beside the "from" price: EVOLVE 4–8 sessions from CHF 580, Reiki 1', async () => {
      const body = await (await app.request('/v1/embed/programs', { headers: flowKey })).json() as { programs: { slug: string; sessions_range: { min: number; max: number } }[] };
      assert.deepEqual(body.programs.find((p) => p.slug === 'evolve')!.sessions_range, { min: 4, max: 8 });
      assert.deepEqual(body.programs.find((p) => p.slug === 'reiki')!.sessions_range, { min: 1, max: 1 });
    });
    test('the location in one line says each thing once ("Studio Flow, Langstrasse 120, 8004 Zürich")', async () => {
      const reiki = await (await app.request('/v1/embed/programs/reiki', { headers: flowKey })).json() as { location: { label: string } };
      assert.equal(reiki.location.label, 'Studio Flow, Langstrasse 120, 8004 Zürich');
    });
    test("Atelier Nord's key lists Nord's programs only", async () => {
      const res = await app.request('/v1/embed/programs', { headers: nordKey });
      const body = await res.json() as { programs: { slug: string }[] };
      assert.deepEqual(body.programs.map((p) => p.slug).sort(), ['contemporary-private', 'mobility-reset']);
    });
  });

  describe('GET /v1/embed/programs/:slug', () => {
    test('the full program with the fixed field names', async () => {
      const res = await app.request('/v1/embed/programs/evolve', { headers: flowKey });
      assert.equal(res.status, 200);
      const p = await res.json() as Record<string, any>;
      assert.equal(p.slug, 'evolve');
      assert.equal(p.title, 'EVOLVE — holistic coaching');
      assert.equal(p.is_multi_session, true);
      assert.deepEqual(p.cadence, { every: 1, unit: 'week' });
      assert.equal(p.variants.length, 2);
      const eight = p.variants.find((v: any) => v.name === '8-session pack');
      assert.deepEqual({ price: eight.price, currency: eight.currency, vat_rate: eight.vat_rate, deposit_amount: eight.deposit_amount }, { price: 108000, currency: 'CHF', vat_rate: 8.1, deposit_amount: 30000 });
      assert.equal(eight.pay_plan.installments, 3);
      assert.ok(typeof eight.id === 'string');
      assert.deepEqual(p.instructors.map((i: any) => i.name), ['Mara Keller']);
      assert.equal(p.intake_form.is_required, true);
      assert.deepEqual(p.intake_form.schema.required, ['goal', 'experience', 'consent']);
      assert.equal(p.milestones.length, 4);
      assert.ok(p.itinerary.length > 0 && p.outcomes.length > 0 && p.testimonials.length > 0 && p.faq.length > 0);
      assert.match(p.description_html, /<strong>how<\/strong>/);
      assert.match(p.host_bio_html, /<strong>certified systemic coach<\/strong>/);
    });
    test('markdown is sanitized: no script, no event handlers, safe links', async () => {
      const { renderMarkdown } = await import('../../../server/platform/adapters/markdown.ts');
      const html = renderMarkdown('Hi <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) [ok](https://studio.example)');
      assert.doesNotMatch(html, /<script|onerror|javascript:/);
      assert.match(html, /href="https:\/\/studio.example" rel="noopener noreferrer nofollow" target="_blank"/);
    });
    test('a room-bound single program', async () => {
      const p = await (await app.request('/v1/embed/programs/reiki', { headers: flowKey })).json() as Record<string, any>;
      assert.equal(p.needs_room, true);
      assert.equal(p.variants[0].credit_price, 2);
      assert.equal(p.intake_form, null);
    });
    test('by_link: 404 without its token, the program with it', async () => {
      const without = await app.request('/v1/embed/programs/private-yoga', { headers: flowKey });
      assert.equal(without.status, 404);
      const wrong = await app.request('/v1/embed/programs/private-yoga?link=guess', { headers: flowKey });
      assert.equal(wrong.status, 404);
      const right = await app.request(`/v1/embed/programs/private-yoga?link=${FLOW.privateYogaLink}`, { headers: flowKey });
      assert.equal(right.status, 200);
      assert.equal((await right.json() as { visibility: string }).visibility, 'by_link');
    });
    test("another org's program is indistinguishable from a missing one", async () => {
      const foreign = await app.request('/v1/embed/programs/contemporary-private', { headers: flowKey });
      const missing = await app.request('/v1/embed/programs/no-such-program', { headers: flowKey });
      assert.equal(foreign.status, 404);
      assert.equal(missing.status, 404);
      const a = await problemOf(foreign);
      const b = await problemOf(missing);
      assert.deepEqual(a, b);
      const reverse = await app.request('/v1/embed/programs/evolve', { headers: nordKey });
      assert.equal(reverse.status, 404);
    });
    test('a malformed slug: 400 with the field named', async () => {
      const body = await problemOf(await app.request('/v1/embed/programs/Bad%20Slug!', { headers: flowKey }));
      assert.equal(body.code, 'validation_failed');
      assert.deepEqual(body.errors?.map((e) => e.field), ['slug']);
    });
    test('an over-long link token: 400, not 500', async () => {
      const body = await problemOf(await app.request(`/v1/embed/programs/evolve?link=${'x'.repeat(500)}`, { headers: flowKey }));
      assert.equal(body.code, 'validation_failed');
      assert.deepEqual(body.errors?.map((e) => e.field), ['link']);
    });
  });

  describe('everything else', () => {
    test('GET /health', async () => {
      const res = await app.request('/health');
      assert.deepEqual(await res.json(), { status: 'ok' });
    });
    test('an unknown route: 404 problem', async () => {
      assert.equal((await problemOf(await app.request('/v1/nothing'))).code, 'not_found');
    });
    test('GET /v1/openapi.json is OpenAPI 3.1 covering the embed routes', async () => {
      const doc = await (await app.request('/v1/openapi.json')).json() as { openapi: string; paths: Record<string, Record<string, any>> };
      assert.equal(doc.openapi, '3.1.0');
      assert.ok(doc.paths['/v1/embed/programs']?.get);
      assert.ok(doc.paths['/health']?.get);
      const detail = doc.paths['/v1/embed/programs/{slug}']?.get;
      assert.ok(detail);
      assert.ok(detail.responses['200'].content['application/json'].schema);
      assert.ok(detail.responses['404'].content['application/problem+json'].schema);
    });
  });
});
