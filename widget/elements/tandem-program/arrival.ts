/**
 * What `<tandem-program>` does as a visit begins, loaded in parallel with the program (so the first
 * screen carries none of it and waits for nothing more): the prefill and deep links the page asks
 * for (presets.ts), and the studio's conversion funnel following the visit (funnel.ts).
 */
import type { ApiClient } from '../../core/api/client.ts';
import type { BookingState } from '../../core/context/types.ts';
import { applyPresets, readPresets } from './presets.ts';
import { watchFunnel, type Watched } from './funnel.ts';

export async function arrive(el: Watched & { program: string }, state: BookingState, client: ApiClient, path: string): Promise<BookingState> {
  state = { ...state, funnelVisit: watchFunnel(el, client) };
  const presets = readPresets(el, el.program, location.search);
  if (!Object.keys(presets).length || !state.program) return state;
  return { ...state, ...(await applyPresets(presets, state.program, state, client, el.link ?? '', path)) };
}
