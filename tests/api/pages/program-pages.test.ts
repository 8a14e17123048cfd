import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import * as t from '../../../schema/db/index.ts';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey, testConfig } from '../../support/app.ts';
import { readPage, type Page } from '../../support/html-page.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { Database } from '../../../server/platform/db/database.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
const ORIGIN = testConfig.publicOrigin;
const LINK = 'pyoga-7Hq2xK9mWd4R';

type Node = Record<string, unknown>;
const graphOf = (page: Page): Node[] => {
  const blocks = page.jsonLd();
  assert.equal(blocks.length, 1, 'one JSON-LD block');
  assert.equal(blocks[0]!['@context'], 'https://schema.org');
  return blocks[0]!['@graph'] as Node[];
};
const ofType = (graph: Node[], type: string) => graph.filter((n) => n['@type'] === type);

describe('hosted program pages', () => {
  let app: App;
  let db: Database;
  let close: () => Promise<void>;
  before(async () => {
    const opened = await freshDatabase();
    close = opened.close;
    db = opened.db;
    app = await demoApp(db);
  });
  after(async () => close());

  const get = (path: string) => app.request(path);
  async function page(path: string): Promise<{ res: Response; page: Page }> {
    const res = await get(path);
    assert.equal(res.status, 200, `${path} answers 200`);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/i);
    return { res, page: readPage(await res.text()) };
  }

  describe('GET /p/:studio/:program (public)', () => {
    let res: Response;
    let p: Page;
    before(async () => ({ res, page: p } = await page('/p/studio-flow/evolve')));

    test('head: title, description, robots, canonical, hreflang in the studio\'s language', () => {
      assert.equal(p.attr(p.one((e) => e.name === 'html'), 'lang'), 'de-CH', 'German, with the formats of the studio\'s country (as the widget)');
      assert.equal(p.text(p.one((e) => e.name === 'title')), 'EVOLVE — holistic coaching · Studio Flow');
      assert.match(p.meta('description') ?? '', /^One-to-one coaching over four or eight weeks/);
      assert.equal(p.meta('robots'), 'index, follow');
      assert.deepEqual(p.link('canonical').map((l) => l.attribs.href), [`${ORIGIN}/p/studio-flow/evolve`]);
      const alternates = p.link('alternate').map((l) => [l.attribs.hreflang, l.attribs.href]);
      assert.deepEqual(alternates, [['de-CH', `${ORIGIN}/p/studio-flow/evolve`], ['x-default', `${ORIGIN}/p/studio-flow/evolve`]]);
    });

    test('Open Graph and Twitter card with the banner', () => {
      assert.equal(p.meta('og:title'), 'EVOLVE — holistic coaching · Studio Flow');
      assert.equal(p.meta('og:url'), `${ORIGIN}/p/studio-flow/evolve`);
      assert.equal(p.meta('og:type'), 'website');
      assert.equal(p.meta('og:site_name'), 'Studio Flow');
      assert.equal(p.meta('og:locale'), 'de_CH');
      assert.equal(p.meta('og:image'), `${ORIGIN}/p/studio-flow/evolve/share.png`, 'the generated share image (tests/api/pages/share-image.test.ts)');
      assert.equal(p.meta('og:image:alt'), 'EVOLVE — holistic coaching · Studio Flow');
      assert.equal(p.meta('twitter:card'), 'summary_large_image');
      assert.equal(p.meta('twitter:image'), p.meta('og:image'));
      assert.equal(p.meta('twitter:description'), p.meta('description'));
    });

    test('body without JavaScript: every section of the program, prices as the widget formats them', () => {
      const article = p.one((e) => e.name === 'article');
      assert.ok(article);
      assert.equal(p.text(p.one((e) => e.name === 'h1')), 'EVOLVE — holistic coaching');
      const headings = p.all((e) => e.name === 'h2').map((h) => p.text(h));
      assert.deepEqual(headings, ['Option wählen', 'Ablauf', 'Was Sie erwartet', 'Ihre Leitung', 'Das sagen Teilnehmende', 'Häufige Fragen', 'Stornierung', 'Teilen']);
      const variants = p.all((e) => e.name === 'li' && (e.attribs.id ?? '').startsWith('variant-')).map((v) => p.text(v));
      assert.equal(variants.length, 2);
      assert.match(variants[0]!, /^4-session pack · CHF 580\.00 · 4 Sitzungen/);
      assert.match(variants[1]!, /^8-session pack · CHF 1[’']080\.00 · 8 Sitzungen/);
      assert.match(variants[0]!, /Anzahlung von CHF 150\.00/);
      assert.ok(p.one((e) => e.name === 'img' && e.attribs.class === 'banner'), 'banner');
      assert.ok(p.one((e) => e.name === 'strong' && p.text(e) === 'how'), 'the description, rendered from markdown');
      assert.equal(p.all((e) => e.name === 'details').length, 2, 'FAQ');
      assert.equal(p.all((e) => e.name === 'blockquote').length, 2, 'testimonials');
      assert.match(p.text(article), /Kostenlose Stornierung bis 24 Stunden/);
      assert.match(p.text(article), /Mara Keller/);
    });

    test('the widget takes over in place: the article inside <tandem-program> with the studio\'s key, the entry under the nonce', () => {
      const widget = p.one((e) => e.name === 'tandem-program');
      assert.ok(widget);
      assert.equal(widget.attribs.key, 'pk_test_flow');
      assert.equal(widget.attribs.program, 'evolve');
      assert.equal(widget.attribs.link, undefined);
      assert.ok(p.one((e) => e.name === 'article' && e.parent === widget), 'the article is the element\'s light DOM');
      const csp = res.headers.get('content-security-policy') ?? '';
      const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(csp)?.[1];
      assert.ok(nonce, csp);
      assert.match(csp, new RegExp(`style-src 'nonce-${nonce!.replace(/[+/=]/g, '\\$&')}'`));
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(csp, /base-uri 'none'/);
      assert.match(csp, /object-src 'none'/);
      const scripts = p.all((e) => e.name === 'script');
      for (const s of scripts) {
        if (s.attribs.type === 'application/ld+json') continue;
        assert.equal(s.attribs.nonce, nonce, 'every executable script carries the nonce');
        assert.equal(s.attribs.src, '/widget/tandem.js');
      }
      assert.ok(p.all((e) => e.name === 'style').every((s) => s.attribs.nonce === nonce));
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
    });

    test('share links: plain links to the canonical address, tagged with their channel', () => {
      const share = p.one((e) => e.name === 'nav' && e.attribs.class === 'share');
      assert.ok(share);
      assert.equal(share.parent?.type === 'tag' ? (share.parent as { name: string }).name : '', 'main', 'outside the widget: still there after it takes over');
      const hrefs = p.all((e) => e.name === 'a' && e.parent?.parent === share.children.find((c) => (c as { name?: string }).name === 'ul')).map((a) => a.attribs.href!);
      assert.equal(hrefs.length, 5);
      const wa = new URL(hrefs.find((h) => h.startsWith('https://wa.me/'))!);
      assert.match(wa.searchParams.get('text')!, new RegExp(`${ORIGIN}/p/studio-flow/evolve\\?utm_source=whatsapp&utm_medium=share$`));
      const mail = hrefs.find((h) => h.startsWith('mailto:'))!;
      assert.equal(new URLSearchParams(mail.slice('mailto:?'.length)).get('body'), `${ORIGIN}/p/studio-flow/evolve?utm_source=email&utm_medium=share`);
      assert.ok(p.all((e) => e.name === 'a' && e.attribs.target === '_blank').every((a) => /noopener/.test(a.attribs.rel ?? '')));
    });

    test('a fresh nonce per answer', async () => {
      const again = await get('/p/studio-flow/evolve');
      assert.notEqual(again.headers.get('content-security-policy'), res.headers.get('content-security-policy'));
    });

    test('JSON-LD: a Service with an Offer per variant, provided by the studio, hosts as Person, the FAQ as FAQPage', async () => {
      const graph = graphOf(p);
      const [service] = ofType(graph, 'Service');
      assert.ok(service);
      assert.equal(service.name, 'EVOLVE — holistic coaching');
      assert.equal(service.url, `${ORIGIN}/p/studio-flow/evolve`);
      assert.equal(typeof service.description, 'string');
      assert.match(String(service.image), /^https?:\/\//);
      const provider = service.provider as Node;
      assert.equal(provider['@type'], 'Organization');
      assert.equal(provider.name, 'Studio Flow');
      assert.equal(provider.url, `${ORIGIN}/p/studio-flow`);
      const people = provider.employee as Node[];
      assert.deepEqual(people.map((x) => [x['@type'], x.name]), [['Person', 'Mara Keller']]);
      const offers = service.offers as Node[];
      const api = await (await app.request('/v1/embed/programs/evolve', { headers: flowKey })).json() as { variants: { name: string; price: number; currency: string }[] };
      assert.equal(offers.length, api.variants.length);
      offers.forEach((o, i) => {
        assert.equal(o['@type'], 'Offer');
        assert.equal(o.name, api.variants[i]!.name);
        assert.equal(o.priceCurrency, api.variants[i]!.currency);
        assert.match(String(o.price), /^\d+\.\d{2}$/, 'a decimal in the major unit');
        assert.equal(Math.round(Number(o.price) * 100), api.variants[i]!.price);
        assert.equal(o.availability, 'https://schema.org/InStock');
      });
      const [faq] = ofType(graph, 'FAQPage');
      assert.ok(faq);
      const questions = faq.mainEntity as Node[];
      assert.equal(questions.length, 2);
      for (const q of questions) {
        assert.equal(q['@type'], 'Question');
        assert.equal(typeof q.name, 'string');
        assert.equal((q.acceptedAnswer as Node)['@type'], 'Answer');
        assert.equal(typeof (q.acceptedAnswer as Node).text, 'string');
      }
    });

    test('a program without FAQ has no FAQPage; a single price has one Offer', async () => {
      const { page: split } = await page('/p/studio-flow/split');
      const graph = graphOf(split);
      assert.equal(ofType(graph, 'FAQPage').length, split.all((e) => e.name === 'details').length ? 1 : 0);
      assert.equal((ofType(graph, 'Service')[0]!.offers as Node[]).length, 1);
    });
  });

  describe('by_link, hidden, inactive and unknown: one 404', () => {
    let notFoundBody: string;
    before(async () => {
      const res = await get('/p/studio-flow/no-such-program');
      assert.equal(res.status, 404);
      notFoundBody = await res.text();
    });

    async function sameNotFound(path: string) {
      const res = await get(path);
      assert.equal(res.status, 404, path);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      assert.equal(await res.text(), notFoundBody, `${path}: the same answer as a program that does not exist`);
      assert.equal(res.headers.get('cache-control'), 'no-store');
    }

    test('a private program without its token, with a wrong one, with an empty one', async () => {
      await sameNotFound('/p/studio-flow/private-yoga');
      await sameNotFound('/p/studio-flow/private-yoga?link=pyoga-wrong');
      await sameNotFound('/p/studio-flow/private-yoga?link=');
    });

    test('an unknown studio, a malformed slug, another studio\'s program', async () => {
      await sameNotFound('/p/no-such-studio/evolve');
      await sameNotFound('/p/Studio_Flow/evolve');
      await sameNotFound('/p/studio-flow/EVOLVE');
      await sameNotFound('/p/atelier-nord/evolve');
      await sameNotFound('/p/no-such-studio');
    });

    test('a private program with its token: shown, never indexed, no Referer, not cached', async () => {
      const { res, page: p } = await page(`/p/studio-flow/private-yoga?link=${LINK}`);
      assert.equal(p.meta('robots'), 'noindex, nofollow');
      assert.equal(res.headers.get('x-robots-tag'), 'noindex, nofollow');
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(res.headers.get('cache-control'), 'private, no-store');
      assert.deepEqual(p.link('canonical'), []);
      assert.deepEqual(p.link('alternate'), []);
      assert.equal(p.meta('og:url'), undefined, 'the private address is not advertised');
      assert.equal(p.attr(p.one((e) => e.name === 'tandem-program'), 'link'), LINK, 'the widget books with the token');
      assert.equal(p.text(p.one((e) => e.name === 'h1')), 'Private yoga');
      assert.equal(p.one((e) => e.name === 'nav' && e.attribs.class === 'share'), null, 'no share links for a private page');
    });

    test('rotating the private link (POST /v1/admin/programs/:id/rotate-link): the old link is the same 404, the new one opens the page', async () => {
      const rotate = (id: string, key = 'rotate-1') => app.request(`/v1/admin/programs/${id}/rotate-link`, {
        method: 'POST', headers: { Authorization: 'Bearer sk_test_flow', 'Idempotency-Key': key },
      });
      const res = await rotate(FLOW.privateYoga);
      assert.equal(res.status, 200, await res.clone().text());
      const token = (await res.json() as { private_link_token: string }).private_link_token;
      assert.ok(token && token !== LINK);
      const replay = await rotate(FLOW.privateYoga);
      assert.equal(replay.headers.get('idempotency-replayed'), 'true');
      assert.equal((await replay.json() as { private_link_token: string }).private_link_token, token, 'a repeated request rotates once');
      try {
        await sameNotFound(`/p/studio-flow/private-yoga?link=${LINK}`);
        const { page: p } = await page(`/p/studio-flow/private-yoga?link=${token}`);
        assert.equal(p.attr(p.one((e) => e.name === 'tandem-program'), 'link'), token);
        const widget = await app.request(`/v1/embed/programs/private-yoga?link=${LINK}`, { headers: { ...flowKey, Origin: 'http://localhost:8788' } });
        assert.equal(widget.status, 404, 'the widget no longer opens the old link either');
        const pub = await rotate(FLOW.reiki, 'rotate-public');
        assert.equal(pub.status, 409);
        assert.equal((await pub.json() as { code: string }).code, 'invalid_state');
      } finally {
        await db.update(t.programs).set({ privateLinkToken: LINK }).where(eq(t.programs.id, FLOW.privateYoga));
      }
    });

    test('hidden and inactive programs: 404 even with a token', async () => {
      await db.update(t.programs).set({ visibility: 'hidden' }).where(eq(t.programs.id, FLOW.split));
      try {
        await sameNotFound('/p/studio-flow/split');
      } finally {
        await db.update(t.programs).set({ visibility: 'public' }).where(eq(t.programs.id, FLOW.split));
      }
      await db.update(t.programs).set({ isActive: false }).where(eq(t.programs.id, FLOW.privateYoga));
      try {
        await sameNotFound(`/p/studio-flow/private-yoga?link=${LINK}`);
      } finally {
        await db.update(t.programs).set({ isActive: true }).where(eq(t.programs.id, FLOW.privateYoga));
      }
      await page('/p/studio-flow/split');
    });
  });

  describe('GET /p/:studio', () => {
    test('the studio\'s public programs, linked to their pages, with an ItemList', async () => {
      const { page: p } = await page('/p/studio-flow');
      const links = p.all((e) => e.name === 'a' && (e.attribs.href ?? '').startsWith(`${ORIGIN}/p/studio-flow/`)).map((a) => a.attribs.href);
      assert.deepEqual(links.sort(), ['evolve', 'reiki', 'split'].map((s) => `${ORIGIN}/p/studio-flow/${s}`));
      assert.doesNotMatch(p.text(p.one((e) => e.name === 'body')), /Private yoga|Contemporary/);
      assert.deepEqual(p.link('canonical').map((l) => l.attribs.href), [`${ORIGIN}/p/studio-flow`]);
      const graph = graphOf(p);
      assert.equal(ofType(graph, 'Organization')[0]!.name, 'Studio Flow');
      const items = ofType(graph, 'ItemList')[0]!.itemListElement as Node[];
      assert.deepEqual(items.map((i) => i.position), [1, 2, 3]);
      assert.ok(items.every((i) => i['@type'] === 'ListItem' && String(i.url).startsWith(`${ORIGIN}/p/studio-flow/`)));
      assert.match(p.text(p.one((e) => e.name === 'body')), /ab CHF 580\.00/);
      assert.equal(p.all((e) => e.name === 'script' && e.attribs.type !== 'application/ld+json').length, 0, 'a list needs no script');
      assert.equal(p.meta('og:image'), `${ORIGIN}/p/studio-flow/share.png`, 'the studio\'s own card, not a program\'s thumbnail');
      assert.equal(p.meta('twitter:image'), `${ORIGIN}/p/studio-flow/share.png`);
      assert.match(p.meta('og:image:alt') ?? '', /^Studio Flow · 3 Programme · ab CHF\s140\.00$/);
      assert.deepEqual(p.link('alternate').map((l) => [l.attribs.hreflang, l.attribs.href]), [['de-CH', `${ORIGIN}/p/studio-flow`], ['x-default', `${ORIGIN}/p/studio-flow`]], 'no program in another language: one page');
    });
  });

  describe('escaping', () => {
    test('markup in a program\'s texts stays text, in the body and in the JSON-LD', async () => {
      const evil = 'Mobility </script><script>alert(1)</script> "Reset" <b>now</b>';
      const [before] = await db.select({ title: t.programs.title, details: t.programs.details }).from(t.programs).where(eq(t.programs.slug, 'mobility-reset'));
      await db.update(t.programs).set({ title: evil, details: { ...before!.details, faq: [{ question: '<img src=x onerror=alert(1)>?', answer: '</script>' }] } })
        .where(eq(t.programs.slug, 'mobility-reset'));
      try {
        const { page: p } = await page('/p/atelier-nord/mobility-reset');
        assert.equal(p.text(p.one((e) => e.name === 'h1')), evil);
        assert.equal(p.all((e) => e.name === 'script' && e.attribs.type !== 'application/ld+json' && !e.attribs.src).length, 0, 'no injected script');
        assert.equal(p.all((e) => e.name === 'img' && e.attribs.onerror !== undefined).length, 0);
        assert.equal(p.all((e) => e.name === 'b').length, 0);
        const graph = graphOf(p);
        assert.equal(ofType(graph, 'Service')[0]!.name, evil);
        assert.equal(((ofType(graph, 'FAQPage')[0]!.mainEntity as Node[])[0]!.acceptedAnswer as Node).text, '</script>');
        assert.equal(p.meta('og:title'), `${evil} · Atelier Nord`);
      } finally {
        await db.update(t.programs).set({ title: before!.title, details: before!.details }).where(eq(t.programs.slug, 'mobility-reset'));
      }
    });
  });

  describe('the languages the content has', () => {
    test('a program written also in French: a page per language, each canonical to itself, all naming each other with hreflang, both in the sitemap; a language it lacks is the studio\'s own page', async () => {
      const url = `${ORIGIN}/p/studio-flow/evolve`;
      const [before] = await db.select({ translations: t.programs.translations }).from(t.programs).where(eq(t.programs.slug, 'evolve'));
      await db.update(t.programs).set({ translations: { fr: { title: 'EVOLVE — coaching holistique', summary: 'Un coaching individuel sur quatre ou huit semaines.', faq: [{ question: 'Et si je manque une semaine ?', answer: 'Déplacez la séance.' }] } } })
        .where(eq(t.programs.slug, 'evolve'));
      try {
        const expected = [['de-CH', url], ['fr-CH', `${url}?lang=fr`], ['x-default', url]];
        const own = (await page('/p/studio-flow/evolve')).page;
        assert.deepEqual(own.link('alternate').map((l) => [l.attribs.hreflang, l.attribs.href]), expected);
        assert.deepEqual(own.link('canonical').map((l) => l.attribs.href), [url]);

        const fr = (await page('/p/studio-flow/evolve?lang=fr')).page;
        assert.equal(fr.attr(fr.one((e) => e.name === 'html'), 'lang'), 'fr-CH');
        assert.equal(fr.text(fr.one((e) => e.name === 'h1')), 'EVOLVE — coaching holistique');
        assert.equal(fr.meta('description'), 'Un coaching individuel sur quatre ou huit semaines.');
        assert.deepEqual(fr.link('canonical').map((l) => l.attribs.href), [`${url}?lang=fr`]);
        assert.deepEqual(fr.link('alternate').map((l) => [l.attribs.hreflang, l.attribs.href]), expected);
        assert.equal(fr.meta('og:locale'), 'fr_CH');
        assert.equal(fr.meta('og:url'), `${url}?lang=fr`);
        assert.equal(fr.meta('og:image'), `${url}/share.png?lang=fr`, 'the share image in the page\'s language');
        const [frImage, deImage] = await Promise.all([get(`/p/studio-flow/evolve/share.png?lang=fr`), get('/p/studio-flow/evolve/share.png')]);
        assert.equal(frImage.status, 200);
        assert.notEqual(frImage.headers.get('etag'), deImage.headers.get('etag'), 'the French title is another picture');
        const graph = graphOf(fr);
        assert.equal(ofType(graph, 'Service')[0]!.name, 'EVOLVE — coaching holistique');
        assert.equal(((ofType(graph, 'FAQPage')[0]!.mainEntity as Node[])[0]!).name, 'Et si je manque une semaine ?');

        const sitemap = await (await get('/p/studio-flow/sitemap.xml')).text();
        assert.deepEqual([...sitemap.matchAll(/<loc>([^<]*evolve[^<]*)<\/loc>/g)].map((m) => m[1]), [url, `${url}?lang=fr`], 'both languages in the sitemap');

        // The studio's page: a French one too, canonical to itself, naming both, linking the French program page; both in the sitemap.
        const studio = `${ORIGIN}/p/studio-flow`;
        const studioAlternates = [['de-CH', studio], ['fr-CH', `${studio}?lang=fr`], ['x-default', studio]];
        const list = (await page('/p/studio-flow')).page;
        assert.deepEqual(list.link('alternate').map((l) => [l.attribs.hreflang, l.attribs.href]), studioAlternates);
        assert.deepEqual(list.link('canonical').map((l) => l.attribs.href), [studio]);
        const listFr = (await page('/p/studio-flow?lang=fr')).page;
        assert.equal(listFr.attr(listFr.one((e) => e.name === 'html'), 'lang'), 'fr-CH');
        assert.deepEqual(listFr.link('canonical').map((l) => l.attribs.href), [`${studio}?lang=fr`]);
        assert.deepEqual(listFr.link('alternate').map((l) => [l.attribs.hreflang, l.attribs.href]), studioAlternates);
        assert.equal(listFr.text(listFr.one((e) => e.name === 'h1')), 'Programmes');
        const frLinks = listFr.all((e) => e.name === 'a' && (e.attribs.href ?? '').startsWith(`${studio}/`)).map((a) => [listFr.text(a), a.attribs.href]);
        assert.deepEqual(frLinks.find(([, href]) => href!.includes('evolve')), ['EVOLVE — coaching holistique', `${url}?lang=fr`], 'the French program page, in French');
        assert.ok(frLinks.some(([, href]) => href === `${studio}/reiki`), 'a program without French: its own page');
        assert.equal(listFr.meta('og:image'), `${studio}/share.png?lang=fr`);
        assert.equal(listFr.meta('og:locale'), 'fr_CH');
        assert.equal((await get('/p/studio-flow?lang=it&tandem-coupon=FRIEND-1')).status, 200);
        const carried = (await page('/p/studio-flow?lang=fr&tandem-coupon=FRIEND-1')).page;
        assert.ok(carried.all((e) => e.name === 'a').some((a) => a.attribs.href === `${url}?lang=fr&tandem-coupon=FRIEND-1`), 'a referral code joins the language');
        assert.deepEqual([...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]).filter((l) => !l!.includes('/p/studio-flow/')), [studio, `${studio}?lang=fr`], 'the studio\'s page in both languages');
        const listIt = (await page('/p/studio-flow?lang=it')).page;
        assert.deepEqual(listIt.link('canonical').map((l) => l.attribs.href), [studio], 'no Italian program: the studio\'s own page');

        const it = (await page('/p/studio-flow/evolve?lang=it')).page;
        assert.equal(it.attr(it.one((e) => e.name === 'html'), 'lang'), 'de-CH');
        assert.deepEqual(it.link('canonical').map((l) => l.attribs.href), [url], 'no Italian text: the studio\'s own page, canonical to it');
      } finally {
        await db.update(t.programs).set({ translations: before!.translations }).where(eq(t.programs.slug, 'evolve'));
      }
    });
  });

  describe('the widget on the hosted page', () => {
    test('the embed API answers the API\'s own origin (the hosted pages), with every studio\'s key', async () => {
      const res = await app.request('/v1/embed/programs/evolve', { headers: { ...flowKey, Origin: ORIGIN } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
    });
  });
});
