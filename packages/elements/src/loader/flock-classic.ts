/**
 * flock-classic.js — the same autoloader for site builders that strip `type="module"` scripts:
 * `<script src="…/sdk/flock-classic.js">`. A classic script may still import() the ES module chunks.
 */
import { type ChunkTable, startAutoloader } from './autoloader.js';

declare const __FLOCK_CHUNKS__: ChunkTable;

const script = document.currentScript as HTMLScriptElement | null;
(window as unknown as { Flock: unknown }).Flock = startAutoloader(script?.src ?? location.href, __FLOCK_CHUNKS__);
