import { setupWorker } from 'msw/browser';
import { http, HttpResponse, type RequestHandler } from 'msw';
import { cadenceStartsIso } from '../../../shared/cadence.ts';
import { slotsFor as slotsForProgram } from './slots-fixture.ts';
import { IDS, programs, summary } from './fixtures.ts';

export const API = 'https://api.tandem.test';

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

/** What the fake API has seen and holds; reset before each test. */
export const db = {
  calls: [] as Call[],
  status: 'reserved' as string,
  booking: null as null | Record<string, unknown>,
};

export function resetDb(): void {
  db.calls = [];
  db.status = 'reserved';
  db.booking = null;
}

/** The studio's opt-in words as the server gives them (GET /v1/embed/marketing-consent). */
export const consentWords = {
  en: 'Yes, Flow Studio may send me news and offers by e-mail. I can unsubscribe at any time.',
  de: 'Ja, Flow Studio darf mir Neuigkeiten und Angebote per E-Mail senden. Ich kann mich jederzeit abmelden.',
  fr: 'Oui, Flow Studio peut m’envoyer des nouvelles et des offres par e-mail. Je peux me désabonner à tout moment.',
  it: 'Sì, Flow Studio può inviarmi novità e offerte via e-mail. Posso disiscrivermi in qualsiasi momento.',
};

export const worker = setupWorker();

export async function startMocks(): Promise<void> {
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
}

export function problem(status: number, code: string, extra: Record<string, unknown> = {}) {
  return HttpResponse.json(
    { type: `https://tandem.dev/problems/${code}`, title: code.replace(/_/g, ' '), status, code, ...extra },
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );
}

async function record(request: Request): Promise<Call> {
  const url = new URL(request.url);
  let body: unknown = null;
  if (request.method !== 'GET') {
    try {
      body = await request.clone().json();
    } catch {
      body = null;
    }
  }
  const call = { method: request.method, path: url.pathname, query: url.searchParams, headers: request.headers, body };
  db.calls.push(call);
  return call;
}

export function callsTo(method: string, pathPart: string): Call[] {
  return db.calls.filter((c) => c.method === method && c.path.includes(pathPart));
}

export function slotsFor(slug: string, from: string, to: string, tz: string, instructor?: string) {
  return slotsForProgram(programs[slug]!, from, to, tz, instructor);
}

/** The series a first start leads to, every session free (tests put clashes in front with `worker.use`). */
export function seriesFor(p: (typeof programs)[string], firstStart: string, variantId: string | null, tz: string, own?: string | null) {
  const v = p.variants.find((x) => x.id === variantId) ?? p.variants[0]!;
  const starts = own ? own.split(',') : p.is_multi_session ? cadenceStartsIso(firstStart, v.sessions_count, p.cadence ?? { every: 1, unit: 'week' }, tz) : [firstStart];
  const end = (x: string) => new Date(Date.parse(x) + p.session_length_min * 60000).toISOString();
  return {
    ok: true,
    instructor: { id: p.instructors[0]!.id, name: p.instructors[0]!.name },
    sessions: starts.map((x) => ({ start: x, end: end(x), status: 'free', alternatives: [] as unknown[] })),
  };
}

function bookingOut(body: Record<string, any>, status = db.status) {
  const p = programs[body.program]!;
  const v = p.variants.find((x) => x.id === body.variant) ?? p.variants[0]!;
  const tz = body.customer?.timezone ?? 'Europe/Zurich';
  const s = body.sessions;
  const starts: string[] =
    s.mode === 'explicit' ? s.starts : s.mode === 'later' ? [s.first_start] : cadenceStartsIso(s.first_start, v.sessions_count, p.cadence ?? { every: 1, unit: 'week' }, tz);
  const who = p.instructors.find((x) => x.id === body.instructor) ?? p.instructors[0]!;
  return {
    id: IDS.booking,
    status,
    program: { slug: p.slug, title: p.title },
    variant: { id: v.id, name: v.name },
    instructor: { id: who.id, name: who.name },
    hold_expires_at: new Date(Date.now() + 15 * 60000).toISOString(),
    sessions: starts.map((x, i) => ({
      id: `9999999${i}-9999-4999-8999-999999999999`,
      starts_at: x,
      ends_at: new Date(Date.parse(x) + p.session_length_min * 60000).toISOString(),
      timezone: tz,
      status: 'scheduled',
    })),
    sessions_to_schedule: s.mode === 'later' ? v.sessions_count - 1 : 0,
    total_price: { amount: v.price, currency: v.currency },
  };
}

/** The happy-path API. Tests put their own handlers in front with `worker.use(...)`. */
export function defaultHandlers(): RequestHandler[] {
  return [
    http.get(`${API}/v1/embed/programs`, async ({ request }) => {
      await record(request);
      return HttpResponse.json({ programs: Object.values(programs).map(summary) });
    }),
    http.get(`${API}/v1/embed/programs/:slug/slots/series`, async ({ request, params }) => {
      const c = await record(request);
      const p = programs[String(params.slug)];
      if (!p) return problem(404, 'not_found');
      return HttpResponse.json(seriesFor(p, c.query.get('first_start')!, c.query.get('variant'), c.query.get('tz')!, c.query.get('starts')));
    }),
    http.get(`${API}/v1/embed/programs/:slug/slots`, async ({ request, params }) => {
      const c = await record(request);
      const slug = String(params.slug);
      if (!programs[slug]) return problem(404, 'not_found');
      return HttpResponse.json(slotsFor(slug, c.query.get('from')!, c.query.get('to')!, c.query.get('tz')!, c.query.get('instructor') ?? undefined));
    }),
    http.get(`${API}/v1/embed/programs/:slug`, async ({ request, params }) => {
      await record(request);
      const p = programs[String(params.slug)];
      return p ? HttpResponse.json(p) : problem(404, 'not_found', { detail: 'No such program' });
    }),
    http.get(`${API}/v1/embed/marketing-consent`, async ({ request }) => {
      const c = await record(request);
      const lang = (c.query.get('lang') ?? 'en') as keyof typeof consentWords;
      return HttpResponse.json({ lang, text: consentWords[lang], version: '2026-11' });
    }),
    http.post(`${API}/v1/embed/bookings`, async ({ request }) => {
      const c = await record(request);
      const body = c.body as Record<string, any>;
      db.booking = { ...bookingOut(body), client_token: 'ct_secret' };
      db.booking.request = body;
      return HttpResponse.json(db.booking, { status: 201 });
    }),
    http.get(`${API}/v1/embed/bookings/:id`, async ({ request }) => {
      await record(request);
      if (request.headers.get('Tandem-Booking-Token') !== 'ct_secret' || !db.booking) return problem(404, 'not_found');
      return HttpResponse.json({ ...bookingOut(db.booking.request as Record<string, any>), status: db.status });
    }),
    http.post(`${API}/v1/embed/bookings/:id/checkout`, async ({ request }) => {
      const c = await record(request);
      const body = c.body as { method: string; plan: string; coupon?: string };
      const b = bookingOut(db.booking!.request as Record<string, any>);
      const off = body.coupon?.toUpperCase() === 'SPRING50' ? 5000 : 0;
      const total = b.total_price.amount - off;
      const plan =
        body.plan === 'deposit'
          ? {
              deposit: 30000,
              installments: [1, 2, 3].map((seq) => ({ seq, due_at: new Date(Date.now() + seq * 14 * 86400000).toISOString(), amount: 30000, status: 'scheduled' })),
            }
          : null;
      const order = {
        plan,
        id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
        currency: 'CHF',
        total,
        discount_total: off,
        discount: off ? { code: 'SPRING50', source: 'coupon' } : null,
        vat_total: Math.round((total * 81) / 1081),
        lines: [{ description: b.program.title, amount: total, discount: off, vat_rate: 8.1, vat_amount: Math.round((total * 81) / 1081) }],
      };
      if (body.method === 'credits') {
        db.status = 'confirmed';
        return HttpResponse.json({ booking: { ...b, status: 'confirmed', hold_expires_at: null }, order });
      }
      if (body.method === 'qr_bill') {
        const hold = new Date(Date.now() + 5 * 86400000).toISOString();
        return HttpResponse.json({ booking: { ...b, hold_expires_at: hold }, order, invoice: { number: 'FLOW-2026-0007', pdf_url: `${API}/v1/embed/invoices/FLOW-2026-0007.pdf` } });
      }
      return HttpResponse.json({ booking: b, order, payment: { provider: 'test', client_secret: 'pi_test_secret', test_mode: true } });
    }),
    http.get(`${API}/v1/embed/bookings/:id/quote`, async ({ request }) => {
      const c = await record(request);
      if (request.headers.get('Tandem-Booking-Token') !== 'ct_secret' || !db.booking) return problem(404, 'not_found');
      const method = c.query.get('method')!;
      const plan = c.query.get('plan') ?? 'full';
      const coupon = (c.query.get('coupon') ?? '').toUpperCase();
      if (plan === 'deposit' && method !== 'card') {
        return problem(422, 'payment_method_unavailable', { errors: [{ field: 'method', message: 'A deposit with a payment plan is paid by card' }], plan_methods: ['card'] });
      }
      if (coupon && coupon !== 'SPRING50') return problem(400, 'coupon_expired', { errors: [{ field: 'coupon', message: 'This code has expired' }] });
      const b = bookingOut(db.booking.request as Record<string, any>);
      const off = coupon ? 5000 : 0;
      const total = b.total_price.amount - off;
      const deposit = plan === 'deposit';
      const rest = total - 30000;
      const installments = deposit
        ? [1, 2, 3].map((seq) => ({ seq, due_at: new Date(Date.now() + seq * 14 * 86400000).toISOString(), amount: Math.floor(rest / 3) + (seq <= rest % 3 ? 1 : 0) }))
        : [];
      return HttpResponse.json({
        method,
        plan,
        currency: 'CHF',
        subtotal: b.total_price.amount,
        discount_total: off,
        discount: off ? { code: 'SPRING50', source: 'coupon' } : null,
        vat_total: Math.round((total * 81) / 1081),
        rounding_adjustment: 0,
        total,
        due_now: deposit ? 30000 : total,
        lines: [{ description: b.program.title, quantity: 1, unit_price: b.total_price.amount, discount: off, amount: total, vat_rate: 8.1, vat_rate_bp: 810, vat_amount: Math.round((total * 81) / 1081), kind: 'item' }],
        installments,
        credits: method === 'credits' ? 1 : null,
      });
    }),
    http.post(`${API}/v1/embed/bookings/:id/release`, async ({ request }) => {
      await record(request);
      if (request.headers.get('Tandem-Booking-Token') !== 'ct_secret' || !db.booking) return problem(404, 'not_found');
      db.status = 'cancelled';
      return HttpResponse.json({ ...bookingOut(db.booking.request as Record<string, any>), status: 'cancelled' });
    }),
    http.post(`${API}/v1/embed/bookings/:id/test-payments`, async ({ request }) => {
      const c = await record(request);
      const outcome = (c.body as { outcome: string }).outcome;
      if (outcome === 'succeed') db.status = 'confirmed';
      return HttpResponse.json({ outcome });
    }),
  ];
}
