/**
 * Payroll periods as local calendar dates (`YYYY-MM-DD`, both ends inclusive) in the studio's
 * zone. Dates, not instants: a period ends at the local midnight whatever the offset, so DST
 * changes move nothing (the caller turns an instant into the local date with `dateOfInstant`).
 */
import { addDays, dateToUtcNoon, lastOfMonth, monthOf } from '../../../../shared/dates.ts';
import { DAY_MS } from '../../../../shared/zone.ts';

export type PeriodKind = 'monthly' | 'semi_monthly' | 'biweekly';
export const PERIOD_KINDS: readonly PeriodKind[] = ['monthly', 'semi_monthly', 'biweekly'];

export interface PeriodSchedule {
  readonly kind: PeriodKind;
  /** For `biweekly`: the first day of one period; the others are 14 days apart, both ways. */
  readonly anchorOn?: string | null | undefined;
}

export interface DateRange { readonly startsOn: string; readonly endsOn: string }

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((dateToUtcNoon(b) - dateToUtcNoon(a)) / DAY_MS);
}

/** The period of the schedule that contains `date`. */
export function periodContaining(date: string, schedule: PeriodSchedule): DateRange {
  switch (schedule.kind) {
    case 'monthly':
      return { startsOn: `${monthOf(date)}-01`, endsOn: lastOfMonth(monthOf(date)) };
    case 'semi_monthly': {
      const month = monthOf(date);
      return Number(date.slice(8, 10)) <= 15
        ? { startsOn: `${month}-01`, endsOn: `${month}-15` }
        : { startsOn: `${month}-16`, endsOn: lastOfMonth(month) };
    }
    case 'biweekly': {
      if (!schedule.anchorOn) throw new Error('a biweekly payroll needs an anchor date');
      const k = Math.floor(daysBetween(schedule.anchorOn, date) / 14);
      const startsOn = addDays(schedule.anchorOn, 14 * k);
      return { startsOn, endsOn: addDays(startsOn, 13) };
    }
  }
}

export type PeriodStatus = 'open' | 'closed' | 'paid';
export interface KnownPeriod extends DateRange { readonly id: string; readonly status: PeriodStatus }

export type Placement = { readonly period: KnownPeriod } | { readonly create: DateRange };

/**
 * Where a row dated `date` goes: the period containing it while that is open, else the first
 * open period after it ("paid in the next payroll period"; a closed period never takes a row).
 * When no period exists there yet, the schedule's period is created, cut so that it never
 * overlaps an existing one (the schedule may have changed since they were made).
 */
export function placeOn(date: string, existing: readonly KnownPeriod[], schedule: PeriodSchedule): Placement {
  const sorted = [...existing].sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1));
  let day = date;
  for (;;) {
    const holding = sorted.find((p) => p.startsOn <= day && day <= p.endsOn);
    if (!holding) break;
    if (holding.status === 'open') return { period: holding };
    day = addDays(holding.endsOn, 1);
  }
  const wanted = periodContaining(day, schedule);
  let startsOn = wanted.startsOn;
  let endsOn = wanted.endsOn;
  for (const p of sorted) {
    if (p.endsOn < day && p.endsOn >= startsOn) startsOn = addDays(p.endsOn, 1);
    if (p.startsOn > day && p.startsOn <= endsOn) endsOn = addDays(p.startsOn, -1);
  }
  return { create: { startsOn, endsOn } };
}
