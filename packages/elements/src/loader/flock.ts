/**
 * flock.js — the one module script a page needs: `<script type="module" src="…/sdk/flock.js">`.
 * Every Flock tag on the page (now or added later) loads its own chunk on first sight.
 */
import { type ChunkTable, startAutoloader } from './autoloader.js';

declare const __FLOCK_CHUNKS__: ChunkTable;

const autoloader = startAutoloader(import.meta.url, __FLOCK_CHUNKS__);

/** Loads the Flock tags under a root the observer cannot see, such as a shadow root. */
export const discover = autoloader.discover;
/** Resolves once a tag is defined: `await load('flock-group-buy')`. */
export const load = autoloader.load;
