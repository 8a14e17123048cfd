/**
 * A program as the slots and booking paths need it, in one prepared statement: its
 * scheduling settings, one variant, the intake form and the active instructors. Read as the
 * caller, so the policies decide what an anonymous embed may see (active public programs,
 * by_link ones with their token) — a program it may not see is simply not found.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { rows } from '../../platform/db/prepared.ts';
import type { SchedulingSettings } from '../../../schema/db/programs.ts';

export interface BookableProgram {
  id: string;
  slug: string;
  title: string;
  sessionLengthMin: number;
  isMultiSession: boolean;
  scheduling: SchedulingSettings;
  resourceId: string | null;
  locationId: string | null;
  meetingUrl: string | null;
  deliveryMode: 'in_person' | 'online' | 'hybrid';
  visibility: 'public' | 'by_link' | 'hidden';
  /** The variant asked for, when it is an active variant of this program. */
  variant: { id: string; name: string; sessionsCount: number; currency: string; price: number } | null;
  form: { schema: Record<string, unknown>; isRequired: boolean } | null;
  /** Active instructors, by name. */
  instructors: { id: string; name: string; timezone: string }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) as T : v as T);

/** `ref` is the program's slug or id. */
export async function loadBookableProgram(tx: Tx, orgId: string, ref: string, variantId?: string): Promise<BookableProgram | undefined> {
  const byId = UUID.test(ref);
  const [row] = await rows(tx, sql`
    select p.id, p.slug, p.title, p.session_length_min, p.is_multi_session, p.scheduling::text as scheduling,
           p.resource_id, p.location_id, p.meeting_url, p.delivery_mode, p.visibility,
           (select row_to_json(v)::text from (
              select id, name, sessions_count, currency, price from program_variants
               where org_id = p.org_id and program_id = p.id and id = ${variantId ?? null}::uuid and is_active) v) as variant,
           (select row_to_json(f)::text from (
              select form_schema_json, is_required from program_intake_forms where org_id = p.org_id and program_id = p.id) f) as form,
           (select coalesce(json_agg(i order by i.name, i.id), '[]')::text from (
              select s.id, s.name, s.timezone from program_instructors pi
                join staff s on s.org_id = pi.org_id and s.id = pi.staff_id
               where pi.org_id = p.org_id and pi.program_id = p.id and s.is_active) i) as instructors
      from programs p
     where p.org_id = ${orgId}::uuid and ${byId ? sql`p.id = ${ref}::uuid` : sql`p.slug = ${ref}`}`);
  if (!row) return undefined;
  const variant = row.variant ? json<{ id: string; name: string; sessions_count: number; currency: string; price: number }>(row.variant) : null;
  const form = row.form ? json<{ form_schema_json: Record<string, unknown>; is_required: boolean }>(row.form) : null;
  return {
    id: String(row.id),
    slug: String(row.slug),
    title: String(row.title),
    sessionLengthMin: Number(row.session_length_min),
    isMultiSession: Boolean(row.is_multi_session),
    scheduling: json<SchedulingSettings>(row.scheduling),
    resourceId: row.resource_id ? String(row.resource_id) : null,
    locationId: row.location_id ? String(row.location_id) : null,
    meetingUrl: row.meeting_url ? String(row.meeting_url) : null,
    deliveryMode: row.delivery_mode as BookableProgram['deliveryMode'],
    visibility: row.visibility as BookableProgram['visibility'],
    variant: variant && { id: variant.id, name: variant.name, sessionsCount: variant.sessions_count, currency: variant.currency, price: variant.price },
    form: form && { schema: form.form_schema_json, isRequired: form.is_required },
    instructors: json<BookableProgram['instructors']>(row.instructors),
  };
}
