import type * as t from '../../schema/db/index.ts';

/** One org's demo data, written through the same tables the product uses. */
export interface OrgSeed {
  org: typeof t.orgs.$inferInsert & { id: string };
  origins: string[];
  keys: { kind: 'publishable' | 'secret'; key: string; label: string; staffId?: string }[];
  staff: (Omit<typeof t.staff.$inferInsert, 'orgId'> & { id: string })[];
  locations: (Omit<typeof t.locations.$inferInsert, 'orgId'> & { id: string })[];
  resources: (Omit<typeof t.resources.$inferInsert, 'orgId'> & { id: string })[];
  /** Weekly hours per instructor, local wall clock in their zone. */
  weeklyHours: { instructorId: string; days: number[]; from: string; to: string }[];
  /** Weekly group classes that block their instructor and room. */
  groupClasses: { instructorId: string; resourceId?: string; title: string; weekday: number; start: string; minutes: number }[];
  programs: ProgramSeed[];
  coupons?: (Omit<typeof t.coupons.$inferInsert, 'orgId'>)[];
  customers?: { id: string; name: string; email: string; locale: string; credits?: number }[];
}

export interface ProgramSeed {
  program: Omit<typeof t.programs.$inferInsert, 'orgId'> & { id: string };
  instructorIds: string[];
  variants: Omit<typeof t.programVariants.$inferInsert, 'orgId' | 'programId'>[];
  intakeForm?: { schema: Record<string, unknown>; isRequired: boolean };
  milestones?: { name: string; descriptionMd: string; dueDayOffset?: number }[];
}
