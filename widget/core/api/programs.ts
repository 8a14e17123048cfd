/** The embed API's program calls (first screen), typed. All throw `ApiError`. */
import type { ApiClient } from './client.ts';
import type { ProgramDetail, ProgramList, ProgramSummary } from '../../../schema/api/embed-programs.ts';

export const programPath = (slug: string) => `/v1/embed/programs/${encodeURIComponent(slug)}`;

/** `GET /v1/embed/programs/:slug` (with the private-link token of a `by_link` program). */
export function getProgram(api: ApiClient, slug: string, link: string, signal?: AbortSignal): Promise<ProgramDetail> {
  return api.get<ProgramDetail>(programPath(slug), { query: { link }, signal });
}

/** `GET /v1/embed/programs`: the studio's public programs. */
export async function listPrograms(api: ApiClient, signal?: AbortSignal): Promise<ProgramSummary[]> {
  return (await api.get<ProgramList>('/v1/embed/programs', { signal })).programs;
}
