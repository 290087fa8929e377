import {
  createReferralProgram,
  getProgramBalances,
  getReferralProgram,
  listOrders,
  listPayouts,
  listPromoterBalances,
  listPromoters,
  listReferralPrograms,
  recordPayout as recordPayoutRoute,
  refundOrder as refundOrderRoute,
  updateReferralProgram,
} from '@flock/protocol/routes';
import type { CampaignStatus, CreateReferralProgramRequest, ProgramBalances, UpdateReferralProgramRequest } from '@flock/sdk';
import { atom } from 'nanostores';
import { client } from '../client.js';
import { listStore } from '../lists.js';

// The referral (分销) pages' data: programs, promoters, orders, payouts and each program's ledger,
// and what the merchant does to them. Every figure comes from the API; nothing is added up here.

/** The programs page's table (filtered by status as the merchant picks). */
export const programs = listStore(listReferralPrograms);
/** Every program, unfiltered: the choices of the program pickers (promoters, orders, ledger, commissions). */
export const programChoices = listStore(listReferralPrograms);
export const promoters = listStore(listPromoters);
/** Every promoter, unfiltered: the choices of the payouts page's promoter picker. */
export const promoterChoices = listStore(listPromoters);
export const orders = listStore(listOrders);
export const payouts = listStore(listPayouts);
/** One program's ledger, a line per promoter; loads once a program is picked (the route requires one). */
export const ledger = listStore(listPromoterBalances, { program: '' });
/** The picked program's totals, beside its ledger. */
export const $ledgerTotals = atom<ProgramBalances | undefined>(undefined);

export const loadProgram = (id: string) => client.call(getReferralProgram, { params: { id } });

async function reloadPrograms(): Promise<void> {
  await Promise.all([programs.load(), programChoices.load()]);
}

export async function createProgram(input: CreateReferralProgramRequest): Promise<void> {
  await client.call(createReferralProgram, { body: input });
  await reloadPrograms();
}

export async function updateProgram(id: string, changes: UpdateReferralProgramRequest): Promise<void> {
  await client.call(updateReferralProgram, { params: { id }, body: changes });
  await reloadPrograms();
}

/**
 * Pauses, resumes or ends a program. Paused or ended, it takes no new promoter; promoters who joined
 * keep their links, which still record clicks and attribute orders that earn commission as before.
 * Ending is final.
 */
export const setProgramStatus = (id: string, status: CampaignStatus) => updateProgram(id, { status });

/** Loads the totals of the program whose ledger is shown (its lines load through the list). */
async function loadLedgerTotals(programId: string): Promise<void> {
  // Another program's totals must not show beside this one's lines while they load.
  if ($ledgerTotals.get()?.programId !== programId) $ledgerTotals.set(undefined);
  const totals = await client.call(getProgramBalances, { params: { id: programId } });
  if (ledger.$filters.get().program === programId) $ledgerTotals.set(totals);
}
// Picking a program (the ledger's filter) reads its totals too; a failure shows in the list, which reads the same program.
ledger.$filters.listen(({ program }) => {
  if (program) loadLedgerTotals(program).catch(() => undefined);
});

/** Reloads the shown ledger: its lines (from the first page unless `keepPlace` and the merchant paged on) and its totals. */
export async function reloadLedger(keepPlace = false): Promise<void> {
  const { program } = ledger.$filters.get();
  if (program) await Promise.all([keepPlace ? ledger.refresh() : ledger.load(), loadLedgerTotals(program)]);
}

/**
 * Records that the merchant paid a promoter (owners only). The server refuses more than the
 * promoter's available balance (409 insufficient_balance, naming what is available).
 */
export async function recordPayout(promoterId: string, input: { amount: number; reference: string }): Promise<void> {
  await client.call(recordPayoutRoute, { params: { id: promoterId }, body: input });
  await Promise.all([promoters.load(), reloadLedger()]);
}

/**
 * Reports a refund of (part of) an order. The server reverses each of its commissions in proportion
 * to the amount refunded, from wherever the money is (held, available, or already paid out).
 */
export async function refundOrder(orderRef: string, amount: number): Promise<void> {
  await client.call(refundOrderRoute, { params: { orderRef }, body: { amount } });
  await orders.load();
}
