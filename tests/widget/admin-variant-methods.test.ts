/**
 * The pricing step's "ways to pay allowed" checkboxes in Chromium: labelled, toggled with Space,
 * saved with the variant (every method for a new one, the program's own for an existing one), a
 * warning when none is ticked; axe-clean; English and German. The admin API is a stub on window.fetch.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, sendKeys, waitFor } from './helpers/dom.ts';
import '../../widget/elements/tandem-admin/wizard/program-wizard.ts';
import type { TandemAdminWizard } from '../../widget/elements/tandem-admin/wizard/program-wizard.ts';
import type { AdminProgramOut } from '../../schema/api/admin-programs.ts';
import { json, restoreFetchAfterEach, stubAdminApi, type Call } from './helpers/admin-console.ts';

const program = (variants: Partial<AdminProgramOut['variants'][number]>[] = []): AdminProgramOut => ({
  id: 'pr1', slug: 'breath', title: 'Breathwork', status: 'draft', category: 'coaching', summary: 'Calm.', long_description_md: '', description_html: '',
  translations: {}, tags: [], details: {}, delivery_mode: 'in_person', location_id: 'l1', resource_id: null, meeting_url: null, images: { banner: null, thumbnail: null },
  session_length_min: 60, is_multi_session: false, default_sessions_count: 1, scheduling: {}, instructor_ids: ['st1'],
  variants: variants.map((v, i) => ({ id: `v${i}`, name: 'Single', currency: 'CHF', price: 9000, vat_rate_bp: 0, billing: 'package', sessions_count: 1, deposit_amount: null,
    credit_price: null, pay_plan: null, is_active: true, allowed_methods: ['card', 'twint', 'qr_bill', 'bank_transfer', 'credits'], offered_methods: ['card', 'twint'], ...v })),
  form: null, form_required: false, milestones: [], policies: {}, visibility: 'public', private_link_token: null, missing: [], updated_at: '2026-12-01T08:00:00.000Z',
} as unknown as AdminProgramOut);

function stubApi(current: AdminProgramOut): Call[] {
  return stubAdminApi(({ method, url, body }) => {
    if (method === 'PATCH') {
      const variants = (body!.variants as Record<string, unknown>[]).map((v, i) => ({ ...current.variants[0], id: `v${i}`, ...v, is_active: true }));
      return json(200, { ...current, variants, missing: variants.some((v) => !(v.allowed_methods as string[]).length) ? ['pricing.allowed_methods'] : [] });
    }
    if (url.pathname === '/v1/admin/categories') return json(200, { categories: [] });
    if (url.pathname === '/v1/admin/staff') return json(200, { staff: [] });
    if (url.pathname === '/v1/admin/rooms') return json(200, { locations: [] });
    return json(404, { code: 'not_found', title: 'Not found' });
  });
}

async function openPricing(p: AdminProgramOut, lang: 'en' | 'de' = 'en'): Promise<{ el: TandemAdminWizard; calls: Call[] }> {
  const calls = stubApi(p);
  const el = await fixture<TandemAdminWizard>(html`<tandem-admin-wizard lang=${lang} .program=${p}></tandem-admin-wizard>`);
  el.step = 'pricing';
  await waitFor(() => el.shadowRoot!.querySelector('fieldset.methods'), 'the methods');
  return { el, calls };
}

const boxes = (el: TandemAdminWizard, i = 0) => [...el.shadowRoot!.querySelectorAll<HTMLInputElement>(`input[name="v${i}-method"]`)];
const deepActive = (): Element | null => { let a: Element | null = document.activeElement; while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement; return a; };
const lastPricing = (calls: Call[]) => calls.filter((c) => c.method === 'PATCH').at(-1)?.body?.variants as Record<string, unknown>[] | undefined;

describe('<tandem-admin-wizard> allowed payment methods', () => {
  restoreFetchAfterEach();

  it('a new variant allows every way to pay; Space unticks one; the save sends the rest', async () => {
    const { el, calls } = await openPricing(program());
    const all = boxes(el);
    expect(all.map((b) => b.value)).to.deep.equal(['card', 'twint', 'qr_bill', 'bank_transfer', 'credits']);
    expect(all.every((b) => b.checked)).to.equal(true);
    expect(el.shadowRoot!.querySelector('fieldset.methods legend')!.textContent).to.equal('Ways to pay allowed');
    for (const b of all) expect(b.closest('label')!.textContent!.trim().length).to.be.greaterThan(3);
    await expectAccessible(el);
    all[1]!.focus();
    await waitFor(() => deepActive() === all[1], 'focus on TWINT');
    await sendKeys({ press: 'Space' });
    await waitFor(() => !boxes(el)[1]!.checked, 'TWINT unticked');
    (el.shadowRoot!.querySelector<HTMLInputElement>('#v0-name')!).value = 'Single';
    el.shadowRoot!.querySelector<HTMLInputElement>('#v0-name')!.dispatchEvent(new Event('input'));
    el.shadowRoot!.querySelector<HTMLInputElement>('#v0-price')!.value = '90';
    el.shadowRoot!.querySelector<HTMLInputElement>('#v0-price')!.dispatchEvent(new Event('input'));
    el.shadowRoot!.querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitFor(() => lastPricing(calls), 'the save');
    expect(lastPricing(calls)![0]!.allowed_methods).to.deep.equal(['card', 'qr_bill', 'bank_transfer', 'credits']);
  });

  it('an existing variant shows its own methods; with none ticked it warns, and the save says what publishing misses', async () => {
    const { el, calls } = await openPricing(program([{ allowed_methods: ['card'] }]));
    expect(boxes(el).filter((b) => b.checked).map((b) => b.value)).to.deep.equal(['card']);
    expect(el.shadowRoot!.querySelector('fieldset.methods [role="alert"]')).to.equal(null);
    boxes(el)[0]!.focus();
    await sendKeys({ press: 'Space' });
    const alert = await waitFor(() => el.shadowRoot!.querySelector('fieldset.methods [role="alert"]'), 'the warning');
    expect(alert.textContent).to.contain('cannot be published');
    await expectAccessible(el);
    el.shadowRoot!.querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitFor(() => lastPricing(calls), 'the save');
    expect(lastPricing(calls)![0]).to.include({ id: 'v0' });
    expect(lastPricing(calls)![0]!.allowed_methods).to.deep.equal([]);
  });

  it('in German', async () => {
    const { el } = await openPricing(program([{}]), 'de');
    expect(el.shadowRoot!.querySelector('fieldset.methods legend')!.textContent).to.equal('Erlaubte Zahlungsarten');
    expect(boxes(el)[0]!.closest('label')!.textContent).to.contain('Karte');
    await expectAccessible(el);
  });
});
