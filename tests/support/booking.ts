/** Shared by the availability and booking tests: a settable clock, requests, problem bodies, demo ids. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../../server/platform/db/database.ts';
import { withSystem } from '../../server/platform/db/escalation.ts';
import { rowsOf } from '../../server/platform/db/rows.ts';
import { flowKey } from './app.ts';

export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** The app's clock, moved by the tests. */
export class Clock {
  constructor(public current: Date) {}
  now = (): Date => this.current;
  set(iso: string): void { this.current = new Date(iso); }
  advance(ms: number): void { this.current = new Date(this.current.getTime() + ms); }
}

export interface Problem {
  type: string; title: string; status: number; code: string; detail?: string;
  errors?: { field: string; message: string }[];
  conflicts?: { start: string; reason: string; alternatives: { start: string; end: string; local_start: string; local_end: string; local_date: string; instructor: { id: string; name: string } }[] }[];
}

export async function problemOf(response: Response): Promise<Problem> {
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  const body = await response.json() as Problem;
  assert.equal(body.status, response.status);
  assert.ok(body.title && body.type && body.code);
  return body;
}

export function fieldsOf(p: Problem): string[] {
  return (p.errors ?? []).map((e) => e.field).sort();
}

type Requester = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

export function postJson(app: Requester, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(app.request(path, {
    method: 'POST',
    headers: { ...flowKey, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), ...headers },
    body: JSON.stringify(body),
  }));
}

/** Rows through the owner's handle: assertions only. */
export async function query(db: Database, text: ReturnType<typeof sql>): Promise<Record<string, unknown>[]> {
  return rowsOf(await db.execute(text));
}

/** Runs as the org's system role (test fixtures: blocks, rules). */
export function asSystem<T>(db: Database, orgId: string, work: Parameters<typeof withSystem<T>>[3]): Promise<T> {
  return withSystem(db, orgId, 'test setup', work);
}

/** Counts of the booking tables, to prove that a refused request wrote nothing. */
export async function tableCounts(db: Database): Promise<Record<string, number>> {
  const [row] = await query(db, sql`select
    (select count(*) from customers)::int as customers,
    (select count(*) from program_bookings)::int as bookings,
    (select count(*) from program_sessions)::int as sessions,
    (select count(*) from schedule_blocks)::int as blocks,
    (select count(*) from schedule_blocks where status <> 'cancelled')::int as live_blocks`);
  return row as Record<string, number>;
}
