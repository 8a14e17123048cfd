/** The DNS lookups the server makes (a studio's domain records), through Node's resolver; tests pass their own. */
import { Resolver } from 'node:dns/promises';

export interface DnsResolver {
  /** The CNAME targets of a name; [] when it has none. */
  resolveCname(name: string): Promise<string[]>;
  /** The TXT records of a name, each as its strings; [] when it has none. */
  resolveTxt(name: string): Promise<string[][]>;
}

/** Codes for "no such record", which are answers rather than failures. */
const NONE = new Set(['ENODATA', 'ENOTFOUND', 'ENONAME', 'NXDOMAIN']);

/** Node's resolver (the system's DNS servers), with a short timeout; "no such record" is an empty list. */
export function nodeDnsResolver(): DnsResolver {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  const none = <T>(error: unknown): T[] => {
    if (NONE.has((error as { code?: string }).code ?? '')) return [];
    throw error;
  };
  return {
    resolveCname: (name) => resolver.resolveCname(name).catch((e: unknown) => none<string>(e)),
    resolveTxt: (name) => resolver.resolveTxt(name).catch((e: unknown) => none<string[]>(e)),
  };
}
