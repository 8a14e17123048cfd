/**
 * The verified studio domains as this process last read them, for routing a request by its Host
 * (which Hono decides synchronously, before any middleware) and for naming a studio's canonical
 * addresses. Read again at most every `ttlMs` when a request needs it (fresh()), and at once after
 * this process changed a domain (reload()); another process sees a change within `ttlMs`.
 */
import type { Database } from '../../platform/db/database.ts';
import { withCrossTenant } from '../../platform/db/identity.ts';
import { verifiedCustomDomains } from '../../modules/settings/index.ts';
import type { StudioDomains } from '../../deps.ts';

export class DomainDirectory implements StudioDomains {
  private bySlug = new Map<string, string>();
  private byHost = new Map<string, string>();
  private readAt = -Infinity;
  private reading: Promise<void> | undefined;

  constructor(private readonly db: Database, private readonly ttlMs = 30_000) {}

  slugOf(host: string): string | undefined {
    return this.byHost.get(host);
  }

  hostOf(slug: string): string | undefined {
    return this.bySlug.get(slug);
  }

  /** Reads the domains again when the last reading is older than the TTL (one reading at a time). */
  async fresh(): Promise<void> {
    if (performance.now() - this.readAt < this.ttlMs) return;
    await this.reload();
  }

  reload(): Promise<void> {
    this.reading ??= withCrossTenant(this.db, 'custom domains: which studio a request\'s Host serves', (tx) => verifiedCustomDomains(tx))
      .then((rows) => {
        this.byHost = new Map(rows.map((r) => [r.host, r.slug]));
        this.bySlug = new Map(rows.map((r) => [r.slug, r.host]));
        this.readAt = performance.now();
      })
      .finally(() => { this.reading = undefined; });
    return this.reading;
  }
}
