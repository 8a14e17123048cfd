/**
 * The set-up the admin booking tests share (booking confirmation, credits, notes, progress, refund
 * transfers): per `describe`, a fresh database with the demo studios, the API on a test clock, the
 * Reiki variant (CHF 140), and one way to call a staff route as Studio Flow's owner.
 * Call it at the top of a `describe`: it registers that block's `before` and `after`.
 */
import { after, before } from 'node:test';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../server/platform/db/database.ts';
import { freshDatabase } from './database.ts';
import { demoApp } from './app.ts';
import { Clock } from './booking.ts';
import { demoVariants } from './checkout.ts';
import { skFlow } from './admin-money.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

export interface AdminBookingStudio {
  readonly clock: Clock;
  /** Set in `before`. */
  db: Database;
  app: App;
  /** Reiki's first variant. */
  reiki: string;
  /**
   * An admin request as Studio Flow's owner with a fresh Idempotency-Key; `body`, when given, as
   * JSON. `headers` come last: another caller's key, or a fixed Idempotency-Key for a replay.
   */
  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

export function adminBookingStudio(start = '2026-11-25T08:00:00Z'): AdminBookingStudio {
  let opened: Awaited<ReturnType<typeof freshDatabase>> | undefined;
  const studio: AdminBookingStudio = {
    clock: new Clock(new Date(start)),
    db: undefined as unknown as Database,
    app: undefined as unknown as App,
    reiki: '',
    send: async (method, path, body, headers = {}) => studio.app.request(path, body === undefined
      ? { method, headers: { ...skFlow, 'Idempotency-Key': randomUUID(), ...headers } }
      : { method, headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), ...headers }, body: JSON.stringify(body) }),
  };
  before(async () => {
    opened = await freshDatabase();
    studio.db = opened.db;
    studio.app = await demoApp(opened.db, { now: studio.clock.now });
    studio.reiki = (await demoVariants(studio.app)).reiki![0]!;
  });
  after(async () => opened?.close());
  return studio;
}
