import { addDays, parseDate, weekday } from '../../../shared/dates.ts';
import { zonedToUtc } from '../../../shared/zone.ts';
import type { ProgramDetail } from '../../../schema/api/embed-programs.ts';

/** Free slots at 09:00, 10:00 and 14:00 local time every day but Sunday (instructors alternate). */
const TIMES = ['09:00', '10:00', '14:00'];

export function slotsFor(p: ProgramDetail, from: string, to: string, tz: string, instructor?: string) {
  const days = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (weekday(d) === 7) {
      days.push({ date: d, slots: [] });
      continue;
    }
    const slots = TIMES.map((t, i) => {
      const [hour, minute] = t.split(':').map(Number);
      const start = zonedToUtc({ ...parseDate(d), hour: hour!, minute: minute!, second: 0 }, tz);
      const who = p.instructors.find((x) => x.id === instructor) ?? p.instructors[i % p.instructors.length]!;
      const end = start + p.session_length_min * 60000;
      return {
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
        local_start: t,
        local_end: `${String(hour! + 1).padStart(2, '0')}:${t.slice(3)}`,
        instructor: { id: who.id, name: who.name },
      };
    });
    days.push({ date: d, slots });
  }
  return { timezone: tz, days };
}

