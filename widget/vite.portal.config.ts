// Builds widget/dist/tandem-portal.js (widget/entries/tandem-portal.ts) and its chunks beside the booking widget's
// files, without touching them (the booking widget's build runs first and empties dist). `npm run build:widget`.
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vite';
import widget from './vite.config.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default mergeConfig(widget, defineConfig({
  build: {
    emptyOutDir: false,
    lib: {
      entry: here('./entries/tandem-portal.ts'),
      formats: ['es'],
      fileName: () => 'tandem-portal.js',
    },
  },
}));
