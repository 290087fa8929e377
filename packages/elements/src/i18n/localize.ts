import { en, type Translation, type TranslationKey } from './en.js';

export type { Translation, TranslationKey } from './en.js';

/** The locales Flock ships complete string tables for. */
export type Locale = 'en' | 'zh-CN' | 'zh-TW';
export const LOCALES: readonly Locale[] = ['en', 'zh-CN', 'zh-TW'];

// English is built in (it is every key's fallback); each Chinese table is a chunk of its own, fetched
// the first time a widget speaks it, so no page downloads the two languages it does not show.
const tables: Partial<Record<Locale, Translation>> = { en };
const loading = new Map<Locale, Promise<void>>();
const importers: Record<Exclude<Locale, 'en'>, () => Promise<Translation>> = {
  'zh-CN': () => import('./zh-cn.js').then((module) => module.zhCN),
  'zh-TW': () => import('./zh-tw.js').then((module) => module.zhTW),
};

/** Whether `locale`'s strings are here (English always is). */
export const translationLoaded = (locale: Locale): boolean => tables[locale] !== undefined;

/**
 * Fetches a locale's strings once. If the chunk cannot be fetched (a dropped connection), the widget
 * falls back to English rather than staying blank; the next page load tries again.
 */
export function loadTranslation(locale: Locale): Promise<void> {
  if (locale === 'en' || tables[locale]) return Promise.resolve();
  let done = loading.get(locale);
  if (!done) {
    done = importers[locale]().then(
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
}

/**
 * A merchant's own wording, per locale: `{"zh-CN": {"startGroup": "我要开团"}, "en": {…}}`.
 * Locale keys may be any BCP 47 tag (`zh-Hant` counts as zh-TW); unknown string keys are ignored.
 */
export type StringOverrides = Partial<Record<string, Partial<Translation>>>;

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

/** The overrides that apply to one locale, later sources winning (provider first, then the element). */
export function overridesFor(locale: Locale, ...sources: (StringOverrides | undefined)[]): Partial<Translation> {
  const merged: Partial<Translation> = {};
  for (const source of sources) {
    if (!source || typeof source !== 'object') continue;
    for (const [tag, strings] of Object.entries(source)) {
      if (resolveLocale(tag) !== locale || !strings || typeof strings !== 'object') continue;
      for (const [key, value] of Object.entries(strings)) {
        if (key in en && typeof value === 'string') merged[key as TranslationKey] = value;
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

export type Translate = (key: TranslationKey, params?: Record<string, string | number>) => string;

/** Strings in `locale`, falling back to English for any table not loaded yet (see loadTranslation). */
export function translator(locale: string, overrides: Partial<Translation> = {}): Translate {
  const table = tables[resolveLocale(locale)] ?? en;
  return (key, params) => {
    const template = overrides[key] ?? table[key] ?? en[key];
    return params ? template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)) : template;
  };
}

/**
 * The message for an API error code, falling back to a generic one for codes without a string.
 * With a `scope` (e.g. `assist`), a widget's own wording (`assist.error.<code>`) comes first.
 */
export function errorMessage(t: Translate, code: string, scope?: string): string {
  const scoped = `${scope}.error.${code}` as TranslationKey;
  if (scope && scoped in en) return t(scoped);
  const key = `error.${code}` as TranslationKey;
  return key in en ? t(key) : t('error.unknown');
}
