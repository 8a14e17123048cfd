/**
 * When a wanted start is taken: the free slots closest to it.
 */
import type { EpochMs, Slot } from './types.ts';

function isSorted(slots: readonly Slot[]): boolean {
  for (let i = 1; i < slots.length; i++) if (slots[i]!.start < slots[i - 1]!.start) return false;
  return true;
}

/**
 * Up to `n` slots of `free`, closest first by |start − wanted|; on equal distance the earlier
 * start first, then by instructorId. Slots farther than `maxDistanceMs` (inclusive bound)
 * are left out. `free` is usually computeSlots' sorted output (then O(log N + n)).
 */
export function nearestFreeAlternatives(wanted: EpochMs, free: Slot[], n: number, maxDistanceMs: number = Infinity): Slot[] {
  n = Math.floor(n);
  if (!(n > 0) || free.length === 0) return [];
  const slots = isSorted(free) ? free : [...free].sort((a, b) => a.start - b.start);
  // first index with start >= wanted
  let lo = 0;
  let hi = slots.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (slots[mid]!.start < wanted) lo = mid + 1;
    else hi = mid;
  }
  let left = lo - 1; // walks down: starts < wanted
  let right = lo; // walks up: starts >= wanted
  const out: Slot[] = [];
  while (out.length < n) {
    const l = left >= 0 ? slots[left]! : undefined;
    const r = right < slots.length ? slots[right]! : undefined;
    const dl = l ? wanted - l.start : Infinity;
    const dr = r ? r.start - wanted : Infinity;
    if (dl === Infinity && dr === Infinity) break;
    // equal distance: the earlier start (the left one) first
    const takeLeft = dl <= dr;
    const d = takeLeft ? dl : dr;
    if (d > maxDistanceMs) break;
    if (takeLeft) {
      // several slots (instructors) can share a start: emit them in instructorId order
      let first = left;
      while (first > 0 && slots[first - 1]!.start === l!.start) first--;
      pushGroup(slots, first, left, out, n);
      left = first - 1;
    } else {
      let last = right;
      while (last + 1 < slots.length && slots[last + 1]!.start === r!.start) last++;
      pushGroup(slots, right, last, out, n);
      right = last + 1;
    }
  }
  return out;
}

function pushGroup(slots: readonly Slot[], from: number, to: number, out: Slot[], n: number): void {
  const group = slots.slice(from, to + 1);
  if (group.length > 1) group.sort((a, b) => (a.instructorId < b.instructorId ? -1 : a.instructorId > b.instructorId ? 1 : 0));
  for (const s of group) {
    if (out.length >= n) return;
    out.push(s);
  }
}
