const TRACKED = /^(utm_[a-z_]+|gclid|gbraid|wbraid|fbclid|msclkid)$/;

/**
 * The host page's ad-attribution parameters (utm_*, gclid, …) and its address, forwarded into
 * the booking's `source` so that attribution survives the embed.
 */
export function trackingSource(loc: Location = location): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(loc.search)) {
    if (TRACKED.test(k) && v) out[k] = v.slice(0, 500);
  }
  out.page = (loc.origin + loc.pathname).slice(0, 500);
  return out;
}
