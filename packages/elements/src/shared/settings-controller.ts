import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { commonStrings } from '../i18n/common.strings.js';
import {
  intlLocale,
  overridesFor,
  pickLocale,
  resolveLocale,
  type StringOverrides,
  type Strings,
  type TranslatorOf,
  translator,
} from '../i18n/localize.js';
import { type ColorScheme, type FlockSettings, flockSettingsContext } from './context.js';

/** The widget properties this controller reads: each element declares them as its public API. */
export interface SettingsHost extends ReactiveControllerHost, HTMLElement {
  locale: string;
  strings?: StringOverrides;
  theme?: ColorScheme;
}

/** The host attribute theme.styles.ts keys the dark tokens on: the element's own pin, else the provider's. */
export const SCHEME_ATTRIBUTE = 'data-flock-scheme';

const asScheme = (value: unknown): ColorScheme | undefined => (value === 'light' || value === 'dark' ? value : undefined);

/**
 * Language, merchant strings and colour scheme for one widget: its own `locale`/`strings`/`theme`
 * first, then the enclosing `<flock-provider>`'s, then the page (`lang`, `navigator.language`,
 * `prefers-color-scheme`). `strings` are the widget's own (with the shared ones, commonStrings).
 */
export class SettingsController<Parts extends readonly Strings<string>[]> implements ReactiveController {
  private readonly _host: SettingsHost;
  private readonly _provider: ContextConsumer<typeof flockSettingsContext, SettingsHost>;
  private readonly _strings: readonly Strings<string>[];
  private _cached:
    | { locale: string; strings?: StringOverrides; settings?: FlockSettings; ready: boolean; t: TranslatorOf<Parts[number]> }
    | undefined;

  constructor(host: SettingsHost, ...strings: Parts) {
    this._host = host;
    this._strings = [commonStrings, ...strings];
    // Re-renders the host whenever the provider's settings change.
    this._provider = new ContextConsumer(host, { context: flockSettingsContext, subscribe: true });
    host.addController(this);
  }

  /** The tag Intl formats with (en, en-GB, zh-CN, zh-TW); its strings table is resolveLocale's. */
  get locale(): string {
    return intlLocale(
      pickLocale(this._host.locale, this._provider.value?.locale, document.documentElement.lang, navigator.language),
    );
  }

  /** The translator for the current locale, merchant overrides included (the element's own win). */
  get t(): TranslatorOf<Parts[number]> {
    const locale = this.locale;
    const settings = this._provider.value;
    const strings = this._host.strings;
    const ready = this.ready;
    const cached = this._cached;
    if (
      cached &&
      cached.locale === locale &&
      cached.strings === strings &&
      cached.settings === settings &&
      cached.ready === ready
    ) {
      return cached.t;
    }
    const t = translator(this._strings, locale, overridesFor(resolveLocale(locale), this._strings, settings?.strings, strings));
    this._cached = { locale, strings, settings, ready, t };
    return t;
  }

  /** Whether the strings of the widget's language are here; until then it renders nothing, not English. */
  get ready(): boolean {
    const language = resolveLocale(this.locale);
    return this._strings.every((part) => part.table(language));
  }

  /** The pinned scheme, if any: the element's `theme`, else the provider's. */
  get scheme(): ColorScheme | undefined {
    return asScheme(this._host.theme) ?? asScheme(this._provider.value?.theme);
  }

  hostUpdate(): void {
    if (!this.ready) {
      const language = resolveLocale(this.locale);
      void Promise.all(this._strings.map((part) => part.load(language))).then(() => this._host.requestUpdate());
    }
    const scheme = this.scheme;
    if (this._host.getAttribute(SCHEME_ATTRIBUTE) === (scheme ?? null)) return;
    if (scheme) this._host.setAttribute(SCHEME_ATTRIBUTE, scheme);
    else this._host.removeAttribute(SCHEME_ATTRIBUTE);
  }
}
