// The screenshots' host: a tiny node:http server on 127.0.0.1 that serves one minimal page per
// shot, the built bundle, the product image and the demo avatars. It is the merchant's allowed origin.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { avatarSvg } from '../../examples/shop/avatars.js';
import { provider } from '../../packages/elements/src/registry.js';

/** Requests under this path never get an answer: a provider pointed here shows the loading skeleton. */
export const STALL_PATH = '/stall';

export interface HostPage {
  lang: string;
  api: string;
  publishableKey: string;
  shopperToken: string;
  /** The widget's tag and its attributes (an empty value is a boolean attribute, such as `quiet`). */
  tag: string;
  attributes: Record<string, string>;
  /** Centre the widget at the cards' 560 px; the voucher widgets size their own narrower card. */
  centred: boolean;
  scheme: 'light' | 'dark';
  device: 'phone' | 'desktop';
}

export interface StaticServer {
  origin: string;
  /** Registers a page and returns its URL (the widget reads `flock_*` parameters from it, as from a shared link). */
  page(config: HostPage): string;
  close(): Promise<void>;
}

export async function startStaticServer(options: { bundle: string; teaSvg: string }): Promise<StaticServer> {
  const pages = new Map<string, string>();
  const sockets = new Set<Socket>();
  const stalled = new Set<ServerResponse>();

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://host');
    const send = (status: number, type: string, body: string | Buffer) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (url.pathname.startsWith(STALL_PATH)) {
      // Hold the request open until the server closes.
      stalled.add(response);
      response.on('close', () => stalled.delete(response));
      return;
    }
    if (url.pathname.startsWith('/p/')) {
      const html = pages.get(url.pathname.slice(3));
      return html ? send(200, 'text/html; charset=utf-8', html) : send(404, 'text/plain', 'no such page');
    }
    if (url.pathname === '/flock.js') return send(200, 'text/javascript; charset=utf-8', readFileSync(options.bundle));
    // flock.js imports each widget's chunk from chunks/ beside it.
    const chunk = /^\/chunks\/([\w.-]+\.js)$/.exec(url.pathname);
    if (chunk)
      return send(200, 'text/javascript; charset=utf-8', readFileSync(join(dirname(options.bundle), 'chunks', chunk[1]!)));
    if (url.pathname === '/tea.svg') return send(200, 'image/svg+xml', readFileSync(options.teaSvg));
    const avatar = /^\/avatar\/([^/]+)\.svg$/.exec(url.pathname);
    if (avatar) return send(200, 'image/svg+xml', avatarSvg(decodeURIComponent(avatar[1]!)));
    if (url.pathname === '/favicon.ico') return send(204, 'text/plain', '');
    send(404, 'text/plain', 'not found');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    page(config) {
      const id = randomUUID();
      pages.set(id, hostPage(config));
      return `${origin}/p/${id}`;
    },
    close() {
      for (const response of stalled) response.destroy();
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function hostPage(config: HostPage): string {
  const attr = (name: string, value: string | undefined) => (value ? ` ${name}="${escapeHtml(value)}"` : '');
  const background = config.scheme === 'dark' ? '#000' : '#f7f8fa';
  const padding = config.device === 'desktop' ? '48px 24px' : '16px 12px';
  const widgetAttributes = Object.entries(config.attributes)
    .map(([name, value]) => (value ? attr(name, value) : ` ${name}`))
    .join('');
  return `<!doctype html>
<html lang="${escapeHtml(config.lang)}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Flock · ${escapeHtml(config.lang)}</title>
    <style>
      :root { color-scheme: ${config.scheme}; background: ${background}; }
      body { margin: 0; padding: ${padding}; }
      ${config.centred ? `${config.tag} { max-width: 560px; margin: 0 auto; }` : ''}
    </style>
    <script type="module" src="/flock.js"></script>
  </head>
  <body>
    <${provider.tag}${attr('api', config.api)}${attr('publishable-key', config.publishableKey)}${attr('shopper-token', config.shopperToken)}${attr('locale', config.lang)}>
      <${config.tag}${widgetAttributes}></${config.tag}>
    </${provider.tag}>
  </body>
</html>
`;
}
