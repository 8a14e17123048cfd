import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TandemProgram } from '../../../widget/elements/tandem-program/tandem-program.ts';
import type { StepName } from '../../../widget/core/context/types.ts';
import { API, defaultHandlers, resetDb, startMocks, worker } from './mock-api.ts';
import '../../../widget/entries/tandem.ts';

export { expect, sendKeys };

/** msw on for the file, a fresh fake API before each test. */
export function useMockApi(): void {
  before(async () => {
    await startMocks();
  });
  beforeEach(() => {
    // Each test is a fresh visit: nothing kept from the last one in this tab.
    sessionStorage.clear();
    history.replaceState(null, '', location.href);
    resetDb();
    worker.resetHandlers(...defaultHandlers());
  });
  after(() => worker.stop());
}

export async function waitFor<T>(fn: () => T | null | undefined | false, message = 'condition', timeout = 4000): Promise<T> {
  let value: T | null | undefined | false = null;
  await waitUntil(
    () => {
      value = fn();
      return !!value;
    },
    `timed out waiting for ${message}`,
    { timeout, interval: 20 },
  );
  return value as T;
}

export async function mountProgram(program = 'evolve', attrs: Record<string, string> = {}): Promise<TandemProgram> {
  const el = await fixture<TandemProgram>(html`<tandem-program key="pk_test_flow" api=${API} program=${program}></tandem-program>`);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  await waitFor(() => stepEl(el, 'program')?.shadowRoot?.querySelector('h2'), 'program page');
  return el;
}

export function stepEl(el: Element, step?: StepName): HTMLElement | null {
  const s = el.shadowRoot?.querySelector<HTMLElement>('[data-step]') ?? null;
  return s && (!step || s.dataset.step === step) ? s : null;
}

/** Waits for a step to be rendered and returns its shadow root. */
export async function inStep(el: Element, step: StepName): Promise<ShadowRoot> {
  const s = await waitFor(() => stepEl(el, step)?.shadowRoot?.querySelector('h2') && stepEl(el, step), `step ${step}`);
  await (s as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  return s.shadowRoot!;
}

export function $(root: ParentNode, sel: string): HTMLElement {
  const el = root.querySelector<HTMLElement>(sel);
  if (!el) throw new Error(`no ${sel}`);
  return el;
}

export function byText(root: ParentNode, sel: string, text: string | RegExp): HTMLElement | null {
  return (
    [...root.querySelectorAll<HTMLElement>(sel)].find((e) =>
      typeof text === 'string' ? e.textContent?.includes(text) : text.test(e.textContent ?? ''),
    ) ?? null
  );
}

export function calendar(step: ShadowRoot): ShadowRoot {
  return $(step, 'tandem-calendar').shadowRoot!;
}

export function type(input: HTMLElement, value: string): void {
  (input as HTMLInputElement).value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** The deepest focused element, through shadow roots. */
export function activeElement(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** Program page → time step, with the slots of the month loaded. */
export async function toTimeStep(el: TandemProgram, variant?: string): Promise<ShadowRoot> {
  const page = await inStep(el, 'program');
  if (variant) byText(page, 'label.variant', variant)!.querySelector('input')!.click();
  $(page, 'button.primary').click();
  return waitSlots(await inStep(el, 'time'));
}

/** Waits for the month's free days (moving to the next month when this one has none left). */
export async function waitSlots(step: ShadowRoot): Promise<ShadowRoot> {
  await waitFor(() => calendar(step).querySelector('.day.free') || byText(step, '.notice', 'No free times'), 'slots');
  if (!calendar(step).querySelector('.day.free')) {
    byText(step, 'button', 'Show next month')!.click();
    await waitFor(() => calendar(step).querySelector('.day.free'), 'slots next month');
  }
  return step;
}

/** Picks the first free day and its first time. */
export async function pickFirstSlot(step: ShadowRoot): Promise<void> {
  calendar(step).querySelector<HTMLElement>('.day.free')!.click();
  const slot = await waitFor(() => step.querySelector<HTMLElement>('button.slot'), 'times');
  slot.click();
  await waitFor(() => step.querySelector('button.slot[aria-pressed="true"]'), 'slot selected');
}

export async function fillIntake(step: ShadowRoot): Promise<void> {
  type($(step, '#f-goals'), 'More flexibility and less back pain');
  $(step, 'input[name="experience"][value="beginner"]').click();
  $(step, 'input[name="injuries"][value="false"]').click();
  $(step, '#f-consent').click();
}

export async function fillDetails(step: ShadowRoot): Promise<void> {
  type($(step, '#f-name'), 'Ana Muster');
  type($(step, '#f-email'), 'ana@example.ch');
}

/** On to the (empty) details form: first free time, intake answered for EVOLVE (Reiki has none). */
export async function toDetails(el: TandemProgram, variant?: string): Promise<ShadowRoot> {
  const time = await toTimeStep(el, variant);
  await pickFirstSlot(time);
  $(time, 'button.primary').click();
  if (el.state.program?.intake_form) {
    const intake = await inStep(el, 'intake');
    await fillIntake(intake);
    $(intake, 'button[type="submit"]').click();
  }
  return inStep(el, 'checkout');
}

/** The whole way to the payment choice, for EVOLVE (with intake) or Reiki (without). */
export async function toPayment(el: TandemProgram, variant?: string): Promise<ShadowRoot> {
  const checkout = await toDetails(el, variant);
  await fillDetails(checkout);
  $(checkout, 'button[type="submit"]').click();
  await waitFor(() => byText(checkout, 'legend', 'Payment method'), 'payment choice');
  return checkout;
}

let axeLoading: Promise<void> | null = null;

function loadAxe(): Promise<void> {
  axeLoading ??= new Promise<void>((resolve, reject) => {
    const s = document.createElement('script');
    s.src = '/node_modules/axe-core/axe.min.js';
    s.onload = () => resolve();
    s.onerror = () => reject(new Error('axe-core did not load'));
    document.head.append(s);
  });
  return axeLoading;
}

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
}

/** axe-core over the element (its shadow roots included): no serious or critical violation. */
export async function expectAccessible(el: Element): Promise<void> {
  await loadAxe();
  const axe = (window as unknown as { axe: { run: (ctx: Element, opts: object) => Promise<AxeResult> } }).axe;
  const result = await axe.run(el, { resultTypes: ['violations'] });
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  expect(bad, bad.join('\n')).to.deep.equal([]);
}
