/**
 * An automation as the console's form holds it (strings as typed, every action's fields at hand) and
 * back to the API's body. Variant conditions the form cannot show (variants of programs not chosen)
 * are kept from the automation being edited; numbers are sent as typed, so the API names a bad one.
 */
import type { AutomationAction, AutomationOut, AutomationTrigger } from '../../../../schema/api/admin-automations.ts';
import { CONSOLE_LANGS, type ConsoleLang } from '../core/console-lang.ts';

export const ACTION_TYPES = ['send_mail', 'add_tag', 'grant_coupon', 'grant_credits', 'call_webhook'] as const;
export const TRIGGER_KINDS = ['event', 'segment_entered', 'session_time'] as const;
export const ANCHORS = ['session_start', 'session_end', 'milestone_due'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export interface ActionDraft {
  type: ActionType; marketing: boolean; subject: Record<ConsoleLang, string>; body: Record<ConsoleLang, string>;
  tag: string; percent: string; days: string; credits: string; endpointId: string;
}
export interface AutomationDraft {
  id: string | null; name: string; kind: (typeof TRIGGER_KINDS)[number]; event: string; segmentId: string; anchor: (typeof ANCHORS)[number]; offset: string;
  delay: string; programs: string[]; variants: string[]; inSegment: string; actions: ActionDraft[];
}

const langs = (m: Partial<Record<ConsoleLang, string>> | undefined): Record<ConsoleLang, string> => ({ en: '', de: '', fr: '', it: '', ...(m ?? {}) });

export function actionDraft(a?: AutomationAction, type: ActionType = 'add_tag'): ActionDraft {
  const d: ActionDraft = { type: a?.type ?? type, marketing: false, subject: langs(undefined), body: langs(undefined), tag: '', percent: '10', days: '30', credits: '1', endpointId: '' };
  if (a?.type === 'send_mail') Object.assign(d, { marketing: a.marketing, subject: langs(a.subject), body: langs(a.body_md) });
  if (a?.type === 'add_tag') d.tag = a.tag;
  if (a?.type === 'grant_coupon') Object.assign(d, { percent: String(a.percent_off), days: String(a.valid_days) });
  if (a?.type === 'grant_credits') d.credits = String(a.credits);
  if (a?.type === 'call_webhook') d.endpointId = a.endpoint_id;
  return d;
}

export function draftOf(a: AutomationOut | null): AutomationDraft {
  const t = a?.trigger;
  return {
    id: a?.id ?? null, name: a?.name ?? '', kind: t?.kind ?? 'event',
    event: t?.kind === 'event' ? t.event : 'booking.confirmed', segmentId: t?.kind === 'segment_entered' ? t.segment_id : '',
    anchor: t?.kind === 'session_time' ? t.anchor : 'session_start', offset: t?.kind === 'session_time' ? String(t.offset_minutes) : '-1440',
    delay: String(a?.delay_minutes ?? 0), programs: a?.conditions.program_ids ?? [], variants: a?.conditions.variant_ids ?? [], inSegment: a?.conditions.segment_id ?? '',
    actions: a ? a.actions.map((x) => actionDraft(x)) : [actionDraft()],
  };
}

/** Only the languages written (English always: the fallback). */
const written = (m: Record<ConsoleLang, string>) => Object.fromEntries(CONSOLE_LANGS.filter((l) => l === 'en' || m[l].trim()).map((l) => [l, m[l]])) as { en: string };

function actionOf(d: ActionDraft): AutomationAction {
  switch (d.type) {
    case 'send_mail': return { type: 'send_mail', marketing: d.marketing, subject: written(d.subject), body_md: written(d.body) };
    case 'add_tag': return { type: 'add_tag', tag: d.tag };
    case 'grant_coupon': return { type: 'grant_coupon', percent_off: Number(d.percent), valid_days: Number(d.days) };
    case 'grant_credits': return { type: 'grant_credits', credits: Number(d.credits) };
    case 'call_webhook': return { type: 'call_webhook', endpoint_id: d.endpointId };
  }
}

function triggerOf(d: AutomationDraft): AutomationTrigger {
  if (d.kind === 'event') return { kind: 'event', event: d.event as Extract<AutomationTrigger, { kind: 'event' }>['event'] };
  if (d.kind === 'segment_entered') return { kind: 'segment_entered', segment_id: d.segmentId };
  return { kind: 'session_time', anchor: d.anchor, offset_minutes: Number(d.offset) };
}

/** The body of POST /v1/admin/automations, or of PATCH (the same fields, each replacing the automation's). */
export function bodyOf(d: AutomationDraft) {
  return {
    name: d.name, trigger: triggerOf(d), delay_minutes: Number(d.delay || '0'),
    conditions: {
      ...(d.programs.length ? { program_ids: d.programs } : {}), ...(d.variants.length ? { variant_ids: d.variants } : {}), ...(d.inSegment ? { segment_id: d.inSegment } : {}),
    },
    actions: d.actions.map(actionOf),
  };
}
