import type { DomainOut } from '../../../schema/api/admin-domain.ts';
import { recordsFor, type CustomDomainRow } from '../../modules/settings/index.ts';

/** The studio's domain as the console shows it: its state, the records to create and its address once verified. */
export function domainOut(row: CustomDomainRow | undefined, pagesHost: string, scheme: string): DomainOut {
  if (!row) return { domain: null };
  return {
    domain: {
      host: row.host,
      status: row.verifiedAt ? 'verified' : 'pending',
      records: recordsFor(row.host, row.verificationToken, pagesHost),
      verified_at: row.verifiedAt?.toISOString() ?? null,
      checked_at: row.checkedAt?.toISOString() ?? null,
      missing: (row.lastError ?? '').split(',').filter((m): m is 'cname' | 'txt' => m === 'cname' || m === 'txt'),
      url: `${scheme}//${row.host}/`,
    },
  };
}
