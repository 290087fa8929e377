import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.ts';
import { fixtureMiddleware, startFixture } from './test/fixture-server.ts';

// Tests load pages from this fixed port, so the test merchant can allow exactly these origins.
const port = Number(process.env.WTR_PORT ?? 8765);
let fixture;
const getFixture = () => (fixture ??= startFixture([`http://localhost:${port}`, `http://127.0.0.1:${port}`]));
// A second Flock server whose merchant allows another site only: the page of a shop that forgot to add its origin.
let foreignFixture;
const getForeignFixture = () => (foreignFixture ??= startFixture(['https://shop.example']));

// The poster test decodes QR codes with the barcode-detector polyfill (ZXing-C++ in WebAssembly). Its
// .wasm ships in the zxing-wasm package (a dependency of barcode-detector): served here, never from a CDN.
const zxingWasm = createRequire(createRequire(import.meta.url).resolve('barcode-detector')).resolve(
  'zxing-wasm/reader/zxing_reader.wasm',
);
const serveZxingWasm = async (ctx, next) => {
  if (ctx.path !== '/__zxing/zxing_reader.wasm') return next();
  ctx.type = 'application/wasm';
  ctx.body = await readFile(zxingWasm);
};

// Storybook's staging server (.storybook/stories-server.ts) under /__stories: a test that walks every
// state of test/scenarios/states.ts stages each one through it, as the stories and screenshots do.
let stories;
const serveStories = async (ctx, next) => {
  if (!ctx.path.startsWith('/__stories/')) return next();
  stories ??= import('../../.storybook/stories-server.ts').then((module) =>
    module.createStoriesServer({
      origins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`],
      assetBase: `http://localhost:${port}/__stories`,
    }),
  );
  const server = await stories;
  ctx.respond = false;
  ctx.req.url = ctx.req.url.slice('/__stories'.length);
  await server.handle(ctx.req, ctx.res);
};
const closeStories = { name: 'flock-close-stories', serverStop: async () => (await stories)?.close() };

export default {
  files: 'src/**/*.test.ts',
  port,
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  plugins: [
    closeStories,
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: new URL('./tsconfig.json', import.meta.url).pathname }),
  ],
  middleware: [fixtureMiddleware(getFixture, getForeignFixture), serveZxingWasm, serveStories],
  // nanostores reads process.env.NODE_ENV, which bundlers replace; the unbundled test page needs it defined.
  testRunnerHtml: (testFramework) => `<html><head><script>window.process = { env: { NODE_ENV: 'development' } };</script></head>
    <body><script type="module" src="${testFramework}"></script></body></html>`,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        headless: true,
        // wtr's launcher wants the new headless mode named, and the tests read English number formats.
        args: ['--headless=new', ...CHROMIUM_ARGS, '--lang=en-US'],
      },
    }),
  ],
};
