/**
 * Slot computation figures. Prints; never asserts on time.
 *
 *   npx tsx tests/bench/slots.bench.ts
 *
 * (a) 1 instructor × 90 days × 300 busy blocks, Mon–Fri 08:00–12:00 and 13:00–19:00, a few
 *     overrides, a DST switch inside the range;
 * (b) 50 instructors × 30 days (three zones, ~60 busy blocks each).
 * Each is timed warm (the zone-offset memo filled, as in a running server) and cold (memo
 * cleared before every call), and against a naive baseline kept in this file: Luxon
 * DateTimes stepped through each local day, every candidate checked against every busy
 * block. The bench also checks that the baseline and the engine return the same slots.
 */
import os from 'node:os';
import { DateTime } from 'luxon';
import {
  computeSlots,
  computeSlotsForInstructors,
  type InstructorCalendar,
  type Interval,
  type Slot,
  type SlotQuery,
  type SlotSettings,
  type WeeklyRule,
} from '../../server/modules/availability/domain/index.ts';
import { clearZoneMemo } from '../../server/modules/availability/domain/zone-offsets.ts';
import { prng } from '../support/random.ts';

// ---------------------------------------------------------------- fixtures


const MIN = 60_000;
const DAY = 86_400_000;

const settings: SlotSettings = { sessionLengthMin: 60, bufferBeforeMin: 10, bufferAfterMin: 10, minNoticeMin: 120, horizonDays: 120, stepMin: 15 };

function weekdays(start: string, end: string): WeeklyRule[] {
  return ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start, end }));
}

function busyBlocks(rnd: () => number, from: number, days: number, count: number): Interval[] {
  return Array.from({ length: count }, () => {
    const start = from + Math.floor(rnd() * days * 24 * 4) * 15 * MIN;
    return { start, end: start + (1 + Math.floor(rnd() * 8)) * 15 * MIN };
  });
}

// (a): 2026-03-02 … 2026-05-30 (Zurich switches on 2026-03-29)
const nowA = DateTime.fromISO('2026-03-01T20:00', { zone: 'Europe/Zurich' }).toMillis();
const calendarA: InstructorCalendar = {
  instructorId: 'ins-a',
  timezone: 'Europe/Zurich',
  rules: [...weekdays('08:00', '12:00'), ...weekdays('13:00', '19:00')],
  overrides: [
    { date: '2026-04-03', kind: 'closed', intervals: [] },
    { date: '2026-04-06', kind: 'closed', intervals: [] },
    { date: '2026-04-15', kind: 'replace', intervals: [{ start: '10:00', end: '14:00' }] },
    { date: '2026-04-18', kind: 'extra', intervals: [{ start: '09:00', end: '12:00' }] },
    { date: '2026-05-14', kind: 'closed', intervals: [] },
  ],
  busy: busyBlocks(prng(1).next, nowA, 90, 300),
};
const queryA: SlotQuery = { from: '2026-03-02', to: '2026-05-30', customerZone: 'Europe/Zurich', now: nowA };

// (b): 50 instructors, 2026-06-01 … 2026-06-30, customer in Zurich
const nowB = DateTime.fromISO('2026-05-31T20:00', { zone: 'Europe/Zurich' }).toMillis();
const rndB = prng(2).next;
const zonesB = ['Europe/Zurich', 'Europe/Zurich', 'Europe/Zurich', 'Europe/Berlin', 'Europe/London'];
const calendarsB: InstructorCalendar[] = Array.from({ length: 50 }, (_, i) => {
  const open = 7 + (i % 4);
  return {
    instructorId: `ins-${String(i).padStart(2, '0')}`,
    timezone: zonesB[i % zonesB.length]!,
    rules: [...weekdays(`${String(open).padStart(2, '0')}:00`, '12:00'), ...weekdays('13:30', `${17 + (i % 3)}:00`), { weekday: 6, start: '09:00', end: '13:00' }],
    overrides: [{ date: `2026-06-${String(10 + (i % 15)).padStart(2, '0')}`, kind: 'closed', intervals: [] }],
    busy: busyBlocks(rndB, nowB, 30, 60),
  };
});
const queryB: SlotQuery = { from: '2026-06-01', to: '2026-06-30', customerZone: 'Europe/Zurich', now: nowB };

// ---------------------------------------------------------------- naive baseline

/** Straightforward Luxon version: DateTime per candidate, every busy block per candidate. */
function naiveSlots(cal: InstructorCalendar, s: SlotSettings, q: SlotQuery): Slot[] {
  const out: Slot[] = [];
  const zone = cal.timezone;
  const now = DateTime.fromMillis(q.now, { zone });
  const earliest = now.plus({ minutes: s.minNoticeMin });
  const horizonEnd = DateTime.fromMillis(q.now + s.horizonDays * DAY, { zone }); // horizon = days × 24 h
  const busy = cal.busy.map((b) => ({ start: DateTime.fromMillis(b.start, { zone }), end: DateTime.fromMillis(b.end, { zone }) }));
  const first = DateTime.fromISO(q.from, { zone: q.customerZone }).setZone(zone).startOf('day').minus({ days: 1 });
  const last = DateTime.fromISO(q.to, { zone: q.customerZone }).setZone(zone).startOf('day').plus({ days: 1 });
  for (let day = first; day <= last; day = day.plus({ days: 1 })) {
    const date = day.toISODate()!;
    const overrides = cal.overrides.filter((o) => o.date === date);
    if (overrides.some((o) => o.kind === 'closed')) continue;
    const replace = overrides.filter((o) => o.kind === 'replace');
    let ranges: { start: string; end: string }[] = replace.length
      ? replace.flatMap((o) => o.intervals)
      : cal.rules.filter((r) => r.weekday === day.weekday && (!r.validFrom || r.validFrom <= date) && (!r.validUntil || r.validUntil >= date));
    ranges = [...ranges, ...overrides.filter((o) => o.kind === 'extra').flatMap((o) => o.intervals)];
    const toDt = (hhmm: string) => {
      const [h, m] = hhmm.split(':').map(Number);
      return day.set({ hour: 0, minute: 0 }).plus({ hours: h!, minutes: m! });
    };
    const intervals = ranges.map((r) => ({ start: toDt(r.start), end: toDt(r.end) })).sort((a, b) => a.start.toMillis() - b.start.toMillis());
    const merged: { start: DateTime; end: DateTime }[] = [];
    for (const iv of intervals) {
      const prev = merged[merged.length - 1];
      if (prev && iv.start <= prev.end) {
        if (iv.end > prev.end) prev.end = iv.end;
      } else merged.push({ ...iv });
    }
    for (const iv of merged) {
      for (let t = iv.start; t.plus({ minutes: s.sessionLengthMin }) <= iv.end; t = t.plus({ minutes: s.stepMin })) {
        if (t < earliest || t >= horizonEnd) continue;
        const customerDate = t.setZone(q.customerZone).toISODate()!;
        if (customerDate < q.from || customerDate > q.to) continue;
        const winStart = t.minus({ minutes: s.bufferBeforeMin });
        const winEnd = t.plus({ minutes: s.sessionLengthMin + s.bufferAfterMin });
        if (busy.some((b) => b.start < winEnd && winStart < b.end)) continue;
        out.push({ start: t.toMillis(), end: t.plus({ minutes: s.sessionLengthMin }).toMillis(), instructorId: cal.instructorId });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function naiveForInstructors(cals: InstructorCalendar[], s: SlotSettings, q: SlotQuery): Slot[] {
  return cals.flatMap((c) => naiveSlots(c, s, q)).sort((a, b) => a.start - b.start || (a.instructorId < b.instructorId ? -1 : 1));
}

// ---------------------------------------------------------------- timing

interface Stats {
  mean: number;
  median: number;
  p95: number;
  runs: number;
}

function time(fn: () => unknown, runs: number, warmup: number, before?: () => void): Stats {
  for (let i = 0; i < warmup; i++) {
    before?.();
    fn();
  }
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    before?.();
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { mean: samples.reduce((x, y) => x + y, 0) / samples.length, median: at(0.5), p95: at(0.95), runs };
}

const ms = (x: number) => `${x.toFixed(3)} ms`;
const row = (label: string, st: Stats) =>
  `| ${label} | ${ms(st.mean)} | ${ms(st.median)} | ${ms(st.p95)} | ${st.runs} |`;

function same(a: Slot[], b: Slot[]): boolean {
  return a.length === b.length && a.every((x, i) => x.start === b[i]!.start && x.end === b[i]!.end && x.instructorId === b[i]!.instructorId);
}

const slotsA = computeSlots(calendarA, settings, queryA);
const slotsB = computeSlotsForInstructors(calendarsB, settings, queryB);
const okA = same(slotsA, naiveSlots(calendarA, settings, queryA));
const okB = same(slotsB, naiveForInstructors(calendarsB, settings, queryB));

const aWarm = time(() => computeSlots(calendarA, settings, queryA), 2000, 300);
const aCold = time(() => computeSlots(calendarA, settings, queryA), 300, 50, clearZoneMemo);
const aNaive = time(() => naiveSlots(calendarA, settings, queryA), 20, 3);
const bWarm = time(() => computeSlotsForInstructors(calendarsB, settings, queryB), 300, 30);
const bCold = time(() => computeSlotsForInstructors(calendarsB, settings, queryB), 100, 10, clearZoneMemo);
const bNaive = time(() => naiveForInstructors(calendarsB, settings, queryB), 5, 1);

const cpus = os.cpus();
console.log(`machine: ${cpus.length} cores (${cpus[0]?.model ?? 'unknown'}), Node ${process.version}, ${os.platform()} ${os.arch()}`);
console.log(`(a) 1 instructor × 90 days × ${calendarA.busy.length} busy blocks, step ${settings.stepMin} min: ${slotsA.length} slots; same as baseline: ${okA ? 'yes' : 'NO'}`);
console.log(`(b) ${calendarsB.length} instructors × 30 days: ${slotsB.length} slots; same as baseline: ${okB ? 'yes' : 'NO'}`);
console.log('');
console.log('| case | mean | median | p95 | runs |');
console.log('|---|---|---|---|---|');
console.log(row('(a) engine, warm', aWarm));
console.log(row('(a) engine, cold offset memo', aCold));
console.log(row('(a) naive Luxon baseline', aNaive));
console.log(row('(b) engine, warm', bWarm));
console.log(row('(b) engine, cold offset memo', bCold));
console.log(row('(b) naive Luxon baseline', bNaive));
console.log('');
console.log(`speed-up over the baseline (median): (a) ×${(aNaive.median / aWarm.median).toFixed(0)} warm, ×${(aNaive.median / aCold.median).toFixed(0)} cold; (b) ×${(bNaive.median / bWarm.median).toFixed(0)} warm, ×${(bNaive.median / bCold.median).toFixed(0)} cold`);
if (!okA || !okB) process.exitCode = 1;
