import type { ConsoleLocale } from './i18n.js';

/** Digits after the point in a currency's minor unit (2 for CNY, 0 for JPY), from Intl. */
export const minorDigits = (currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** The currency a new campaign's form starts on: a merchant working in zh-TW most likely sells in Taiwan. */
export const defaultCurrency = (locale: ConsoleLocale) => (locale === 'zh-TW' ? 'TWD' : 'CNY');

/** Currencies priced in whole units where they are spent: NT$199, not NT$199.00 (as the widgets write them). */
const WHOLE_UNIT_CURRENCIES = new Set(['TWD']);

/**
 * An amount in major units in the locale's currency format. CLDR writes TWD as a bare "$" in zh-TW;
 * Taiwan's shops and receipts, and Flock's widgets, write NT$.
 */
export function formatCurrency(
  amount: number,
  currency: string,
  locale: ConsoleLocale,
  options: Intl.NumberFormatOptions = {},
): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency, ...options });
  if (currency !== 'TWD' || locale !== 'zh-TW') return format.format(amount);
  return format
    .formatToParts(amount)
    .map((part) => (part.type === 'currency' ? 'NT$' : part.value))
    .join('');
}

/** An amount in minor units (the API's integers) as the merchant reads it. */
export function formatMoney(minor: number, currency: string, locale: ConsoleLocale): string {
  const amount = minor / 10 ** minorDigits(currency);
  const whole = WHOLE_UNIT_CURRENCIES.has(currency) && Number.isInteger(amount);
  return formatCurrency(amount, currency, locale, whole ? { minimumFractionDigits: 0 } : {});
}

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
