/**
 * When a booking's health answers go: `months` after the booking completed (calendar months, in
 * UTC: the 31st plus one month is the last day of the next month). Pure: no clock.
 */
import { DateTime } from 'luxon';

export function healthErasureDue(completedAt: Date, months: number): Date {
  return DateTime.fromJSDate(completedAt, { zone: 'UTC' }).plus({ months }).toJSDate();
}

/** The answers without the health fields; null when there was nothing to remove. */
export function withoutHealthAnswers(answers: Record<string, unknown>, healthFields: ReadonlySet<string>): Record<string, unknown> | null {
  const kept = Object.fromEntries(Object.entries(answers).filter(([name]) => !healthFields.has(name)));
  return Object.keys(kept).length === Object.keys(answers).length ? null : kept;
}
