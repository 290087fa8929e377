/**
 * Where the widget finds its Flock server and what it shows, from the page's query string:
 * `?api=…&key=pk_…&offer=off_…&token=…&locale=en`. `pnpm demo` prints a ready-made link.
 */
const params = new URLSearchParams(location.search);

export const config = {
  /** The demo's Flock server unless the link names another. */
  api: params.get('api') ?? 'http://127.0.0.1:8787',
  publishableKey: params.get('key') ?? '',
  offer: params.get('offer') ?? '',
  /** Minted by the shop's backend for the signed-in shopper; without it the widget is read-only. */
  shopperToken: params.get('token') ?? '',
  locale: params.get('locale') ?? 'en',
};

/** What to tell a developer who opened the page without a link from `pnpm demo`. */
export const missingConfig =
  config.publishableKey && config.offer
    ? ''
    : 'Add ?key=pk_…&offer=off_…&token=… to the URL: `pnpm demo` prints a ready-made link.';
