// Builds each Node test file, with the project's code it imports, into one plain ES module under
// .tap/build (packages stay imports of node_modules). tests/run.mjs then runs these with plain Node:
// under tsx a test process spent about 4 s of CPU loading the server's ~700 modules (transform
// cache lookups and the loader hooks on every import), a bundle about 1 s. One file per bundle and
// no shared chunks: each test file still runs alone in its own process, with its own module state.
import { createHash } from 'node:crypto';
import { existsSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const loaders = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx' };

/**
 * Code that finds files next to itself (`new URL('../x', import.meta.url)`, createRequire) keeps
 * doing so: each source file's import.meta.url is its own path, not the bundle's.
 */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
      if (args.path.includes(`${'/'}node_modules${'/'}`)) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      return {
        contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: loaders[extname(args.path)] ?? 'ts',
      };
    });
  },
};

/**
 * Bundles `files` (paths relative to `root`) and answers the bundles' paths in the same order,
 * e.g. tests/api/x.test.ts → .tap/build/tests/api/x.test.mjs. Bundles of the same files built
 * after every source file they contain last changed are kept (.ci/run's PostgreSQL stage runs the
 * files `npm test` just bundled).
 */
export async function bundleTests(root, files, outdir = join(root, '.tap/build')) {
  const outputs = files.map((f) => relative(root, join(outdir, f.replace(/\.[cm]?[jt]sx?$/, '.mjs'))));
  const stamp = join(outdir, `inputs-${createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 16)}.json`);
  if (upToDate(root, stamp, outputs)) return { outputs, reused: true };
  const started = Date.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: files,
    outdir,
    outbase: root,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // Modules of one bundle share a scope: without this a class or function renamed to avoid a
    // clash (a second `NotFound` → `NotFound2`) would answer another `.name` than under tsx.
    keepNames: true,
    sourcemap: 'linked',
    sourcesContent: false,
    tsconfig: join(root, 'tsconfig.json'),
    plugins: [ownImportMetaUrl],
    logLevel: 'warning',
    metafile: true,
  });
  // A source saved while esbuild read it counts as changed: its time is compared with the start.
  writeFileSync(stamp, JSON.stringify({ started, inputs: [...Object.keys(result.metafile.inputs), 'tsconfig.json'] }));
  return { outputs, reused: false };
}

function upToDate(root, stamp, outputs) {
  if (!existsSync(stamp)) return false;
  const { started: built, inputs } = JSON.parse(readFileSync(stamp, 'utf8'));
  const changed = (path) => !existsSync(path) || statSync(path).mtimeMs >= built;
  return !inputs.some((f) => changed(join(root, f))) && outputs.every((f) => existsSync(join(root, f)));
}
