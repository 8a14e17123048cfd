// node:test's TAP reporter that also writes, to the file named by TANDEM_FILE_TIMES, each test
// file's summed duration of its top-level tests (ms, slowest first): tests/run.mjs prints the
// slowest files of a group from it. One reporter instead of a third keeps node:test's stream
// under its listener limit.
import { writeFileSync } from 'node:fs';
import { tap } from 'node:test/reporters';

export default async function* tapWithFileTimes(source) {
  const files = new Map();
  async function* observed() {
    for await (const event of source) {
      const { type, data } = event;
      if ((type === 'test:pass' || type === 'test:fail') && data.nesting === 0 && data.file) {
        files.set(data.file, (files.get(data.file) ?? 0) + (data.details?.duration_ms ?? 0));
      }
      yield event;
    }
  }
  yield* tap(observed());
  const out = process.env.TANDEM_FILE_TIMES;
  if (out) writeFileSync(out, JSON.stringify([...files].sort((a, b) => b[1] - a[1]).map(([file, ms]) => ({ file, ms: Math.round(ms) }))));
}
