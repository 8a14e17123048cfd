import { fixture, html } from '@open-wc/testing';
import { $, byText, calendar, expect, inStep, toDetails, toPayment, useMockApi, waitFor } from './helpers/dom.ts';
import { API, callsTo } from './helpers/mock-api.ts';
import { IDS } from './helpers/fixtures.ts';
import type { TandemProgram } from '../../widget/elements/tandem-program/tandem-program.ts';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const dateIn = (offsetDays: number) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(Date.now() + offsetDays * 86_400_000);

/** The first free time of EVOLVE's 4-session pack with Anna in the next weeks, as the fake API offers it. */
async function aFreeTime(): Promise<{ date: string; local: string; start: string }> {
  const res = await fetch(`${API}/v1/embed/programs/evolve/slots?from=${dateIn(1)}&to=${dateIn(40)}&tz=${encodeURIComponent(zone)}&variant=${IDS.single}&instructor=${IDS.anna}`);
  const body = (await res.json()) as { days: { date: string; slots: { start: string; local_start: string }[] }[] };
  const day = body.days.find((d) => d.slots.length)!;
  return { date: day.date, local: day.slots[1]!.local_start, start: day.slots[1]!.start };
}

/** Sets the page's address (as a newsletter link would) for the test. */
function onPageWith(query: string): void {
  history.replaceState(null, '', `${location.pathname}?${query}`);
}

describe('prefill and deep links', () => {
  useMockApi();
  let warnings: string[] = [];
  const warn = console.warn;
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  });
  afterEach(() => {
    console.warn = warn;
    history.replaceState(null, '', location.pathname);
  });

  it('attributes choose the variant and fill in name and e-mail, which stay editable', async () => {
    const el = await fixture<TandemProgram>(html`<tandem-program key="pk_test_flow" api=${API} program="evolve"
      variant=${IDS.single} prefill-name="Ana Muster" prefill-email="ana@example.ch"></tandem-program>`);
    const page = await inStep(el, 'program');
    expect(el.state.variantId).to.equal(IDS.single);
    const chosen = await waitFor(() => page.querySelector<HTMLInputElement>('input[type="radio"]:checked'), 'a chosen option');
    expect(chosen.closest('label')!.textContent).to.contain('Single session');
    const details = await toDetails(el);
    const name = $(details, '#f-name') as HTMLInputElement;
    const email = $(details, '#f-email') as HTMLInputElement;
    expect(name.value).to.equal('Ana Muster');
    expect(email.value).to.equal('ana@example.ch');
    expect(name.readOnly || name.disabled).to.equal(false);
    expect(warnings).to.deep.equal([]);
  });

  it('a newsletter link chooses variant, instructor, date and time: the time step opens on it, chosen', async () => {
    const free = await aFreeTime();
    onPageWith(`tandem-program=evolve&tandem-variant=${IDS.single}&tandem-instructor=${IDS.anna}&tandem-start=${free.date}T${free.local}&tandem-email=lea%40example.ch&utm_source=newsletter`);
    const el = await fixture<TandemProgram>(html`<tandem-program key="pk_test_flow" api=${API} program="evolve" variant=${IDS.pack}></tandem-program>`);
    const page = await inStep(el, 'program');
    expect(el.state.variantId, 'the link wins over the attribute').to.equal(IDS.single);
    expect(el.state.instructorId).to.equal(IDS.anna);
    expect(el.state.firstSlot?.start).to.equal(free.start);
    expect(el.state.customer.email).to.equal('lea@example.ch');
    $(page, 'button.primary').click();
    const time = await inStep(el, 'time');
    await waitFor(() => time.querySelector('button.slot[aria-pressed="true"]'), 'the linked time, chosen');
    expect(calendar(time).querySelector('[aria-selected="true"], [aria-pressed="true"], .selected')?.textContent ?? '').to.contain(String(Number(free.date.slice(8))));
    expect(warnings).to.deep.equal([]);
  });

  it('a date alone opens the calendar on that date without choosing a time', async () => {
    const free = await aFreeTime();
    onPageWith(`tandem-start=${free.date}`);
    const el = await fixture<TandemProgram>(html`<tandem-program key="pk_test_flow" api=${API} program="evolve"></tandem-program>`);
    const page = await inStep(el, 'program');
    expect(el.state.openDate).to.equal(free.date);
    expect(el.state.firstSlot).to.equal(null);
    $(page, 'button.primary').click();
    const time = await inStep(el, 'time');
    await waitFor(() => time.querySelector('button.slot'), 'the times of the linked date');
    expect(time.querySelector('button.slot[aria-pressed="true"]')).to.equal(null);
  });

  it('parameters for another program on the page are left to it', async () => {
    onPageWith(`tandem-program=reiki&tandem-variant=${IDS.single}`);
    const el = await fixture<TandemProgram>(html`<tandem-program key="pk_test_flow" api=${API} program="evolve"></tandem-program>`);
    await inStep(el, 'program');
    expect(el.state.variantId).to.equal(IDS.pack);
  });

  it('invalid values are ignored with a warning, never an error screen', async () => {
    onPageWith(`tandem-variant=nope&tandem-instructor=${IDS.booking}&tandem-start=2020-01-01&tandem-email=not-an-address&tandem-coupon=%3Cscript%3E`);
    const el = await fixture<TandemProgram>(html`<tandem-program key="pk_test_flow" api=${API} program="evolve" start="2026-02-30"></tandem-program>`);
    const page = await inStep(el, 'program');
    expect(page.querySelector('h2')?.textContent).to.contain('EVOLVE');
    expect(el.state.variantId).to.equal(IDS.pack);
    expect(el.state.instructorId).to.equal('');
    expect(el.state.openDate).to.equal(undefined);
    expect(el.state.customer.email).to.equal('');
    expect(el.state.coupon).to.equal(undefined);
    expect(warnings.length).to.equal(5);
    expect(warnings.every((w) => w.startsWith('[tandem] ignoring'))).to.equal(true);
  });

  it('a time that is not free opens the calendar on its date, with a warning', async () => {
    const free = await aFreeTime();
    onPageWith(`tandem-start=${free.date}T03:17`);
    const el = await fixture<TandemProgram>(html`<tandem-program key="pk_test_flow" api=${API} program="evolve"></tandem-program>`);
    await inStep(el, 'program');
    expect(el.state.firstSlot).to.equal(null);
    expect(el.state.openDate).to.equal(free.date);
    expect(warnings.some((w) => w.includes('not a free time'))).to.equal(true);
  });

  it('a coupon from the link is in the payment form, editable, and sent with the checkout', async () => {
    onPageWith('tandem-coupon=SPRING10');
    const el = await fixture<TandemProgram>(html`<tandem-program key="pk_test_flow" api=${API} program="reiki"></tandem-program>`);
    const pay = await toPayment(el);
    const coupon = $(pay, '#f-coupon') as HTMLInputElement;
    expect(coupon.value).to.equal('SPRING10');
    byText(pay, 'button', 'Continue to payment')!.click();
    await waitFor(() => callsTo('POST', '/checkout').length > 0, 'checkout sent');
    expect((callsTo('POST', '/checkout')[0]!.body as { coupon?: string }).coupon).to.equal('SPRING10');
  });
});
