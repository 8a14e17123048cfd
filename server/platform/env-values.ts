/**
 * Reading one setting from the environment: unset or empty takes the default; anything else
 * must parse, or startup fails with a message naming the variable and what it should look like.
 * config.ts (ports, timeouts, switches) and limits.ts (rate limits) read through these.
 */

/** An on/off setting: 1/true/yes/on or 0/false/no/off. `explicit`: it was set, not defaulted. */
export function flagFrom(env: NodeJS.ProcessEnv, name: string, fallback: boolean): { value: boolean; explicit: boolean } {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return { value: fallback, explicit: false };
  if (['1', 'true', 'yes', 'on'].includes(raw)) return { value: true, explicit: true };
  if (['0', 'false', 'no', 'off'].includes(raw)) return { value: false, explicit: true };
  throw new Error(`${name} must be 1 or 0, got "${env[name]}"`);
}

/** A whole number from 1 up; `what` names it in the error ("whole number", "number of milliseconds"). */
export function positiveIntegerFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, what = 'whole number'): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive ${what}, got "${raw}"`);
  return n;
}

/** A TCP port (0 lets the system choose). */
export function portFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
  return n;
}
