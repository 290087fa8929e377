import { defineStrings } from '../i18n/localize.js';

const en = {
  'assist.kind.price_cut': 'Price cut',
  'assist.kind.progress': 'Help me get it',
  'assist.reward': 'Reward',
  'assist.pitch.price_cut': 'Get {n} friends to help: from {start} down to {floor}',
  'assist.pitch.progress': "Get {n} friends to help and it's yours",
  'assist.start.price_cut': 'Start a price cut',
  'assist.start.progress': 'Ask friends to help',
  'assist.currentPrice': 'Now',
  'assist.lowest': 'As low as',
  'assist.from': 'From {price}',
  'assist.downTo': 'Down to {price}',
  'assist.cutProgress': '{cut} off, {left} to go',
  'assist.cutDone': '{cut} off — down to {floor}',
  'assist.helpProgress': '{n} of {goal} friends helped — {left} to go',
  'assist.helpDone': 'All {goal} friends helped',
  'assist.progressLabel.price_cut': 'Price cut progress',
  'assist.progressLabel.progress': 'Friends helping',
  'assist.endsIn': 'Ends in {time}',
  'assist.invitedBy.price_cut': '{name} asked you to help cut the price',
  'assist.invitedBy.progress': '{name} asked for your help',
  'assist.help.price_cut': 'Help cut the price',
  'assist.help.progress': 'Help {name}',
  'assist.helped.price_cut': 'Thanks! You cut {price}',
  'assist.helped.progress': 'Thanks for helping {name}!',
  'assist.helpedButton': 'Helped',
  'assist.invite.price_cut': 'Invite friends to cut',
  'assist.invite.progress': 'Invite friends to help',
  'assist.shareText.price_cut': 'Help me cut the price of {title}!',
  'assist.shareText.progress': 'Help me get {title}!',
  'assist.wechatHint': 'Tap ··· at the top right to share with friends',
  'assist.helpers': 'Friends who helped',
  'assist.helperCut': 'cut {price}',
  'assist.helperHelped': 'helped',
  'assist.noHelpersOwner': 'No helps yet — invite your friends',
  'assist.noHelpersFriend': 'Be the first to help',
  'assist.showAll': 'Show all {n}',
  'assist.showLess': 'Show less',
  'assist.completed': 'Done! Claim it within {time}',
  'assist.claim': 'Claim now',
  'assist.claimClosed': 'The time to claim this has passed',
  'assist.completedFriend': '{name} reached the goal',
  'assist.expired': 'This has ended',
  'assist.startOwn.price_cut': 'Start my own price cut',
  'assist.startOwn.progress': 'Get one too',
  'assist.startAgain': 'Start again',
  'assist.error.already_helped': "You've already helped",
  'assist.error.self_help': "You can't help yourself — share it with friends",
  'assist.error.assist_completed': 'This one is already complete — thanks anyway!',
  'assist.error.assist_expired': 'This has ended',
  'assist.error.help_limit_reached': "You've used up today's helps — come back tomorrow",
  'assist.error.rate_limited': 'Too many tries — wait a moment',
  'assist.error.campaign_not_active': "This campaign isn't running right now",
  'assist.error.not_found': "We couldn't find this campaign",
  'assist.error.shopper_token_required': 'Please sign in first',
  'assist.error.origin_not_allowed': 'This page is not allowed to show this campaign',
};

/** The keys each translation of these strings must have (checked by the type). */
export type AssistProgressKey = keyof typeof en;

/**
 * `<flock-assist-progress>`'s strings. English is built in; each other language is a chunk of
 * its own, fetched the first time a widget speaks it.
 */
export const assistProgressStrings = defineStrings(en, {
  'zh-CN': () => import('./assist-progress.zh-cn.js').then((module) => module.zhCN),
  'zh-TW': () => import('./assist-progress.zh-tw.js').then((module) => module.zhTW),
});
