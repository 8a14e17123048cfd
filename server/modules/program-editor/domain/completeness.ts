/**
 * What a program needs before customers may book it. Pure: the wizard's answer and the
 * publish route's 422 list the same parts, in the wizard's order.
 */
export interface ProgramParts {
  title: string; summary: string; sessionLengthMin: number;
  deliveryMode: 'in_person' | 'online' | 'hybrid'; locationId: string | null; meetingUrl: string | null;
  instructors: number; activeVariants: number;
  /** Active variants a customer could not pay by any method (none allowed, or none of the allowed ones fits the currency, account or credit price). */
  variantsWithoutMethod?: number;
}

export function missingForPublish(p: ProgramParts): string[] {
  const missing: string[] = [];
  if (!p.title.trim()) missing.push('basics.title');
  if (!p.summary.trim()) missing.push('basics.summary');
  if (p.deliveryMode !== 'online' && !p.locationId) missing.push('delivery.location_id');
  if (p.deliveryMode === 'online' && !p.meetingUrl) missing.push('delivery.meeting_url');
  if (p.instructors === 0) missing.push('delivery.instructor_ids');
  if (p.activeVariants === 0) missing.push('pricing.variants');
  if ((p.variantsWithoutMethod ?? 0) > 0) missing.push('pricing.allowed_methods');
  return missing;
}
