/**
 * A customer's tags in the console, in Chromium against a stub admin API: listed on the record of an
 * owner (not of an instructor, whose answer has none), one added (trimmed, with CSRF and
 * Idempotency-Key) and one removed by its labelled button, each said in the live region; the API's
 * 400 shown beside the field; en/de/fr/it; axe-clean.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, waitFor } from './helpers/dom.ts';
import '../../widget/elements/tandem-admin/customers/customers-view.ts';
import type { TandemAdminCustomers } from '../../widget/elements/tandem-admin/customers/customers-view.ts';
import type { TandemAdminCustomerTags } from '../../widget/elements/tandem-admin/customers/customer-tags.ts';
import { json, problem, restoreFetchAfterEach, root, signedInClient, stubAdminApi, type Call } from './helpers/admin-console.ts';
const ID = '00000000-0000-4000-8000-000000000001';
const detail = (tags: string[] | null) => ({
  customer: { id: ID, name: 'Kundin 1', email: 'k1@example.ch', phone: null, language: 'de', timezone: 'Europe/Zurich', created_at: '2026-11-01T09:00:00Z' },
  bookings: [], credits: tags === null ? null : { balance: 0, ledger: [] }, messages: [], tags,
});

function stubApi(role: 'owner' | 'instructor' = 'owner'): Call[] {
  let tags = ['VIP'];
  return stubAdminApi(({ method, url, body }) => {
    if (method === 'GET' && url.pathname === '/v1/admin/customers') return json(200, { customers: [{ id: ID, name: 'Kundin 1', email: 'k1@example.ch', phone: null, language: 'de', bookings: 0, created_at: '2026-11-01T09:00:00Z' }], next_cursor: null });
    if (method === 'GET' && url.pathname === `/v1/admin/customers/${ID}`) return json(200, detail(role === 'instructor' ? null : tags));
    if (method === 'POST' && url.pathname === `/v1/admin/customers/${ID}/tags`) {
      const tag = String(body!.tag).trim();
      if (!tag || tag.length > 60) return problem(400, { type: 'x', title: 'Bad request', status: 400, code: 'validation_failed', detail: 'Check the fields', errors: [{ field: 'tag', message: 'is required' }] });
      tags = [...new Set([...tags, tag])].sort();
      return json(200, { tags });
    }
    if (method === 'DELETE' && url.pathname.startsWith(`/v1/admin/customers/${ID}/tags/`)) {
      const tag = decodeURIComponent(url.pathname.split('/').at(-1)!);
      tags = tags.filter((x) => x !== tag);
      return json(200, { tags });
    }
    return undefined;
  });
}

async function openRecord(role: 'owner' | 'instructor', lang = 'en'): Promise<{ view: TandemAdminCustomers; calls: Call[] }> {
  const calls = stubApi(role);
  const view = await fixture<TandemAdminCustomers>(html`<tandem-admin-customers lang=${lang} staff-role=${role} .client=${signedInClient()}></tandem-admin-customers>`);
  (await waitFor(() => root(view).querySelector<HTMLButtonElement>(`button[data-id="${ID}"]`), 'the list')).click();
  await waitFor(() => root(view).querySelector('#cu-heading'), 'the record');
  return { view, calls };
}

describe('<tandem-admin-customer-tags>', () => {
  restoreFetchAfterEach();

  it('an owner sees the tags, adds one and removes one, each announced; axe-clean', async function () {
    this.timeout(30_000);
    const { view, calls } = await openRecord('owner');
    const tags = await waitFor(() => root(view).querySelector<TandemAdminCustomerTags>('tandem-admin-customer-tags'), 'the tags');
    await tags.updateComplete;
    const t = root(tags);
    const listed = () => [...t.querySelectorAll('ul.tags li > span')].map((s) => s.textContent!.trim());
    expect(listed()).to.deep.equal(['VIP']);
    await expectAccessible(view);
    const input = t.querySelector<HTMLInputElement>('#ct-new')!;
    expect(t.querySelector(`label[for="ct-new"]`)!.textContent).to.equal('New tag');
    input.value = '  Knee injury ';
    input.dispatchEvent(new Event('input'));
    t.querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitFor(() => listed().length === 2, 'added');
    expect(listed()).to.deep.equal(['Knee injury', 'VIP']);
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).to.deep.equal({ tag: 'Knee injury' });
    expect(post.headers['Tandem-CSRF']).to.equal('csrf-1');
    expect(post.headers['Idempotency-Key']).to.match(/^[0-9a-f-]{36}$/);
    expect(t.querySelector('[role="status"]')!.textContent).to.equal('Tag Knee injury added.');
    expect(input.value).to.equal('');
    t.querySelector<HTMLButtonElement>('button[aria-label="Remove tag: VIP"]')!.click();
    await waitFor(() => listed().length === 1, 'removed');
    expect(calls.find((c) => c.method === 'DELETE')!.path).to.equal(`/v1/admin/customers/${ID}/tags/VIP`);
    expect(t.querySelector('[role="status"]')!.textContent).to.equal('Tag VIP removed.');
    expect(t.activeElement?.id).to.equal('ct-new', 'focus stays in the tags');
    await expectAccessible(view);
  });

  it('the API\'s refusal beside the field', async function () {
    this.timeout(30_000);
    const { view } = await openRecord('owner');
    const tags = await waitFor(() => root(view).querySelector<TandemAdminCustomerTags>('tandem-admin-customer-tags'), 'the tags');
    await tags.updateComplete;
    const input = root(tags).querySelector<HTMLInputElement>('#ct-new')!;
    input.value = '   ';
    input.dispatchEvent(new Event('input'));
    const form = root(tags).querySelector<HTMLFormElement>('form')!;
    form.noValidate = true;
    form.requestSubmit();
    await waitFor(() => root(tags).querySelector('#ct-new-error'), 'the field\'s message');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.contain('ct-new-error');
    expect(root(tags).querySelector('[role="alert"]')!.textContent).to.contain('tag: is required');
    await expectAccessible(view);
  });

  it('an instructor\'s record has no tags', async () => {
    const { view } = await openRecord('instructor');
    expect(root(view).querySelector('tandem-admin-customer-tags')).to.equal(null);
  });

  for (const [lang, heading, add] of [['de', 'Tags', 'Tag hinzufügen'], ['fr', 'Étiquettes', 'Ajouter l’étiquette'], ['it', 'Etichette', 'Aggiungi etichetta']] as const) {
    it(`in ${lang}: its own words`, async () => {
      const { view } = await openRecord('owner', lang);
      const tags = await waitFor(() => root(view).querySelector<TandemAdminCustomerTags>('tandem-admin-customer-tags'), 'the tags');
      await tags.updateComplete;
      expect(root(tags).querySelector('h3')!.textContent).to.equal(heading);
      expect(root(tags).querySelector('button[type="submit"]')!.textContent!.trim()).to.equal(add);
      await expectAccessible(view);
    });
  }
});
