import type { CommonKey } from '../i18n/common.strings.js';
import type { Translate } from '../i18n/localize.js';

const formats = new Map<string, unknown>();

/**
 * The formatter of `key`, made the first time it is needed and kept: making one is what costs (the
 * first of a page loads the locale's data, tens of milliseconds on a phone), formatting is cheap.
 */
function once<Format>(key: string, make: () => Format): Format {
  let format = formats.get(key) as Format | undefined;
  if (format === undefined) {
    format = make();
    formats.set(key, format);
  }
  return format;
}

/** Currencies priced in whole units where they are spent: NT$199, not NT$199.00. */
const WHOLE_UNIT_CURRENCIES = new Set(['TWD']);

const moneyFormat = (locale: string, currency: string, whole: boolean) =>
  once(
    `money|${locale}|${currency}|${whole}`,
    // 'symbol' is each locale's unambiguous choice: ¥ for CNY in zh-CN, CN¥ on an English page, US$ in
    // zh-TW. ('narrowSymbol' would write ¥ for both CNY and JPY in English, and Chrome < 77 throws on it.)
    () =>
      new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        currencyDisplay: 'symbol',
        ...(whole ? { minimumFractionDigits: 0 } : {}),
      }),
  );

/**
 * `amount` (major units) with `format`, a currency format of `currency` in `locale`: CLDR writes TWD as
 * a bare "$" in zh-TW, Taiwan's shops and receipts write NT$.
 */
export function formatCurrencyAmount(format: Intl.NumberFormat, amount: number, currency: string, locale: string): string {
  if (currency === 'TWD' && /^zh-TW\b/i.test(locale)) {
    return format
      .formatToParts(amount)
      .map((part) => (part.type === 'currency' ? 'NT$' : part.value))
      .join('');
  }
  return format.format(amount);
}

/** Minor units to a localized price: 1990 CNY → ¥19.90 (zh-CN), CN¥19.90 (en); 19900 TWD → NT$199 (zh-TW). */
export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const digits = moneyFormat(locale, currency, false).resolvedOptions().maximumFractionDigits ?? 2;
  const amount = amountMinor / 10 ** digits;
  const format = moneyFormat(locale, currency, WHOLE_UNIT_CURRENCIES.has(currency) && Number.isInteger(amount));
  return formatCurrencyAmount(format, amount, currency, locale);
}

interface DurationFormatLike {
  format(duration: { hours: number; minutes: number; seconds: number }): string;
}
type DurationFormatConstructor = new (locale: string, options: Record<string, string>) => DurationFormatLike;

/** Intl.DurationFormat where the engine has it (Chrome 129+, Safari 16.4+); old in-app engines do not. */
const nativeDurationFormat = (Intl as unknown as { DurationFormat?: DurationFormatConstructor }).DurationFormat;

/**
 * hh:mm:ss in the locale's digits and separator. Exported with the DurationFormat to use, so the
 * fallback for engines without it is tested too.
 */
export function clockFormatter(
  locale: string,
  DurationFormat: DurationFormatConstructor | undefined = nativeDurationFormat,
): (hours: number, minutes: number, seconds: number) => string {
  return once(`clock|${locale}|${DurationFormat ? 'native' : 'fallback'}`, () => {
    if (DurationFormat) {
      const duration = new DurationFormat(locale, {
        style: 'digital',
        hours: '2-digit',
        minutes: '2-digit',
        seconds: '2-digit',
        hoursDisplay: 'always',
      });
      return (hours: number, minutes: number, seconds: number) => duration.format({ hours, minutes, seconds });
    }
    const twoDigits = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
    return (hours: number, minutes: number, seconds: number) =>
      [hours, minutes, seconds].map((n) => twoDigits.format(n)).join(':');
  });
}

/** 23:59:41, and beyond a day 2d 03:12:09 / 2天 03:12:09 — the shape shoppers know from shop apps. */
export function formatCountdown(ms: number, t: Translate<CommonKey>, locale: string): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86400);
  const clock = clockFormatter(locale)(Math.floor((total % 86400) / 3600), Math.floor((total % 3600) / 60), total % 60);
  if (days === 0) return clock;
  const dayCount = once(`number|${locale}`, () => new Intl.NumberFormat(locale));
  return `${t('dayPrefix', { d: dayCount.format(days) })}${clock}`;
}

/** A wall-clock time for "pay by 14:05" messages. */
export function formatTime(iso: string, locale: string): string {
  return once(`time|${locale}`, () => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' })).format(
    new Date(iso),
  );
}

/** A calendar date for "valid until 2027/2/3" lines. */
export function formatDate(iso: string, locale: string): string {
  const date = once(
    `date|${locale}`,
    () => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'numeric', day: 'numeric' }),
  );
  return date.format(new Date(iso));
}
