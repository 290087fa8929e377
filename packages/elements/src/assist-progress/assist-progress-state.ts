import type { Assist, AssistCampaign } from '@flock/sdk';

/** Everything the assist widget can show; one render branch per kind. */
export type AssistProgressView =
  | { kind: 'loading' }
  | { kind: 'load-error'; code: string }
  /** No assist yet: the campaign's pitch and a start button. */
  | { kind: 'start'; campaign: AssistCampaign }
  /** The shopper's own assist, still collecting helps: share it. */
  | { kind: 'active-owner'; assist: Assist }
  /** A friend's assist, opened through a shared link: help it. */
  | { kind: 'active-friend'; assist: Assist }
  /** A friend's assist the shopper has helped; `amountCut` is known when the help was given on this page. */
  | { kind: 'helped'; assist: Assist; amountCut: number | null | undefined }
  /** The goal was reached; the owner can claim the reward while `claimOpen`. */
  | { kind: 'completed'; assist: Assist; owner: boolean; claimOpen: boolean }
  | { kind: 'expired'; assist: Assist; owner: boolean };

interface Loaded<T> {
  data?: T;
  error?: { code: string };
  loading: boolean;
}

export interface AssistViewInput {
  /** The widget's campaign: an assist of another campaign is never shown as this one's. */
  campaignId?: string;
  campaign: Loaded<AssistCampaign> | undefined;
  /** Undefined when there is no assist to show (none linked, none of the shopper's own). */
  assist: Loaded<Assist> | undefined;
  /** The help given from this page, so the thanks can say how much it cut. */
  lastHelp?: { assistId: string; amountCut: number | null };
  /** Now on the server's clock (epoch ms): an assist past its deadline is over before the server says so. */
  now: number;
}

/** Derives the view from what the stores hold: pure, so every state is easy to test. */
export function assistProgressView({
  campaignId,
  campaign: campaignState,
  assist: assistState,
  lastHelp,
  now,
}: AssistViewInput): AssistProgressView {
  const assist = assistState?.data;
  if (assist && campaignId && assist.campaignId !== campaignId) return { kind: 'loading' };
  if (assist) return assistView(assist, lastHelp, now);
  const campaign = campaignState?.data;
  if (assistState?.error) {
    // A stale or mistyped shared link still lets the shopper start their own.
    if (assistState.error.code === 'not_found' && campaign) return { kind: 'start', campaign };
    return { kind: 'load-error', code: assistState.error.code };
  }
  if (assistState) return { kind: 'loading' };
  if (campaign) return { kind: 'start', campaign };
  return campaignState?.error ? { kind: 'load-error', code: campaignState.error.code } : { kind: 'loading' };
}

function assistView(assist: Assist, lastHelp: AssistViewInput['lastHelp'], now: number): AssistProgressView {
  const owner = assist.viewer?.isOwner === true;
  if (assist.status === 'completed') {
    const claimOpen = assist.purchaseBy === null || Date.parse(assist.purchaseBy) > now;
    return { kind: 'completed', assist, owner, claimOpen };
  }
  if (assist.status === 'expired' || Date.parse(assist.expiresAt) <= now) return { kind: 'expired', assist, owner };
  if (owner) return { kind: 'active-owner', assist };
  const justHelped = lastHelp?.assistId === assist.id ? lastHelp : undefined;
  if (justHelped || assist.viewer?.helped) return { kind: 'helped', assist, amountCut: justHelped?.amountCut };
  return { kind: 'active-friend', assist };
}

export interface AssistProgress {
  /** Helps so far (progress mode) or minor units cut so far (price_cut mode). */
  value: number;
  max: number;
  /** 0–100, one decimal. */
  percent: number;
  /** price_cut mode: minor units still to cut down to the floor price. */
  left: number;
}

/** How far an assist has come, in the unit its mode counts in. */
export function assistProgress(assist: Assist): AssistProgress {
  let value: number;
  let max: number;
  if (assist.mode === 'price_cut' && assist.startPrice !== null && assist.floorPrice !== null) {
    max = assist.startPrice - assist.floorPrice;
    value = assist.startPrice - (assist.currentPrice ?? assist.startPrice);
  } else {
    max = assist.goal;
    value = assist.helps;
  }
  value = Math.min(Math.max(value, 0), max);
  const percent = max > 0 ? Math.round((value / max) * 1000) / 10 : 0;
  return { value, max, percent, left: max - value };
}

/** Which assist to show: one chosen on this page, else the linked one, else the shopper's own. */
export function assistIdToShow(options: { chosen?: string; linked?: string; campaign?: AssistCampaign }): string | undefined {
  return options.chosen ?? options.linked ?? options.campaign?.myAssist?.id ?? undefined;
}
