import type { ClientCore } from '@flock/sdk';
import { createContext } from '@lit/context';
import type { StringOverrides } from '../i18n/localize.js';

/**
 * The shared client: its core, to which each widget adds its feature's part (groupBuyClient(client)…);
 * language, strings and scheme travel apart in flockSettingsContext.
 */
export interface FlockContext {
  client: ClientCore;
}

export const flockContext = createContext<FlockContext | undefined>(Symbol.for('flock-context'));

/** A pinned colour scheme; unset follows `prefers-color-scheme`. */
export type ColorScheme = 'light' | 'dark';

/**
 * What a `<flock-provider>` sets for every widget inside it, with or without a client: language,
 * the merchant's own strings and a pinned scheme. A widget's own attribute wins over each of them.
 */
export interface FlockSettings {
  /** The provider's `locale` attribute as written ('' when unset). */
  locale: string;
  strings?: StringOverrides;
  theme?: ColorScheme;
}

export const flockSettingsContext = createContext<FlockSettings | undefined>(Symbol.for('flock-settings'));
