/** The customer's time zone (the zones to choose from are in zone-choices.ts, zone arithmetic in shared/zone.ts). */
export function detectTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
