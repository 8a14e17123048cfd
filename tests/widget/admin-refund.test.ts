/**
 * The refund dialog of the booking record, in Chromium: by quote, the chosen sessions' shares are
 * shown line by line before the refund is confirmed with the quote's id; an amount beyond what is
 * refundable shows the API's field error with the field's name in German; instructors get no
 * refund control. axe-clean with the dialog open. The admin API is a stub on window.fetch.
 */
import { expect, expectAccessible, sendKeys, waitFor } from './helpers/dom.ts';
import { button, openBooking as open, restoreFetchAfterEach, root, signedIn, stubAdminApi, type Call } from './helpers/admin-console.ts';
import { splitBooking } from './helpers/admin-split-booking.ts';
import type { TandemAdmin } from '../../widget/elements/tandem-admin/tandem-admin.ts';

const booking = splitBooking();

const stubApi = (role = 'owner'): Call[] => stubAdminApi(booking.answer, signedIn(role));

const refundEl = (el: TandemAdmin) => root(el).querySelector('tandem-admin-booking-record')?.shadowRoot?.querySelector('tandem-admin-refund') ?? null;

const openBooking = (lang: string, role = 'owner') => open(lang, stubApi(role), (el) => root(el).querySelector('tandem-admin-booking-record')?.shadowRoot?.querySelector('section[aria-labelledby="record-money"]'), 'the record');

describe('<tandem-admin> refund outside a cancellation', () => {
  restoreFetchAfterEach();

  it('by quote: the session\'s share line by line, then the refund confirmed with the quote\'s id, by keyboard (English)', async function () {
    this.timeout(60_000);
    const { el, calls } = await openBooking('en');
    const host = await waitFor(() => refundEl(el), 'the refund control');
    const r = host.shadowRoot!;
    button(r, 'Refund…')!.click();
    const dialog = r.querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    const quoteMode = r.querySelector<HTMLInputElement>('input[name="mode"][value="quote"]')!;
    quoteMode.focus();
    await sendKeys({ press: 'Space' });
    const first = await waitFor(() => r.querySelector<HTMLInputElement>('input[name="session"][value="se1"]'), 'the sessions');
    first.focus();
    await sendKeys({ press: 'Space' });
    const reason = r.querySelector<HTMLInputElement>('#refund-reason')!;
    reason.focus();
    await sendKeys({ type: 'Room double-booked' });
    await sendKeys({ press: 'Enter' });
    const quote = await waitFor(() => r.querySelector('#refund-quote'), 'the quote');
    const asked = calls.find((c) => c.path === '/v1/admin/bookings/b1/refunds/quote')!;
    expect(Object.fromEntries(new URLSearchParams(asked.search))).to.deep.equal({ mode: 'quote', session_ids: 'se1' });
    const lines = [...quote.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim()));
    expect(lines.map((l) => l.slice(1))).to.deep.equal([['CHF 90.00', 'CHF 0.00', 'CHF 90.00']]);
    expect(lines[0]![0]).to.match(/^1 · /);
    expect(quote.querySelector('h4')!.textContent!.replace(/\s+/g, ' ')).to.contain('CHF 90.00');
    await expectAccessible(el);

    button(r, 'Refund CHF 90.00')!.click();
    await waitFor(() => calls.some((c) => c.method === 'POST'), 'the refund');
    const posted = calls.find((c) => c.method === 'POST')!;
    expect(posted.body).to.deep.equal({ mode: 'quote', session_ids: ['se1'], reason: 'Room double-booked', quote_id: 'quote-1' });
    await waitFor(() => r.querySelector('[role="status"] .notice'), 'the notice');
    expect(dialog.open).to.equal(false);
    expect(r.querySelector('[role="status"]')!.textContent!.replace(/\s+/g, ' ')).to.contain('CHF 90.00 refunded');
    // The booking is read again: the refund is in the record's list.
    const record = root(el).querySelector('tandem-admin-booking-record')!.shadowRoot!;
    await waitFor(() => record.querySelector('section[aria-labelledby="record-money"] tbody tr'), 'the refund in the list');
    expect(record.querySelector('section[aria-labelledby="record-money"] tbody')!.textContent).to.contain('Room double-booked');
  });

  it('an amount beyond what is refundable: the API\'s field error, named in German; nothing is refunded', async function () {
    this.timeout(60_000);
    const { el, calls } = await openBooking('de');
    const r = (await waitFor(() => refundEl(el), 'the refund control')).shadowRoot!;
    button(r, 'Rückerstatten…')!.click();
    r.querySelector<HTMLInputElement>('input[name="mode"][value="partial"]')!.click();
    const amount = await waitFor(() => r.querySelector<HTMLInputElement>('#refund-amount'), 'the amount');
    amount.value = '200';
    r.querySelector<HTMLInputElement>('#refund-reason')!.value = 'Kulanz';
    amount.form!.requestSubmit();
    await waitFor(() => r.querySelector('[role="alert"] .error'), 'the refusal');
    expect(r.querySelector('[role="alert"]')!.textContent).to.contain('Betrag: darf höchstens 18000 sein');
    expect(calls.find((c) => c.path.endsWith('/refunds/quote'))!.search).to.contain('amount=20000');
    expect(r.querySelector('#refund-quote')).to.equal(null);
    expect(calls.some((c) => c.method === 'POST')).to.equal(false);
    await expectAccessible(el);
  });

  it('offers no refund to instructors', async function () {
    this.timeout(60_000);
    const { el } = await openBooking('en', 'instructor');
    await new Promise((r) => setTimeout(r, 200));
    expect(refundEl(el)).to.equal(null);
  });
});
