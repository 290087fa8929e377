// The promoter growth kit's parts of <flock-referral-card> (issue 16): tier and bonuses, the share kit,
// the share history, suggestions and the leaderboard switch. A chunk of its own, fetched only when a
// promoter's card shows, with its own strings (referral-card-growth.strings.ts).
import { newShareId, shareLink, shareText } from '@flock/protocol/share-kit';
import {
  type ClientCore,
  type PromoterMaterial,
  type PromoterMaterialList,
  type PromoterStats,
  type ShareChannel,
  type ShareHistoryPage,
  type SuggestionList,
  shareKitClient,
} from '@flock/sdk';
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { TranslatorOf } from '../i18n/localize.js';
import { CopiedFlag } from '../shared/copied-flag.js';
import { copyText } from '../shared/share.js';
import { ResourceController } from '../shared/store-controller.js';
import { growthStrings } from './referral-card-growth.strings.js';

export { growthStrings };

type Translate = TranslatorOf<typeof growthStrings>;

/** WeChat's in-app browser cannot open a share sheet from a page (the card shows its "···" hint): Copy only. */
const inWeChat = () => /MicroMessenger/i.test(globalThis.navigator?.userAgent ?? '');

/** What the card lends the growth parts: its client, program, formats, and its poster and error handling. */
export interface GrowthHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly client: ClientCore | undefined;
  readonly program: string;
  money(amount: number, currency: string | null): string;
  percent(bps: number): string;
  locale(): string;
  /** Opens the card's poster of `link` (the share fallback where the browser has no share sheet). */
  poster(link: string): void;
  /** Shows a failed action's translated error. */
  fail(code: string, error: unknown): void;
}

/** The stores the growth parts show, and their share actions. */
export class GrowthParts {
  private readonly _materials: ResourceController<PromoterMaterialList>;
  private readonly _shares: ResourceController<ShareHistoryPage>;
  private readonly _suggestions: ResourceController<SuggestionList>;
  /** The material whose text was just copied (its button says so). */
  private readonly _copied: CopiedFlag<string>;
  /** A copy the clipboard refused: its text, shown selected for the shopper to copy by hand. */
  private _refused: { materialId: string; text: string } | undefined;
  /** Images fetched ahead of the tap (Web Share needs the files at once), by material id. */
  private readonly _files = new Map<string, File[]>();
  private _busy = false;

  constructor(private readonly host: GrowthHost) {
    this._materials = new ResourceController(host);
    this._shares = new ResourceController(host);
    this._suggestions = new ResourceController(host);
    this._copied = new CopiedFlag(host);
  }

  /** Follows the signed-in promoter's stores (none without a client). */
  use(promoter: boolean): void {
    const { client, program } = this.host;
    const kit = client && promoter && program ? shareKitClient(client) : undefined;
    this._materials.use(kit?.materialsStore(program));
    this._shares.use(kit?.sharesStore(program));
    this._suggestions.use(kit?.suggestionsStore(program));
    for (const material of this._materials.state?.data?.data ?? []) this._prefetch(material);
  }

  /** Fetches a material's images as files, where the browser could share them (never inside the tap). */
  private _prefetch(material: PromoterMaterial) {
    if (this._files.has(material.id) || material.imageUrls.length === 0) return;
    const probe = [new File([], 'probe.png', { type: 'image/png' })];
    if (typeof navigator.share !== 'function' || !navigator.canShare?.({ files: probe })) return;
    this._files.set(material.id, []);
    void Promise.all(
      material.imageUrls.map((url, i) =>
        fetch(url, { mode: 'cors' })
          .then((response) => (response.ok ? response.blob() : Promise.reject(new Error(String(response.status)))))
          .then((blob) => new File([blob], `${i + 1}.${blob.type.split('/')[1] ?? 'jpg'}`, { type: blob.type })),
      ),
    )
      .then((files) => this._files.set(material.id, navigator.canShare?.({ files }) ? files : []))
      .catch(() => undefined);
  }

  private _record(materialId: string, shareId: string, channel: ShareChannel) {
    const client = this.host.client;
    if (!client) return;
    shareKitClient(client)
      .recordShare(this.host.program, { shareId, materialId, channel })
      .catch((error: unknown) => this.host.fail((error as { code?: string }).code ?? 'unknown', error));
  }

  /** Straight from the click: the id, link and text are built before any await (the clipboard needs the gesture). */
  copy = async (material: PromoterMaterial) => {
    const shareId = newShareId();
    const text = shareText(material.text, shareLink(material.link, shareId));
    const copying = copyText(text);
    this._refused = undefined;
    if (await copying) {
      this._copied.set(material.id);
    } else {
      // WeChat / Alipay in-app browsers may refuse both the Clipboard API and execCommand: select it for the shopper.
      this._refused = { materialId: material.id, text };
    }
    this.host.requestUpdate();
    if (this._refused) {
      // Selected once shown, so a long press (or Ctrl+C) copies it.
      void this.host.updateComplete.then(() => {
        const area = this.host.renderRoot.querySelector<HTMLTextAreaElement>('.refused-text');
        area?.focus();
        area?.select();
      });
    }
    this._record(material.id, shareId, 'copy');
  };

  /** The share sheet with the material's images where possible, else its text and link, else the card's poster. */
  share = async (material: PromoterMaterial) => {
    const shareId = newShareId();
    const link = shareLink(material.link, shareId);
    if (typeof navigator.share !== 'function') {
      this.host.poster(link);
      this._record(material.id, shareId, 'poster');
      return;
    }
    const files = this._files.get(material.id) ?? [];
    const text = shareText(material.text, link);
    const data: ShareData = files.length
      ? { files, title: material.title, text }
      : { title: material.title, text: shareText(material.text, ''), url: link };
    try {
      await navigator.share(data);
      this._record(material.id, shareId, 'web_share');
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      this.host.poster(link);
      this._record(material.id, shareId, 'poster');
    }
  };

  private _more = async () => {
    const client = this.host.client;
    if (!client || this._busy) return;
    this._busy = true;
    this.host.requestUpdate();
    try {
      await shareKitClient(client).moreShares(this.host.program);
    } catch (error) {
      this.host.fail((error as { code?: string }).code ?? 'unknown', error);
    } finally {
      this._busy = false;
      this.host.requestUpdate();
    }
  };

  private _toggle = async (event: Event) => {
    const input = event.target as HTMLInputElement;
    const client = this.host.client;
    if (!client) return;
    const wanted = input.checked;
    try {
      await shareKitClient(client).setShowOnLeaderboard(this.host.program, wanted);
    } catch (error) {
      input.checked = !wanted;
      this.host.fail((error as { code?: string }).code ?? 'unknown', error);
    }
  };

  // -------------------------------------------------------------------------------------------
  // Rendering

  render(stats: PromoterStats, t: Translate) {
    return html`${growthStyles} ${this._tier(stats, t)} ${this._kit(t)} ${this._suggested(stats, t)}
    ${this._history(stats, t)} ${this._switch(stats, t)}`;
  }

  private _currency(stats: PromoterStats) {
    return stats.currency ?? stats.program.product.currency;
  }

  private _tier(stats: PromoterStats, t: Translate) {
    const { tier, nextTier, toNextTier, boostEndsAt, firstOrderReward, program } = stats;
    const boost = program.newPromoterBoost;
    const hasTiers = (program.tiers?.length ?? 0) > 0;
    const rewardOpen = firstOrderReward && !firstOrderReward.earned;
    if (!hasTiers && !boostEndsAt && !rewardOpen) return nothing;
    const currency = this._currency(stats);
    const money = (amount: number) => this.host.money(amount, currency);
    const baseBps = program.commission.type === 'percent' ? (program.commission.bps ?? 0) : null;
    const progress = nextTier && nextTier.minCommission30d > 0 ? Math.min(1, stats.commission30d / nextTier.minCommission30d) : 1;
    const date = boostEndsAt
      ? new Intl.DateTimeFormat(this.host.locale(), { month: 'short', day: 'numeric' }).format(new Date(boostEndsAt))
      : '';
    return html`<section class="growth tier-box" part="tier" aria-labelledby="tier-title">
      <h4 class="growth-title" id="tier-title">${t('tierTitle')}</h4>
      ${
        hasTiers
          ? html`<p class="tier-now">
              ${
                tier
                  ? t('tierNow', { name: tier.name, rate: this.host.percent(tier.bps) })
                  : baseBps !== null
                    ? t('tierNone', { rate: this.host.percent(baseBps) })
                    : nothing
              }
            </p>
            ${
              nextTier
                ? html`<div
                      class="tier-bar"
                      part="tier-progress"
                      role="progressbar"
                      aria-label=${t('tierProgress', { name: nextTier.name })}
                      aria-valuemin="0"
                      aria-valuemax="100"
                      aria-valuenow=${Math.round(progress * 100)}
                    >
                      <span style=${`width:${(progress * 100).toFixed(1)}%`}></span>
                    </div>
                    <p class="tier-next">
                      ${t('tierNext', {
                        amount: money(toNextTier ?? 0),
                        name: nextTier.name,
                        rate: this.host.percent(nextTier.bps),
                      })}
                    </p>`
                : html`<p class="tier-next">${t('tierTop')}</p>`
            }`
          : nothing
      }
      ${boostEndsAt && boost ? html`<p class="bonus">${t('boost', { rate: this.host.percent(boost.bps), date })}</p>` : nothing}
      ${rewardOpen ? html`<p class="bonus">${t('firstOrder', { amount: money(firstOrderReward.amount) })}</p>` : nothing}
    </section>`;
  }

  private _copyButton(material: PromoterMaterial, t: Translate) {
    const copied = this._copied.is(material.id);
    return html`<button part="button" class="button small copy ${copied ? 'done' : ''}" @click=${() => this.copy(material)}>
      ${copied ? t('copiedText') : t('copyText')}
    </button>`;
  }

  private _refusedText(material: PromoterMaterial, t: Translate) {
    if (this._refused?.materialId !== material.id) return nothing;
    return html`<p class="refused" role="alert">${t('copyRefused')}</p>
      <textarea
        class="refused-text"
        readonly
        aria-label=${material.title}
        .value=${this._refused.text}
        @focus=${(event: FocusEvent) => (event.target as HTMLTextAreaElement).select()}
      ></textarea>`;
  }

  private _kit(t: Translate) {
    const state = this._materials.state;
    const materials = state?.data?.data;
    if (!materials) {
      return state?.error
        ? html`<section class="growth" part="share-kit">
            <button part="button" class="button small" @click=${() => this._materials.store?.refresh()}>${t('loadFailed')}</button>
          </section>`
        : nothing;
    }
    if (materials.length === 0) return nothing;
    return html`<section class="growth" part="share-kit" aria-labelledby="kit-title">
      <h4 class="growth-title" id="kit-title">${t('kitTitle')}</h4>
      <ul class="materials">
        ${materials.map(
          (material) => html`<li class="material" part="material">
            <p class="material-title">${material.title}</p>
            <p class="material-text">${shareText(material.text, '').trim()}</p>
            ${
              material.imageUrls.length
                ? html`<div class="thumbs">
                    ${material.imageUrls.map((url) => html`<img part="thumb" class="thumb" src=${url} alt="" loading="lazy" />`)}
                  </div>`
                : nothing
            }
            <div class="material-actions">
              ${this._copyButton(material, t)}
              ${
                inWeChat()
                  ? nothing
                  : html`<button part="button" class="button small secondary" @click=${() => this.share(material)}>${t('share')}</button>`
              }
            </div>
            ${this._refusedText(material, t)}
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private _suggested(stats: PromoterStats, t: Translate) {
    const suggestions = this._suggestions.state?.data?.data;
    if (!suggestions?.length) return nothing;
    const currency = this._currency(stats);
    return html`<section class="growth" part="suggestions" aria-labelledby="suggest-title">
      <h4 class="growth-title" id="suggest-title">${t('suggestTitle')}</h4>
      <ul class="suggestions">
        ${suggestions.slice(0, 3).map(
          ({ material, reason, buyers }) => html`<li class="suggestion">
            ${material.imageUrls[0] ? html`<img class="thumb" src=${material.imageUrls[0]} alt="" loading="lazy" />` : nothing}
            <div class="suggestion-body">
              <p class="material-title">${material.title}</p>
              ${material.price !== null ? html`<p class="suggestion-price">${this.host.money(material.price, currency)}</p>` : nothing}
              <p class="reason">${t(`reason.${reason}`, { n: buyers })}</p>
            </div>
            ${this._copyButton(material, t)}
          </li>
          ${this._refusedText(material, t)}`,
        )}
      </ul>
    </section>`;
  }

  private _history(stats: PromoterStats, t: Translate) {
    const page = this._shares.state?.data;
    if (!page) return nothing;
    const currency = this._currency(stats);
    const when = new Intl.DateTimeFormat(this.host.locale(), {
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    });
    return html`<section class="growth" part="share-history" aria-labelledby="history-title">
      <h4 class="growth-title" id="history-title">${t('historyTitle')}</h4>
      ${
        page.data.length === 0
          ? html`<p class="empty">${t('historyEmpty')}</p>`
          : html`<ul class="shares">
              ${page.data.map(
                (share) => html`<li class="share" part="share">
                  <div class="share-head">
                    <span class="material-title">${share.materialId ? share.title : t('historyLink')}</span>
                    <span class="channel">${t(`channel.${share.channel as ShareChannel}`)}</span>
                  </div>
                  <div class="share-foot">
                    <time datetime=${share.createdAt}>${when.format(new Date(share.createdAt))}</time>
                    <span class="share-figures">
                      ${t('historyFigures', {
                        clicks: share.clicks,
                        orders: share.orders,
                        commission: this.host.money(share.commission, currency),
                      })}
                    </span>
                  </div>
                </li>`,
              )}
            </ul>`
      }
      ${
        page.nextCursor
          ? html`<button part="button" class="button small more" ?disabled=${this._busy} @click=${this._more}>${t('more')}</button>`
          : nothing
      }
    </section>`;
  }

  private _switch(stats: PromoterStats, t: Translate) {
    return html`<label class="growth switch-row" part="leaderboard-switch">
      <span class="switch-text">
        <span>${t('leaderboard')}</span>
        <span class="switch-hint">${t('leaderboardHint')}</span>
      </span>
      <input type="checkbox" role="switch" class="switch" .checked=${stats.showOnLeaderboard} @change=${this._toggle} />
    </label>`;
  }
}

/**
 * The growth parts' rules, in the shadow root with the parts (a <style> in the card, not the element's
 * static styles, so a card that is not a promoter's does not download them).
 */
const growthStyles = html`<style>
  .growth {
    margin-top: 12px;
    padding: 12px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-small);
    background: var(--_surface);
  }
  .growth-title {
    margin: 0 0 8px;
    font-size: 14px;
    font-weight: 600;
    color: var(--_text);
  }
  .tier-box {
    background: linear-gradient(135deg, var(--_brand-soft), var(--_surface) 70%);
    border-color: transparent;
  }
  .tier-now {
    margin: 0 0 8px;
    font-size: 15px;
    font-weight: 700;
    color: var(--_brand-ink);
  }
  .tier-bar {
    height: var(--flock-tier-bar-height, 6px);
    border-radius: var(--_radius-pill);
    background: var(--flock-tier-bar-track, var(--_border));
    overflow: hidden;
  }
  .tier-bar > span {
    display: block;
    height: 100%;
    border-radius: inherit;
    background: var(--flock-tier-bar-color, linear-gradient(90deg, var(--_brand-2), var(--_brand)));
  }
  .tier-next,
  .bonus {
    margin: 6px 0 0;
    font-size: 12px;
    color: var(--_text-2);
  }
  .bonus {
    display: inline-block;
    margin-right: 6px;
    padding: 2px 8px;
    border-radius: var(--_radius-pill);
    background: var(--_brand-soft);
    color: var(--_brand-ink);
    font-weight: 600;
  }
  .materials,
  .suggestions,
  .shares {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  .material + .material,
  .share + .share {
    padding-top: 10px;
    border-top: 1px solid var(--_border);
  }
  .material-title {
    margin: 0;
    font-size: 14px;
    font-weight: 600;
    color: var(--_text);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .material-text {
    margin: 4px 0 0;
    font-size: 13px;
    line-height: 1.5;
    color: var(--_text-2);
    white-space: pre-line;
    display: -webkit-box;
    -webkit-line-clamp: 3;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  .thumbs {
    display: flex;
    gap: 6px;
    margin-top: 8px;
    overflow-x: auto;
  }
  .thumb {
    flex: none;
    width: var(--flock-material-thumb-size, 64px);
    height: var(--flock-material-thumb-size, 64px);
    object-fit: cover;
    border-radius: var(--_radius-tiny);
    background: var(--_surface-2);
  }
  .material-actions {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
    margin-top: 8px;
  }
  .refused {
    margin: 8px 0 4px;
    font-size: 12px;
    color: var(--_brand-ink);
  }
  .refused-text {
    box-sizing: border-box;
    width: 100%;
    min-height: 72px;
    font: inherit;
    font-size: 16px;
    color: var(--_text);
    background: var(--_surface-2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius-tiny);
  }
  .suggestion {
    display: flex;
    align-items: center;
    gap: 10px;
  }
  .suggestion .thumb {
    width: 48px;
    height: 48px;
  }
  .suggestion-body {
    flex: 1;
    min-width: 0;
  }
  .suggestion-price {
    margin: 2px 0 0;
    font-size: 13px;
    font-weight: 600;
    color: var(--_brand-ink);
  }
  .reason {
    margin: 2px 0 0;
    font-size: 12px;
    color: var(--flock-suggestion-reason-color, var(--_text-2));
  }
  .share-head,
  .share-foot {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    gap: 8px;
  }
  .share-foot {
    margin-top: 2px;
    font-size: 12px;
    color: var(--_text-2);
  }
  .channel {
    flex: none;
    padding: 1px 6px;
    border-radius: var(--_radius-tiny);
    border: 1px solid var(--_border);
    font-size: 11px;
    color: var(--_text-2);
  }
  .share-figures {
    color: var(--_text);
    font-variant-numeric: tabular-nums;
  }
  .empty {
    margin: 0;
    font-size: 13px;
    color: var(--_text-2);
  }
  .button.more {
    width: 100%;
    margin-top: 10px;
  }
  .switch-row {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 12px;
    cursor: pointer;
  }
  .switch-text {
    display: flex;
    flex-direction: column;
    font-size: 14px;
    color: var(--_text);
  }
  .switch-hint {
    font-size: 12px;
    color: var(--_text-2);
  }
  .switch {
    appearance: none;
    flex: none;
    position: relative;
    width: 44px;
    height: 26px;
    margin: 0;
    border-radius: 13px;
    background: var(--_border);
    cursor: pointer;
    transition: background 0.2s;
  }
  .switch::after {
    content: '';
    position: absolute;
    top: 3px;
    left: 3px;
    width: 20px;
    height: 20px;
    border-radius: 50%;
    background: #fff;
    box-shadow: 0 1px 3px rgb(0 0 0 / 0.3);
    transition: transform 0.2s;
  }
  .switch:checked {
    background: var(--flock-switch-on-color, var(--_brand));
  }
  .switch:checked::after {
    transform: translateX(18px);
  }
  .switch:focus-visible {
    outline: 2px solid var(--_brand);
    outline-offset: 2px;
  }
</style>`;
