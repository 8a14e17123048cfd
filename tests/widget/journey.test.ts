/**
 * The booking journey as customers walk it (issue 12): the series checked at the time step,
 * a message for every business code, a way back from the payment, a reload that resumes, the
 * browser's Back button, a light default theme with readable primary buttons in both palettes.
 */
import { http, HttpResponse } from 'msw';
import { emulateMedia } from '@web/test-runner-commands';
import {
  $,
  activeElement,
  byText,
  calendar,
  expect,
  expectAccessible,
  fillIntake,
  inStep,
  mountProgram,
  pickFirstSlot,
  stepEl,
  toDetails,
  toPayment,
  toTimeStep,
  useMockApi,
  waitFor,
  fillDetails,
} from './helpers/dom.ts';
import { API, callsTo, db, problem, seriesFor, worker } from './helpers/mock-api.ts';
import { programs } from './helpers/fixtures.ts';
import type { TandemProgram } from '../../widget/elements/tandem-program/tandem-program.ts';
import { fixture, html } from '@open-wc/testing';
import { contrast, toRgb } from './helpers/contrast.ts';

const HOUR = 3_600_000;

/** The series answer with the third session taken and two alternatives an hour either side. */
let seriesQuery: URLSearchParams | null = null;
function clashInWeek3() {
  return http.get(`${API}/v1/embed/programs/:slug/slots/series`, ({ request }) => {
    const q = new URL(request.url).searchParams;
    seriesQuery = q;
    // The cadence's third date is taken; a re-check of the customer's own starts finds it only if it is still among them.
    const taken = seriesFor(programs.evolve!, q.get('first_start')!, q.get('variant'), q.get('tz')!).sessions[2]!.start;
    const s = seriesFor(programs.evolve!, q.get('first_start')!, q.get('variant'), q.get('tz')!, q.get('starts'));
    const third = s.sessions.find((x) => x.start === taken);
    if (!third) return HttpResponse.json(s);
    const alt = (ms: number) => ({
      start: new Date(ms).toISOString(),
      end: new Date(ms + HOUR).toISOString(),
      local_start: '',
      local_end: '',
      local_date: '',
      instructor: { id: s.instructor.id, name: s.instructor.name },
    });
    Object.assign(third, { status: 'taken', alternatives: [alt(Date.parse(third.start) + HOUR), alt(Date.parse(third.start) + 2 * HOUR)] });
    return HttpResponse.json({ ...s, ok: false });
  });
}

/** A reload of the page: the element goes, a new one comes (the tab's sessionStorage stays). */
async function reload(el: TandemProgram, program = 'evolve'): Promise<TandemProgram> {
  el.remove();
  return fixture<TandemProgram>(html`<tandem-program key="pk_test_flow" api=${API} program=${program}></tandem-program>`);
}

describe('the booking journey', () => {
  useMockApi();
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('checks the whole series when the first time is picked: a clash in week 3 is shown with alternatives and resolved there', async () => {
    worker.use(clashInWeek3());
    const el = await mountProgram('evolve');
    const step = await toTimeStep(el);
    await pickFirstSlot(step);
    const conflict = await waitFor(() => step.querySelector('li.conflict'), 'clash shown');
    expect(seriesQuery!.get('first_start')).to.equal(el.state.firstSlot!.start);
    expect(seriesQuery!.get('variant')).to.equal(el.state.variantId);
    expect(conflict.textContent).to.contain('Session 3').and.contain('no longer available');
    expect(step.textContent).to.contain('Not every date of this series is free.');
    const cont = byText(step, 'button', 'Continue')!;
    expect(cont.getAttribute('aria-disabled')).to.equal('true');
    expect($(step, '#continue-why').textContent).to.contain('Choose an alternative');
    await expectAccessible(el);
    const alternative = conflict.querySelector<HTMLButtonElement>('.alts button')!;
    alternative.click();
    await waitFor(() => !step.querySelector('li.conflict'), 'clash resolved');
    expect(cont.getAttribute('aria-disabled')).to.equal('false');
    expect($(step, '#continue-why').textContent!.trim()).to.equal('');
    const chosen = el.state.starts[2]!;
    cont.click();
    const intake = await inStep(el, 'intake');
    await fillIntake(intake);
    $(intake, 'button[type="submit"]').click();
    const details = await inStep(el, 'checkout');
    await fillDetails(details);
    $(details, 'button[type="submit"]').click();
    await waitFor(() => callsTo('POST', '/v1/embed/bookings')[0], 'reserve');
    const body = callsTo('POST', '/v1/embed/bookings')[0]!.body as { sessions: { mode: string; starts: string[] } };
    expect(body.sessions.mode).to.equal('explicit');
    expect(body.sessions.starts.length).to.equal(8);
    expect(body.sessions.starts[2]).to.equal(chosen);
  });

  it('Continue on the time step says why it cannot be used yet', async () => {
    const el = await mountProgram('reiki');
    const step = await toTimeStep(el);
    const cont = byText(step, 'button', 'Continue')!;
    expect(cont.getAttribute('aria-describedby')).to.equal('continue-why');
    expect($(step, '#continue-why').textContent).to.contain('Choose a time to continue.');
  });

  it('a 409 slot_unavailable at Reserve is understood: back to the times with the sessions marked, in words, never "Something went wrong"', async () => {
    worker.use(
      http.post(`${API}/v1/embed/bookings`, async ({ request }) => {
        const body = (await request.clone().json()) as { sessions: { first_start: string } };
        const late = new Date(Date.parse(body.sessions.first_start) + 35 * 86_400_000).toISOString();
        return problem(409, 'slot_unavailable', { detail: '5 of the 6 times cannot be held.', conflicts: [{ start: late, reason: 'unavailable', alternatives: [] }] });
      }),
    );
    const el = await mountProgram('evolve');
    const details = await toDetails(el);
    await fillDetails(details);
    $(details, 'button[type="submit"]').click();
    const time = await inStep(el, 'time');
    await waitFor(() => time.querySelector('li.conflict'), 'marked');
    expect(time.textContent).to.contain('cannot be booked');
    expect(el.shadowRoot!.textContent + time.textContent!).to.not.contain('Something went wrong');
  });

  it('every business code the API answers has its own sentence, in German too', async () => {
    worker.use(http.post(`${API}/v1/embed/bookings/:id/checkout`, () => problem(422, 'insufficient_credits', { detail: 'Not enough credits: 0 of 1.' })));
    const el = await mountProgram('reiki');
    const pay = await toPayment(el);
    byText(pay, 'label.choice', 'Class credits')!.querySelector('input')!.click();
    byText(pay, 'button', 'Continue to payment')!.click();
    const alert = await waitFor(() => pay.querySelector('[role="alert"]'), 'error');
    expect(alert.textContent).to.contain('You do not have enough class credits for this.');
    expect(alert.textContent).to.not.contain('Not enough credits: 0 of 1');
    el.setAttribute('lang', 'de');
    await waitFor(() => pay.querySelector('[role="alert"]')?.textContent?.includes('nicht genügend Guthaben'), 'German message');
  });

  it('has a way back from the payment: Back gives the held times back and shows the details again', async () => {
    const el = await mountProgram('reiki');
    const pay = await toPayment(el);
    byText(pay, 'button', 'Back')!.click();
    await waitFor(() => byText(pay, 'h2', 'Your details'), 'details again');
    const release = await waitFor(() => callsTo('POST', '/release')[0], 'release');
    expect(release.headers.get('tandem-booking-token')).to.equal('ct_secret');
    expect(release.headers.get('idempotency-key')).to.match(/^[0-9a-f-]{36}$/);
    expect(el.state.booking).to.equal(null);
    expect(($(pay, '#f-name') as HTMLInputElement).value).to.equal('Ana Muster');
    $(pay, 'button[type="submit"]').click();
    await waitFor(() => byText(pay, 'legend', 'Payment method'), 'reserved again');
    expect(callsTo('POST', '/v1/embed/bookings').filter((c) => c.path === '/v1/embed/bookings').length).to.equal(2);
  });

  it('a reload on the payment step resumes there with the same booking (kept in sessionStorage, never a cookie)', async () => {
    const el = await mountProgram('evolve');
    await toPayment(el);
    const kept = JSON.stringify(sessionStorage);
    expect(kept).to.contain('ct_secret');
    expect(document.cookie).to.not.contain('ct_secret');
    const again = await reload(el);
    const pay = await inStep(again, 'checkout');
    await waitFor(() => byText(pay, 'legend', 'Payment method'), 'payment choice after the reload');
    expect(callsTo('GET', '/v1/embed/bookings/').at(-1)!.headers.get('tandem-booking-token')).to.equal('ct_secret');
    expect(again.state.firstSlot).to.deep.equal(el.state.firstSlot);
    expect(again.state.intake).to.deep.include({ consent: true });
    expect(callsTo('POST', '/v1/embed/bookings').filter((c) => c.path === '/v1/embed/bookings').length).to.equal(1);
    await expectAccessible(again);
  });

  it('a reload after the hold ran out goes back to the times and says so', async () => {
    const el = await mountProgram('reiki');
    await toPayment(el);
    db.status = 'cancelled';
    const again = await reload(el, 'reiki');
    const time = await inStep(again, 'time');
    await waitFor(() => time.textContent!.includes('Your reservation has expired.'), 'notice');
    expect(again.state.booking).to.equal(null);
  });

  it('each step is a history entry: the browser Back button walks the steps (and releases a hold when leaving the payment)', async () => {
    const el = await mountProgram('reiki');
    const before = history.length;
    await toPayment(el);
    expect(history.length).to.equal(before + 2);
    history.back();
    await inStep(el, 'time');
    await waitFor(() => callsTo('POST', '/release')[0], 'release on leaving the payment');
    expect(el.state.booking).to.equal(null);
    history.back();
    await inStep(el, 'program');
    history.forward();
    await inStep(el, 'time');
  });

  it('history="none" leaves the page\'s history alone', async () => {
    const el = await mountProgram('reiki', { history: 'none' });
    const before = history.length;
    await toDetails(el);
    expect(history.length).to.equal(before);
  });

  it('the step counter does not jump for a program without questions', async () => {
    const el = await mountProgram('reiki');
    await toDetails(el);
    const progress = $(el.shadowRoot!, '[part="progress"] p');
    expect(progress.textContent).to.equal('Step 3 of 4: Details and payment');
  });

  it('focus moves to the heading after "Continue to payment"', async () => {
    const el = await mountProgram('reiki');
    const pay = await toPayment(el);
    byText(pay, 'button', 'Continue to payment')!.click();
    await waitFor(() => pay.querySelector('.test-mode'), 'test mode');
    await waitFor(() => activeElement()?.tagName === 'H2', 'focus on the heading');
  });

  it('warns a minute before the hold expires', async () => {
    worker.use(
      http.post(`${API}/v1/embed/bookings`, async ({ request }) => {
        const body = (await request.clone().json()) as Record<string, unknown>;
        db.booking = { id: '88888888-8888-4888-8888-888888888888', status: 'reserved', program: { slug: 'reiki', title: 'Reiki 1:1' }, variant: { id: programs.reiki!.variants[0]!.id, name: 'Reiki session' },
          instructor: { id: programs.reiki!.instructors[0]!.id, name: 'Anna Keller' }, hold_expires_at: new Date(Date.now() + 50_000).toISOString(), sessions: [], sessions_to_schedule: 0,
          total_price: { amount: 12000, currency: 'CHF' }, client_token: 'ct_secret', request: body };
        return HttpResponse.json(db.booking, { status: 201 });
      }),
    );
    const el = await mountProgram('reiki');
    const pay = await toPayment(el);
    await waitFor(() => byText(pay, '[role="alert"]', 'less than a minute'), 'warning');
  });

  it('does not page the calendar past the horizon the slots answer names', async () => {
    worker.use(
      http.get(`${API}/v1/embed/programs/:slug/slots`, async () => {
        const today = new Date().toISOString().slice(0, 10);
        return HttpResponse.json({ timezone: 'Europe/Zurich', from: today, to: today, session_length_min: 60, last_date: today, days: [] });
      }),
    );
    const el = await mountProgram('reiki');
    $(await inStep(el, 'program'), 'button.primary').click();
    const time = await inStep(el, 'time');
    await waitFor(() => byText(time, '.notice', 'No free times'), 'empty month');
    expect(byText(time, 'button', 'Show next month')).to.equal(null);
    const next = calendar(time).querySelector<HTMLButtonElement>('button[aria-label="Next month"]');
    expect(next === null || next.disabled || next.getAttribute('aria-disabled') === 'true').to.equal(true);
  });

  it('is light by default even when the system prefers dark; theme="auto" follows it; both themes pass axe on the steps', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await mountProgram('evolve');
    const bg = () => getComputedStyle(el).backgroundColor;
    expect(bg()).to.equal('rgb(255, 255, 255)');
    el.setAttribute('theme', 'auto');
    await el.updateComplete;
    expect(bg()).to.not.equal('rgb(255, 255, 255)');
    for (const theme of ['light', 'dark']) {
      el.setAttribute('theme', theme);
      await el.updateComplete;
      await expectAccessible(el);
    }
    const time = await toTimeStep(el);
    await pickFirstSlot(time);
    await expectAccessible(el);
    el.setAttribute('theme', 'light');
    await el.updateComplete;
    await expectAccessible(el);
  });

  it('text on the studio\'s primary colour reaches 4.5:1 in both palettes (navy on green was 3.08:1)', async () => {
    const el = await mountProgram('evolve');
    el.style.setProperty('--tandem-color-primary', '#2f6f5e');
    for (const theme of ['dark', 'light', 'dark']) {
      el.setAttribute('theme', theme);
      await el.updateComplete;
      const button = $(stepEl(el, 'program')!.shadowRoot!, 'button.primary');
      await waitFor(() => {
        const cs = getComputedStyle(button);
        return contrast(toRgb(cs.color)!, toRgb(cs.backgroundColor)!) >= 4.5;
      }, `contrast in ${theme}`);
      await expectAccessible(el);
    }
  });

  it('a secret key in the page logs a loud console error and renders nothing', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      const el = await fixture<TandemProgram>(html`<tandem-program key="sk_test_flow" api=${API} program="reiki"></tandem-program>`);
      await waitFor(() => errors.length > 0, 'console error');
      expect(String(errors[0])).to.contain('SECRET key');
      expect(el.shadowRoot!.textContent!.trim()).to.equal('');
      expect(callsTo('GET', '/v1/embed/programs').length).to.equal(0);
    } finally {
      console.error = original;
    }
  });

  it('a wrong or revoked key shows a setup error', async () => {
    worker.use(http.get(`${API}/v1/embed/programs/:slug`, () => problem(401, 'unauthorized', { detail: 'Unknown API key' })));
    const el = await fixture<TandemProgram>(html`<tandem-program key="pk_test_revoked" api=${API} program="reiki"></tandem-program>`);
    const alert = await waitFor(() => el.shadowRoot!.querySelector('[role="alert"]'), 'setup error');
    expect(alert.textContent).to.contain('not set up for this website');
  });

  it('removing the link attribute does not send link=null', async () => {
    const el = await mountProgram('reiki', { link: 'tok' });
    el.removeAttribute('link');
    await waitFor(() => callsTo('GET', '/programs/reiki').length >= 2, 'reloaded');
    expect(callsTo('GET', '/programs/reiki').every((c) => c.query.get('link') !== 'null')).to.equal(true);
  });
});

describe('the series after an alternative', () => {
  useMockApi();

  it('is checked again with the chosen starts; an alternative taken meanwhile is shown again, with new alternatives', async () => {
    let takenAlt = '';
    const checks: URLSearchParams[] = [];
    worker.use(
      http.get(`${API}/v1/embed/programs/:slug/slots/series`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        checks.push(q);
        const own = q.get('starts');
        const s = seriesFor(programs.evolve!, q.get('first_start')!, q.get('variant'), q.get('tz')!, own);
        const alt = (ms: number) => ({ start: new Date(ms).toISOString(), end: new Date(ms + HOUR).toISOString(), local_start: '', local_end: '', local_date: '', instructor: s.instructor });
        // The first check: week 3 taken. The re-check of the customer's starts: the alternative they took was just taken too.
        const i = own ? s.sessions.findIndex((x) => x.start === takenAlt) : 2;
        if (i < 0) return HttpResponse.json(s);
        const clash = s.sessions[i]!;
        Object.assign(clash, { status: 'taken', alternatives: [alt(Date.parse(clash.start) + 3 * HOUR)] });
        return HttpResponse.json({ ...s, ok: false });
      }),
    );
    const el = await mountProgram('evolve');
    const step = await toTimeStep(el);
    await pickFirstSlot(step);
    const conflict = await waitFor(() => step.querySelector('li.conflict'), 'clash shown');
    const button = conflict.querySelector<HTMLButtonElement>('.alts button')!;
    takenAlt = new Date(Date.parse(el.state.starts[2]!) + 3 * HOUR).toISOString();
    button.click();
    await waitFor(() => checks.length === 2, 'the re-check');
    const again = checks[1]!.get('starts')!.split(',');
    expect(again.length).to.equal(8);
    expect(again[2]).to.equal(takenAlt);
    expect(checks[1]!.get('first_start')).to.equal(again[0]);
    await waitFor(() => step.querySelector('li.conflict'), 'the new clash');
    expect(byText(step, 'button', 'Continue')!.getAttribute('aria-disabled')).to.equal('true');
    $(step, 'li.conflict .alts button').click();
    await waitFor(() => !step.querySelector('li.conflict'), 'resolved');
    await waitFor(() => checks.length === 3, 'checked once more');
    expect(byText(step, 'button', 'Continue')!.getAttribute('aria-disabled')).to.equal('false');
  });
});

describe('when the hold runs out at the payment', () => {
  useMockApi();

  it('"Choose times again" goes back to the day that was chosen', async () => {
    const el = await mountProgram('reiki');
    const pay = await toPayment(el);
    const day = el.state.firstSlot!.start;
    // The hold ends now.
    el.state.booking!.hold_expires_at = new Date(Date.now() + 500).toISOString();
    el.requestUpdate();
    (pay.host as HTMLElement & { requestUpdate(): void }).requestUpdate();
    const again = await waitFor(() => byText(pay, 'button', 'Choose times again'), 'the hold ran out', 6000);
    again.click();
    const time = await inStep(el, 'time');
    const heading = await waitFor(() => time.querySelector('h3#times-heading'), 'the times of the chosen day');
    const date = new Intl.DateTimeFormat('en-GB', { day: 'numeric', timeZone: el.state.timezone }).format(Date.parse(day));
    expect(heading.textContent).to.contain(date);
  });
});
