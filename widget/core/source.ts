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
  const from = referrerHost(loc);
  if (from) out.referrer = from;
  return out;
}

/**
 * The site that sent the visitor to this page: its host only (a path or query could carry personal
 * data), lower case, without `www.`; '' when there is none or it is this site itself.
 */
export function referrerHost(loc: Location = location, referrer = document.referrer): string {
  try {
    const host = referrer ? new URL(referrer).hostname.toLowerCase().replace(/^www\./, '') : '';
    return host && host !== loc.hostname.toLowerCase().replace(/^www\./, '') ? host : '';
  } catch {
    return '';
  }
}
