import { en, type Translation, type TranslationKey } from './en.js';
import { zhCN } from './zh-cn.js';

export type { TranslationKey } from './en.js';

const tables: Record<string, Translation> = { en, 'zh-CN': zhCN };

/** The supported locale closest to a BCP 47 tag: zh, zh-CN, zh-Hans → zh-CN; anything else → en. */
export function resolveLocale(tag: string | null | undefined): 'en' | 'zh-CN' {
  return tag && /^zh/i.test(tag) ? 'zh-CN' : 'en';
}

export type Translate = (key: TranslationKey, params?: Record<string, string | number>) => string;

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
