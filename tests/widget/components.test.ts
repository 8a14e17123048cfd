import { fixture, html, oneEvent } from '@open-wc/testing';
import { $, byText, expect, expectAccessible } from './helpers/dom.ts';
import { evolve } from './helpers/fixtures.ts';
import { Localizer } from '../../widget/core/i18n/localizer.ts';
import { renderField } from '../../widget/components/form-fields/form-fields.ts';
import '../../widget/elements/tandem-program/steps/program-page/program-page.ts';
import '../../widget/components/calendar/calendar.ts';
import type { TandemProgramPage } from '../../widget/elements/tandem-program/steps/program-page/program-page.ts';
import type { TandemCalendar } from '../../widget/components/calendar/calendar.ts';

const i18n = new Localizer('en-GB');

describe('pieces on their own (properties in, events out)', () => {
  it('the program page renders from its properties alone, without <tandem-program> or a booking context', async () => {
    const page = await fixture<TandemProgramPage>(html`<tandem-program-page .program=${evolve} .i18n=${i18n}></tandem-program-page>`);
    const root = page.shadowRoot!;
    expect($(root, 'h2').textContent).to.contain('EVOLVE coaching');
    expect(root.querySelectorAll('label.variant').length).to.equal(evolve.variants.length);
    expect(root.querySelector<HTMLInputElement>('input[name="variant"]')!.checked).to.equal(true);
    const chosen = oneEvent(page, 'tandem-variant-select');
    root.querySelectorAll<HTMLInputElement>('input[name="variant"]')[1]!.click();
    const ev = await chosen;
    expect(ev.detail).to.deep.equal({ variantId: evolve.variants[1]!.id });
    expect(ev.bubbles && ev.composed).to.equal(true);
    const next = oneEvent(page, 'tandem-step-request');
    $(root, 'button.primary').click();
    expect((await next).detail).to.deep.equal({ step: 'time' });
    await expectAccessible(page);
  });

  it('the calendar dispatches tandem-date-select and tandem-month-change', async () => {
    const cal = await fixture<TandemCalendar>(
      html`<tandem-calendar .i18n=${i18n} .month=${'2030-05'} .counts=${new Map([['2030-05-14', 2]])} .min=${'2030-05-01'}></tandem-calendar>`,
    );
    const root = cal.shadowRoot!;
    const picked = oneEvent(cal, 'tandem-date-select');
    $(root, '[data-date="2030-05-14"]').click();
    expect((await picked).detail).to.deep.equal({ date: '2030-05-14' });
    const moved = oneEvent(cal, 'tandem-month-change');
    byText(root, 'button', '›')!.click();
    expect((await moved).detail).to.deep.equal({ month: '2030-06' });
  });

  it('a form field dispatches tandem-field-input and tandem-field-blur from its control', async () => {
    const field = { name: 'goals', kind: 'text' as const, label: 'Goals', description: '', required: true, options: [] };
    const box = await fixture<HTMLDivElement>(html`<div>${renderField({ field, value: '', error: '' }, i18n)}</div>`);
    const input = $(box, '#f-goals') as HTMLInputElement;
    const typed = oneEvent(box, 'tandem-field-input');
    input.value = 'Touch my toes';
    input.dispatchEvent(new Event('input'));
    expect((await typed).detail).to.deep.equal({ name: 'goals', value: 'Touch my toes' });
    const left = oneEvent(box, 'tandem-field-blur');
    input.dispatchEvent(new Event('blur'));
    expect((await left).detail).to.deep.equal({ name: 'goals' });
  });
});
