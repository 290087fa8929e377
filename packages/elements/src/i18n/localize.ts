import type { CommonKey } from './common.strings.js';
import type { TranslationKey } from './en.js';

export type { Translation, TranslationKey } from './en.js';

/** The locales Flock ships complete string tables for. */
export type Locale = 'en' | 'zh-CN' | 'zh-TW';
export const LOCALES: readonly Locale[] = ['en', 'zh-CN', 'zh-TW'];

/** One locale's strings of one part of the interface, by key. */
export type StringTable<Key extends string> = Readonly<Record<Key, string>>;

/**
 * The strings of one part of the interface: the shared ones (src/i18n/common.strings.ts) or one
 * widget's (src/<name>/<name>.strings.ts), so a page downloads the strings of the widgets it shows
 * and no other. English is built in (every key's fallback); each other locale is a chunk of its own,
 * fetched the first time a widget speaks it, so no page downloads the languages it does not show.
 */
export interface Strings<Key extends string> {
  readonly en: StringTable<Key>;
  /** `locale`'s table once fetched (English always is). */
  table(locale: Locale): StringTable<Key> | undefined;
  /**
   * Fetches `locale`'s table once. If the chunk cannot be fetched (a dropped connection), the widget
   * falls back to English rather than staying blank; the next page load tries again.
   */
  load(locale: Locale): Promise<void>;
}

/** The keys of one or more `Strings`. */
export type KeyOf<S> = S extends Strings<infer Key> ? Key : never;

/** A part's strings: its English table, and an importer per other locale (a dynamic import, so a chunk of its own). */
export function defineStrings<Key extends string>(
  en: StringTable<Key>,
  importers: Readonly<Record<Exclude<Locale, 'en'>, () => Promise<StringTable<Key>>>>,
): Strings<Key> {
  const tables: Partial<Record<Locale, StringTable<Key>>> = { en };
  const loading = new Map<Locale, Promise<void>>();
  return {
    en,
    table: (locale) => tables[locale],
    load(locale) {
      if (tables[locale]) return Promise.resolve();
      let done = loading.get(locale);
      if (!done) {
        done = importers[locale as Exclude<Locale, 'en'>]().then(
          (table) => {
            tables[locale] = table;
          },
          (error) => {
            console.warn(`Flock: could not load the ${locale} strings; showing English.`, error);
            tables[locale] = en;
          },
        );
        loading.set(locale, done);
      }
      return done;
    },
  };
}

/**
 * A merchant's own wording, per locale: `{"zh-CN": {"startGroup": "我要开团"}, "en": {…}}`.
 * Locale keys may be any BCP 47 tag (`zh-Hant` counts as zh-TW); unknown string keys are ignored.
 */
export type StringOverrides = Partial<Record<string, Partial<Record<TranslationKey, string>>>>;

/**
 * The supported locale closest to a BCP 47 tag: Traditional script or a Traditional-writing region
 * (zh-TW, zh-HK, zh-MO, zh-Hant-*) → zh-TW; any other Chinese (zh, zh-CN, zh-SG, zh-Hans) → zh-CN;
 * everything else → en.
 */
export function resolveLocale(tag: string | null | undefined): Locale {
  if (!tag || !/^zh(?:[-_]|$)/i.test(tag)) return 'en';
  const subtags = tag.toLowerCase().split(/[-_]/).slice(1);
  if (subtags.includes('hant')) return 'zh-TW';
  if (subtags.includes('hans')) return 'zh-CN';
  return subtags.some((subtag) => subtag === 'tw' || subtag === 'hk' || subtag === 'mo') ? 'zh-TW' : 'zh-CN';
}

/**
 * The tag Intl formats with: the page's own English variant (en-GB writes 14:05) when the strings are
 * English, otherwise the supported locale, so numbers and dates always match the language around them.
 */
export function intlLocale(tag: string | null | undefined): string {
  const locale = resolveLocale(tag);
  if (locale === 'en' && tag && /^en(?:-|$)/i.test(tag)) {
    try {
      return Intl.getCanonicalLocales(tag)[0] ?? 'en';
    } catch {
      return 'en';
    }
  }
  return locale;
}

/** The first tag that is set: an element's `locale`, the provider's, the page's `lang`, the browser's. */
export function pickLocale(...candidates: (string | null | undefined)[]): string {
  return candidates.find((tag) => tag && tag.trim() !== '')?.trim() ?? 'en';
}

/**
 * The overrides that apply to one locale and to keys of `strings` (the widget's), later sources
 * winning (provider first, then the element).
 */
export function overridesFor(
  locale: Locale,
  strings: readonly Strings<string>[],
  ...sources: (StringOverrides | undefined)[]
): Partial<Record<string, string>> {
  const merged: Partial<Record<string, string>> = {};
  for (const source of sources) {
    if (!source || typeof source !== 'object') continue;
    for (const [tag, wording] of Object.entries(source)) {
      if (resolveLocale(tag) !== locale || !wording || typeof wording !== 'object') continue;
      for (const [key, value] of Object.entries(wording)) {
        if (typeof value === 'string' && strings.some((part) => key in part.en)) merged[key] = value;
      }
    }
  }
  return merged;
}

/**
 * Reads the `strings` attribute's JSON. A typo in a merchant's page must not break the widget:
 * invalid JSON or a non-object is ignored, with a console warning that says why.
 */
export function parseStringOverrides(json: string | null): StringOverrides | undefined {
  if (json === null || json.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(json);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as StringOverrides;
    console.warn('Flock: the strings attribute must be a JSON object like {"en": {"startGroup": "…"}}; ignored.');
  } catch (error) {
    console.warn(`Flock: the strings attribute is not valid JSON and was ignored (${(error as Error).message}).`);
  }
  return undefined;
}

export interface Translate<Key extends string = TranslationKey> {
  (key: Key, params?: Record<string, string | number>): string;
  /** Whether `key` is one of these strings (error messages look up keys made from a code). */
  has(key: string): boolean;
}

/** The translator of a widget with `strings` of its own: those keys and the shared ones. */
export type TranslatorOf<S> = Translate<KeyOf<S> | CommonKey>;

/** `strings` in `locale` (English for a table not fetched yet, see Strings.load), merchant overrides first. */
export function translator<S extends Strings<string>>(
  strings: readonly S[],
  locale: string,
  overrides: Partial<Record<string, string>> = {},
): Translate<KeyOf<S>> {
  const language = resolveLocale(locale);
  const lookup = (key: KeyOf<S>): string => {
    const part = strings.find((candidate) => key in candidate.en);
    return overrides[key] ?? part?.table(language)?.[key] ?? part?.en[key] ?? key;
  };
  const t = (key: KeyOf<S>, params?: Record<string, string | number>) => {
    const template = lookup(key);
    return params ? template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)) : template;
  };
  return Object.assign(t, { has: (key: string) => strings.some((part) => key in part.en) });
}

/**
 * The message for an API error code, falling back to a generic one for codes without a string.
 * With a `scope` (e.g. `assist`), a widget's own wording (`assist.error.<code>`) comes first.
 */
export function errorMessage(t: Translate<CommonKey>, code: string, scope?: string): string {
  const scoped = `${scope}.error.${code}`;
  if (scope && t.has(scoped)) return t(scoped as CommonKey);
  const key = `error.${code}`;
  return t.has(key) ? t(key as CommonKey) : t('error.unknown');
}
