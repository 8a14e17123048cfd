import { Localizer as WordsLocalizer, supportedLang, type Lang, type MessageKey } from '../../../shared/words/localizer.ts';
import type { StepKey } from './steps/steps-en.ts';

export type { Lang };
export { supportedLang as langOf };

/** Keys of the later steps' sentences (i18n/errors/errors-<lang>.ts `messages`), not in the first screen's catalogs. */
export type LaterKey = 'checkingDates' | 'seriesClash' | 'whyPickTime' | 'whyResolve' | 'holdSoon'
  | 'identityHeading' | 'identityNote' | 'identitySend' | 'identitySending' | 'identityCode' | 'identitySent' | 'identityConfirm'
  | 'identityResend' | 'identityWrong' | 'identityExpired' | 'identityLocked'
  | 'atPlace' | 'zonesSuggested' | 'zonesAll' | 'apply' | 'discountCode' | 'planByCard' | 'paidNowBy' | 'stillDue' | 'installmentsByCard' | 'dueByTransfer';
const later = new Map<Lang, Record<string, string>>();

export function addLaterMessages(lang: Lang, table: Record<string, string>): void {
  later.set(lang, table);
}

/**
 * The shared Localizer (shared/words/localizer.ts) with the widget's later tables: the steps' and
 * errors' sentences that arrive in their own chunks, in this language, then in English.
 */
export class Localizer extends WordsLocalizer<MessageKey | LaterKey | StepKey> {
  protected override own(key: string): string | undefined {
    return super.own(key) ?? later.get(this.lang)?.[key] ?? later.get('en')?.[key];
  }
}
