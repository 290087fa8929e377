import { en, type Translation } from './en.js';
import type { Locale } from './localize.js';
import { zhCN } from './zh-cn.js';
import { zhTW } from './zh-tw.js';

/** Every string in every language, by locale: for tests, stories and screenshots (widgets load only their own). */
export const translations: Record<Locale, Translation> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };
