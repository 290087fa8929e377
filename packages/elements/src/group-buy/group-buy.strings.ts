import { defineStrings } from '../i18n/localize.js';

const en = {
  groupBuy: 'Group buy',
  teamOf: 'Group of {n}',
  groupPrice: 'Group price',
  buyAlone: 'Buy alone',
  leaderPrice: 'Leader pays {price}',
  startGroup: 'Start a group',
  paying: '{n} paying',
  payingSeat: 'Seat held, paying',
  joinAgain: 'Join this group again',
  joinGroup: 'Join group',
  forming: 'These groups are forming — join one',
  nMore: '{n} more to go',
  timeLeft: '{time} left',
  joinedOf: '{n} of {size} joined',
  leader: 'Leader',
  emptySeat: 'Open seat',
  completesAtDeadline: 'Completes at the deadline with {n} or more paid members',
  payBy: 'Pay by {time} to keep your spot',
  payNow: 'Pay {price}',
  paidWaiting: "You're in! Invite friends to fill the group",
  leaderWaiting: 'Your group is open! Invite friends to fill it',
  inviteFriends: 'Invite friends',
  succeeded: 'Group complete',
  succeededEach: 'Group complete — {price} each',
  failed: "Group didn't fill — you'll be refunded",
  teamEnded: 'This group has ended',
  teamCompleted: 'This group is already complete — start your own',
  holdExpired: 'Your spot was released because payment timed out',
  startAnother: 'Start a new group',
  invitedBy: '{name} invited you to join',
  notActive: 'This group buy is not running right now',
  members: 'Group members',
};

/** The keys each translation of these strings must have (checked by the type). */
export type GroupBuyKey = keyof typeof en;

/**
 * `<flock-group-buy>`'s strings. English is built in; each other language is a chunk of
 * its own, fetched the first time a widget speaks it.
 */
export const groupBuyStrings = defineStrings(en, {
  'zh-CN': () => import('./group-buy.zh-cn.js').then((module) => module.zhCN),
  'zh-TW': () => import('./group-buy.zh-tw.js').then((module) => module.zhTW),
});
