/**
 * Mail about new messages is batched: at most one mail per thread and direction per window of
 * ten minutes, sent when the window ends, with every message of that window. Pure: instants in
 * epoch milliseconds.
 */
export const MESSAGE_BATCH_MS = 10 * 60_000;

export interface BatchWindow { index: number; start: number; end: number }

/** The window an instant falls in: windows start at multiples of ten minutes. */
export function batchWindow(at: number): BatchWindow {
  const index = Math.floor(at / MESSAGE_BATCH_MS);
  return { index, start: index * MESSAGE_BATCH_MS, end: (index + 1) * MESSAGE_BATCH_MS };
}
