import type { Database } from './platform/db/database.ts';
import type { Mailer } from './platform/adapters/mail/mailer.ts';
import type { PaymentProvider } from './platform/adapters/payments/provider.ts';
import type { RateLimits } from './platform/limits.ts';
import type { ServerTiming } from './platform/http/server-timing.ts';
import type { RouteLimits } from './platform/http/token-buckets.ts';
import type { FileStorage } from './platform/adapters/storage/storage.ts';
import type { DnsResolver } from './platform/adapters/dns/resolver.ts';

export interface AppConfig {
  /** Where the API is reachable, for links in answers and mails. */
  publicOrigin: string;
  /** Signs manage links and booking tokens. */
  secret: string;
  /** Built widget files served at /widget/. */
  widgetDir: string;
  /** Demo conveniences: the outbox page, the test payment processor. */
  demo: boolean;
  /** Outgoing webhooks may reach loopback and private addresses (outside production only); absent: refused. */
  allowPrivateWebhookTargets?: boolean | undefined;
  /** Rate limits, caps on holds and the trusted proxies (readEnv); absent: DEFAULT_RATE_LIMITS. */
  limits?: RateLimits | undefined;
  /** A studio's own host name (lower case) → its slug: its hosted pages answer there at `/` and `/:program` (TANDEM_CUSTOM_DOMAINS). */
  customDomains?: Readonly<Record<string, string>> | undefined;
  /** The domains studios set and verified themselves (the console), as this process knows them: set by createApp. */
  studioDomains?: StudioDomains | undefined;
}

/** Verified studio domains, read synchronously (routing by Host, canonical addresses). */
export interface StudioDomains {
  /** The slug of the studio a host serves. */
  slugOf(host: string): string | undefined;
  /** The host a studio's pages live on. */
  hostOf(slug: string): string | undefined;
}

/** Everything a route needs from the outside world; tests pass their own. */
export interface AppDeps {
  db: Database;
  config: AppConfig;
  /** The clock: injected so time-dependent behaviour is testable. */
  now: () => Date;
  /** Stripe, or the built-in test processor when no keys are configured (never in production). */
  payments: PaymentProvider;
  /** Where the outbox worker sends mail: SMTP, or nowhere (the outbox rows are the demo's mailbox). */
  mailer: Mailer;
  /** Where uploaded homework is kept (storageFromEnv); absent: a directory under the system's temporary directory (tests that upload nothing). */
  storage?: FileStorage | undefined;
  /** DNS lookups (a studio's domain records); absent: Node's resolver. */
  dns?: DnsResolver | undefined;
}

export interface EmbedCaller { orgId: string; keyId: string }

/** `limits`: the buckets a request takes in its own transaction (platform/http/token-buckets.ts, RouteLimits). */
/** `timing`: the request's Server-Timing (platform/http/server-timing.ts). */
export type AppEnv = { Variables: { embed: EmbedCaller; limits?: RouteLimits; timing?: ServerTiming } };

/** A staff member acting through the admin API; `role` is their staff role. */
export interface StaffCaller {
  orgId: string; staffId: string; role: 'owner' | 'manager' | 'instructor';
  /** The console's session, when the request came with its cookie (a secret key has none). */
  sessionId?: string | undefined;
}

export type AdminEnv = { Variables: { staff: StaffCaller } };

/**
 * A customer in the portal: proven by an identity token (every booking of theirs in the org) or
 * by a booking's manage link (that booking only). `token` is the bearer, for signing out.
 */
export interface PortalCaller {
  orgId: string;
  customerId: string;
  via: 'identity' | 'manage';
  /** With a manage link: the one booking it opens. */
  bookingId: string | null;
  token: string;
}

export type PortalEnv = { Variables: { portal: PortalCaller } };
