/**
 * The shop the browser benches load: a page server on its own origin (localhost, against the Flock
 * server's 127.0.0.1: another origin and another site, as on a real shop) and, on a running Flock
 * server, a merchant that allows that origin with one group-buy offer.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

export const TEA_OFFER = {
  productRef: 'longjing-250',
  title: 'Longjing green tea 250 g',
  regularPrice: 2990,
  groupPrice: 1990,
  currency: 'CNY',
  teamSize: 2,
  teamTtlSeconds: 86_400,
};

export interface ShopPages {
  origin: string;
  /** The page served at each path (HTML), set by the bench before loading it. */
  pages: Map<string, string>;
  close(): Promise<void>;
}

/** Serves `pages` on 127.0.0.1:`port`, never cached, as `http://localhost:<port>`. */
export async function startShopPages(port: number): Promise<ShopPages> {
  const pages = new Map<string, string>();
  const shop = createServer((request, response) => {
    const html = pages.get(request.url ?? '');
    response.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(html ?? 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    shop.once('error', reject);
    shop.listen(port, '127.0.0.1', () => resolve());
  });
  return { origin: `http://localhost:${port}`, pages, close: () => new Promise((resolve) => shop.close(() => resolve())) };
}

export interface TeaShop {
  merchant: { publishableKey: string; secretKey: string };
  offer: { id: string };
  /** A new shopper's id and token, as the shop's backend mints them. */
  newShopper(): Promise<{ shopperId: string; token: string }>;
}

/** Creates the merchant (allowing `shopOrigin`) and its offer through the server's HTTP API. */
export async function createTeaShop(api: string, adminToken: string, shopOrigin: string): Promise<TeaShop> {
  const post = async <T>(path: string, bearer: string, body: unknown): Promise<T> => {
    const response = await fetch(`${api}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<T>;
  };
  const merchant = await post<TeaShop['merchant']>('/v1/merchants', adminToken, { name: 'Tea shop', origins: [shopOrigin] });
  const offer = await post<TeaShop['offer']>('/v1/group-buy-offers', merchant.secretKey, TEA_OFFER);
  const newShopper = async () => {
    const shopperId = `shopper-${randomBytes(4).toString('hex')}`;
    const { token } = await post<{ token: string }>('/v1/shopper-tokens', merchant.secretKey, {
      shopperId,
      displayName: shopperId,
    });
    return { shopperId, token };
  };
  return { merchant, offer, newShopper };
}
