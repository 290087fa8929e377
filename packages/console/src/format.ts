import { formatCurrencyAmount } from '@flock/elements/format';
import type { ConsoleLocale } from './i18n.js';

/** Digits after the point in a currency's minor unit (2 for CNY, 0 for JPY), from Intl. */
export const minorDigits = (currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** The currency a new campaign's form starts on: a merchant working in zh-TW most likely sells in Taiwan. */
export const defaultCurrency = (locale: ConsoleLocale) => (locale === 'zh-TW' ? 'TWD' : 'CNY');

/** An amount in major units in the locale's currency format with `options` (e.g. compact), NT$ in zh-TW as the widgets write it. */
export const formatCurrency = (amount: number, currency: string, locale: ConsoleLocale, options: Intl.NumberFormatOptions = {}) =>
  formatCurrencyAmount(new Intl.NumberFormat(locale, { style: 'currency', currency, ...options }), amount, currency, locale);

/** An amount in minor units (the API's integers) as the merchant reads it: as the widgets write prices. */
export { formatMoney } from '@flock/elements/format';

/** What the merchant types ("29.90") in minor units, or NaN when it is not an amount. */
export const toMinor = (typed: string, currency: string) => {
  const value = Number(typed.trim().replace(',', '.'));
  return typed.trim() === '' || !Number.isFinite(value) ? Number.NaN : Math.round(value * 10 ** minorDigits(currency));
};

export const formatDateTime = (iso: string, locale: ConsoleLocale) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** Minor units as the merchant types them back ("29.90"), for a form's current value. */
export const fromMinor = (minor: number, currency: string) =>
  (minor / 10 ** minorDigits(currency)).toFixed(minorDigits(currency));

/** A datetime-local value ("2026-12-05T10:00", the merchant's clock) as the API's ISO instant, or undefined when empty. */
export const toInstant = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** An ISO instant as a datetime-local value in the merchant's clock, for a form's current value. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
