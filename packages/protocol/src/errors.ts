import * as z from 'zod/mini';

/** Every machine-readable error code the API can answer with, and the HTTP status it comes with. */
export const errorStatus = {
  invalid_request: 400,
  webhook_url_not_allowed: 400,
  invalid_time_zone: 400,
  invalid_date_range: 400,
  unauthorized: 401,
  invalid_key: 401,
  shopper_token_required: 401,
  shopper_token_invalid: 401,
  shopper_token_expired: 401,
  sign_in_failed: 401,
  session_expired: 401,
  forbidden: 403,
  origin_not_allowed: 403,
  csrf_failed: 403,
  not_found: 404,
  invite_invalid: 410,
  email_taken: 409,
  idempotency_conflict: 409,
  idempotency_in_progress: 409,
  offer_not_active: 409,
  offer_sold_out: 409,
  sold_out: 409,
  not_new_customer: 409,
  team_full: 409,
  team_closed: 409,
  already_member: 409,
  reservation_expired: 409,
  reservation_not_held: 409,
  already_helped: 409,
  self_help: 409,
  assist_completed: 409,
  assist_expired: 409,
  help_limit_reached: 409,
  campaign_not_active: 409,
  insufficient_balance: 409,
  commission_not_under_review: 409,
  order_currency_mismatch: 409,
  refund_exceeds_order: 409,
  attribution_expired: 409,
  code_invalid: 400,
  code_expired: 409,
  code_replayed: 409,
  voucher_used_up: 409,
  voucher_voided: 409,
  voucher_expired: 409,
  voucher_not_yet_valid: 409,
  wrong_store: 409,
  rate_limited: 429,
  headers_too_large: 431,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export const errorCodes = Object.keys(errorStatus) as ErrorCode[];

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.optional(z.unknown()),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
