import * as v from 'valibot';

/** `PUT /v1/admin/settings/domain`: the studio's own host name for its hosted pages (`book.studio.ch`). */
export const DomainBody = v.object({
  host: v.pipe(v.string(), v.trim(), v.minLength(1, 'is required'), v.maxLength(253)),
});
export type DomainBody = v.InferOutput<typeof DomainBody>;

export const DnsRecordOut = v.object({ type: v.picklist(['CNAME', 'TXT']), name: v.string(), value: v.string() });

export const DomainOut = v.object({
  domain: v.nullable(v.object({
    host: v.string(),
    /** `verified`: requests with this Host serve the studio's pages, with canonical addresses on it. */
    status: v.picklist(['pending', 'verified']),
    /** The records to create at the domain's DNS provider. */
    records: v.array(DnsRecordOut),
    verified_at: v.nullable(v.string()),
    /** The last check and what it did not find (`cname`, `txt`). */
    checked_at: v.nullable(v.string()),
    missing: v.array(v.picklist(['cname', 'txt'])),
    /** The pages' address on the domain once verified. */
    url: v.string(),
  })),
});
export type DomainOut = v.InferOutput<typeof DomainOut>;
