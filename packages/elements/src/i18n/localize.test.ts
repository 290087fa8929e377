import { expect } from '@open-wc/testing';
import { clockFormatter, formatCountdown, formatMoney } from '../shared/format.js';
import { en, everyStrings } from './en.js';
import {
  errorMessage,
  intlLocale,
  type Locale,
  overridesFor,
  parseStringOverrides,
  pickLocale,
  resolveLocale,
  translator as translatorOf,
} from './localize.js';
import { zhCN } from './zh-cn.js';
import { zhTW } from './zh-tw.js';

/** Every widget's strings and the shared ones, as one translator. */
const translator = (locale: string, overrides?: Partial<Record<string, string>>) => translatorOf(everyStrings, locale, overrides);
const loadTranslation = (locale: Locale) => Promise.all(everyStrings.map((strings) => strings.load(locale)));
const translationLoaded = (locale: Locale) => everyStrings.every((strings) => strings.table(locale) !== undefined);

// The Chinese tables are chunks of their own: the translator tests below need them fetched first.
before(() => Promise.all([loadTranslation('zh-CN'), loadTranslation('zh-TW')]));

describe('string tables load on demand', () => {
  it('has English built in and the fetched Chinese tables in use', async () => {
    expect(translationLoaded('en')).to.equal(true);
    await loadTranslation('zh-TW');
    expect(translationLoaded('zh-TW')).to.equal(true);
    expect(translator('zh-TW')('startGroup')).to.equal(zhTW.startGroup);
    expect(translator('zh-CN')('startGroup')).to.equal(zhCN.startGroup);
  });
});

describe('resolveLocale', () => {
  it('maps Traditional Chinese tags to zh-TW', () => {
    for (const tag of ['zh-TW', 'zh-tw', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-TW', 'zh-Hant-HK', 'zh_TW']) {
      expect(resolveLocale(tag), tag).to.equal('zh-TW');
    }
  });
  it('maps other Chinese tags to zh-CN', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-SG', 'zh-Hans', 'zh-Hans-CN', 'zh-Hans-HK', 'ZH-cn']) {
      expect(resolveLocale(tag), tag).to.equal('zh-CN');
    }
  });
  it('maps English and everything else to en', () => {
    for (const tag of ['en', 'en-US', 'en-GB', 'fr', 'ja-JP', 'zhx', '', null, undefined]) {
      expect(resolveLocale(tag), String(tag)).to.equal('en');
    }
  });
  it('formats with the supported locale, or the page’s own English variant', () => {
    expect(intlLocale('zh-HK')).to.equal('zh-TW');
    expect(intlLocale('zh-Hans-SG')).to.equal('zh-CN');
    expect(intlLocale('en-gb')).to.equal('en-GB');
    expect(intlLocale('fr-FR')).to.equal('en');
  });
  it('takes the first locale that is set', () => {
    expect(pickLocale('', undefined, 'zh-TW', 'en-US')).to.equal('zh-TW');
    expect(pickLocale('en', 'zh-CN')).to.equal('en');
    expect(pickLocale('', '  ', null)).to.equal('en');
  });
});

describe('string tables', () => {
  // The type already demands every key; this also catches a placeholder lost in translation.
  const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort().join();
  for (const [name, table] of [
    ['zh-CN', zhCN],
    ['zh-TW', zhTW],
  ] as const) {
    it(`${name} has exactly the keys of en, each one translated`, () => {
      expect(Object.keys(table).sort()).to.deep.equal(Object.keys(en).sort());
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        expect(table[key].trim(), key).not.to.equal('');
        for (const placeholder of placeholders(table[key]).split(',').filter(Boolean)) {
          expect(placeholders(en[key]), `${name} ${key} uses ${placeholder}`).to.include(placeholder);
        }
      }
    });
  }
  it('zh-TW uses Taiwan’s shopping words, not converted zh-CN', () => {
    const t = translator('zh-TW');
    expect(t('startGroup')).to.equal('發起揪團');
    expect(t('nMore', { n: 2 })).to.equal('還差2人成團');
    expect(t('payBy', { time: '14:05' })).to.equal('待付款，名額保留至 14:05');
    expect(t('referral.copy')).to.equal('複製連結');
    expect(t('referral.available')).to.equal('可提領');
    expect(t('scanner.offline')).to.equal('網路中斷，暫時無法核銷');
    expect(translator('zh-HK')('groupBuy')).to.equal('揪團');
  });
});

describe('merchant overrides', () => {
  it('applies the overrides of the resolved locale, the element’s over the provider’s', () => {
    const provider = { 'zh-CN': { startGroup: '我要开团', joinGroup: '一起拼' }, en: { startGroup: 'Team up' } };
    const element = { zh: { startGroup: '马上开团' } };
    const zh = translator('zh-CN', overridesFor('zh-CN', everyStrings, provider, element));
    expect(zh('startGroup')).to.equal('马上开团');
    expect(zh('joinGroup')).to.equal('一起拼');
    expect(zh('buyAlone')).to.equal('单独购买');
    expect(translator('en', overridesFor('en', everyStrings, provider, element))('startGroup')).to.equal('Team up');
    expect(translator('zh-TW', overridesFor('zh-TW', everyStrings, provider, element))('startGroup')).to.equal('發起揪團');
  });
  it('overrides error messages too, and ignores unknown keys and non-strings', () => {
    const overrides = overridesFor('en', everyStrings, {
      en: { 'error.team_full': 'Full! Start yours', bogus: 'x', retry: 42 } as never,
    });
    const t = translator('en', overrides);
    expect(errorMessage(t, 'team_full')).to.equal('Full! Start yours');
    expect(t('retry')).to.equal('Try again');
    expect(overrides).to.deep.equal({ 'error.team_full': 'Full! Start yours' });
  });
  it('ignores an invalid strings attribute with a console warning', () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      expect(parseStringOverrides('{"en": {"startGroup": "Team up"')).to.equal(undefined);
      expect(parseStringOverrides('["en"]')).to.equal(undefined);
      expect(parseStringOverrides('')).to.equal(undefined);
    } finally {
      console.warn = original;
    }
    expect(warnings).to.have.length(2);
    expect(warnings[0]).to.include('not valid JSON');
    expect(parseStringOverrides('{"en": {"startGroup": "Team up"}}')).to.deep.equal({ en: { startGroup: 'Team up' } });
  });
});

describe('money', () => {
  it('writes each locale’s own way: ¥ in zh-CN, NT$ in zh-TW, the currency unambiguously in en', () => {
    expect(formatMoney(1990, 'CNY', 'zh-CN')).to.equal('¥19.90');
    expect(formatMoney(19900, 'TWD', 'zh-TW')).to.equal('NT$199');
    expect(formatMoney(19950, 'TWD', 'zh-TW')).to.equal('NT$199.50');
    expect(formatMoney(1990, 'CNY', 'en')).to.equal('CN¥19.90');
    expect(formatMoney(19900, 'TWD', 'en')).to.equal('NT$199');
    expect(formatMoney(1990, 'USD', 'en')).to.equal('$19.90');
    expect(formatMoney(1990, 'CNY', 'zh-TW')).to.equal('CN¥19.90');
    expect(formatMoney(123456789, 'CNY', 'zh-CN')).to.equal('¥1,234,567.89');
  });
});

describe('countdown', () => {
  const t = (locale: string) => translator(locale);
  const ms = (d: number, h: number, m: number, s: number) => (((d * 24 + h) * 60 + m) * 60 + s) * 1000;
  it('keeps the hh:mm:ss shape, with the day in front beyond a day', () => {
    expect(formatCountdown(ms(0, 23, 59, 41), t('en'), 'en')).to.equal('23:59:41');
    expect(formatCountdown(ms(0, 0, 0, 5), t('zh-CN'), 'zh-CN')).to.equal('00:00:05');
    expect(formatCountdown(ms(2, 3, 12, 9), t('en'), 'en')).to.equal('2d 03:12:09');
    expect(formatCountdown(ms(2, 3, 12, 9), t('zh-CN'), 'zh-CN')).to.equal('2天 03:12:09');
    expect(formatCountdown(ms(2, 3, 12, 9), t('zh-TW'), 'zh-TW')).to.equal('2天 03:12:09');
    expect(formatCountdown(-5000, t('en'), 'en')).to.equal('00:00:00');
  });
  it('formats the same without Intl.DurationFormat (old in-app engines)', () => {
    for (const locale of ['en', 'zh-CN', 'zh-TW']) {
      const fallback = clockFormatter(locale, undefined);
      expect(fallback(3, 12, 9), locale).to.equal('03:12:09');
      expect(fallback(23, 59, 41), locale).to.equal('23:59:41');
      const native = (Intl as unknown as { DurationFormat?: new (l: string, o: object) => unknown }).DurationFormat;
      if (native) expect(clockFormatter(locale, native as never)(3, 12, 9), locale).to.equal(fallback(3, 12, 9));
    }
  });
});
