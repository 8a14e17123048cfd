import { fixture, html } from '@open-wc/testing';
import { delay, http, passthrough } from 'msw';
import { $, expect, inStep, stepEl, useMockApi, waitFor } from './helpers/dom.ts';
import { API, worker } from './helpers/mock-api.ts';
import { loadErrorTable } from '../../widget/core/i18n/errors.ts';

/**
 * The later steps' sentences come in a chunk of their own per language, loaded beside the steps'
 * code (the first screen carries only the program page's). A step whose code arrives before its
 * words waits for them a little, so that a visitor never sees it in English first.
 */
describe('a later step in the visitor\'s language', () => {
  useMockApi();

  it('the time step appears in German even when its German sentences come after its code', async () => {
    // Only this language's chunk of later sentences is slow; everything else answers at once.
    worker.use(http.get(/\/core\/i18n\/errors\/errors-de\.ts/, async () => {
      await delay(700);
      return passthrough();
    }));
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    wrapper.innerHTML = `<tandem-program key="pk_test_flow" api="${API}" program="evolve" lang="de-CH"></tandem-program>`;
    const el = wrapper.querySelector('tandem-program')!;
    const page = await inStep(el, 'program');
    $(page, 'button.primary').click();
    // The step's heading as it is first shown, then once everything has arrived.
    const first = await waitFor(() => stepEl(el, 'time')?.shadowRoot?.querySelector('h2')?.textContent?.trim(), 'the time step', 6000);
    // Once the German sentences are in (a step shown without them renders again then).
    await loadErrorTable('de');
    await el.updateComplete;
    const settled = (await inStep(el, 'time')).querySelector('h2')!.textContent!.trim();
    expect(first).to.equal(settled);
  });
});
