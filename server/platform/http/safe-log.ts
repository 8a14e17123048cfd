import { pgConstraint, pgErrorCode } from '../db/pg-errors.ts';

/**
 * What an error log may say about an error: its class, its code (SQLSTATE or a socket or driver
 * code), the constraint it names, and where in the code it was thrown. Never its message:
 * Drizzle's messages carry the query's parameters (names, e-mail addresses, tokens), and
 * Postgres's messages and details quote the offending values.
 */
export interface ErrorFacts {
  error: string;
  sqlstate?: string;
  code?: string;
  constraint?: string;
  at?: string[];
}

function codeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{2,40}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function errorFacts(error: unknown): ErrorFacts {
  const name = error instanceof Error ? error.constructor.name || error.name : typeof error;
  const sqlstate = pgErrorCode(error);
  const code = sqlstate ? undefined : codeOf(error);
  const constraint = pgConstraint(error);
  // Stack frames only ("at file:line"), never the first line, which repeats the message.
  const at = error instanceof Error && error.stack
    ? error.stack.split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 5).map((line) => line.trim().replace(/^at /, ''))
    : undefined;
  return { error: name, ...(sqlstate ? { sqlstate } : {}), ...(code ? { code } : {}), ...(constraint ? { constraint } : {}), ...(at?.length ? { at } : {}) };
}

/** One line of JSON on stderr. */
export function logError(event: string, fields: Record<string, unknown>, error?: unknown): void {
  console.error(JSON.stringify({ level: 'error', event, ...fields, ...(error === undefined ? {} : errorFacts(error)) }));
}
