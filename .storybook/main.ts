// Storybook for the widgets: one story per state, each against a real Flock server that the dev
// server starts in memory (stories-server.ts). `storybook build` makes a static site without that
// server: its stories say to run `pnpm storybook` instead of showing live data.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StorybookConfig } from '@storybook/web-components-vite';
import type { StoriesServer } from './stories-server.ts';

/** Vite's plugin type, without importing Vite (a dependency of the elements package, not of the root). */
type PluginOption = NonNullable<Awaited<ReturnType<NonNullable<StorybookConfig['viteFinal']>>>['plugins']>[number];

process.env.STORYBOOK_DISABLE_TELEMETRY = '1';

/** Answers /__stories/* in `pnpm storybook` (dev only): Flock starts with the first story that asks. */
function flockStories(): PluginOption {
  let stories: Promise<StoriesServer> | undefined;
  const start = (request: IncomingMessage) => {
    const host = request.headers.host ?? 'localhost:6006';
    const port = host.split(':').pop();
    // The widgets run on Storybook's own origin: allow it under both of its usual names.
    const origins = [...new Set([`http://${host}`, `http://localhost:${port}`, `http://127.0.0.1:${port}`])];
    // tsx loads the TypeScript sources of the server and the scenarios, as in `pnpm screenshots`.
    return import('tsx/esm/api')
      .then(({ tsImport }) => tsImport('./stories-server.ts', import.meta.url))
      .then((module: typeof import('./stories-server.ts')) =>
        module.createStoriesServer({ origins, assetBase: `http://${host}/__stories` }),
      );
  };
  return {
    name: 'flock-stories',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use('/__stories', (request: IncomingMessage, response: ServerResponse) => {
        stories ??= start(request);
        stories
          .then((s) => s.handle(request, response))
          .catch((error: unknown) => {
            response.writeHead(500, { 'content-type': 'application/json' });
            response.end(JSON.stringify({ error: String(error) }));
          });
      });
      server.httpServer?.on('close', () => void stories?.then((s) => s.close()));
    },
  };
}

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../packages/elements/src/**/*.stories.ts'],
  // The docs page of each element (autodocs), its tables filled from custom-elements.json.
  addons: ['@storybook/addon-docs'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal(viteConfig) {
    // Vite is the elements package's dependency, not the root's: extend the config without importing it.
    viteConfig.plugins = [...(viteConfig.plugins ?? []), flockStories()];
    // Storybook's own runtime is one ~1.2 MB chunk; that is expected for a docs site.
    viteConfig.build = { ...viteConfig.build, chunkSizeWarningLimit: 2000 };
    // Build outputs elsewhere in the repository (bundles, screenshots) must not reload the open stories.
    const ignored = viteConfig.server?.watch?.ignored;
    viteConfig.server = {
      ...viteConfig.server,
      watch: {
        ...viteConfig.server?.watch,
        ignored: [
          ...(Array.isArray(ignored) ? ignored : ignored ? [ignored] : []),
          '**/dist/**',
          '**/docs/images/**',
          '**/storybook-static/**',
        ],
      },
    };
    return viteConfig;
  },
};

export default config;
