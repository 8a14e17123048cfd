/**
 * Operations on half-open epoch-ms intervals.
 *
 * `mergeIntervals` accepts any order and returns a normalised list: sorted by start,
 * disjoint, non-adjacent (touching intervals are joined), no empty intervals.
 * `subtractIntervals` and `intersectIntervals` take normalised lists and return one; they
 * walk both lists once (O(n + m)).
 */
import type { Interval } from './types.ts';

export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const list = intervals.filter((i) => i.end > i.start);
  if (list.length === 0) return [];
  let sorted = true;
  for (let i = 1; i < list.length; i++) {
    if (list[i]!.start < list[i - 1]!.start) {
      sorted = false;
      break;
    }
  }
  if (!sorted) list.sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  let cur = { start: list[0]!.start, end: list[0]!.end };
  for (let i = 1; i < list.length; i++) {
    const next = list[i]!;
    if (next.start <= cur.end) {
      if (next.end > cur.end) cur.end = next.end;
    } else {
      out.push(cur);
      cur = { start: next.start, end: next.end };
    }
  }
  out.push(cur);
  return out;
}

/** `a` minus `b`; both normalised. */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const x of a) {
    let start = x.start;
    while (j < b.length && b[j]!.end <= start) j++;
    let k = j;
    while (k < b.length && b[k]!.start < x.end) {
      const cut = b[k]!;
      if (cut.start > start) out.push({ start, end: cut.start });
      if (cut.end > start) start = cut.end;
      if (start >= x.end) break;
      k++;
    }
    if (start < x.end) out.push({ start, end: x.end });
  }
  return out;
}

/** `a` ∩ `b`; both normalised. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const start = x.start > y.start ? x.start : y.start;
    const end = x.end < y.end ? x.end : y.end;
    if (start < end) out.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

/** True when `[start, end)` overlaps some interval of the normalised list (binary search). */
export function overlapsAny(list: readonly Interval[], start: number, end: number): boolean {
  let lo = 0;
  let hi = list.length;
  // first interval whose end > start
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length && list[lo]!.start < end;
}
