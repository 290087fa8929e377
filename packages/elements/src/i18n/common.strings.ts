import { defineStrings } from './localize.js';

const en = {
  loading: 'Loading…',
  retry: 'Try again',
  linkCopied: 'Link copied — send it to friends',
  copyFailed: 'Copy this link: {url}',
  dayPrefix: '{d}d ',
  'error.team_full': 'This group is full — start a new one',
  'error.team_closed': 'This group has closed — start a new one',
  'error.already_member': "You're already in this group",
  'error.reservation_expired': 'Your spot was released because payment timed out',
  'error.campaign_not_active': 'This group buy is paused or has ended',
  'error.offer_not_active': 'This group buy is not running right now',
  'error.offer_sold_out': 'No more groups can be started for this offer',
  'error.not_found': "We couldn't find this group buy",
  'error.shopper_token_required': 'Please sign in to join a group',
  'error.shopper_token_expired': 'Your session has expired — reload the page',
  'error.shopper_token_invalid': 'Please sign in again',
  'error.origin_not_allowed': 'This page is not allowed to show this group buy',
  'error.invalid_key': 'This shop is not set up correctly (API key)',
  'error.rate_limited': 'Too many tries — wait a moment',
  'error.network_error': "You're offline or the shop can't be reached",
  'error.unknown': 'Something went wrong — try again',
};

/** The keys each translation of these strings must have (checked by the type). */
export type CommonKey = keyof typeof en;

/**
 * Strings every widget may show: loading, retry, copied links, countdown days and the API's error
 * messages (a widget's own wording for a code, e.g. `assist.error.<code>`, comes first). English is built in; each other language is a chunk of
 * its own, fetched the first time a widget speaks it.
 */
export const commonStrings = defineStrings(en, {
  'zh-CN': () => import('./common.zh-cn.js').then((module) => module.zhCN),
  'zh-TW': () => import('./common.zh-tw.js').then((module) => module.zhTW),
});
