// The Flock server behind `pnpm storybook`: Storybook's Vite dev server hands it every request under
// /__stories (see main.ts). It starts Flock in memory on the first request and stages the state a
// story asks for through the real API, with the same setups `pnpm screenshots` uses.
//
//   GET  /__stories/stage?widget=group-buy&state=held&locale=zh-CN → what the story renders (JSON)
//   POST /__stories/act?session=…&qrCode=…                          → runs the state's server-side act step
//   GET  /__stories/stall/…                                         → never answers (the loading state)
//   GET  /__stories/tea.svg, /__stories/avatar/<name>.svg           → the product image and avatars
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { avatarSvg } from '../examples/shop/avatars.js';
import { type Flock, startFlock } from '../packages/elements/test/scenarios/flock.js';
import {
  type Cast,
  cast,
  findState,
  type Locale,
  makersFor,
  type Setup,
  type StagedState,
  type State,
  widgetAttributes,
} from '../packages/elements/test/scenarios/states.js';

const LOCALES: Locale[] = ['zh-CN', 'zh-TW', 'en'];
const teaSvg = readFileSync(new URL('../examples/shop/public/tea.svg', import.meta.url));

/** One Flock server and a queue: stagings run one at a time, so one never sees another's half-made data. */
class Stage {
  #flock: Promise<Flock> | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: { origins: string[]; assetBase: string }) {}

  flock(): Promise<Flock> {
    this.#flock ??= startFlock({ ...this.options, log: () => {} });
    return this.#flock;
  }

  run<T>(job: (flock: Flock) => Promise<T>): Promise<T> {
    const result = this.#queue.then(async () => job(await this.flock()));
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async close() {
    await (await this.#flock)?.close();
  }
}

interface Session {
  stage: Stage;
  state: State;
  people: Cast;
  setup: Setup;
}

export interface StoriesServer {
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
  close(): Promise<void>;
}

/**
 * `origin` is Storybook's (the page the widgets run in). States that move the server's clock run on
 * a second server, so a story that jumps a day ahead never expires another story's seat or assist.
 */
export function createStoriesServer(options: { origins: string[]; assetBase: string }): StoriesServer {
  const live = new Stage(options);
  const timeTravel = new Stage(options);
  const sessions = new Map<string, Session>();
  const stalled = new Set<ServerResponse>();
  let sessionCount = 0;

  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(JSON.stringify(body));
  };

  async function stage(query: URLSearchParams): Promise<StagedState> {
    const found = findState(query.get('widget') ?? '', query.get('state') ?? '');
    if (!found) throw new RangeError(`no such state: ${query.get('widget')}/${query.get('state')}`);
    const locale = LOCALES.find((l) => l === query.get('locale')) ?? 'zh-CN';
    const { widget, state } = found;
    const people = cast[locale];
    const where = state.movesClock ? timeTravel : live;
    return where.run(async (flock) => {
      const setup = await state.setup(flock, people, makersFor(flock, people, `${options.assetBase}/tea.svg`));
      const session = `s${++sessionCount}`;
      sessions.set(session, { stage: where, state, people, setup });
      // Only a story on screen performs its act: keep the recent sessions, not every one since start.
      if (sessions.size > 200) sessions.delete(sessions.keys().next().value!);
      const act = state.act;
      return {
        session,
        locale,
        api: setup.api === 'STALL' ? `${options.assetBase}/stall` : flock.api,
        publishableKey: flock.publishableKey,
        // Minted last: tokens are checked against the (possibly advanced) server clock.
        shopperToken: setup.guest ? '' : await flock.tokenFor(setup.shopper ?? people.me),
        attributes: widgetAttributes(widget, setup, { linkAsAttribute: true }),
        ...(setup.userAgent ? { userAgent: setup.userAgent } : {}),
        ...(act
          ? {
              act: {
                clipboard: act.clipboard ?? false,
                readQrCode: act.readQrCode ?? false,
                server: act.server !== undefined,
                offline: act.offline ?? false,
                ...(act.tap ? { tap: act.tap } : {}),
                enterCode: act.enterCode ?? false,
                ...(setup.code ? { code: setup.code } : {}),
                waitFor: act.waitFor,
              },
            }
          : {}),
      };
    });
  }

  async function act(query: URLSearchParams): Promise<{ result: unknown }> {
    const session = sessions.get(query.get('session') ?? '');
    if (!session) throw new RangeError('no such session');
    const { stage, state, people, setup } = session;
    const qrCode = query.get('qrCode') ?? undefined;
    return stage.run(async (flock) => ({ result: await state.act?.server?.(flock, people, setup, qrCode) }));
  }

  return {
    async handle(request, response) {
      const url = new URL(request.url ?? '/', 'http://stories');
      try {
        if (url.pathname.startsWith('/stall')) {
          // Held open until Storybook stops: a provider pointed here shows its loading skeleton.
          stalled.add(response);
          response.on('close', () => stalled.delete(response));
          return;
        }
        if (url.pathname === '/stage' && request.method === 'GET') return json(response, 200, await stage(url.searchParams));
        if (url.pathname === '/act' && request.method === 'POST') return json(response, 200, await act(url.searchParams));
        if (url.pathname === '/tea.svg') {
          response.writeHead(200, { 'content-type': 'image/svg+xml' });
          return void response.end(teaSvg);
        }
        const avatar = /^\/avatar\/([^/]+)\.svg$/.exec(url.pathname);
        if (avatar) {
          response.writeHead(200, { 'content-type': 'image/svg+xml' });
          return void response.end(avatarSvg(decodeURIComponent(avatar[1]!)));
        }
        json(response, 404, { error: 'not_found' });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        json(response, error instanceof RangeError ? 400 : 500, { error: message });
      }
    },
    async close() {
      for (const response of stalled) response.destroy();
      await Promise.all([live.close(), timeTravel.close()]);
    },
  };
}
