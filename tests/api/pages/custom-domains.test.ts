/**
 * A studio's own domain (TANDEM_CUSTOM_DOMAINS): the Host header decides. On book.studioflow.example
 * `/` is Studio Flow's page and `/evolve` its program, with the sitemap and robots.txt there too;
 * the canonical address is the studio's domain on either host; the API and the widget's files are
 * unchanged on it; other hosts and other studios are as before.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase } from '../../support/database.ts';
import { testConfig } from '../../support/app.ts';
import { seedDemo } from '../../../demo/seed/index.ts';
import { createApp } from '../../../server/app.ts';
import { customDomainsOf } from '../../../server/config.ts';
import { testProvider } from '../../../server/platform/adapters/payments/test-provider.ts';
import { localMailer } from '../../../server/platform/adapters/mail/mailer.ts';
import { readPage } from '../../support/html-page.ts';

const DOMAIN = 'book.studioflow.example';

describe('custom domains', () => {
  let app: ReturnType<typeof createApp>;
  let close: () => Promise<void>;
  before(async () => {
    const opened = await freshDatabase();
    close = opened.close;
    await seedDemo(opened.db, { origins: ['http://localhost:8788'] });
    app = createApp({ db: opened.db, now: () => new Date(), config: { ...testConfig, customDomains: customDomainsOf(`${DOMAIN}=studio-flow`) }, payments: testProvider(), mailer: localMailer() });
  });
  after(async () => close());

  const onDomain = (path: string) => app.request(`http://${DOMAIN}${path}`, { headers: { Host: DOMAIN } });

  test('the studio\'s domain serves its page at / and each program at /:program, canonical on the domain', async () => {
    const home = await onDomain('/');
    assert.equal(home.status, 200);
    const studio = readPage(await home.text());
    assert.deepEqual(studio.link('canonical').map((l) => l.attribs.href), [`http://${DOMAIN}/`]);
    const links = studio.all((e) => e.name === 'a' && (e.attribs.href ?? '').startsWith(`http://${DOMAIN}/`)).map((a) => a.attribs.href);
    assert.ok(links.includes(`http://${DOMAIN}/evolve`), `program links on the domain: ${links.join(', ')}`);
    assert.equal(studio.meta('og:image'), `http://${DOMAIN}/share.png`, 'the studio\'s card on its domain');
    const card = await onDomain('/share.png');
    assert.equal(card.status, 200);
    assert.equal(card.headers.get('content-type'), 'image/png');

    const program = await onDomain('/evolve');
    assert.equal(program.status, 200);
    const p = readPage(await program.text());
    assert.equal(p.text(p.one((e) => e.name === 'h1')), 'EVOLVE — holistic coaching');
    assert.deepEqual(p.link('canonical').map((l) => l.attribs.href), [`http://${DOMAIN}/evolve`]);
    assert.equal(p.meta('og:url'), `http://${DOMAIN}/evolve`);
    assert.equal(p.meta('og:image'), `http://${DOMAIN}/evolve/share.png`, 'the share image on the studio\'s domain too');
    const image = await onDomain('/evolve/share.png');
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/png');
    assert.equal((await onDomain('/admin/share.png')).status, 404, 'the API\'s own paths are not programs');

    // The same page on the API's origin names the domain as its one address (no duplicate for search engines).
    const same = readPage(await (await app.request('/p/studio-flow/evolve')).text());
    assert.deepEqual(same.link('canonical').map((l) => l.attribs.href), [`http://${DOMAIN}/evolve`]);
  });

  test('sitemap and robots.txt on the domain; the index across studios points at it', async () => {
    const sitemap = await (await onDomain('/sitemap.xml')).text();
    assert.match(sitemap, new RegExp(`<loc>http://${DOMAIN.replace(/\./g, '\\.')}/evolve</loc>`));
    assert.doesNotMatch(sitemap, /\/p\/studio-flow/);
    assert.match(await (await onDomain('/robots.txt')).text(), new RegExp(`Sitemap: http://${DOMAIN.replace(/\./g, '\\.')}/sitemap.xml`));
    const index = await (await app.request('/sitemap.xml')).text();
    assert.match(index, new RegExp(`<loc>http://${DOMAIN.replace(/\./g, '\\.')}/sitemap.xml</loc>`));
    assert.match(index, /<loc>http:\/\/localhost:8787\/p\/atelier-nord\/sitemap.xml<\/loc>/, 'a studio without a domain stays under /p/');
  });

  test('on the domain, the API, the widget\'s files, /health and /admin are the API\'s own; unknown programs the one 404', async () => {
    assert.equal((await onDomain('/health')).status, 200);
    const api = await app.request(`http://${DOMAIN}/v1/embed/programs`, { headers: { Host: DOMAIN, Authorization: 'Bearer pk_test_flow' } });
    assert.equal(api.status, 200);
    assert.equal((await onDomain('/no-such-program')).status, 404);
    assert.equal((await onDomain('/atelier-nord')).status, 404, 'another studio is not reached through this domain');
    assert.equal((await onDomain('/p/atelier-nord')).status, 200, 'the /p/ addresses still answer on any host');
  });

  test('another host is not mapped; a malformed setting refuses to start', async () => {
    assert.equal((await app.request('http://other.example/', { headers: { Host: 'other.example' } })).status, 404);
    assert.throws(() => customDomainsOf('book.studioflow.example'), /host=studio-slug/);
    assert.throws(() => customDomainsOf('a.example=one,a.example=two'), /named twice/);
    assert.deepEqual(customDomainsOf(' Book.Example:=x '.replace(':', '')), { 'book.example': 'x' });
  });
});
