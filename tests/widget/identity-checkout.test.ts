import { http, HttpResponse } from 'msw';
import { $, byText, expect, expectAccessible, inStep, mountProgram, toPayment, useMockApi, waitFor } from './helpers/dom.ts';
import { API, problem, worker } from './helpers/mock-api.ts';

const TOKEN = `it_${'a'.repeat(43)}`;

interface Seen { path: string; headers: Headers; body: Record<string, unknown> }
let seen: Seen[] = [];
const callsTo = (part: string) => seen.filter((c) => c.path.includes(part));

/** The embed API as it answers now: credits need `Tandem-Identity`; the right code is 123456. Every call is kept in `seen`. */
function identityApi(): void {
  seen = [];
  const keep = async (request: Request) => {
    const body = await request.clone().json() as Record<string, unknown>;
    seen.push({ path: new URL(request.url).pathname, headers: request.headers, body });
    return body;
  };
  worker.use(
    http.post(`${API}/v1/embed/bookings/:id/checkout`, async ({ request }) => {
      const body = await keep(request) as { method: string };
      if (body.method === 'credits' && request.headers.get('Tandem-Identity') !== TOKEN) {
        return problem(403, 'identity_required', { detail: 'Paying with credits needs the e-mail address confirmed first (a code by mail).' });
      }
      return undefined; // the default handler answers (and records) the rest
    }),
    http.post(`${API}/v1/embed/identity/code`, async ({ request }) => {
      await keep(request);
      return HttpResponse.json({ status: 'sent_if_possible', expires_in_minutes: 10 }, { status: 202 });
    }),
    http.post(`${API}/v1/embed/identity/verify`, async ({ request }) => {
      const body = await keep(request) as { code: string };
      if (body.code !== '123456') return problem(422, 'identity_code_invalid', { attempts_left: 4, errors: [{ field: 'code', message: 'is not the code we sent' }] });
      return HttpResponse.json({ identity_token: TOKEN, expires_at: new Date(Date.now() + 12 * 3_600_000).toISOString() });
    }),
  );
}

async function typeCode(root: ShadowRoot, code: string): Promise<void> {
  const input = $(root, 'input[name="identity-code"]') as HTMLInputElement;
  input.value = code;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await waitFor(() => !(byText(root, 'button', 'Confirm and pay') as HTMLButtonElement).disabled, 'the confirm button');
}

describe('checkout with class credits asks for the e-mail code inline', () => {
  useMockApi();

  it('identity_required: a code is sent to the booking\'s address, a wrong one is said so, the right one pays with the identity token', async () => {
    identityApi();
    const el = await mountProgram('reiki');
    const pay = await toPayment(el);
    byText(pay, 'label.choice', 'Class credits (1)')!.querySelector('input')!.click();
    byText(pay, 'button', 'Continue to payment')!.click();
    const box = await waitFor(() => pay.querySelector('[part="identity"]'), 'the e-mail code prompt');
    expect(box.textContent).to.contain('Confirm your e-mail address').and.contain('ana@example.ch');
    expect(pay.querySelector('[part="error"]'), 'no error box: a question, not a failure').to.equal(null);
    await expectAccessible(el);

    byText(box, 'button', 'Send code')!.click();
    await waitFor(() => pay.querySelector('input[name="identity-code"]'), 'the code field');
    const sent = callsTo('/v1/embed/identity/code');
    expect(sent.length).to.equal(1);
    expect(sent[0]!.body).to.deep.equal({ email: 'ana@example.ch', locale: 'en' });
    expect(sent[0]!.headers.get('idempotency-key')).to.be.a('string');
    await waitFor(() => pay.activeElement?.getAttribute('name') === 'identity-code', 'focus on the code field');
    expect(pay.querySelector('[part="identity"]')!.textContent).to.contain('We sent a code to ana@example.ch');
    await expectAccessible(el);

    await typeCode(pay, '000000');
    byText(pay, 'button', 'Confirm and pay')!.click();
    await waitFor(() => pay.querySelector('#tandem-identity-error'), 'the wrong-code message');
    expect(pay.querySelector('#tandem-identity-error')!.textContent).to.contain('That code is not right. 4 attempts left.');
    expect(callsTo('/checkout').length).to.equal(1, 'no payment attempt for a wrong code');

    await typeCode(pay, '123456');
    byText(pay, 'button', 'Confirm and pay')!.click();
    const done = await inStep(el, 'confirmation');
    expect($(done, 'h2').textContent).to.contain('You are booked!');
    const checkouts = callsTo('/checkout');
    expect(checkouts.length).to.equal(2);
    expect(checkouts[0]!.headers.get('tandem-identity')).to.equal(null);
    expect(checkouts[1]!.headers.get('tandem-identity')).to.equal(TOKEN);
    expect(checkouts[1]!.body).to.deep.equal({ method: 'credits', plan: 'full' });
    expect(checkouts[1]!.headers.get('idempotency-key'), 'the retry is a new request').to.not.equal(checkouts[0]!.headers.get('idempotency-key'));
  });

  it('paying by card asks for nothing: a first-time buyer is not slowed down', async () => {
    identityApi();
    const el = await mountProgram('reiki');
    const pay = await toPayment(el);
    byText(pay, 'button', 'Continue to payment')!.click();
    await waitFor(() => pay.querySelector('.test-mode'), 'test mode box');
    expect(pay.querySelector('[part="identity"]')).to.equal(null);
    expect(callsTo('/v1/embed/identity/code').length).to.equal(0);
  });
});
