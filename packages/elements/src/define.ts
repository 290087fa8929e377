import { FlockAssistProgress } from './assist-progress/assist-progress.js';
import { FlockGroupBuy } from './group-buy/group-buy.js';
import { FlockProvider } from './provider/provider.js';
import { FlockReferralCard } from './referral-card/referral-card.js';
import { FlockVoucherQr } from './voucher-qr/voucher-qr.js';
import { FlockVoucherScanner } from './voucher-scanner/voucher-scanner.js';

/** Registers a tag once: a second copy of Flock on the same page must not throw. */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

/** Every Flock tag and its class, the provider first (a widget defined before it would miss its context). */
export const flockElements = {
  'flock-provider': FlockProvider,
  'flock-group-buy': FlockGroupBuy,
  'flock-assist-progress': FlockAssistProgress,
  'flock-referral-card': FlockReferralCard,
  'flock-voucher-qr': FlockVoucherQr,
  'flock-voucher-scanner': FlockVoucherScanner,
} as const satisfies Record<string, CustomElementConstructor>;

for (const [tag, element] of Object.entries(flockElements)) define(tag, element);
