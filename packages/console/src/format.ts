import type { ConsoleLocale } from './i18n.js';

/** Digits after the point in a currency's minor unit (2 for CNY, 0 for JPY), from Intl. */
export const minorDigits = (currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** An amount in minor units (the API's integers) as the merchant reads it. */
export const formatMoney = (minor: number, currency: string, locale: ConsoleLocale) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 10 ** minorDigits(currency));

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
