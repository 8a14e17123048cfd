/** The embed API's slots call (time step), typed. Throws `ApiError`. */
import type { ApiClient } from './client.ts';
import { programPath } from './programs.ts';
import type { SeriesResponse, SlotsResponse } from '../../../schema/api/embed-slots.ts';

export interface SlotsQuery {
  from: string;
  to: string;
  tz: string;
  instructor?: string | undefined;
  variant?: string | undefined;
  link?: string | undefined;
}

/** `GET /v1/embed/programs/:slug/slots`: free times per day in a date range. */
export function getSlots(api: ApiClient, slug: string, query: SlotsQuery, signal?: AbortSignal): Promise<SlotsResponse> {
  return api.get<SlotsResponse>(`${programPath(slug)}/slots`, { query: { ...query }, signal });
}

export interface SeriesQueryParams {
  first_start: string;
  /** The customer's own starts, comma-separated (checked instead of the cadence's). */
  starts?: string | undefined;
  tz: string;
  variant: string;
  instructor?: string | undefined;
  link?: string | undefined;
  /** How many sessions the series has, when fewer than the variant's (the portal: a booking's remaining ones). */
  count?: string | undefined;
}

/** `GET /v1/embed/programs/:slug/slots/series`: the whole series a first start leads to, each session free or not, with alternatives. */
export function getSeries(api: ApiClient, slug: string, query: SeriesQueryParams, signal?: AbortSignal): Promise<SeriesResponse> {
  return api.get<SeriesResponse>(`${programPath(slug)}/slots/series`, { query: { ...query }, signal });
}
