/**
 * A postgres.js client whose sockets count what goes over the wire, for tests that hold the
 * number of database round trips of a request to a budget.
 *
 *   round trips  writes to the server made after the server had answered something since the
 *                previous write: each is a wait for the server. Statements sent together
 *                (pipelined) share one round trip, however many writes they took.
 *   statements   Execute + simple Query messages (what the server runs)
 *   parses       Parse messages (what the server parses and plans; a prepared statement's
 *                second use on a connection has none)
 *   begins       transactions opened (BEGIN, as a simple query or a prepared one)
 *
 * postgres.js writes every message a tick produces in one write (setImmediate), so what the
 * code sends together stays together; the counts do not depend on the machine's speed.
 */
import net from 'node:net';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { schema, type Database } from '../../server/platform/db/database.ts';
import { pipelineBegin } from '../../server/platform/db/pipelined-begin.ts';

export interface WireCounts { roundTrips: number; statements: number; parses: number; begins: number; sql: string[] }

export interface CountedDatabase {
  db: Database;
  /** Counts since the last reset. */
  counts(): WireCounts;
  reset(): void;
  close(): Promise<void>;
}

/** `max: 1` by default: one connection, so a warmed-up statement is prepared where it runs next. */
export function countedDatabase(url: string, options: { max?: number } = {}): CountedDatabase {
  let counts: WireCounts = { roundTrips: 0, statements: 0, parses: 0, begins: 0, sql: [] };
  const target = new URL(url);
  const socket = () => new Promise<net.Socket>((resolve, reject) => {
    const s = net.connect(Number(target.port || 5432), target.hostname);
    let answered = true;
    let started = false;
    let pending = Buffer.alloc(0);
    const names = new Map<string, string>();
    let bound = '';
    s.prependListener('data', () => { answered = true; });
    const write = s.write.bind(s) as (chunk: unknown, ...rest: unknown[]) => boolean;
    s.write = ((chunk: unknown, ...rest: unknown[]) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
      if (answered) counts.roundTrips++;
      answered = false;
      pending = Buffer.concat([pending, bytes]);
      if (!started) {
        // The startup message has no type byte.
        if (pending.length >= 4) {
          const length = pending.readInt32BE(0);
          if (pending.length >= length) { pending = pending.subarray(length); started = true; }
        }
      }
      while (started && pending.length >= 5) {
        const type = String.fromCharCode(pending[0]!);
        const length = pending.readInt32BE(1);
        if (pending.length < 1 + length) break;
        const body = pending.subarray(5, 1 + length);
        if (type === 'Q') {
          counts.statements++;
          const text = body.toString('utf8', 0, body.indexOf(0));
          counts.sql.push(text);
          if (/^\s*begin\b/i.test(text)) counts.begins++;
        } else if (type === 'P') {
          counts.parses++;
          const nameEnd = body.indexOf(0);
          names.set(body.toString('utf8', 0, nameEnd), body.toString('utf8', nameEnd + 1, body.indexOf(0, nameEnd + 1)));
        } else if (type === 'B') {
          const portalEnd = body.indexOf(0);
          bound = names.get(body.toString('utf8', portalEnd + 1, body.indexOf(0, portalEnd + 1))) ?? '?';
        } else if (type === 'E') {
          counts.statements++;
          counts.sql.push(bound);
          if (/^\s*begin\b/i.test(bound)) counts.begins++;
        }
        pending = pending.subarray(1 + length);
      }
      return write(chunk, ...rest);
    }) as typeof s.write;
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
  // As openDatabase opens it (pipelined BEGIN).
  const client = pipelineBegin(postgres(url, { max: options.max ?? 1, onnotice: () => {}, socket } as postgres.Options<{}>));
  return {
    db: drizzle({ client, schema }) as unknown as Database,
    counts: () => ({ ...counts, sql: counts.sql.slice() }),
    reset: () => { counts = { roundTrips: 0, statements: 0, parses: 0, begins: 0, sql: [] }; },
    close: () => client.end({ timeout: 5 }),
  };
}
