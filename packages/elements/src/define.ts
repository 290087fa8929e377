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

define('flock-provider', FlockProvider);
define('flock-group-buy', FlockGroupBuy);
define('flock-assist-progress', FlockAssistProgress);
define('flock-referral-card', FlockReferralCard);
define('flock-voucher-qr', FlockVoucherQr);
define('flock-voucher-scanner', FlockVoucherScanner);
