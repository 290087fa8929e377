/**
 * The console's languages, apart from their tables so the scanner page can pick one without
 * loading every string of the console.
 */
export type ConsoleLocale = 'en' | 'zh-CN' | 'zh-TW';

/** Each language as its own speakers name it, in the order the language menu lists them. */
export const consoleLocales: readonly { locale: ConsoleLocale; name: string }[] = [
  { locale: 'en', name: 'English' },
  { locale: 'zh-CN', name: '简体中文' },
  { locale: 'zh-TW', name: '繁體中文' },
];

export const isConsoleLocale = (value: unknown): value is ConsoleLocale => consoleLocales.some(({ locale }) => locale === value);

/** The console language for a browser language tag: Taiwan, Hong Kong, Macau and any Traditional script read zh-TW. */
export function localeForBrowser(language: string | undefined): ConsoleLocale {
  const tag = (language ?? '').toLowerCase().replace('_', '-');
  if (!/^zh(-|$)/.test(tag)) return 'en';
  return /^zh-(tw|hk|mo|hant)(-|$)/.test(tag) ? 'zh-TW' : 'zh-CN';
}
