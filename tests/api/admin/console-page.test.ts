/** GET /admin: the page that loads the studio console, under a strict CSP, never cached or indexed. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';

describe('the console page', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  before(async () => { db = await freshDatabase(); app = await demoApp(db.db); });
  after(async () => db.close());

  test('HTML that loads <tandem-admin> from the console bundle, in the browser\'s language', async () => {
    const res = await app.request('/admin', { headers: { 'Accept-Language': 'de-CH,de;q=0.9' } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/html/);
    const page = await res.text();
    assert.match(page, /<html lang="de">/);
    assert.match(page, /<tandem-admin lang="de"><\/tandem-admin>/);
    const nonce = /<script type="module" nonce="([^"]+)" src="\/widget\/tandem-admin\.js"><\/script>/.exec(page)?.[1];
    assert.ok(nonce, 'the console\'s entry script, with a nonce');
    const csp = res.headers.get('content-security-policy')!;
    assert.ok(csp.includes(`script-src 'nonce-${nonce}' 'strict-dynamic'`), csp);
    assert.ok(csp.includes("connect-src 'self'") && csp.includes("frame-ancestors 'none'"), csp);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(page, /<meta name="robots" content="noindex, nofollow">/);
    assert.match(await (await app.request('/admin')).text(), /<html lang="en">/);
    for (const lang of ['fr', 'it']) {
      const other = await (await app.request('/admin/signup', { headers: { 'Accept-Language': `${lang}-CH,${lang};q=0.9,de;q=0.5` } })).text();
      assert.match(other, new RegExp(`<tandem-admin lang="${lang}" view="signup"></tandem-admin>`), `the sign-up page in ${lang}`);
    }
    assert.match(await (await app.request('/admin', { headers: { 'Accept-Language': 'es-ES' } })).text(), /<html lang="en">/);
  });

  test('/admin/signup opens the console on its sign-up form, under the same CSP', async () => {
    const res = await app.request('/admin/signup');
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<tandem-admin lang="en" view="signup"><\/tandem-admin>/);
    assert.match(res.headers.get('content-security-policy')!, /script-src 'nonce-[^']+' 'strict-dynamic'/);
  });
});
