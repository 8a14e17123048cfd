/**
 * <tandem-portal>'s "Refer a friend" in Chromium against a fake portal API (msw): the customer's code
 * and link from GET /v1/portal/referral in the four languages, the copy button (keyboard), what the
 * code earns (the studio's credits, or its coupon with the discount and validity) and earned; no panel before a first confirmed booking (no code). axe-clean.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { startMocks, worker } from './helpers/mock-api.ts';
import { waitFor } from './helpers/dom.ts';
import type { TandemPortal } from '../../widget/elements/tandem-portal/tandem-portal.ts';
import '../../widget/entries/tandem-portal.ts';

const TOKEN = 'M'.repeat(43);
const LINK = 'https://api.tandem.test/p/flow?tandem-coupon=LEA-K7QM';
const referral = {
  code: 'LEA-K7QM', link: LINK, referee_discount_bp: 1000, reward_credits: 1, reward: { kind: 'credits', credits: 1 },
  rewards: [
    { status: 'granted', kind: 'credits', credits: 1, due_at: '2030-02-01T08:00:00.000Z', granted_at: '2030-02-01T08:00:00.000Z' },
    { status: 'pending', kind: 'credits', credits: 1, due_at: '2030-03-04T08:00:00.000Z', granted_at: null },
  ],
};
/** The studio gives a coupon of the referrer's own: one granted, one waiting (no credits at all). */
const couponed = (reward: object) => ({
  ...referral, reward_credits: 0, reward,
  rewards: [
    { status: 'granted', kind: 'coupon', credits: 0, due_at: '2030-02-01T08:00:00.000Z', granted_at: '2030-02-01T08:00:00.000Z' },
    { status: 'pending', kind: 'coupon', credits: 0, due_at: '2030-03-04T08:00:00.000Z', granted_at: null },
  ],
});
const api = (answer: object) => [
  http.get('*/v1/portal/bookings', () => HttpResponse.json({ bookings: [] })),
  http.get('*/v1/portal/referral', ({ request }) => (request.headers.get('Authorization') === `Bearer ${TOKEN}` ? HttpResponse.json(answer) : new HttpResponse(null, { status: 401 }))),
];
const root = (el: TandemPortal) => el.shadowRoot!;
const mount = async (lang: string) => {
  const el = await fixture<TandemPortal>(html`<tandem-portal token=${TOKEN} lang=${lang}></tandem-portal>`);
  await waitFor(() => root(el).querySelector('section.referral'), 'the referral panel');
  return el;
};

describe('<tandem-portal> referral', () => {
  let copied: string[] = [];
  const writeText = navigator.clipboard.writeText;
  before(async () => { await startMocks(); });
  beforeEach(() => {
    copied = [];
    worker.resetHandlers(...api(referral));
    Object.defineProperty(navigator.clipboard, 'writeText', { configurable: true, value: async (s: string) => { copied.push(s); } });
  });
  afterEach(() => { Object.defineProperty(navigator.clipboard, 'writeText', { configurable: true, value: writeText }); });
  after(() => worker.stop());

  it('shows the code, the link and the rewards; the copy button copies the link (keyboard); axe-clean', async () => {
    const el = await mount('en');
    const panel = root(el).querySelector('section.referral')!;
    const text = panel.textContent!.replace(/\s+/g, ' ');
    expect(panel.querySelector('h3')!.textContent).to.equal('Refer a friend');
    expect(text).to.include('LEA-K7QM');
    expect(text).to.include('gets 10% off their first booking');
    expect(text).to.include('you receive 1 class credit.');
    expect(text).to.include('Credits received: 1. Waiting for the free cancellation window: 1.');
    expect(panel.querySelector<HTMLInputElement>('#referral-link')!.value).to.equal(LINK);
    const copy = [...panel.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Copy link')!;
    copy.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => copied.length, 'the copy');
    expect(copied).to.deep.equal([LINK]);
    await waitFor(() => root(el).querySelector('[role="status"]')?.textContent === 'Link copied.', 'the spoken confirmation');
    await expect(el).to.be.accessible();
  });

  it('where the browser refuses to copy, the link is selected to copy by hand', async () => {
    Object.defineProperty(navigator.clipboard, 'writeText', { configurable: true, value: async () => { throw new DOMException('denied', 'NotAllowedError'); } });
    const el = await mount('en');
    const input = root(el).querySelector<HTMLInputElement>('#referral-link')!;
    [...root(el).querySelectorAll('section.referral button')].find((b) => b.textContent!.trim() === 'Copy link')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await waitFor(() => root(el).activeElement === input, 'the link focused');
    expect([input.selectionStart, input.selectionEnd]).to.deep.equal([0, LINK.length]);
  });

  for (const [lang, heading, button, percent] of [['de', 'Freunde empfehlen', 'Link kopieren', /10\u00a0%/], ['fr', 'Parrainer un ami', 'Copier le lien', /10[\u00a0\u202f]%/], ['it', 'Consigli un amico', 'Copia il link', /10\s?%/]] as const) {
    it(`in ${lang}: its own words`, async () => {
      const el = await mount(lang);
      const panel = root(el).querySelector('section.referral')!;
      expect(panel.querySelector('h3')!.textContent).to.equal(heading);
      expect([...panel.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.include(button);
      expect(panel.textContent).to.match(percent);
      await expect(el).to.be.accessible();
    });
  }

  // The studio's reward is a coupon: the panel says so (its discount and validity), never credits, in each language.
  for (const [lang, reward, says, earned] of [
    ['en', { kind: 'coupon', percent_bp: 2000, valid_days: 60 }, 'you receive a coupon of your own: 20% off a booking, valid for 60 days.', 'Coupons received: 1. Waiting for the free cancellation window: 1.'],
    ['de', { kind: 'coupon', amount_off: 2500, currency: 'CHF', valid_days: 1 }, 'erhalten Sie einen persönlichen Gutschein: 25,00 CHF Rabatt auf eine Buchung, gültig für 1 Tag.', 'Erhaltene Gutscheine: 1.'],
    ['fr', { kind: 'coupon', percent_bp: 1500, valid_days: 30 }, 'vous recevez un bon personnel : 15 % de réduction sur une réservation, valable 30 jours.', 'Bons reçus : 1.'],
    ['it', { kind: 'coupon', amount_off: 2000, currency: 'CHF', valid_days: 90 }, 'lei riceve un buono personale: 20,00 CHF di sconto su una prenotazione, valido per 90 giorni.', 'Buoni ricevuti: 1.'],
  ] as const) {
    it(`a coupon reward (${lang}): the panel describes the coupon, not credits; axe-clean`, async () => {
      worker.resetHandlers(...api(couponed(reward)));
      const el = await mount(lang);
      // Any space (the languages' no-break spaces before % and :, in amounts) compares as one.
      const text = root(el).querySelector('section.referral')!.textContent!.replace(/[\s\u00a0\u202f]+/g, ' ');
      expect(text).to.include(says);
      expect(text).to.include(earned);
      expect(text).not.to.match(/credit|Guthaben|crédit|credit/i);
      await expect(el).to.be.accessible();
    });
  }

  it('before a first confirmed booking (no code): no panel', async () => {
    worker.resetHandlers(...api({ code: null, link: null, referee_discount_bp: null, reward_credits: null, reward: null, rewards: [] }));
    const el = await fixture<TandemPortal>(html`<tandem-portal token=${TOKEN} lang="en"></tandem-portal>`);
    await waitFor(() => root(el).textContent!.includes('You have no bookings'), 'the list');
    await new Promise((r) => setTimeout(r, 100));
    expect(root(el).querySelector('section.referral')).to.equal(null);
  });
});
