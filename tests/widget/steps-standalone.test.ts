import { fixture, html } from '@open-wc/testing';
import { $, byText, calendar, expect, fillIntake, inStep, mountProgram, pickFirstSlot, toTimeStep, type, useMockApi, waitFor, waitSlots } from './helpers/dom.ts';
import { API, callsTo } from './helpers/mock-api.ts';
import { evolve, IDS, reiki } from './helpers/fixtures.ts';
import { ApiClient } from '../../widget/core/api/client.ts';
import { Localizer } from '../../widget/core/i18n/localizer.ts';
import { initialState } from '../../widget/core/context/booking-state.ts';
import type { BookingState, CreatedBooking } from '../../widget/core/context/types.ts';
import type { BookingChangeEvent } from '../../widget/core/events/booking-change-event.ts';
import type { StepRequestEvent } from '../../widget/core/events/step-request-event.ts';
import { INTERNAL_EVENTS } from '../../widget/core/events/internal-events.ts';
import type { TandemTimeStep } from '../../widget/elements/tandem-program/steps/time/time-step.ts';
import type { TandemIntakeStep } from '../../widget/elements/tandem-program/steps/intake/intake-step.ts';
import type { TandemCheckoutStep } from '../../widget/elements/tandem-program/steps/checkout/checkout-step.ts';
import type { TandemConfirmationStep } from '../../widget/elements/tandem-program/steps/confirmation/confirmation-step.ts';
import '../../widget/elements/tandem-program/steps/time/time-step.ts';
import '../../widget/elements/tandem-program/steps/intake/intake-step.ts';
import '../../widget/elements/tandem-program/steps/checkout/checkout-step.ts';
import '../../widget/elements/tandem-program/steps/confirmation/confirmation-step.ts';

const i18n = new Localizer('en-GB');
const api = new ApiClient(API, 'pk_test_flow');

/** A booking state for a program, as `<tandem-program>` would hold it. */
function stateFor(program: typeof evolve, patch: Partial<BookingState> = {}): BookingState {
  return { ...initialState('Europe/Zurich'), program, variantId: program.variants[0]!.id, ...patch };
}

/** What a step asked for: its booking changes and step requests, in order. */
function listen(el: HTMLElement) {
  const changes: Partial<BookingState>[] = [];
  const steps: string[] = [];
  el.addEventListener('tandem-booking-change', (e: BookingChangeEvent) => changes.push(e.detail.patch));
  el.addEventListener('tandem-step-request', (e: StepRequestEvent) => steps.push(e.detail.step));
  return { changes, steps };
}

const slot = { start: '2027-03-02T08:00:00.000Z', end: '2027-03-02T09:00:00.000Z', local_start: '09:00', local_end: '10:00', instructor: { id: IDS.anna, name: 'Anna Keller' } };

function booked(status: CreatedBooking['status']): CreatedBooking {
  return {
    id: IDS.booking,
    status,
    program: { slug: reiki.slug, title: reiki.title },
    variant: { id: reiki.variants[0]!.id, name: reiki.variants[0]!.name },
    instructor: { id: IDS.anna, name: 'Anna Keller' },
    hold_expires_at: status === 'reserved' ? new Date(Date.now() + 15 * 60000).toISOString() : null,
    sessions: [{ id: '99999990-9999-4999-8999-999999999999', starts_at: slot.start, ends_at: slot.end, timezone: 'Europe/Zurich', status: 'scheduled' }],
    sessions_to_schedule: 0,
    total_price: { amount: reiki.variants[0]!.price, currency: reiki.variants[0]!.currency },
    client_token: 'ct_secret',
  } as CreatedBooking;
}

describe('steps rendered alone, from properties', () => {
  useMockApi();

  it('time: shows the free times from the API it is given and asks for the chosen one and the next step with events', async () => {
    const state = stateFor(reiki);
    const el = await fixture<TandemTimeStep>(html`<tandem-time-step .state=${state} .i18n=${i18n} .api=${api} .link=${''}></tandem-time-step>`);
    const { changes, steps } = listen(el);
    const root = await waitSlots(el.shadowRoot!);
    expect($(root, 'h2').textContent).to.contain('Choose a time');
    expect(callsTo('GET', '/programs/reiki/slots').length).to.be.greaterThan(0);
    calendar(root).querySelector<HTMLElement>('.day.free')!.click();
    (await waitFor(() => root.querySelector<HTMLElement>('button.slot'), 'times')).click();
    expect(changes.at(-1)!.firstSlot).to.be.an('object');
    // The root answers with a new state; the step renders it.
    el.state = { ...state, ...changes.at(-1)! };
    await el.updateComplete;
    expect(root.querySelector('button.slot[aria-pressed="true"]')).to.exist;
    $(root, 'button.primary').click();
    await waitFor(() => steps.length, 'step request');
    expect(steps).to.deep.equal(['checkout']);
  });

  it('intake: renders the form and the server errors of its state, and sends the answers up before moving on', async () => {
    const state = stateFor(evolve, { firstSlot: slot, fieldErrors: { 'intake.goals': 'Tell us a little more.' } });
    const el = await fixture<TandemIntakeStep>(html`<tandem-intake-step .state=${state} .i18n=${i18n}></tandem-intake-step>`);
    const root = el.shadowRoot!;
    const { changes, steps } = listen(el);
    expect($(root, 'h2').textContent).to.contain('A few questions');
    expect(root.textContent).to.contain('Tell us a little more.');
    await fillIntake(root);
    expect(changes.some((p) => p.fieldErrors && !('intake.goals' in p.fieldErrors))).to.equal(true);
    // As the root would: the changes asked for make the new state.
    el.state = changes.reduce<BookingState>((s, p) => ({ ...s, ...p }), state);
    await el.updateComplete;
    expect(root.textContent).to.not.contain('Tell us a little more.');
    $(root, 'button[type="submit"]').click();
    await waitFor(() => steps.length, 'step request');
    expect(changes.at(-1)!.intake).to.include({ goals: 'More flexibility and less back pain', experience: 'beginner' });
    expect(steps).to.deep.equal(['checkout']);
  });

  it('checkout: reserves with the API it is given, sends the booking up, and shows the payment choice for a held booking', async () => {
    const state = stateFor(reiki, { firstSlot: slot, customer: { name: 'Ana Muster', email: 'ana@example.ch', phone: '' } });
    const el = await fixture<TandemCheckoutStep>(html`<tandem-checkout-step .state=${state} .i18n=${i18n} .api=${api} .link=${''}></tandem-checkout-step>`);
    const root = el.shadowRoot!;
    const { changes, steps } = listen(el);
    expect(($(root, '#f-name') as HTMLInputElement).value).to.equal('Ana Muster');
    type($(root, '#f-phone'), '+41 79 000 00 00');
    $(root, 'button[type="submit"]').click();
    const patch = await waitFor(() => changes.find((p) => p.booking), 'booking change');
    expect(callsTo('POST', '/v1/embed/bookings')[0]!.body).to.deep.include({ program: 'reiki' });
    expect(patch.customer).to.deep.equal({ name: 'Ana Muster', email: 'ana@example.ch', phone: '+41 79 000 00 00' });
    el.state = { ...state, ...patch };
    await waitFor(() => byText(root, 'legend', 'Payment method'), 'payment choice');
    expect(root.querySelectorAll('input[name="method"]').length).to.equal(reiki.variants[0]!.payment_methods!.length);
    expect($(root, '[part="hold"]').textContent).to.contain('held');
    byText(root, 'button', 'Back')!.click();
    expect(steps).to.deep.equal(['checkout']);
  });

  it('confirmation: shows the booking of its state with calendar links and the manage link', async () => {
    const booking = { ...booked('confirmed'), manage_url: 'https://manage.tandem.test/b/abc' };
    const state = stateFor(reiki, { step: 'confirmation', firstSlot: slot, booking, customer: { name: 'Ana', email: 'ana@example.ch', phone: '' } });
    const el = await fixture<TandemConfirmationStep>(html`<tandem-confirmation-step .state=${state} .i18n=${i18n}></tandem-confirmation-step>`);
    const root = el.shadowRoot!;
    expect($(root, 'h2').className).to.equal('ok');
    expect(root.textContent).to.contain('ana@example.ch');
    expect(root.querySelectorAll('[part="session"]').length).to.equal(1);
    expect($(root, 'a[download$=".ics"]').getAttribute('href')).to.match(/^data:text\/calendar/);
    expect($(root, 'a.primary').getAttribute('href')).to.equal('https://manage.tandem.test/b/abc');
  });

  it("the widget's own events stop at <tandem-program>; the page hears the public ones", async () => {
    const leaked: string[] = [];
    const heard: string[] = [];
    const onLeak = (e: Event) => leaked.push(e.type);
    const onPublic = (e: Event) => heard.push(e.type);
    for (const name of INTERNAL_EVENTS) document.addEventListener(name, onLeak);
    document.addEventListener('tandem:step', onPublic);
    try {
      const el = await mountProgram('evolve');
      const time = await toTimeStep(el);
      await pickFirstSlot(time);
      $(time, 'button.primary').click();
      const intake = await inStep(el, 'intake');
      await fillIntake(intake);
      $(intake, 'button[type="submit"]').click();
      await inStep(el, 'checkout');
      expect(heard).to.deep.equal(['tandem:step', 'tandem:step', 'tandem:step']);
      expect(leaked).to.deep.equal([]);
    } finally {
      for (const name of INTERNAL_EVENTS) document.removeEventListener(name, onLeak);
      document.removeEventListener('tandem:step', onPublic);
    }
  });
});

describe('time zones as customers read them', () => {
  useMockApi();
  const july = { ...slot, start: '2027-07-06T07:00:00.000Z', end: '2027-07-06T08:00:00.000Z' };

  it('the zone is named for the chosen date (summer time in July, not the winter name of today)', async () => {
    const state = stateFor(reiki, { firstSlot: july });
    const el = await fixture<TandemTimeStep>(html`<tandem-time-step .state=${state} .i18n=${i18n} .api=${api} .link=${''}></tandem-time-step>`);
    const note = await waitFor(() => el.shadowRoot!.querySelector('#zone-note'), 'zone note');
    expect(note.textContent).to.contain('Central European Summer Time');
  });

  it('the zone picker: suggested zones first (the customer\'s, the program\'s), then current zones by place; no legacy ids', async () => {
    const el = await fixture<TandemTimeStep>(html`<tandem-time-step .state=${stateFor(reiki, { timezone: 'America/New_York' })} .i18n=${i18n} .api=${api} .link=${''}></tandem-time-step>`);
    const select = await waitFor(() => el.shadowRoot!.querySelector<HTMLSelectElement>('#tz'), 'zone select');
    const [first, all] = [...select.querySelectorAll('optgroup')];
    const ids = (g: Element) => [...g.querySelectorAll('option')].map((o) => o.value);
    expect(ids(first!).slice(0, 2)).to.deep.equal(['America/New_York', 'Europe/Zurich']);
    expect(first!.querySelector('option')!.textContent).to.equal('New York (America)');
    const every = [...ids(first!), ...ids(all!)];
    for (const legacy of ['US/Eastern', 'EST5EDT', 'GB', 'Etc/GMT+5', 'CST6CDT']) expect(every).to.not.include(legacy);
    expect(new Set(every).size).to.equal(every.length, 'each zone once');
    expect(select.value).to.equal('America/New_York');
  });

  it('an in-person session seen from New York also says the time at the studio', async () => {
    const el = await fixture<TandemTimeStep>(html`<tandem-time-step .state=${stateFor(reiki, { timezone: 'America/New_York', firstSlot: july })} .i18n=${i18n} .api=${api} .link=${''}></tandem-time-step>`);
    const status = await waitFor(() => el.shadowRoot!.querySelector('[role="status"][part="summary"]'), 'the chosen time');
    expect(status.textContent!.replace(/\s+/g, ' ')).to.contain('03:00').and.contain('(09:00 at Studio Flow)');
  });
});
