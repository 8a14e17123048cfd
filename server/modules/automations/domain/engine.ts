/**
 * The pure rules of automations: which trigger a run has (its key, so it runs once), when it is
 * due, whether its conditions hold, when a failed action is tried again, which session or
 * milestone times a sweep has passed, and which segment members are new. No clock, no I/O.
 */
import { inQuietHours, outsideQuietHours } from '../../notifications/domain/index.ts';
import type { Lang } from '../../../../shared/format.ts';

const MINUTE_MS = 60_000;

export type Anchor = 'session_start' | 'session_end' | 'milestone_due';
export type Trigger =
  | { kind: 'event'; event: string }
  | { kind: 'segment_entered'; segment_id: string }
  | { kind: 'session_time'; anchor: Anchor; offset_minutes: number };
export interface Conditions { program_ids?: string[]; variant_ids?: string[]; segment_id?: string }
export type PerLang = { en: string; de?: string; fr?: string; it?: string };
export type Action =
  | { type: 'send_mail'; marketing: boolean; subject: PerLang; body_md: PerLang }
  | { type: 'add_tag'; tag: string }
  | { type: 'grant_coupon'; percent_off: number; valid_days: number }
  | { type: 'grant_credits'; credits: number }
  | { type: 'call_webhook'; endpoint_id: string };

/** The public event an `event` trigger listens to (indexed beside the trigger), else null. */
export const triggerEventOf = (t: Trigger): string | null => (t.kind === 'event' ? t.event : null);

/** Triggers found by the schedule (not by an event in a transaction). */
export const isSwept = (t: Trigger): boolean => t.kind !== 'event';

/** When a run triggered at `at` is due: after the automation's delay. */
export const runDueAt = (at: number, delayMinutes: number): number => at + delayMinutes * MINUTE_MS;

/** The keys that make a run once per trigger. */
export const triggerKeys = {
  event: (messageId: string) => `event:${messageId}`,
  segment: (segmentId: string, customerId: string) => `segment:${segmentId}:${customerId}`,
  /** The anchor's own time is in the key: a moved session has another time, and triggers again. */
  time: (anchor: Anchor, subjectId: string, anchorAt: string) => `${anchor}:${subjectId}:${anchorAt}`,
};

/** What conditions are checked against when the run starts. `inSegment` is null when no segment is asked. */
export interface RunFacts { programId: string | null; variantId: string | null; inSegment: boolean | null }

export type ConditionOutcome = { ok: true } | { ok: false; reason: 'program' | 'variant' | 'segment' };

/** Whether every given condition holds; the first that does not is the reason the run is skipped. */
export function checkConditions(c: Conditions, facts: RunFacts): ConditionOutcome {
  if (c.program_ids?.length && (facts.programId === null || !c.program_ids.includes(facts.programId))) return { ok: false, reason: 'program' };
  if (c.variant_ids?.length && (facts.variantId === null || !c.variant_ids.includes(facts.variantId))) return { ok: false, reason: 'variant' };
  if (c.segment_id && facts.inSegment !== true) return { ok: false, reason: 'segment' };
  return { ok: true };
}

/** The wait after the n-th failed attempt of an action (n = 1, 2, …): six attempts over about seven hours. */
export const ACTION_RETRY_DELAYS_MS = [30_000, 2 * MINUTE_MS, 10 * MINUTE_MS, 60 * MINUTE_MS, 6 * 60 * MINUTE_MS];

/** When to try a failed action again after `attempts` failed attempts, or null: it has failed for good. */
export function nextActionAttempt(attempts: number, now: number): number | null {
  const wait = ACTION_RETRY_DELAYS_MS[attempts - 1];
  return wait === undefined ? null : now + wait;
}

/** How often the schedule looks for session/milestone times and new segment members (events also ask for a sweep at once). */
export const SWEEP_EVERY_MS = 5 * MINUTE_MS;

/**
 * How far ahead a sweep plans session/milestone runs, at their own instants: beyond the next sweep,
 * with a minute to spare for a busy queue, so a known time fires on time rather than at the sweep after it.
 */
export const SWEEP_AHEAD_MS = SWEEP_EVERY_MS + MINUTE_MS;

const ANCHORS: readonly string[] = ['session_start', 'session_end', 'milestone_due'] satisfies Anchor[];

/** The anchor a run planned by the schedule waits for (its trigger, subject and time), else null. */
export function plannedAnchorOf(context: Record<string, unknown>): { anchor: Anchor; subjectId: string; at: Date } | null {
  const { trigger, subject_id: subjectId, anchor_at: at } = context;
  if (typeof trigger !== 'string' || !ANCHORS.includes(trigger) || typeof subjectId !== 'string' || typeof at !== 'string') return null;
  return { anchor: trigger as Anchor, subjectId, at: new Date(at) };
}

/** A time a sweep may find: a session's start or end, or a milestone's due date, of one booking. */
export interface AnchorTime { subjectId: string; bookingId: string; customerId: string; at: number }

/**
 * The anchors whose time plus `offsetMinutes` falls in the sweep's window (from, to]: each such
 * instant is seen by exactly one sweep, whatever the windows are, as long as they follow each other.
 */
export function passedAnchors(anchors: AnchorTime[], offsetMinutes: number, from: number, to: number): (AnchorTime & { fireAt: number })[] {
  return anchors.map((a) => ({ ...a, fireAt: a.at + offsetMinutes * MINUTE_MS })).filter((a) => a.fireAt > from && a.fireAt <= to);
}

/** Segment members not seen before (in the order given). */
export function newMembers(members: string[], seen: ReadonlySet<string>): string[] {
  return [...new Set(members)].filter((m) => !seen.has(m));
}

/** A mail action's words in a language: that language's, else English. */
export function mailTextOf(a: Extract<Action, { type: 'send_mail' }>, lang: Lang): { subject: string; bodyMd: string } {
  const pick = (p: PerLang) => (p[lang]?.trim() ? p[lang]! : p.en);
  return { subject: pick(a.subject), bodyMd: pick(a.body_md) };
}

/** The variables a mail action may name (`{{coupon_code}}`, …): what earlier actions of the same run granted. */
export type MailVariables = Partial<Record<'coupon_code' | 'coupon_valid_until', string>>;

/** Which action gives each variable a mail may name. */
const GIVEN_BY: Record<keyof MailVariables, Action['type']> = { coupon_code: 'grant_coupon', coupon_valid_until: 'grant_coupon' };

const VARIABLE = /\{\{\s*([a-z_]+)\s*\}\}/g;

/**
 * The mail actions' `{{variable}}`s that no earlier action of the automation gives (a
 * `{{coupon_code}}` with no "grant coupon" before it), each with the field that names it
 * (`actions.1.body_md.de`). Such a mail could never go out: saving the automation refuses it.
 */
export function ungrantedMailVariables(actions: readonly Action[]): { field: string; variable: string; givenBy: Action['type'] | null }[] {
  const found: { field: string; variable: string; givenBy: Action['type'] | null }[] = [];
  const earlier = new Set<Action['type']>();
  for (const [i, a] of actions.entries()) {
    if (a.type === 'send_mail') {
      for (const part of ['subject', 'body_md'] as const) {
        for (const [lang, text] of Object.entries(a[part])) {
          for (const name of new Set([...(text ?? '').matchAll(VARIABLE)].map((m) => m[1]!))) {
            const givenBy = (GIVEN_BY as Record<string, Action['type'] | undefined>)[name] ?? null;
            if (!givenBy || !earlier.has(givenBy)) found.push({ field: `actions.${i}.${part}.${lang}`, variable: name, givenBy });
          }
        }
      }
    }
    earlier.add(a.type);
  }
  return found;
}

/**
 * The mail's words with its `{{variable}}`s filled in. A variable named that no earlier action
 * gave is reported (the mail must not go out with a hole where the code should be).
 */
export function fillMailVariables(text: string, vars: MailVariables): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const filled = text.replace(VARIABLE, (whole, name: string) => {
    const value = (vars as Record<string, string | undefined>)[name];
    if (value === undefined) { missing.add(name); return whole; }
    return value;
  });
  return { text: filled, missing: [...missing] };
}

/** When an automation's mail may go out (the reminders' quiet hours in the customer's zone): now, or the quiet hours' end. */
export function mailSendAt(now: number, zone: string): number {
  return inQuietHours(now, zone) ? outsideQuietHours(now, zone) : now;
}
