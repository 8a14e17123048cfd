/**
 * The booking's private note in the booking record, in Chromium: shown as stored, written by
 * keyboard (Italian words), sent with PUT …/note; a refusal shows its field. axe-clean. The admin
 * API is a stub on window.fetch.
 */
import { expect, expectAccessible, sendKeys, waitFor } from './helpers/dom.ts';
import { json, openBooking as open, restoreFetchAfterEach, root, signedIn, stubAdminApi, type Call } from './helpers/admin-console.ts';
import { splitBooking } from './helpers/admin-split-booking.ts';

const booking = splitBooking({ notes_private_md: 'Prefers mornings' });

function stubApi(role = 'owner'): Call[] {
  return stubAdminApi((req) => {
    const { key, body } = req;
    if (key === 'PUT /v1/admin/bookings/b1/note') {
      if (String(body?.notes_md ?? '').length > 20) return json(400, { code: 'validation_failed', title: 'The request is not valid', errors: [{ field: 'notes_md', message: 'is too long (5,000 characters at most)' }] }, 'application/problem+json');
      return json(200, { booking_id: 'b1', notes_private_md: body!.notes_md });
    }
    return booking.answer(req);
  }, signedIn(role));
}

const openBooking = (lang: string, role = 'owner') => open(lang, stubApi(role), (el) => root(el).querySelector('tandem-admin-booking-record')?.shadowRoot?.querySelector('section[aria-labelledby="record-money"]'), 'the record');

describe('<tandem-admin> the booking\'s private note', () => {
  restoreFetchAfterEach();

  it('shows the note, saves a new one by keyboard (Italian), and shows a refusal with its field', async function () {
    this.timeout(60_000);
    const { el, calls } = await openBooking('it');
    const r = root(el).querySelector('tandem-admin-booking-record')!.shadowRoot!;
    const text = await waitFor(() => r.querySelector<HTMLTextAreaElement>('#note-booking'), 'the note');
    expect(text.value).to.equal('Prefers mornings');
    expect(r.querySelector('label[for="note-booking"]')!.textContent).to.contain('Nota sulla prenotazione');
    text.value = '';
    text.focus();
    await sendKeys({ type: 'Cash only' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => r.querySelector('section[aria-labelledby="record-notes"] [role="status"] .notice'), 'the notice');
    expect(calls.filter((c) => c.method === 'PUT' && c.path === '/v1/admin/bookings/b1/note').at(-1)!.body).to.deep.equal({ notes_md: 'Cash only' });
    expect(r.querySelector('section[aria-labelledby="record-notes"] [role="status"]')!.textContent).to.contain('Nota salvata.');
    text.value = 'A note far too long for the stub';
    text.form!.requestSubmit();
    await waitFor(() => r.querySelector('section[aria-labelledby="record-notes"] [role="alert"] .error'), 'the refusal');
    expect(r.querySelector('section[aria-labelledby="record-notes"] [role="alert"]')!.textContent).to.contain('notes_md: is too long');
    await expectAccessible(el);
  });
});
