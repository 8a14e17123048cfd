import type { Localizer } from './i18n/localizer.ts';
import type { ProgramDetail } from '../../schema/api/embed-programs.ts';

/**
 * For an in-person session seen from another zone: the time at the studio beside the visitor's
 * ("07:00 at Studio Flow"), or '' when it reads the same (or the session is online). The studio's
 * zone is its instructor's. Used by the later steps only.
 */
export function timeAtPlace(i18n: Localizer, instant: string, zone: string, program: ProgramDetail | null | undefined): string {
  const place = program?.delivery_mode === 'in_person' ? program.instructors[0]?.timezone : undefined;
  if (!place) return '';
  const there = i18n.time(instant, place);
  return there === i18n.time(instant, zone) ? '' : i18n.t('atPlace', { time: there, place: program!.location?.name ?? place.split('/').at(-1)!.replace(/_/g, ' ') });
}
