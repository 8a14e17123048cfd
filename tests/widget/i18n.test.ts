import { fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { $, byText, calendar, expect, expectAccessible, inStep, mountProgram, pickFirstSlot, stepEl, toTimeStep, useMockApi, waitFor } from './helpers/dom.ts';
import { API, worker } from './helpers/mock-api.ts';
import { programs } from './helpers/fixtures.ts';
import type { TandemProgram } from '../../widget/elements/tandem-program/tandem-program.ts';

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ');

async function mount(attrs: string, wrapperLang?: string): Promise<TandemProgram> {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${wrapperLang ?? ''}></div>`);
  wrapper.innerHTML = `<tandem-program key="pk_test_flow" api="${API}" program="evolve" ${attrs}></tandem-program>`;
  const el = wrapper.querySelector('tandem-program')!;
  await inStep(el, 'program');
  return el;
}

describe('languages', () => {
  useMockApi();

  it('German from the lang attribute: strings, CHF and dates in de-CH', async () => {
    const el = await mount('lang="de-CH"');
    const page = stepEl(el)!.shadowRoot!;
    expect(norm($(page, 'label.variant').textContent)).to.match(/CHF\s1['’]200\.00/).and.contain('inkl. 8.1% MWST').and.contain('8 Sitzungen');
    expect(byText(page, 'button', 'Termin wählen')).to.exist;
    expect(page.textContent).to.contain('Kostenlose Stornierung bis 24 Stunden');
    const time = await toTimeStep(el);
    expect(time.textContent).to.contain('Zeiten in Europe/Zurich (Mitteleuropäische');
    const day = $(time.querySelector('tandem-calendar')!.shadowRoot!, '.day.free');
    expect(day.getAttribute('aria-label')).to.match(/^(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag), \d+\. \w+ \d{4}, 3 Termine frei$/);
    await pickFirstSlot(time);
    expect(time.textContent).to.contain('Jede Woche zur selben Zeit').and.contain('Sitzung 8');
    expect(el.shadowRoot!.textContent).to.contain('Schritt 2 von 5: Termin');
    await expectAccessible(el);
  });

  it('French and Italian from the closest [lang] ancestor', async () => {
    const fr = await mount('', 'fr-CH');
    const pfr = stepEl(fr)!.shadowRoot!;
    expect(byText(pfr, 'button', 'Choisir un horaire')).to.exist;
    expect(norm(pfr.textContent)).to.match(/TVA 8,1\s?% incluse/).and.match(/1\s200[.,]00\sCHF/).and.contain('Annulation gratuite');
    const it = await mount('', 'it');
    const pit = stepEl(it)!.shadowRoot!;
    expect(byText(pit, 'button', 'Scegli un orario')).to.exist;
    expect(norm(pit.textContent)).to.contain('IVA 8,1% inclusa').and.contain('8 sessioni').and.match(/1\.?200,00\sCHF/);
  });

  it('follows a change of the lang attribute at run time', async () => {
    const el = await mount('lang="en"');
    const page = () => stepEl(el)!.shadowRoot!;
    expect(byText(page(), 'button', 'Choose a time')).to.exist;
    el.setAttribute('lang', 'it');
    await waitFor(() => byText(page(), 'button', 'Scegli un orario'), 'Italian');
    el.setAttribute('lang', 'fr');
    await waitFor(() => byText(page(), 'button', 'Choisir un horaire'), 'French');
    el.setAttribute('lang', 'rm');
    await waitFor(() => byText(page(), 'button', 'Choose a time'), 'English for an unsupported language');
  });
});

describe('formats follow the studio\'s region in every language', () => {
  useMockApi();

  it('English for a Swiss studio reads as en-CH: Swiss grouping of amounts, a 24-hour clock, weeks from Monday', async () => {
    worker.use(http.get(`${API}/v1/embed/programs/:slug`, () => HttpResponse.json({ ...programs.evolve!, region: 'CH' })));
    const el = await mountProgram('evolve', { lang: 'en' });
    await waitFor(() => el.state.program, 'program');
    const page = stepEl(el, 'program')!.shadowRoot!;
    // Swiss grouping (an apostrophe, ’ or ' by the browser's ICU), never "1,200.00".
    await waitFor(() => /CHF\s1['’]200\.00/.test(page.textContent!), 'Swiss amounts');
    expect(page.textContent).to.not.contain('1,200.00');
    const time = await toTimeStep(el);
    await pickFirstSlot(time);
    const first = time.querySelector('[part~="slot"]')!.textContent!.trim();
    expect(first).to.match(/^\d{2}:\d{2}/);
    expect(first).to.not.match(/AM|PM/);
    const heads = [...calendar(time).querySelectorAll('th, [role="columnheader"]')].map((h) => h.textContent!.trim());
    expect(heads[0]).to.match(/^Mon/);
  });
});
