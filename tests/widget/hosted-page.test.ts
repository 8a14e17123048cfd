import { fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { expect, inStep, useMockApi, waitFor } from './helpers/dom.ts';
import { API, worker } from './helpers/mock-api.ts';
import { programs } from './helpers/fixtures.ts';
import type { TandemProgram } from '../../widget/elements/tandem-program/tandem-program.ts';

/** The program answer held back until the test lets it through. */
function holdProgram(): () => void {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  worker.use(
    http.get(`${API}/v1/embed/programs/:slug`, async ({ params }) => {
      await released;
      return HttpResponse.json(programs[String(params.slug)]);
    }),
  );
  return release;
}

describe('on a hosted program page (server-rendered content inside the element)', () => {
  useMockApi();

  it('shows the server-rendered program until its own is loaded, then replaces it in place', async () => {
    const release = holdProgram();
    const el = await fixture<TandemProgram>(html`<tandem-program key="pk_test_flow" api=${API} program="evolve"
      ><article><h1>EVOLVE (server copy)</h1><p>Prices and the whole program.</p></article></tandem-program
    >`);
    const article = el.querySelector('article')!;
    await waitFor(() => el.shadowRoot?.querySelector('slot'), 'the slot while loading');
    expect(article.assignedSlot, 'slotted while the program loads').to.not.equal(null);
    expect(article.getBoundingClientRect().height).to.be.greaterThan(0);
    expect(el.shadowRoot!.querySelector('[part~="loading"]'), 'no loading box over a page that has content').to.equal(null);
    release();
    const page = await inStep(el, 'program');
    expect(page.querySelector('h2')!.textContent).to.equal(programs.evolve!.title);
    expect(article.assignedSlot, 'replaced, not shown twice').to.equal(null);
    expect(article.getBoundingClientRect().height).to.equal(0);
    expect(el.querySelector('article'), 'still in the document').to.equal(article);
  });

  it('an element without content shows its loading box as before', async () => {
    const release = holdProgram();
    const el = await fixture<TandemProgram>(html`<tandem-program key="pk_test_flow" api=${API} program="evolve"></tandem-program>`);
    await waitFor(() => el.shadowRoot?.querySelector('[part~="loading"]'), 'the loading box');
    expect(el.shadowRoot!.querySelector('slot')).to.equal(null);
    release();
    await inStep(el, 'program');
  });
});
