/**
 * The booking widget's first screen (the entry, what it imports statically and the page's language
 * chunk) stays within its 25,000 B gzip budget in every language, and the later steps' sentences
 * are not part of it: they come with the steps. Builds the booking widget into a temporary directory
 * (gzip -9 of a build is deterministic; the machine's load does not matter).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBookingWidget, FIRST_SCREEN_BUDGET, sizes, type SizeReport } from '../../bench/widget-size.ts';
import { steps as stepsDe } from '../../../widget/core/i18n/steps/steps-de.ts';
import { de } from '../../../shared/words/de.ts';

let dir = '';
let report: SizeReport;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-widget-size-'));
  await buildBookingWidget(dir);
  report = sizes(dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('every language\'s first screen is within the 25,000 B gzip budget', () => {
  const { en, de: deSize, fr, it } = report.firstScreen;
  // A language chunk was found and counted for each of de/fr/it.
  for (const [lang, n] of Object.entries({ de: deSize, fr, it })) assert.ok(n > en, `${lang}: no language chunk counted`);
  for (const [lang, n] of Object.entries({ en, de: deSize, fr, it })) {
    assert.ok(n <= FIRST_SCREEN_BUDGET, `${lang}: ${n} B gzip, budget ${FIRST_SCREEN_BUDGET} B`);
  }
});

test('the steps\' sentences load with the steps, not with the first screen', () => {
  const chunks = report.files.map((f) => f.file);
  const text = (f: string) => readFileSync(join(dir, f), 'utf8');
  const first = report.firstScreen.files.map(text).join('\n');
  const germanChunk = chunks.filter((f) => /^chunks\/de-/.test(f)).map(text).join('\n');
  // The program page's words are in the first screen (English) and in the German chunk.
  assert.ok(first.includes('Choose a time'));
  assert.ok(germanChunk.includes(de.chooseOption));
  // A time-step, a checkout and a confirmation sentence: in neither, but in a chunk of their own.
  for (const key of ['timesShownIn', 'reserve', 'confirmedHeading'] as const) {
    assert.ok(!germanChunk.includes(stepsDe[key]), `${key} is in the German first-screen chunk`);
    assert.ok(!first.includes(stepsDe[key]), `${key} is in the first screen`);
    assert.ok(chunks.some((f) => !report.firstScreen.files.includes(f) && text(f).includes(stepsDe[key])), `${key} is in no later chunk`);
  }
  assert.ok(!first.includes('Your times are held for'), 'an English checkout sentence is in the first screen');
});
