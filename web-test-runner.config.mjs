// @web/test-runner: the widget's browser tests (tests/widget/**/*.test.ts) in Debian's Chromium.
// Run: npx wtr --config web-test-runner.config.mjs
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';

export default {
  files: 'tests/widget/**/*.test.ts',
  nodeResolve: true,
  concurrency: 2,
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: Number(process.env.WTR_FINISH_TIMEOUT ?? 240000),
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: new URL('./tsconfig.json', import.meta.url).pathname,
    }),
  ],
  middleware: [
    // msw's service worker must be served from the root so that its scope covers the test pages.
    function serveMockServiceWorker(ctx, next) {
      if (ctx.path === '/mockServiceWorker.js') ctx.path = '/tests/widget/fixtures/mockServiceWorker.js';
      return next();
    },
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
      // Fixed zone and language so dates in assertions do not depend on the machine.
      createBrowserContext: ({ browser }) => browser.newContext({ timezoneId: 'Europe/Zurich', locale: 'en-GB' }),
    }),
  ],
};
