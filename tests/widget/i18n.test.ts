import { fixture, html } from '@open-wc/testing';
import { $, byText, expect, expectAccessible, inStep, pickFirstSlot, stepEl, toTimeStep, useMockApi, waitFor } from './helpers/dom.ts';
import { API } from './helpers/mock-api.ts';
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
    expect(norm($(page, 'label.variant').textContent)).to.match(/CHF 1['’]200\.00/).and.contain('inkl. 8.1% MWST').and.contain('8 Sitzungen');
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
