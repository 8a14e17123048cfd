/**
 * The engine's one door to the time-zone database (shared/zone.ts's `offsetAt`, the same
 * Intl reading the widget uses): a zone's UTC offsets over
 * a span of instants, as a short list of constant-offset segments. Everything after this is
 * integer arithmetic: wall = instant + offset.
 *
 * How segments are found: the offset is sampled every 24 h and, where two samples differ,
 * the transition is located by bisection to the second. This assumes a zone never changes
 * its offset twice within 24 h and back again (true of every rule in the tz database).
 *
 * Samples are memoised per zone in 16-day blocks aligned on the epoch. The tz data cannot
 * change inside a running process, so the memo keeps the functions pure; it is bounded and
 * simply cleared when full.
 */
import { offsetAt as intlOffsetAt } from '../../../../shared/zone.ts';
import { AvailabilityInputError } from './types.ts';
import { DAY_MS } from './wall-clock.ts';

export interface OffsetSegment {
  /** First instant with this offset (inclusive). */
  start: number;
  /** First instant after it (exclusive). */
  end: number;
  /** wall − instant, in milliseconds. */
  offsetMs: number;
}

export interface OffsetTable {
  zone: string;
  /** Contiguous, sorted, covering at least the span asked for. */
  segments: OffsetSegment[];
}

/** A part of a wall-clock range that exists in the zone, as instants with one offset. */
export interface WallPiece {
  start: number;
  end: number;
  offsetMs: number;
}

const BLOCK_DAYS = 16;
const BLOCK_MS = BLOCK_DAYS * DAY_MS;
const MAX_MEMO_BLOCKS = 20_000;
const memo = new Map<string, OffsetSegment[]>();
const knownZones = new Set<string>();

/** The zone's name once the runtime has been seen to know it. */
function zoneOf(name: string): string {
  if (knownZones.has(name)) return name;
  try {
    if (typeof name !== 'string' || name === '') throw new RangeError('not a zone name');
    intlOffsetAt(0, name); // Intl throws a RangeError for a zone it does not know
  } catch {
    throw new AvailabilityInputError(`unknown time zone ${JSON.stringify(name)}`);
  }
  knownZones.add(name);
  return name;
}

/** Throws AvailabilityInputError unless `name` is an IANA zone known to this runtime. */
export function assertZone(name: string): void {
  zoneOf(name);
}

/** Offset in ms at one instant, straight from the tz database. */
function rawOffsetMs(zone: string, t: number): number {
  return intlOffsetAt(t, zone);
}

/** Segments inside [lo, hi) where the offset at lo is `a` and at hi is `b`. */
function findTransitions(zone: string, lo: number, a: number, hi: number, b: number, out: number[][]): void {
  // invariant: offset(lo) = a, offset(hi) = b, a !== b; find the first second where it is not a
  let left = lo;
  let right = hi;
  while (right - left > 1000) {
    const mid = left + Math.floor((right - left) / 2000) * 1000;
    if (mid <= left) break;
    if (rawOffsetMs(zone, mid) === a) left = mid;
    else right = mid;
  }
  const after = rawOffsetMs(zone, right);
  out.push([right, after]);
  if (after !== b && right < hi) findTransitions(zone, right, after, hi, b, out);
}

function blockSegments(name: string, zone: string, block: number): OffsetSegment[] {
  const key = `${name}|${block}`;
  const cached = memo.get(key);
  if (cached) return cached;
  const start = block * BLOCK_MS;
  const end = start + BLOCK_MS;
  const changes: number[][] = [[start, rawOffsetMs(zone, start)]];
  let prevT = start;
  let prevO = changes[0]![1]!;
  for (let d = 1; d <= BLOCK_DAYS; d++) {
    const t = start + d * DAY_MS;
    const o = rawOffsetMs(zone, t);
    if (o !== prevO) findTransitions(zone, prevT, prevO, t, o, changes);
    prevT = t;
    prevO = o;
  }
  const segments: OffsetSegment[] = [];
  for (let i = 0; i < changes.length; i++) {
    const [s, o] = changes[i]!;
    const e = i + 1 < changes.length ? changes[i + 1]![0]! : end;
    if (e > s!) segments.push({ start: s!, end: e, offsetMs: o! });
  }
  if (memo.size >= MAX_MEMO_BLOCKS) memo.clear();
  memo.set(key, segments);
  return segments;
}

/** The zone's offsets over at least [from, to). Throws AvailabilityInputError on an unknown zone. */
export function offsetTable(zoneName: string, from: number, to: number): OffsetTable {
  const zone = zoneOf(zoneName);
  const first = Math.floor(from / BLOCK_MS);
  const last = Math.floor((to - 1) / BLOCK_MS);
  const segments: OffsetSegment[] = [];
  for (let b = first; b <= last; b++) {
    for (const seg of blockSegments(zoneName, zone, b)) {
      const prev = segments[segments.length - 1];
      if (prev && prev.offsetMs === seg.offsetMs && prev.end === seg.start) {
        segments[segments.length - 1] = { start: prev.start, end: seg.end, offsetMs: prev.offsetMs };
      } else {
        segments.push(seg);
      }
    }
  }
  return { zone: zoneName, segments };
}

/** Offset at instant t; t must lie inside the table (falls back to the tz database if not). */
export function offsetAt(table: OffsetTable, t: number): number {
  const segs = table.segments;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    if (t < s.end) return t >= s.start ? s.offsetMs : rawOffsetMs(zoneOf(table.zone), t);
  }
  return rawOffsetMs(zoneOf(table.zone), t);
}

/** Wall-clock milliseconds of instant t. */
export function wallOf(table: OffsetTable, t: number): number {
  return t + offsetAt(table, t);
}

/**
 * The instants whose wall-clock time lies in [wallStart, wallEnd), as pieces of constant
 * offset, sorted. Wall times skipped by a spring-forward switch yield nothing; wall times
 * repeated by a fall-back switch yield both occurrences. The table must cover the range
 * widened by a day on each side.
 */
export function wallRangeToInstants(table: OffsetTable, wallStart: number, wallEnd: number): WallPiece[] {
  const out: WallPiece[] = [];
  for (const seg of table.segments) {
    const lo = Math.max(wallStart - seg.offsetMs, seg.start);
    const hi = Math.min(wallEnd - seg.offsetMs, seg.end);
    if (lo < hi) out.push({ start: lo, end: hi, offsetMs: seg.offsetMs });
  }
  return out;
}

/**
 * One wall-clock time → one instant. Repeated (fall-back) times give the earlier instant;
 * skipped (spring-forward) times are moved forward by the size of the gap, the way a clock
 * that was not changed would read (02:30 on the Zurich spring day → 03:30 CEST).
 */
export function wallToInstant(table: OffsetTable, wall: number): number {
  const segs = table.segments;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    const t = wall - s.offsetMs;
    if (t >= s.start && t < s.end) return t;
    const next = segs[i + 1];
    if (t >= s.end && next && wall - next.offsetMs < next.start) return t; // in the gap after s
  }
  // outside the table: ask the tz database directly
  const zone = zoneOf(table.zone);
  const guess = wall - rawOffsetMs(zone, wall);
  return wall - rawOffsetMs(zone, guess);
}

/** Forgets the memoised samples (benchmarks use it to measure cold calls). */
export function clearZoneMemo(): void {
  memo.clear();
}
