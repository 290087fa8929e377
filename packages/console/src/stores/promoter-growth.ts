import { createMaterial, getLeaderboard, getRecentPayouts, listMaterials, updateMaterial } from '@flock/protocol/routes';
import type {
  CreateMaterialRequest,
  Leaderboard,
  LeaderboardPeriod,
  Material,
  RecentPayouts,
  UpdateMaterialRequest,
} from '@flock/sdk';
import { atom, map } from 'nanostores';
import { client } from '../client.js';
import { errorCode } from '../forms.js';

// The promoter growth kit (issue 16) as the merchant runs it: each program's share material (素材),
// and its leaderboard and payout ticker exactly as promoters and their friends see them (masked).
// Every figure comes from the API; nothing is added up here.

/** One program's materials, newest first (archived ones too: the merchant may bring one back). */
export interface MaterialsState {
  programId: string | undefined;
  rows: Material[];
  loading: boolean;
  error?: string;
}
export const $materials = map<MaterialsState>({ programId: undefined, rows: [], loading: true });

/** Loads a program's materials; an answer for a program no longer shown is dropped. */
export async function loadMaterials(programId: string): Promise<void> {
  if ($materials.get().programId !== programId) $materials.set({ programId, rows: [], loading: true });
  else $materials.setKey('loading', true);
  try {
    const { data } = await client.call(listMaterials, { params: { id: programId } });
    if ($materials.get().programId === programId) $materials.set({ programId, rows: data, loading: false });
  } catch (error) {
    if ($materials.get().programId === programId)
      $materials.set({ programId, rows: [], loading: false, error: errorCode(error) });
  }
}

export async function saveMaterial(
  programId: string,
  change: { create: CreateMaterialRequest } | { id: string; update: UpdateMaterialRequest },
): Promise<void> {
  if ('create' in change) await client.call(createMaterial, { params: { id: programId }, body: change.create });
  else await client.call(updateMaterial, { params: { id: change.id }, body: change.update });
  await loadMaterials(programId);
}

/** Archived, a material is no longer offered to promoters; its shares keep their history. Unarchived, it is offered again. */
export const setMaterialArchived = (programId: string, id: string, archived: boolean) =>
  saveMaterial(programId, { id, update: { archived } });

/** The program's leaderboard and payout ticker as the public sees them. */
export interface BoardState {
  programId: string | undefined;
  period: LeaderboardPeriod;
  leaderboard?: Leaderboard;
  payouts?: RecentPayouts;
  error?: string;
}
export const $board = atom<BoardState>({ programId: undefined, period: 'week' });

/** Loads the leaderboard of `period` and the recent payouts of a program, together. */
export async function loadBoard(programId: string, period: LeaderboardPeriod = $board.get().period): Promise<void> {
  const shown = $board.get();
  $board.set(shown.programId === programId ? { ...shown, period, error: undefined } : { programId, period, error: undefined });
  try {
    const [leaderboard, payouts] = await Promise.all([
      client.call(getLeaderboard, { params: { id: programId }, query: { period, limit: '20' } }),
      client.call(getRecentPayouts, { params: { id: programId } }),
    ]);
    const now = $board.get();
    if (now.programId === programId && now.period === period) $board.set({ programId, period, leaderboard, payouts });
  } catch (error) {
    const now = $board.get();
    if (now.programId === programId) $board.set({ ...now, error: errorCode(error) });
  }
}
