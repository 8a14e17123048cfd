/**
 * The zones the time step offers: the customer's and the program's own zones and a few common
 * ones first, then every current IANA zone by region, named by place ("Zurich (Europe)") so the
 * select's type-to-find works by city. Legacy and alias ids (`US/Eastern`, `EST5EDT`, `GB`,
 * `Etc/GMT+5`) are not listed, unless one is the customer's own. Loaded with the time step only.
 */

const REGIONS = /^(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)\//;
const COMMON = ['Europe/Zurich', 'Europe/Berlin', 'Europe/Vienna', 'Europe/Paris', 'Europe/Rome', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'Asia/Singapore', 'Asia/Tokyo', 'Australia/Sydney'];

export interface ZoneChoice {
  id: string;
  label: string;
}

/** All IANA zones the browser knows, with `current` included. */
function timeZones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  return zones.includes(current) ? zones : [current, ...zones];
}

/** "America/Argentina/Buenos_Aires" → "Buenos Aires (America/Argentina)"; "UTC" stays. */
export function zoneLabel(id: string): string {
  const parts = id.split('/');
  if (parts.length < 2) return id;
  return `${parts.at(-1)!.replace(/_/g, ' ')} (${parts.slice(0, -1).join('/')})`;
}

/** The zones to show: `first` (the customer's, the program's) and the common ones, then all current zones by place. */
export function zoneChoices(current: string, own: readonly string[]): { first: ZoneChoice[]; all: ZoneChoice[] } {
  const known = new Set(timeZones(current));
  const firstIds = [...new Set([current, ...own, ...COMMON])].filter((z) => known.has(z) || z === current);
  const all = [...known].filter((z) => (REGIONS.test(z) || z === 'UTC') && !firstIds.includes(z));
  const choice = (id: string) => ({ id, label: zoneLabel(id) });
  return { first: firstIds.map(choice), all: all.map(choice).sort((a, b) => a.label.localeCompare(b.label)) };
}
