/**
 * The console's tests' shared set-up: the admin API as a stub on window.fetch behind a signed-in
 * staff session, the real fetch put back after each test, and the console opened on a booking.
 */
import { fixture, html } from '@open-wc/testing';
import { waitFor } from './dom.ts';
import '../../../widget/entries/tandem-admin.ts';
import type { TandemAdmin } from '../../../widget/elements/tandem-admin/tandem-admin.ts';
import type { TandemAdminSettings } from '../../../widget/elements/tandem-admin/settings/settings-view.ts';
import { AdminApi } from '../../../widget/elements/tandem-admin/core/api.ts';

export type Call = { method: string; path: string; search: string; headers: Record<string, string>; body: Record<string, unknown> | undefined };

export interface AdminRequest {
  method: string;
  url: URL;
  /** `GET /v1/admin/bookings`. */
  key: string;
  headers: Record<string, string>;
  body: Record<string, unknown> | undefined;
}

/** What GET /v1/admin/session answers for Sandra, signed in to Studio Flow as `role`. */
export const signedIn = (role = 'owner') => ({ status: 'signed_in', staff: { id: 's1', name: 'Sandra', email: 'sandra@studioflow.example', role, timezone: 'Europe/Zurich' },
  studio: { id: 'o1', name: 'Studio Flow', timezone: 'Europe/Zurich', currency: 'CHF', default_locale: 'de' }, csrf_token: 'csrf-1', expires_at: '2026-12-07T20:00:00Z' });

export const json = (status: number, value: unknown, type = 'application/json') => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': type } });
/** A refusal as the API sends it (problem+json). */
export const problem = (status: number, value: unknown) => json(status, value, 'application/problem+json');
/** An answer whose status is not known in advance: problem+json from 400 on. */
export const reply = (status: number, value: unknown) => (status >= 400 ? problem : json)(status, value);

/**
 * window.fetch answers as the admin API: `session` (read at each request, so a test may change its
 * role), then `answer` for every other request; what it leaves unanswered is a 404 problem. Every
 * call is recorded.
 */
export function stubAdminApi(answer: (req: AdminRequest) => Response | undefined, session: object = signedIn()): Call[] {
  const calls: Call[] = [];
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href);
    const method = init.method ?? 'GET';
    const body = init.body ? JSON.parse(String(init.body)) as Record<string, unknown> : undefined;
    const headers = { ...(init.headers as Record<string, string>) };
    calls.push({ method, path: url.pathname, search: url.search, headers, body });
    const key = `${method} ${url.pathname}`;
    if (key === 'GET /v1/admin/session') return json(200, session);
    return answer({ method, url, key, headers, body }) ?? problem(404, { code: 'not_found', title: 'Not found' });
  };
  return calls;
}

/** Puts the real window.fetch back after each test of the `describe` it is called in. */
export function restoreFetchAfterEach(): void {
  const realFetch = window.fetch;
  afterEach(() => { window.fetch = realFetch; });
}

export const root = (el: Element) => el.shadowRoot!;
export const button = (r: ParentNode | null, text: string) => [...(r?.querySelectorAll('button') ?? [])].find((b) => b.textContent!.replace(/\s+/g, ' ').trim().startsWith(text));

/** The console in `lang` (the API stubbed first), its pipeline, then Lea Brunner's booking opened until `ready` shows. */
export async function openBooking(lang: string, calls: Call[], ready: (el: TandemAdmin) => unknown, what: string): Promise<{ el: TandemAdmin; calls: Call[] }> {
  const el = await fixture<TandemAdmin>(html`<tandem-admin lang=${lang}></tandem-admin>`);
  await waitFor(() => root(el).querySelector('.board'), 'the pipeline');
  button(root(el), 'Lea Brunner')!.click();
  await waitFor(() => ready(el), what);
  return { el, calls };
}

/** The admin API client of a signed-in session (its CSRF token set), for a view mounted on its own. */
export function signedInClient(): AdminApi {
  const client = new AdminApi();
  client.csrf = 'csrf-1';
  return client;
}

/**
 * <tandem-admin-settings> as `role` with its own client (the CSRF token given, and the language when
 * `clientLang`), until its sections show.
 */
export async function mountSettings(lang: string, role: string, options: { clientLang?: boolean } = {}): Promise<TandemAdminSettings> {
  const client = signedInClient();
  if (options.clientLang) client.lang = lang;
  const settings = await fixture<TandemAdminSettings>(html`<tandem-admin-settings lang=${lang} staff-role=${role} staff-id="s1" .client=${client}></tandem-admin-settings>`);
  await waitFor(() => root(settings).querySelector('nav button'), 'the sections');
  return settings;
}
