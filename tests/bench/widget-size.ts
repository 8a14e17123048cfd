/**
 * Widget bundle sizes, gzip -9, per file and for the first screen (the entry plus the chunks
 * it imports statically, plus the language chunk for de/fr/it pages). Builds first.
 *   npx tsx tests/bench/widget-size.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const defaultDist = join(root, 'widget/dist');

/** Builds what `npm run build:widget` builds: the booking widget (it empties widget/dist first), then the portal and the console beside it. */
export async function buildWidget(): Promise<void> {
  for (const config of ['vite.config.ts', 'vite.portal.config.ts', 'vite.admin.config.ts']) {
    await build({ configFile: join(root, 'widget', config), logLevel: 'error' });
  }
}

/** Builds the booking widget alone (`widget/vite.config.ts`) into `outDir`, e.g. a temporary directory for a test. */
export async function buildBookingWidget(outDir: string): Promise<void> {
  await build({ configFile: join(root, 'widget', 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
}

/** The first screen's budget (gzip -9, entry + static imports + the page's language chunk). */
export const FIRST_SCREEN_BUDGET = 25_000;

export interface SizeReport {
  files: Array<{ file: string; bytes: number; gzip: number }>;
  firstScreen: { en: number; de: number; fr: number; it: number; files: string[] };
  total: number;
}

/** Static imports (`import … from "./x.js"` / `import "./x.js"`), not dynamic `import("./x.js")`. */
function staticImports(dist: string, file: string): string[] {
  const src = readFileSync(join(dist, file), 'utf8');
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  const out = new Set<string>();
  for (const m of src.matchAll(/(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.[^"']+)["']/g)) {
    out.add(new URL(m[1]!, `file:///${dir}`).pathname.slice(1));
  }
  for (const m of src.matchAll(/\}from["'](\.[^"']+)["']/g)) out.add(new URL(m[1]!, `file:///${dir}`).pathname.slice(1));
  return [...out];
}

export function sizes(dist = defaultDist): SizeReport {
  const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  const files = ['tandem.js', ...readdirSync(join(dist, 'chunks')).map((f) => `chunks/${f}`)].map((file) => ({
    file,
    bytes: readFileSync(join(dist, file)).length,
    gzip: gz(file),
  }));
  const seen = new Set<string>();
  const walk = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const d of staticImports(dist, f)) walk(d);
  };
  walk('tandem.js');
  const first = [...seen];
  const en = first.reduce((n, f) => n + gz(f), 0);
  // The language chunk the booking widget's first screen imports (the portal, built beside it, has its own `de-…` chunk).
  const lang = (l: string) => {
    const wanted = new RegExp(`import\\([\`"'](?:\\./|\\./chunks/)(${l}-[\\w-]+\\.js)[\`"']\\)`);
    for (const f of first) {
      const m = wanted.exec(readFileSync(join(dist, f), 'utf8'));
      if (m) return gz(`chunks/${m[1]}`);
    }
    return 0;
  };
  return {
    files,
    firstScreen: { en, de: en + lang('de'), fr: en + lang('fr'), it: en + lang('it'), files: first },
    total: files.reduce((n, f) => n + f.gzip, 0),
  };
}

/** The portal's first view budget on top of what the booking widget already loads (issue: "first view ≤ 30 KB gzip"). */
export const PORTAL_FIRST_VIEW_BUDGET = 30_000;

/**
 * `<tandem-portal>`'s first view per language: its entry, what that imports statically, and every
 * language chunk of that language it may import (the shared catalog and its own words: an upper
 * bound), gzip -9; `onTop` leaves out the files the booking widget's first screen already loaded.
 */
export function portalFirstView(dist = defaultDist): Record<'en' | 'de' | 'fr' | 'it', { all: number; onTop: number }> {
  const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  const closure = (entry: string) => {
    const seen = new Set<string>();
    const walk = (f: string) => { if (seen.has(f)) return; seen.add(f); for (const d of staticImports(dist, f)) walk(d); };
    walk(entry);
    return seen;
  };
  const widget = closure('tandem.js');
  const portal = closure('tandem-portal.js');
  const langChunks = (files: Set<string>, l: string) => {
    const out = new Set<string>();
    const wanted = new RegExp(`import\\([\`"'](?:\\./|\\./chunks/)(${l}-[\\w-]+\\.js)[\`"']\\)`, 'g');
    for (const f of files) for (const m of readFileSync(join(dist, f), 'utf8').matchAll(wanted)) out.add(`chunks/${m[1]}`);
    return out;
  };
  const figure = (l: 'en' | 'de' | 'fr' | 'it') => {
    const files = new Set([...portal, ...(l === 'en' ? [] : langChunks(portal, l))]);
    const loaded = new Set([...widget, ...(l === 'en' ? [] : langChunks(widget, l))]);
    const sum = (fs: Iterable<string>) => [...fs].reduce((n, f) => n + gz(f), 0);
    return { all: sum(files), onTop: sum([...files].filter((f) => !loaded.has(f))) };
  };
  return { en: figure('en'), de: figure('de'), fr: figure('fr'), it: figure('it') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildWidget();
  const r = sizes();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.log('file | bytes | gzip');
  for (const f of r.files.sort((a, b) => b.gzip - a.gzip)) console.log(`${f.file} | ${f.bytes} | ${f.gzip} (${kb(f.gzip)})`);
  console.log(`\nfirst screen (${r.firstScreen.files.join(' + ')}):`);
  for (const l of ['en', 'de', 'fr', 'it'] as const) console.log(`  ${l}: ${r.firstScreen[l]} B gzip = ${kb(r.firstScreen[l])} (budget 25 KB = 25,000 B; ${FIRST_SCREEN_BUDGET - r.firstScreen[l]} B to spare)`);
  const portal = portalFirstView();
  console.log('\nportal first view (<tandem-portal>: entry + static imports + its language chunks), gzip -9:');
  for (const l of ['en', 'de', 'fr', 'it'] as const) console.log(`  ${l}: ${portal[l].all} B in all, ${portal[l].onTop} B on top of the booking widget's first screen (budget ${PORTAL_FIRST_VIEW_BUDGET} B)`);
  console.log(`all chunks: ${r.total} B gzip = ${kb(r.total)} (Stripe.js itself comes from js.stripe.com at the payment step)`);
}
