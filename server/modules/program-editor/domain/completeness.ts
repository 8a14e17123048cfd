/**
 * What a program needs before customers may book it. Pure: the wizard's answer and the
 * publish route's 422 list the same parts, in the wizard's order.
 */
export interface ProgramParts {
  title: string; summary: string; sessionLengthMin: number;
  deliveryMode: 'in_person' | 'online' | 'hybrid'; locationId: string | null; meetingUrl: string | null;
  instructors: number; activeVariants: number;
}

export function missingForPublish(p: ProgramParts): string[] {
  const missing: string[] = [];
  if (!p.title.trim()) missing.push('basics.title');
  if (!p.summary.trim()) missing.push('basics.summary');
  if (p.deliveryMode !== 'online' && !p.locationId) missing.push('delivery.location_id');
  if (p.deliveryMode === 'online' && !p.meetingUrl) missing.push('delivery.meeting_url');
  if (p.instructors === 0) missing.push('delivery.instructor_ids');
  if (p.activeVariants === 0) missing.push('pricing.variants');
  return missing;
}
