export * from './assist.js';
export * from './common.js';
export * from './console.js';
export * from './errors.js';
export * from './group-buy.js';
export * from './live.js';
export * from './merchant.js';
export * from './promoter-growth.js';
export * from './query-credentials.js';
export * from './referral.js';
export * from './stats.js';
export * from './voucher.js';
export * from './webhooks.js';

export const SHOPPER_HEADER = 'Flock-Shopper';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const SIGNATURE_HEADER = 'Flock-Signature';
