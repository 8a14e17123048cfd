import { oneEvent } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import {
  $,
  activeElement,
  byText,
  calendar,
  expect,
  expectAccessible,
  inStep,
  mountProgram,
  pickFirstSlot,
  sendKeys,
  toTimeStep,
  useMockApi,
  waitFor,
  waitSlots,
} from './helpers/dom.ts';
import { API, callsTo, worker } from './helpers/mock-api.ts';
import { addDays } from '../../shared/dates.ts';

const fullDate = (d: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeZone: 'UTC' }).format(Date.parse(`${d}T12:00:00Z`));

describe('time selection', () => {
  useMockApi();

  it('emits tandem:step, moves focus to the step heading and shows the calendar as a grid with dates in words', async () => {
    const el = await mountProgram('evolve');
    const page = await inStep(el, 'program');
    const stepEvent = oneEvent(el, 'tandem:step');
    $(page, 'button.primary').click();
    const ev = await stepEvent;
    expect(ev.detail).to.deep.equal({ program: 'evolve', step: 'time', index: 2, previous: 'program' });
    const step = await waitSlots(await inStep(el, 'time'));
    await waitFor(() => activeElement()?.tagName === 'H2', 'focus on heading');
    expect(activeElement()!.textContent).to.contain('Choose a time');
    const grid = $(calendar(step), '[role="grid"]');
    expect(grid.getAttribute('aria-labelledby')).to.equal('cal-heading');
    const free = $(calendar(step), '.day.free');
    const date = free.dataset.date!;
    expect(free.getAttribute('aria-label')).to.equal(`${fullDate(date)}, 3 times available`);
    expect(step.textContent).to.contain('Times are shown in Europe/Zurich');
    const slotsCall = callsTo('GET', '/slots')[0]!;
    expect(slotsCall.query.get('tz')).to.equal('Europe/Zurich');
    expect(slotsCall.query.get('variant')).to.equal(el.state.variantId);
    await expectAccessible(el);
  });

  it('keeps its height until the time step has its slots, then gives it back once; the slots arriving move nothing in the step', async () => {
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    // Falls through to the fake API's own answer once the gate opens.
    worker.use(http.get(`${API}/v1/embed/programs/:slug/slots`, async () => { await gate; return undefined; }));
    const el = await mountProgram('evolve');
    const page = await inStep(el, 'program');
    const root = el.shadowRoot!.querySelector<HTMLElement>('.root')!;
    const before = el.getBoundingClientRect().height;
    $(page, 'button.primary').click();
    const step = await inStep(el, 'time');
    await waitFor(() => calendar(step).querySelector('table[aria-busy="true"]'), 'the calendar waiting for its slots');
    const actions = $(step, '.actions');
    const actionsTop = actions.getBoundingClientRect().top;
    expect(el.getBoundingClientRect().height, 'held at the program page\'s height').to.be.closeTo(before, 1);
    const loading = $(step, '[part~="loading"][role="status"]');
    expect(loading.textContent).to.contain('Loading');
    expect(getComputedStyle(loading).position, 'said over the calendar, out of the flow').to.equal('absolute');
    open();
    await waitSlots(step);
    await waitFor(() => !root.style.minHeight, 'the hold released');
    expect(actions.getBoundingClientRect().top, 'the buttons stay where they were').to.equal(actionsTop);
    expect(el.getBoundingClientRect().height).to.be.below(before);
  });

  it('groups a day\'s times under Morning and Afternoon, each a labelled list, three to a row on a phone', async () => {
    const before = { width: innerWidth, height: innerHeight };
    await setViewport({ width: 390, height: 844 });
    try {
      const el = await mountProgram('evolve');
      const step = await toTimeStep(el);
      calendar(step).querySelector<HTMLElement>('.day.free')!.click();
      await waitFor(() => step.querySelector('button.slot'), 'times');
      const headings = [...step.querySelectorAll('h4.part')].map((h) => h.textContent!.trim());
      expect(headings).to.deep.equal(['in the morning', 'in the afternoon'], 'the language\'s own words (shown with a capital)');
      const lists = [...step.querySelectorAll<HTMLElement>('ul.times')];
      expect(lists.map((l) => step.getElementById(l.getAttribute('aria-labelledby')!)!.textContent!.trim())).to.deep.equal(['in the morning', 'in the afternoon']);
      expect(lists.map((l) => [...l.querySelectorAll('button.slot')].map((b) => b.textContent!.trim().slice(0, 5)))).to.deep.equal([['09:00', '10:00'], ['14:00']]);
      const [a, b] = [...lists[0]!.querySelectorAll<HTMLElement>('button.slot')].map((x) => x.getBoundingClientRect());
      expect(Math.abs(a!.top - b!.top)).to.be.lessThan(1, 'side by side, not one long column');
      expect(a!.width).to.be.lessThan(390 / 3);
      for (const list of lists) expect(list.scrollWidth).to.be.at.most(list.clientWidth, 'no sideways scrolling');
      await expectAccessible(el);
    } finally {
      await setViewport(before);
    }
  });

  it('is keyboard-navigable: arrows by day and week, PageDown by month, Enter picks, Tab reaches the times', async () => {
    const el = await mountProgram('evolve');
    const step = await toTimeStep(el);
    const cal = calendar(step);
    const start = $(cal, '[tabindex="0"]');
    expect(cal.querySelectorAll('[data-date][tabindex="0"]').length).to.equal(1);
    start.focus();
    const d0 = start.dataset.date!;
    await sendKeys({ press: 'ArrowRight' });
    expect((activeElement() as HTMLElement).dataset.date).to.equal(addDays(d0, 1));
    await sendKeys({ press: 'ArrowDown' });
    expect((activeElement() as HTMLElement).dataset.date).to.equal(addDays(d0, 8));
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowUp' });
    expect((activeElement() as HTMLElement).dataset.date).to.equal(d0);
    const monthBefore = $(cal, 'h3').textContent;
    await sendKeys({ press: 'PageDown' });
    await waitFor(() => $(cal, 'h3').textContent !== monthBefore, 'next month');
    await waitFor(() => (activeElement() as HTMLElement)?.dataset?.date?.slice(8) === d0.slice(8) || (activeElement() as HTMLElement)?.dataset?.date?.slice(5, 7) !== d0.slice(5, 7), 'focus kept');
    expect((activeElement() as HTMLElement).dataset.date!.slice(5, 7)).to.not.equal(d0.slice(5, 7));
    // find a free weekday by keyboard: move right until a free day has focus
    await waitFor(() => cal.querySelector('.day.free'), 'slots of next month');
    for (let i = 0; i < 7 && !(activeElement() as HTMLElement).classList.contains('free'); i++) await sendKeys({ press: 'ArrowRight' });
    const picked = (activeElement() as HTMLElement).dataset.date!;
    await sendKeys({ press: 'Enter' });
    await waitFor(() => step.querySelector('button.slot'), 'times');
    expect($(step, '#times-heading').textContent).to.contain(fullDate(picked));
    // Tab leaves the grid (one tab stop) towards the times
    let guard = 0;
    while (!(activeElement() as HTMLElement).classList.contains('slot') && guard++ < 5) await sendKeys({ press: 'Tab' });
    expect((activeElement() as HTMLElement).classList.contains('slot')).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => step.querySelector('button.slot[aria-pressed="true"]'), 'slot pressed');
    expect(el.state.firstSlot).to.not.equal(null);
  });

  it('lists the resulting weekly dates for a multi-session program, or schedules the rest later', async () => {
    const el = await mountProgram('evolve');
    const step = await toTimeStep(el);
    await pickFirstSlot(step);
    const items = [...step.querySelectorAll('ol.sessions li')];
    expect(items.length).to.equal(8);
    const first = Date.parse(el.state.firstSlot!.start);
    const zurichTime = (ms: number) => new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'Europe/Zurich' }).format(ms);
    expect(items[1]!.textContent).to.contain(zurichTime(first));
    expect(items[7]!.textContent).to.contain('Session 8');
    expect(byText(step, 'label', 'Same time every week')!.querySelector('input')!.checked).to.equal(true);
    await expectAccessible(el);
    byText(step, 'label', 'schedule the rest later')!.querySelector('input')!.click();
    await waitFor(() => !step.querySelector('ol.sessions'), 'list hidden');
    expect(step.textContent).to.contain('You can schedule the other 7 sessions');
    expect(el.state.mode).to.equal('later');
  });

  it('changes the time zone and the instructor, and asks the API again', async () => {
    const el = await mountProgram('evolve');
    const step = await toTimeStep(el);
    const tz = $(step, '#tz') as HTMLSelectElement;
    tz.value = 'America/New_York';
    tz.dispatchEvent(new Event('change'));
    await waitFor(() => callsTo('GET', '/slots').some((c) => c.query.get('tz') === 'America/New_York'), 'refetch with zone');
    await waitFor(() => step.textContent!.includes('Times are shown in America/New York'), 'zone shown');
    const who = $(step, '#instructor') as HTMLSelectElement;
    expect([...who.options].map((o) => o.textContent)).to.deep.equal(['Any instructor', 'Anna Keller', 'Marco Rossi']);
    who.value = who.options[2]!.value;
    who.dispatchEvent(new Event('change'));
    await waitFor(() => callsTo('GET', '/slots').some((c) => c.query.get('instructor') === who.options[2]!.value), 'refetch with instructor');
  });

  it('shows a retry when the slots cannot be loaded', async () => {
    let fail = true;
    worker.use(http.get(`${API}/v1/embed/programs/:slug/slots`, () => (fail ? HttpResponse.error() : undefined)));
    const el = await mountProgram('reiki');
    $(await inStep(el, 'program'), 'button.primary').click();
    const step = await inStep(el, 'time');
    const retry = await waitFor(() => byText(step, 'button', 'Try again'), 'retry');
    fail = false;
    retry.click();
    await waitFor(() => calendar(step).querySelector('.day.free') || byText(step, 'button', 'Show next month'), 'slots after retry');
  });

  it('Continue is disabled until a time is chosen, then goes on', async () => {
    const el = await mountProgram('reiki');
    const step = await toTimeStep(el);
    const cont = byText(step, 'button', 'Continue')!;
    expect(cont.getAttribute('aria-disabled')).to.equal('true');
    cont.click();
    expect(el.state.step).to.equal('time');
    await pickFirstSlot(step);
    expect(cont.getAttribute('aria-disabled')).to.equal('false');
    cont.click();
    await inStep(el, 'checkout');
  });
});
