/**
 * Health answers of an intake form (properties marked `x-health: true`) are special category
 * data: shown only to the booking's own instructor and to the studio's managers. An owner who
 * neither manages nor conducts the booking sees the other answers, not these.
 */
export function healthFieldsOf(schema: Record<string, unknown>): Set<string> {
  const props = (schema.properties && typeof schema.properties === 'object' ? schema.properties : {}) as Record<string, Record<string, unknown> | undefined>;
  return new Set(Object.entries(props).filter(([, p]) => p?.['x-health'] === true).map(([name]) => name));
}

export function mayReadHealth(viewer: { role: 'owner' | 'manager' | 'instructor'; staffId: string }, bookingInstructorId: string): boolean {
  return viewer.role === 'manager' || viewer.staffId === bookingInstructorId;
}
