/**
 * Weekly rules and date overrides of one instructor → open time as epoch-ms intervals.
 *
 * Each local date is expanded on its own, in integer wall-clock minutes: the day's rule (or
 * override) intervals are merged, then each merged "day interval" is mapped to instants
 * through the zone's offset table. The mapping is by set: an instant is open when its wall
 * clock reads inside the day interval. Hence across DST:
 * - a 09:00–12:00 rule is 09:00–12:00 local on both sides of a switch;
 * - a wall time that does not exist (02:30 on a spring-forward day) opens nothing, so a rule
 *   01:00–04:00 on that day is 2 real hours;
 * - a wall time that happens twice (fall-back) is open both times, so a rule 01:00–04:00 on
 *   that day is 4 real hours.
 *
 * Each day interval keeps its wall-clock start as the anchor of its start-time grid
 * (slots.ts). Day intervals of consecutive days that touch (…–24:00 then 00:00–…) merge
 * into one open interval, so a session may run over midnight.
 */
import { mergeIntervals } from './intervals.ts';
import type { DateOverride, InstructorCalendar, Interval, WeeklyRule } from './types.ts';
import { AvailabilityInputError } from './types.ts';
import { DAY_MS, MINUTE_MS, isoWeekday, parseClock, parseDay } from './wall-clock.ts';
import { offsetTable, wallRangeToInstants, type OffsetTable } from './zone-offsets.ts';

/** Minutes after local midnight, [start, end). */
type MinuteRange = [number, number];

interface ParsedRule {
  start: number;
  end: number;
  fromDay: number;
  untilDay: number;
}

interface ParsedOverride {
  closed: boolean;
  replace: MinuteRange[] | null;
  extra: MinuteRange[];
}

export interface ParsedCalendar {
  /** Index 1 … 7 (ISO weekday); index 0 unused. */
  byWeekday: ParsedRule[][];
  overrides: Map<number, ParsedOverride>;
}

/** Open instants of one day interval that share one UTC offset. */
export interface OpenPiece {
  start: number;
  end: number;
  offsetMs: number;
  /** Wall-clock ms of the day interval's start: start times lie on anchorWall + k × step. */
  anchorWall: number;
}

function parseRange(start: string, end: string, label: string): MinuteRange {
  const s = parseClock(start, `${label} start`);
  const e = parseClock(end, `${label} end`);
  if (e <= s) {
    throw new AvailabilityInputError(`${label} must end after it starts (${start}–${end}); split overnight hours over two days`);
  }
  return [s, e];
}

function parseRule(rule: WeeklyRule, i: number): ParsedRule {
  const label = `rules[${i}]`;
  if (!Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7) {
    throw new AvailabilityInputError(`${label}.weekday must be 1 (Monday) … 7 (Sunday), got ${String(rule.weekday)}`);
  }
  const [start, end] = parseRange(rule.start, rule.end, label);
  const fromDay = rule.validFrom === undefined ? -Infinity : parseDay(rule.validFrom, `${label}.validFrom`);
  const untilDay = rule.validUntil === undefined ? Infinity : parseDay(rule.validUntil, `${label}.validUntil`);
  return { start, end, fromDay, untilDay };
}

function parseOverride(o: DateOverride, i: number, into: Map<number, ParsedOverride>): void {
  const label = `overrides[${i}]`;
  const day = parseDay(o.date, `${label}.date`);
  if (o.kind !== 'closed' && o.kind !== 'replace' && o.kind !== 'extra') {
    throw new AvailabilityInputError(`${label}.kind must be closed, replace or extra, got ${JSON.stringify(o.kind)}`);
  }
  const ranges = (o.intervals ?? []).map((r, j) => parseRange(r.start, r.end, `${label}.intervals[${j}]`));
  let entry = into.get(day);
  if (!entry) {
    entry = { closed: false, replace: null, extra: [] };
    into.set(day, entry);
  }
  if (o.kind === 'closed') entry.closed = true;
  else if (o.kind === 'replace') entry.replace = [...(entry.replace ?? []), ...ranges];
  else entry.extra.push(...ranges);
}

/** Validates and indexes a calendar's rules and overrides. Throws AvailabilityInputError. */
export function parseCalendar(calendar: Pick<InstructorCalendar, 'rules' | 'overrides'>): ParsedCalendar {
  const byWeekday: ParsedRule[][] = [[], [], [], [], [], [], [], []];
  calendar.rules.forEach((rule, i) => {
    const parsedRule = parseRule(rule, i); // validates the weekday first
    byWeekday[rule.weekday]!.push(parsedRule);
  });
  const overrides = new Map<number, ParsedOverride>();
  calendar.overrides.forEach((o, i) => parseOverride(o, i, overrides));
  return { byWeekday, overrides };
}

function mergeMinutes(ranges: MinuteRange[]): MinuteRange[] {
  if (ranges.length <= 1) return ranges;
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: MinuteRange[] = [[sorted[0]![0], sorted[0]![1]]];
  for (let i = 1; i < sorted.length; i++) {
    const cur = out[out.length - 1]!;
    const [s, e] = sorted[i]!;
    if (s <= cur[1]) cur[1] = Math.max(cur[1], e);
    else out.push([s, e]);
  }
  return out;
}

/**
 * The open minutes of one local date, merged. Precedence on a date: `closed` wins over
 * everything (extras included); else `replace` intervals (all of them, if several) stand
 * in for the weekly rules; `extra` intervals are added to whichever applies.
 */
export function dayMinutes(parsed: ParsedCalendar, day: number): MinuteRange[] {
  const override = parsed.overrides.get(day);
  if (override?.closed) return [];
  let ranges: MinuteRange[];
  if (override?.replace) {
    ranges = [...override.replace];
  } else {
    ranges = [];
    for (const r of parsed.byWeekday[isoWeekday(day)]!) {
      if (day >= r.fromDay && day <= r.untilDay) ranges.push([r.start, r.end]);
    }
  }
  if (override) ranges.push(...override.extra);
  return mergeMinutes(ranges);
}

/**
 * Open pieces for local dates fromDay … toDay (day numbers, inclusive), sorted by start and
 * disjoint. `table` must cover those dates widened by a day on each side.
 */
export function expandPieces(parsed: ParsedCalendar, table: OffsetTable, fromDay: number, toDay: number): OpenPiece[] {
  const out: OpenPiece[] = [];
  let sorted = true;
  for (let day = fromDay; day <= toDay; day++) {
    const base = day * DAY_MS;
    for (const [s, e] of dayMinutes(parsed, day)) {
      const anchorWall = base + s * MINUTE_MS;
      for (const p of wallRangeToInstants(table, anchorWall, base + e * MINUTE_MS)) {
        const prev = out[out.length - 1];
        if (prev && p.start < prev.start) sorted = false;
        out.push({ start: p.start, end: p.end, offsetMs: p.offsetMs, anchorWall });
      }
    }
  }
  // Only a fall-back switch inside open hours can interleave pieces of different intervals.
  if (!sorted) out.sort((a, b) => a.start - b.start);
  return out;
}

/**
 * Public helper: the instructor's open time for the local dates [from, to] (inclusive,
 * 'YYYY-MM-DD' in the instructor's zone), merged, in epoch ms. Busy time is not removed.
 */
export function expandRules(calendar: Pick<InstructorCalendar, 'timezone' | 'rules' | 'overrides'>, from: string, to: string): Interval[] {
  const fromDay = parseDay(from, 'from');
  const toDay = parseDay(to, 'to');
  if (toDay < fromDay) return [];
  const parsed = parseCalendar(calendar);
  const table = offsetTable(calendar.timezone, (fromDay - 2) * DAY_MS, (toDay + 3) * DAY_MS);
  return mergeIntervals(expandPieces(parsed, table, fromDay, toDay));
}
