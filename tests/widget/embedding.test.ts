import { fixture, html } from '@open-wc/testing';
import { $, byText, expect, expectAccessible, inStep, pickFirstSlot, stepEl, useMockApi, waitFor, waitSlots } from './helpers/dom.ts';
import { API, callsTo } from './helpers/mock-api.ts';
import type { TandemProgram } from '../../widget/elements/tandem-program/tandem-program.ts';

describe('on a studio page', () => {
  useMockApi();

  it('two widgets on one page work independently, and their events say which', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <tandem-program id="a" key="pk_test_flow" api=${API} program="evolve"></tandem-program>
      <tandem-program id="b" key="pk_test_flow" api=${API} program="reiki" lang="de"></tandem-program>
    </div>`);
    const a = page.querySelector<TandemProgram>('#a')!;
    const b = page.querySelector<TandemProgram>('#b')!;
    const steps: Array<{ id: string; step: string; program: string }> = [];
    page.addEventListener('tandem:step', (e) => steps.push({ id: (e.target as Element).id, step: e.detail.step, program: e.detail.program }));
    await inStep(a, 'program');
    await inStep(b, 'program');
    $(stepEl(a)!.shadowRoot!, 'button.primary').click();
    const time = await waitSlots(await inStep(a, 'time'));
    await pickFirstSlot(time);
    expect(b.state.step).to.equal('program');
    expect(b.state.firstSlot).to.equal(null);
    expect(byText(stepEl(b)!.shadowRoot!, 'button', 'Termin wählen')).to.exist;
    expect(byText(time, 'button', 'Continue')).to.exist;
    $(stepEl(b)!.shadowRoot!, 'button.primary').click();
    await inStep(b, 'time');
    expect(a.state.program!.slug).to.equal('evolve');
    expect(a.state.firstSlot).to.not.equal(null);
    expect(steps).to.deep.equal([
      { id: 'a', step: 'time', program: 'evolve' },
      { id: 'b', step: 'time', program: 'reiki' },
    ]);
    await expectAccessible(page);
  });

  it('themes: design tokens and ::part reach inside; dark via the theme attribute', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div style="font-family: Georgia, serif"></div>`);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`tandem-program.themed { --tandem-color-primary: rgb(200, 0, 100); --tandem-radius: 2px; }
      tandem-program.themed::part(button-primary) { text-transform: uppercase; }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    wrap.innerHTML = `<tandem-program class="themed" key="pk_test_flow" api="${API}" program="reiki"></tandem-program>`;
    const el = wrap.querySelector<TandemProgram>('tandem-program')!;
    const page = await inStep(el, 'program');
    const cta = $(page, 'button.primary');
    const cs = getComputedStyle(cta);
    expect(cs.backgroundColor).to.equal('rgb(200, 0, 100)');
    expect(cs.borderTopLeftRadius).to.equal('2px');
    expect(cs.textTransform).to.equal('uppercase');
    expect(getComputedStyle($(page, 'h2')).fontFamily).to.contain('Georgia');
    const lightBg = getComputedStyle(el).backgroundColor;
    // dark with the default tokens (a studio that sets a primary colour also sets --tandem-color-on-primary)
    el.classList.remove('themed');
    el.setAttribute('theme', 'dark');
    await waitFor(() => getComputedStyle(el).backgroundColor !== lightBg, 'dark background');
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
    await expectAccessible(el);
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  });
});

describe('landmarks on a page with several widgets', () => {
  useMockApi();

  it('each widget names its choice section after its program (axe landmark-unique)', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <tandem-program id="a" key="pk_test_flow" api=${API} program="evolve"></tandem-program>
      <tandem-program id="b" key="pk_test_flow" api=${API} program="reiki"></tandem-program>
    </div>`);
    await inStep(page.querySelector('#a')!, 'program');
    await inStep(page.querySelector('#b')!, 'program');
    const axe = (window as unknown as { axe?: { run: (ctx: Element, opts: object) => Promise<{ violations: { id: string }[] }> } }).axe;
    if (!axe) await expectAccessible(page); // loads axe-core
    const run = (window as unknown as { axe: { run: (ctx: Element, opts: object) => Promise<{ violations: { id: string }[] }> } }).axe.run;
    const result = await run(page, { runOnly: { type: 'rule', values: ['landmark-unique'] } });
    expect(result.violations.map((v) => v.id)).to.deep.equal([]);
    const labels = [...page.querySelectorAll('tandem-program')].map((el) => stepEl(el)!.shadowRoot!.querySelector('section[aria-label]')!.getAttribute('aria-label'));
    expect(labels[0]).to.not.equal(labels[1]);
  });
});

describe('a key set after the element is in the page (React sets it in an effect)', () => {
  useMockApi();

  it('asks the API nothing until the key is there, then loads', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <tandem-program api=${API} program="reiki"></tandem-program>
      <tandem-programs api=${API}></tandem-programs>
    </div>`);
    await new Promise((r) => setTimeout(r, 150));
    expect(callsTo('GET', '/v1/embed/programs').length).to.equal(0);
    page.querySelector('tandem-program')!.setAttribute('key', 'pk_test_flow');
    page.querySelector('tandem-programs')!.setAttribute('key', 'pk_test_flow');
    await inStep(page.querySelector('tandem-program')!, 'program');
    expect(callsTo('GET', '/v1/embed/programs').every((c) => c.headers.get('authorization') === 'Bearer pk_test_flow')).to.equal(true);
  });
});
