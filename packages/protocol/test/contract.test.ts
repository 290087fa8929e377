import { describe, expect, it } from 'vitest';
import { CreateGroupBuyOfferRequest, CreateMerchantRequest, errorCodes, errorStatus, Team } from '../src/index.js';

const offer = {
  productRef: 'tea',
  title: 'Tea',
  regularPrice: 2990,
  groupPrice: 1990,
  currency: 'CNY',
  teamSize: 3,
  teamTtlSeconds: 86400,
};

describe('group-buy offer request', () => {
  it('accepts a minimal offer', () => {
    expect(CreateGroupBuyOfferRequest.safeParse(offer).success).toBe(true);
  });
  it.each([
    ['an unknown field', { ...offer, discount: 5 }],
    ['a fractional price', { ...offer, groupPrice: 19.9 }],
    ['a group price above the regular price', { ...offer, groupPrice: 3990 }],
    ['a leader price above the group price', { ...offer, leaderPrice: 2000 }],
    ['a one-person team', { ...offer, teamSize: 1 }],
    ['minMembers above the team size', { ...offer, completeAtDeadline: { minMembers: 4 } }],
    ['a lowercase currency', { ...offer, currency: 'cny' }],
    ['startsAt after endsAt', { ...offer, startsAt: '2026-12-02T00:00:00Z', endsAt: '2026-12-01T00:00:00Z' }],
  ])('rejects %s', (_, input) => {
    expect(CreateGroupBuyOfferRequest.safeParse(input).success).toBe(false);
  });
});

describe('merchant request', () => {
  it('takes origins without paths', () => {
    expect(CreateMerchantRequest.safeParse({ name: 'Shop', origins: ['https://shop.example'] }).success).toBe(true);
    expect(CreateMerchantRequest.safeParse({ name: 'Shop', origins: ['https://shop.example/'] }).success).toBe(false);
    expect(CreateMerchantRequest.safeParse({ name: 'Shop', origins: [] }).success).toBe(false);
  });
});

describe('error codes', () => {
  it('map conflicts to 409 and unknown ids to 404', () => {
    expect(errorStatus.team_full).toBe(409);
    expect(errorStatus.not_found).toBe(404);
    expect(errorStatus.invalid_request).toBe(400);
    expect(errorCodes.every((code) => /^[a-z]+(_[a-z]+)*$/.test(code))).toBe(true);
  });
});

describe('team response', () => {
  it('parses what the server sends, including an absent myReservation', () => {
    const team = {
      id: 'team_1',
      offerId: 'off_1',
      status: 'open',
      size: 3,
      members: [{ displayName: 'Alice', avatarUrl: null, leader: true, productRef: null }],
      seatsHeld: 0,
      seatsLeft: 2,
      expiresAt: '2026-11-24T08:00:00.000Z',
      completesAtDeadline: null,
      closedAt: null,
      serverNow: '2026-11-23T08:00:00.000Z',
    };
    expect(Team.safeParse(team).success).toBe(true);
    expect(Team.safeParse({ ...team, status: 'closed' }).success).toBe(false);
  });
});
