import { http } from 'msw';
import {
  $,
  activeElement,
  byText,
  expect,
  expectAccessible,
  fillDetails,
  fillIntake,
  inStep,
  mountProgram,
  pickFirstSlot,
  sendKeys,
  toTimeStep,
  type,
  useMockApi,
  waitFor,
} from './helpers/dom.ts';
import { API, problem, worker } from './helpers/mock-api.ts';
import type { TandemProgram } from '../../widget/elements/tandem-program/tandem-program.ts';

async function toIntake(el: TandemProgram): Promise<ShadowRoot> {
  const time = await toTimeStep(el);
  await pickFirstSlot(time);
  $(time, 'button.primary').click();
  return inStep(el, 'intake');
}

describe('intake form', () => {
  useMockApi();

  it('renders every field kind from the JSON Schema with required marks', async () => {
    const el = await mountProgram('evolve');
    const form = await toIntake(el);
    expect($(form, 'textarea#f-goals')).to.exist;
    expect($(form, 'label[for="f-goals"]').textContent).to.contain('Your goals').and.contain('*');
    expect($(form, '#f-goals').hasAttribute('required')).to.equal(true);
    expect($(form, '#f-goals').getAttribute('aria-describedby')).to.equal('f-goals-desc');
    expect(form.querySelectorAll('input[name="experience"][type="radio"]').length).to.equal(3);
    expect($(form, '#f-experience').getAttribute('role')).to.equal('radiogroup');
    expect($(form, '#f-experience').getAttribute('aria-required')).to.equal('true');
    expect($(form, 'input#f-age').getAttribute('inputmode')).to.equal('numeric');
    expect($(form, 'input#f-start_date').getAttribute('type')).to.equal('date');
    expect(form.querySelectorAll('input[name="focus"][type="checkbox"]').length).to.equal(3);
    expect(byText(form, 'label', 'Yes')).to.exist;
    expect($(form, 'input#f-consent').getAttribute('type')).to.equal('checkbox');
    await expectAccessible(el);
  });

  it('validates on continue: errors on their fields, focus on the first, nothing sent', async () => {
    const el = await mountProgram('evolve');
    const form = await toIntake(el);
    type($(form, '#f-goals'), 'short');
    type($(form, '#f-age'), '12');
    $(form, 'button[type="submit"]').click();
    await waitFor(() => form.querySelector('[role="alert"] .notice'), 'summary');
    expect($(form, '[role="alert"]').textContent).to.contain('Please correct 5 fields.');
    expect($(form, '#f-goals-err').textContent).to.contain('at least 10 characters');
    expect($(form, '#f-goals').getAttribute('aria-invalid')).to.equal('true');
    expect($(form, '#f-goals').getAttribute('aria-describedby')).to.equal('f-goals-desc f-goals-err');
    expect($(form, '#f-age-err').textContent).to.contain('at least 16');
    expect($(form, '#f-experience-err').textContent).to.contain('choose an option');
    expect($(form, '#f-consent-err').textContent).to.contain('confirm');
    expect(activeElement()?.id).to.equal('f-goals');
    expect(el.state.step).to.equal('intake');
    await expectAccessible(el);
    await fillIntake(form);
    type($(form, '#f-age'), '34');
    await waitFor(() => !form.querySelector('#f-goals-err'), 'goals fixed');
    $(form, 'button[type="submit"]').click();
    await inStep(el, 'checkout');
    expect(el.state.intake).to.deep.include({ goals: 'More flexibility and less back pain', experience: 'beginner', injuries: false, consent: true, age: 34 });
  });

  it('can be filled with the keyboard alone', async () => {
    const el = await mountProgram('evolve');
    const form = await toIntake(el);
    $(form, '#f-goals').focus();
    await sendKeys({ type: 'I want to touch my toes' });
    await sendKeys({ press: 'Tab' }); // experience radios
    await sendKeys({ press: 'Space' });
    expect(activeElement()!.getAttribute('name')).to.equal('experience');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' }); // age
    await sendKeys({ type: '40' });
    // the date input has a tab stop per segment: tab on to the first "focus" checkbox
    for (let i = 0; i < 6 && activeElement()?.getAttribute('name') !== 'focus'; i++) await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' }); // injuries radios
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' }); // consent
    expect(activeElement()!.id).to.equal('f-consent');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' }); // back
    await sendKeys({ press: 'Tab' }); // continue
    expect(activeElement()!.textContent).to.contain('Continue');
    await sendKeys({ press: 'Enter' });
    await inStep(el, 'checkout');
    expect(el.state.intake).to.deep.include({ goals: 'I want to touch my toes', experience: 'intermediate', age: 40, consent: true, focus: ['flexibility'], injuries: true });
  });

  it("shows the server's 400 errors on their fields (intake on the intake step, email on the details)", async () => {
    worker.use(
      http.post(`${API}/v1/embed/bookings`, () =>
        problem(400, 'validation_failed', {
          errors: [
            { field: 'intake.goals', message: 'Goals must mention a body part' },
            { field: 'customer.email', message: 'This address bounces' },
          ],
        }),
      ),
    );
    const el = await mountProgram('evolve');
    const form = await toIntake(el);
    await fillIntake(form);
    $(form, 'button[type="submit"]').click();
    const checkout = await inStep(el, 'checkout');
    await fillDetails(checkout);
    $(checkout, 'button[type="submit"]').click();
    const back = await inStep(el, 'intake');
    await waitFor(() => back.querySelector('#f-goals-err'), 'server error on goals');
    expect($(back, '#f-goals-err').textContent).to.contain('Goals must mention a body part');
    expect($(back, '#f-goals').getAttribute('aria-invalid')).to.equal('true');
    await waitFor(() => activeElement() === $(back, '#f-goals'), 'focus on the field in error');
    worker.resetHandlers();
    worker.use(http.post(`${API}/v1/embed/bookings`, () => problem(400, 'validation_failed', { errors: [{ field: 'customer.email', message: 'This address bounces' }] })));
    type($(back, '#f-goals'), 'My back and my hips');
    await waitFor(() => !back.querySelector('#f-goals-err'), 'server error cleared on edit');
    $(back, 'button[type="submit"]').click();
    const details = await inStep(el, 'checkout');
    expect(($(details, '#f-name') as HTMLInputElement).value).to.equal('Ana Muster');
    $(details, 'button[type="submit"]').click();
    await waitFor(() => details.querySelector('#f-email-err'), 'email error');
    expect($(details, '#f-email-err').textContent).to.contain('This address bounces');
    expect($(details, '#f-email').getAttribute('aria-invalid')).to.equal('true');
    type($(details, '#f-email'), 'ana@example.org');
    await waitFor(() => !details.querySelector('#f-email-err'), 'email error cleared on edit');
  });
});

