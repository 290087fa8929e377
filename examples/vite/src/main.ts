import '@flock/elements';
import { config, missingConfig } from './config.js';

// Both lookups are typed through HTMLElementTagNameMap: FlockProvider and FlockGroupBuy.
const provider = document.querySelector('flock-provider')!;
const groupBuy = document.querySelector('flock-group-buy')!;
const status = document.querySelector<HTMLParagraphElement>('#status')!;

provider.api = config.api;
provider.publishableKey = config.publishableKey;
provider.shopperToken = config.shopperToken;
provider.locale = config.locale;
groupBuy.offer = config.offer;
status.textContent = missingConfig;

// A FlockCheckoutEvent through GlobalEventHandlersEventMap: the seat is held, start the shop's checkout.
groupBuy.addEventListener('flock-checkout', (event) => {
  status.textContent = `Checkout: ${event.detail.reservation.id}`;
});
