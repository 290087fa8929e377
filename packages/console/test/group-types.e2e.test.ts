import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleShop, ownerPage, startConsoleShop } from './console-shop.js';

// A merchant creates each of the five kinds of group buy (issue 15) through the console's offer
// form, in real Chromium against a real server: the form's own check refuses bad tiers, winners and
// product sets next to their fields, a refusal of the server sits by the field it names, the offers
// list shows each type with its stock, tiers, draw or products, and a lottery team's draw is shown.

describe('the offer form’s five kinds of group buy', () => {
  let shop: ConsoleShop;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    shop = await startConsoleShop();
    ({ context, page, errors } = await ownerPage(shop));
  });
  afterAll(async () => {
    await context?.close();
    await shop?.close();
  });

  /** The offer the form just created, as the API answers it (the newest of the list). */
  const newest = async () => {
    const { body } = await shop.asShop('GET', '/v1/group-buy-offers');
    return body.data[0];
  };
  const errorOf = (field: string) => page.locator(`[id="${field}-error"]`).textContent();
  async function newOffer(kind: RegExp, title: string, productRef: string) {
    await page.goto(`${shop.api}/console/#/offers/new`);
    await page.getByRole('heading', { name: 'New group-buy offer' }).waitFor();
    await page.getByRole('radio', { name: kind }).check();
    await page.getByLabel('Title shoppers see').fill(title);
    await page.getByLabel(/^Product code/).fill(productRef);
    await page.getByLabel('Regular price', { exact: true }).fill('39');
  }
  const create = async () => {
    await page.getByRole('button', { name: 'Create offer' }).click();
  };
  const createdAndListed = async (title: string) => {
    await create();
    await page.getByRole('heading', { name: 'Group-buy offers' }).waitFor();
    return page.getByRole('row', { name: new RegExp(title) });
  };

  it('creates a flash sale with its stock, and shows the stock left', async () => {
    await newOffer(/^Flash sale/, 'Longjing flash sale', 'longjing-flash');
    await page.getByLabel('Group price', { exact: true }).fill('19.9');
    await page.getByLabel('People per team').fill('2');
    await page.getByLabel(/^Units in stock/).fill('0');
    await create();
    await expect.poll(() => errorOf('stock')).toBe('At least 1.');
    await page.getByLabel(/^Units in stock/).fill('20');
    const row = await createdAndListed('Longjing flash sale');
    await expect.poll(() => row.textContent()).toContain('Flash sale');
    await expect.poll(() => row.textContent()).toContain('20 of 20 left');
    expect(await newest()).toMatchObject({ stock: 20, stockLeft: 20, groupPrice: 1990, teamSize: 2, tiers: null });
  });

  it('creates a ladder from its tiers: the group price is the first tier’s, the team size the last tier’s', async () => {
    await newOffer(/^Ladder price/, 'Biluochun ladder', 'biluochun-ladder');
    // The group price and team size come from the tiers: the form does not ask for them.
    expect(await page.getByLabel('Group price', { exact: true }).count()).toBe(0);
    expect(await page.getByLabel('People per team').count()).toBe(0);
    // Switching the type keeps the tier rows' starting values (2 and 5 people).
    expect(await page.getByLabel('Tier 2: people').inputValue()).toBe('5');
    await page.getByLabel('Tier 1: people').fill('2');
    await page.getByLabel('Tier 1: price each').fill('29');
    await page.getByLabel('Tier 2: people').fill('5');
    await page.getByLabel('Tier 2: price each').fill('35');
    await page.getByRole('button', { name: 'Add tier' }).click();
    await page.getByLabel('Tier 3: people').fill('10');
    await page.getByLabel('Tier 3: price each').fill('19');
    // What was typed survives adding a row.
    expect(await page.getByLabel('Tier 1: price each').inputValue()).toBe('29');
    await create();
    await expect.poll(() => errorOf('tiers')).toBe('Each tier needs more people and a lower price than the one before.');
    await page.getByLabel('Tier 2: price each').fill('25');
    await expect
      .poll(() => page.locator('p.hint', { hasText: /Everyone pays/ }).textContent())
      .toContain('a team is full at 10 people and succeeds at its deadline with 2');
    // A tier removed and added back: the rows renumber.
    await page.getByRole('button', { name: 'Remove tier 3' }).click();
    expect(await page.getByLabel('Tier 3: people').count()).toBe(0);
    await page.getByRole('button', { name: 'Add tier' }).click();
    await page.getByLabel('Tier 3: people').fill('10');
    await page.getByLabel('Tier 3: price each').fill('19');
    const row = await createdAndListed('Biluochun ladder');
    await expect.poll(() => row.textContent()).toContain('Ladder');
    await expect.poll(() => row.textContent()).toContain('10 people: CN¥19.00');
    expect(await newest()).toMatchObject({
      groupPrice: 2900,
      teamSize: 10,
      completeAtDeadline: { minMembers: 2 },
      tiers: [
        { members: 2, price: 2900 },
        { members: 5, price: 2500 },
        { members: 10, price: 1900 },
      ],
    });

    // Editing it: its tiers show, fixed; a new title saves without touching its prices.
    const { id } = await newest();
    await page.goto(`${shop.api}/console/#/offers/${id}`);
    await page.getByRole('heading', { name: 'Edit offer' }).waitFor();
    expect(await page.getByLabel('Tier 3: price each').inputValue()).toBe('19.00');
    expect(await page.getByLabel('Tier 3: price each').isDisabled()).toBe(true);
    await page.getByLabel('Title shoppers see').fill('Biluochun ladder, spring');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Group-buy offers' }).waitFor();
    expect(await newest()).toMatchObject({ title: 'Biluochun ladder, spring', groupPrice: 2900 });
  });

  it('creates a lottery with a consolation voucher, shows a server refusal by its field, and shows a team’s draw', async () => {
    const { body: voucher } = await shop.asShop('POST', '/v1/voucher-products', { title: '¥10 off your next tea', uses: 1 });
    await newOffer(/^Lottery team/, 'Tieguanyin lottery', 'tieguanyin-lottery');
    await page.getByLabel('Price to enter the draw').fill('1');
    await page.getByLabel('People per team').fill('3');
    await page.getByLabel('Winners per team').fill('3');
    await page.getByLabel(/^Voucher for members who do not win/).selectOption({ label: '¥10 off your next tea' });
    await create();
    await expect.poll(() => errorOf('lottery.winners')).toBe('There must be fewer winners than people per team.');
    await page.getByLabel('Winners per team').fill('1');

    // The voucher product is gone by the time the form is sent: the server's 400 names the field.
    await page.route('**/v1/group-buy-offers', async (route) => {
      const body = route.request().postDataJSON();
      await route.continue({
        postData: JSON.stringify({ ...body, lottery: { ...body.lottery, consolationVoucherProductId: 'vp_gone0000000000' } }),
      });
    });
    await create();
    await expect.poll(() => errorOf('lottery.consolationVoucherProductId')).toBe('No such voucher product in this shop.');
    await page.unroute('**/v1/group-buy-offers');
    const row = await createdAndListed('Tieguanyin lottery');
    await expect.poll(() => row.textContent()).toContain('1 of 3 win');
    const offer = await newest();
    expect(offer).toMatchObject({
      groupPrice: 100,
      teamSize: 3,
      lottery: { winners: 1, consolationVoucherProductId: voucher.id },
    });

    // A team fills; the Teams page shows its draw: commitment, seed, the winner, and the data's link.
    const paid = async (reservationId: string) =>
      expect(
        (await shop.asShop('POST', `/v1/reservations/${reservationId}/confirm`, { orderRef: `o-${reservationId}` })).status,
      ).toBe(200);
    const opened = await shop.asShopper('POST', `/v1/group-buy-offers/${offer.id}/teams`, {
      shopperId: 'lan',
      displayName: 'Lan',
    });
    await paid(opened.body.reservation.id);
    const teamId = opened.body.team.id as string;
    for (const name of ['Bo', 'Chen']) {
      const joined = await shop.asShopper('POST', `/v1/teams/${teamId}/reservations`, {
        shopperId: name.toLowerCase(),
        displayName: name,
      });
      await paid(joined.body.reservation.id);
    }
    const { body: draw } = await shop.asShopper('GET', `/v1/teams/${teamId}/draw`);
    expect(draw.winners).toHaveLength(1);
    await page.getByRole('link', { name: 'Teams' }).click();
    await page.getByRole('heading', { name: 'Teams' }).waitFor();
    await page
      .getByRole('row', { name: /Tieguanyin lottery/ })
      .getByRole('button', { name: 'Draw' })
      .click();
    const dialog = page.getByRole('dialog', { name: /Draw of team/ });
    await dialog.waitFor();
    await expect.poll(() => dialog.textContent()).toContain(draw.commitment);
    await expect.poll(() => dialog.textContent()).toContain(draw.seed);
    const winner = draw.members.find((m: { reservationId: string }) => m.reservationId === draw.winners[0]).displayName;
    await expect.poll(() => dialog.locator('dd').nth(2).textContent()).toBe(winner);
    expect(await dialog.getByRole('link', { name: 'Draw data (JSON)' }).getAttribute('href')).toContain(
      `/v1/teams/${teamId}/draw?key=pk_`,
    );
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('creates a cross-product set: its group price is the lowest, each member’s product shows in the teams list', async () => {
    await newOffer(/^Cross-product/, 'Spring tea set', 'spring-set');
    await page.getByLabel('People per team').fill('2');
    const product = async (n: number, ref: string, title: string, regular: string, group: string) => {
      await page.getByLabel(`Product ${n}: code`).fill(ref);
      await page.getByLabel(`Product ${n}: title`).fill(title);
      await page.getByLabel(`Product ${n}: regular price`).fill(regular);
      await page.getByLabel(`Product ${n}: group price`).fill(group);
    };
    await product(1, 'longjing-50g', 'Longjing 50 g', '39', '29');
    await product(2, 'longjing-50g', 'Biluochun 50 g', '36', '26');
    await page.getByRole('button', { name: 'Add product' }).click();
    await product(3, 'teapot', 'Clay teapot', '99', '79');
    await create();
    await expect.poll(() => errorOf('products')).toBe('Each product needs its own code.');
    await page.getByLabel('Product 2: code').fill('biluochun-50g');
    await expect.poll(() => page.getByText(/lowest group price/).textContent()).toContain('CN¥26.00');
    const row = await createdAndListed('Spring tea set');
    await expect.poll(() => row.textContent()).toContain('3 products');
    const offer = await newest();
    expect(offer).toMatchObject({ groupPrice: 2600, regularPrice: 3900 });
    expect(offer.products.map((p: { productRef: string }) => p.productRef)).toEqual(['longjing-50g', 'biluochun-50g', 'teapot']);

    const opened = await shop.asShopper('POST', `/v1/group-buy-offers/${offer.id}/teams`, {
      shopperId: 'mei',
      displayName: 'Mei',
      body: { productRef: 'teapot' },
    });
    await shop.asShop('POST', `/v1/reservations/${opened.body.reservation.id}/confirm`, { orderRef: 'o-mei' });
    await page.goto(`${shop.api}/console/#/teams?offer=${offer.id}`);
    await expect.poll(() => page.getByRole('row', { name: /Spring tea set/ }).textContent()).toContain('Mei (Clay teapot)');
  });

  it('creates a new-customer team with the switch', async () => {
    await newOffer(/^Regular group buy/, 'Newcomers’ Longjing', 'longjing-new');
    await page.getByLabel('Group price', { exact: true }).fill('9.9');
    await page.getByRole('switch', { name: 'Joiners must be new customers' }).check();
    const row = await createdAndListed('Newcomers’ Longjing');
    await expect.poll(() => row.textContent()).toContain('New customers');
    expect(await newest()).toMatchObject({ joinersMustBeNew: true, stock: null, tiers: null, lottery: null, products: null });
    expect(errors).toEqual([]);
  });
});
