/**
 * Homework files as the portal and the admin API answer them: each with a signed download link
 * (HMAC under the server's secret, five minutes) that opens that one file and nothing else.
 * The link names the studio and the file by their random ids, never a person.
 */
import type { ArtifactOut } from '../../../schema/api/homework.ts';
import type { AppConfig } from '../../deps.ts';
import { signToken, verifyToken } from '../../platform/signed-tokens.ts';
import type { ArtifactKind, ArtifactRow } from '../../modules/homework/index.ts';

export const DOWNLOAD_LINK_SECONDS = 5 * 60;
const PURPOSE = 'artifact';

export function downloadLink(config: AppConfig, orgId: string, artifactId: string, now: Date): { url: string; expiresAt: Date } {
  const exp = Math.floor(now.getTime() / 1000) + DOWNLOAD_LINK_SECONDS;
  const token = signToken({ p: PURPOSE, exp, o: orgId, a: artifactId }, config.secret);
  return { url: `${config.publicOrigin}/v1/files/${token}`, expiresAt: new Date(exp * 1000) };
}

/** The studio and file a download link opens, when it is the server's own and has not expired. */
export function openDownloadLink(config: AppConfig, token: string, now: Date): { orgId: string; artifactId: string } | null {
  const p = verifyToken(token, config.secret, PURPOSE, now);
  if (!p || typeof p.o !== 'string' || typeof p.a !== 'string') return null;
  return { orgId: p.o, artifactId: p.a };
}

export function artifactOut(row: ArtifactRow, config: AppConfig, now: Date): ArtifactOut {
  const link = downloadLink(config, row.orgId, row.id, now);
  return {
    id: row.id, milestone_id: row.milestoneId, filename: row.filename, content_type: row.contentType, kind: row.extension as ArtifactKind,
    size_bytes: row.sizeBytes, uploaded_at: row.createdAt.toISOString(), download_url: link.url, download_expires_at: link.expiresAt.toISOString(),
  };
}

/** `attachment` with an ASCII fallback name and the UTF-8 one (RFC 6266 / 8187). */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_') || 'homework';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
