import type { Translate } from '../i18n/localize.js';

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Minor units to a localized price: 1990 CNY → ¥19.90. */
export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    // narrowSymbol: ¥19.90 rather than CN¥19.90 on an English page of a Chinese shop.
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
    moneyFormats.set(key, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 23:59:41, and beyond a day 2d 03:12:09 / 2天 03:12:09 — the shape shoppers know from shop apps. */
export function formatCountdown(ms: number, t: Translate): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86400);
  const clock = `${pad(Math.floor((total % 86400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return days > 0 ? `${t('dayPrefix', { d: days })}${clock}` : clock;
}

/** A wall-clock time for "pay by 14:05" messages. */
export function formatTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}
