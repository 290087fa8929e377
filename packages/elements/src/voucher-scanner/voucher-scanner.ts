import { createStaffClient, FlockError } from '@flock/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { errorMessage, type TranslatorOf } from '../i18n/localize.js';
import { cardStyles } from '../shared/card.styles.js';
import { alertMessage, noticeMessage, statusRegion } from '../shared/card-messages.js';
import { FlockErrorEvent } from '../shared/events.js';
import { FocusKeeper } from '../shared/focus-keeper.js';
import { hintSetupError } from '../shared/load-error.js';
import { SettingsController } from '../shared/settings-controller.js';
import { themeStyles } from '../shared/theme.styles.js';
import { FlockWidgetElement } from '../shared/widget-element.js';
import { FlockRedeemedEvent } from './voucher-scanner.events.js';
import { voucherScannerStrings } from './voucher-scanner.strings.js';
import { voucherScannerStyles } from './voucher-scanner.styles.js';
import { type CameraState, failureResult, RecentCodes, type ScanResult, withTimeout } from './voucher-scanner-state.js';

/** Its strings and the shared ones. */
type Translate = TranslatorOf<typeof voucherScannerStrings>;

/** The part of the Barcode Detection API the scanner uses (native, or the ZXing ponyfill). */
interface QrDetector {
  detect(image: ImageBitmapSource): Promise<Array<{ rawValue: string }>>;
}

/**
 * The browser's BarcodeDetector where it reads QR codes (Chrome on Android, macOS, ChromeOS), else
 * the ZXing WebAssembly ponyfill, loaded only now: it never weighs on pages without a scanner.
 */
async function createDetector(wasmUrl: string): Promise<QrDetector> {
  const Native = (globalThis as { BarcodeDetector?: any }).BarcodeDetector;
  if (Native) {
    try {
      if ((await Native.getSupportedFormats()).includes('qr_code')) return new Native({ formats: ['qr_code'] });
    } catch {
      // fall through to the ponyfill
    }
  }
  const { BarcodeDetector, setZXingModuleOverrides } = await import('barcode-detector/ponyfill');
  if (wasmUrl) {
    setZXingModuleOverrides({
      locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
    });
  }
  return new BarcodeDetector({ formats: ['qr_code'] });
}

/** False only when the browser knows it is offline (navigator.onLine is true on a dead Wi-Fi too). */
const isOnline = () => navigator.onLine !== false;

/** Milliseconds between two decodes of the preview: fast enough to feel instant, light on a phone. */
const SCAN_INTERVAL_MS = 150;

/**
 * Voucher scanner (扫码核销) for store staff: scans the shopper's QR code with the camera (or takes the
 * code typed in), redeems it with the store's staff key and shows a large green or red answer with a
 * beep. A code seen for many frames is redeemed once; offline, it says so and never shows a success
 * the server did not send.
 *
 * @summary The store counter's scanner: camera or typed code in, one redemption out.
 * @event flock-redeemed - A use was redeemed; `detail.redemption`, `detail.voucher` (with `usesLeft`).
 * @event flock-error - A redemption was refused or could not be sent; `detail.code`, `detail.message`.
 * @csspart base - The card.
 * @csspart camera - The camera preview's frame.
 * @csspart result - The large result panel.
 * @csspart form - The manual entry form.
 * @csspart input - The code field.
 * @csspart button - Every button.
 * @csspart message - Camera hints and messages.
 */
export class FlockVoucherScanner extends FlockWidgetElement {
  static override styles = [themeStyles, cardStyles, voucherScannerStyles];
  /** `t` (strings), `locale` (the Intl tag for strings, money, countdowns and dates), `ready`, `scheme`. */
  protected readonly settings = new SettingsController(this, voucherScannerStrings);

  /** The store device's staff key (stf_…). Keep this page for staff only. */
  @property({ attribute: 'staff-key' }) staffKey = '';
  /** Base URL of the Flock server; defaults to a surrounding provider's `api`. */
  @property() api = '';
  /** `auto` starts the camera when the scanner appears; `off` waits for the button (and manual entry). */
  @property() camera: 'auto' | 'off' = 'auto';
  /** Where the ZXing decoder's .wasm is served from (self-host it); unset uses the library's default. */
  @property({ attribute: 'wasm-url' }) wasmUrl = '';
  /** How long to wait for the camera (an ignored permission prompt never answers), in ms. */
  @property({ type: Number, attribute: 'camera-timeout-ms' }) cameraTimeoutMs = 8000;
  /** Sound and vibration after each result; set `quiet` to turn them off. */
  @property({ type: Boolean }) quiet = false;

  @state() private cameraState: CameraState = 'off';
  @state() private result: ScanResult | undefined;
  /** "Start camera" and "Stop camera" replace each other: focus moves to the new one, not to <body>. */
  protected readonly focusKeeper = new FocusKeeper(this);

  @query('video') private video!: HTMLVideoElement | null;
  @query('input[name="code"]') private input!: HTMLInputElement | null;

  private readonly _recent = new RecentCodes();
  private _stream: MediaStream | undefined;
  private _detector: Promise<QrDetector> | undefined;
  private _scanTimer: ReturnType<typeof setTimeout> | undefined;
  private _cameraRun = 0;
  private _audio: AudioContext | undefined;
  private _staff: { key: string; api: string; client: ReturnType<typeof createStaffClient> } | undefined;

  private get _api(): string {
    return this.api || this.client?.api || '';
  }

  private _staffClient() {
    const api = this._api;
    if (!api || !this.staffKey) return undefined;
    if (this._staff?.key !== this.staffKey || this._staff.api !== api) {
      this._staff = { key: this.staffKey, api, client: createStaffClient({ api, staffKey: this.staffKey }) };
    }
    return this._staff.client;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.camera === 'auto' && this.hasUpdated) void this.startCamera();
  }

  protected override firstUpdated(): void {
    // After this update, not inside it: starting changes state that renders.
    if (this.camera === 'auto') void this.updateComplete.then(() => this.startCamera());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopCamera();
    void this._audio?.close().catch(() => {});
    this._audio = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('camera') && this.camera === 'off' && changed.get('camera') === 'auto') this.stopCamera();
  }

  // -------------------------------------------------------------------------------------------
  // Camera

  /** Asks for the back camera and starts scanning; falls back to manual entry if it never comes. */
  async startCamera(): Promise<void> {
    if (this.cameraState === 'starting' || this.cameraState === 'scanning') return;
    const run = ++this._cameraRun;
    if (!navigator.mediaDevices?.getUserMedia) {
      this.cameraState = 'unavailable';
      return;
    }
    this.cameraState = 'starting';
    this._detector ??= createDetector(this.wasmUrl);
    this._detector.catch(() => {
      this._detector = undefined;
    });
    const request = navigator.mediaDevices.getUserMedia({
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
      audio: false,
    });
    try {
      const stream = await withTimeout(request, this.cameraTimeoutMs, (late) => {
        // The staff member answered the prompt after all: use the camera now.
        if (run === this._cameraRun && this.isConnected) void this._useStream(late, run);
        else for (const track of late.getTracks()) track.stop();
      });
      if (run !== this._cameraRun || !this.isConnected) {
        if (stream !== 'timeout') for (const track of stream.getTracks()) track.stop();
        return;
      }
      if (stream === 'timeout') {
        this.cameraState = 'timeout';
        await this.updateComplete;
        this.input?.focus();
        return;
      }
      await this._useStream(stream, run);
    } catch {
      if (run !== this._cameraRun) return;
      this.cameraState = 'unavailable';
    }
  }

  /** Stops the camera and scanning. */
  stopCamera(): void {
    this._cameraRun++;
    clearTimeout(this._scanTimer);
    for (const track of this._stream?.getTracks() ?? []) track.stop();
    this._stream = undefined;
    if (this.video) this.video.srcObject = null;
    if (this.cameraState !== 'unavailable') this.cameraState = 'off';
  }

  private async _useStream(stream: MediaStream, run: number) {
    this._stream = stream;
    this.cameraState = 'scanning';
    await this.updateComplete;
    const video = this.video;
    if (!video || run !== this._cameraRun) return;
    video.srcObject = stream;
    // WeChat on iOS keeps the preview black unless play() is called here, in the success handler.
    await video.play().catch(() => {});
    this._scheduleScan(run);
  }

  private _scheduleScan(run: number) {
    clearTimeout(this._scanTimer);
    this._scanTimer = setTimeout(() => void this._scanFrame(run), SCAN_INTERVAL_MS);
  }

  private async _scanFrame(run: number) {
    if (run !== this._cameraRun) return;
    const video = this.video;
    try {
      if (video && video.readyState >= 2 && video.videoWidth > 0 && this._detector) {
        const detector = await this._detector;
        const codes = await detector.detect(video);
        for (const { rawValue } of codes) {
          const code = rawValue.trim();
          // The same QR code stays in view for many frames: each code is sent once.
          if (code && !this.busy && !this._recent.seenOrRemember(code)) {
            await this._redeem(code);
            break;
          }
        }
      }
    } catch {
      // A frame the decoder could not read (or a decoder that failed to load): try the next one.
    }
    if (run === this._cameraRun) this._scheduleScan(run);
  }

  // -------------------------------------------------------------------------------------------
  // Redemption

  /** Redeems one code (as if scanned or typed) and shows the outcome. */
  async redeem(code: string): Promise<void> {
    const trimmed = code.trim();
    if (!trimmed || this.busy) return;
    this._recent.seenOrRemember(trimmed);
    await this._redeem(trimmed);
  }

  private async _redeem(code: string) {
    const client = this._staffClient();
    if (!client) {
      this.result = { kind: 'refused', code: 'invalid_key' };
      return;
    }
    if (!isOnline()) {
      this._show({ kind: 'offline' });
      return;
    }
    this.busy = true;
    this.result = { kind: 'redeeming', code };
    try {
      const response = await client.redeem(code);
      this._show({ kind: 'success', response });
      this.dispatchEvent(new FlockRedeemedEvent(response));
    } catch (error) {
      const errorCode = error instanceof FlockError ? error.code : 'network_error';
      hintSetupError(errorCode);
      this._show(failureResult(errorCode, isOnline()));
      this.dispatchEvent(new FlockErrorEvent(errorCode, error instanceof Error ? error.message : String(error)));
    } finally {
      this.busy = false;
    }
  }

  private _show(result: ScanResult) {
    this.result = result;
    if (result.kind === 'redeeming' || this.quiet) return;
    const ok = result.kind === 'success';
    this._beep(ok);
    try {
      navigator.vibrate?.(ok ? 120 : [80, 60, 80]);
    } catch {
      // vibrate is missing or refused (no user gesture yet): sound and colour still tell.
    }
  }

  /** A short high tone for success, two low ones for a refusal (Web Audio: no sound file to load). */
  private _beep(ok: boolean) {
    try {
      const AudioCtx = globalThis.AudioContext ?? (globalThis as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
      if (!AudioCtx) return;
      this._audio ??= new AudioCtx();
      const ctx = this._audio;
      void ctx.resume?.().catch(() => {});
      const tones = ok
        ? [{ at: 0, f: 1320, d: 0.12 }]
        : [
            { at: 0, f: 330, d: 0.14 },
            { at: 0.2, f: 330, d: 0.14 },
          ];
      for (const { at, f, d } of tones) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = 'sine';
        osc.frequency.value = f;
        const start = ctx.currentTime + at;
        gain.gain.setValueAtTime(0.0001, start);
        gain.gain.exponentialRampToValueAtTime(0.3, start + 0.01);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + d);
        osc.connect(gain).connect(ctx.destination);
        osc.start(start);
        osc.stop(start + d + 0.02);
      }
    } catch {
      // No audio on this device: the result panel is enough.
    }
  }

  private _onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const input = this.input;
    if (!input) return;
    const code = input.value.trim();
    if (!code) {
      input.focus();
      return;
    }
    await this.redeem(code);
    if (this.result?.kind === 'success') input.value = '';
    input.focus();
  };

  // -------------------------------------------------------------------------------------------
  // Rendering

  protected override render() {
    // Blank for the moment the language's strings take to arrive, rather than a flash of English.
    if (!this.settings.ready) return nothing;
    const t = this.settings.t;
    const ready = Boolean(this._api && this.staffKey);
    return html`<div part="base" class="card">
      <div class="body">
        <h3 class="title">${t('scanner.title')}</h3>
        ${ready ? nothing : alertMessage(t('scanner.missingKey'))}
        ${this._renderCamera(t)}
        <div class="result-slot">${this._renderResult(t)}</div>
        ${this._renderForm(t, ready)}
      </div>
      ${statusRegion(this._announcement(t))}
    </div>`;
  }

  /**
   * What the one polite live region says: the camera's state, "redeeming…", and a success. Refusals
   * and "offline" are role="alert" on the result itself: the cashier must not miss them.
   */
  private _announcement(t: Translate): string {
    const result = this.result;
    if (result?.kind === 'redeeming') return t('scanner.redeeming');
    if (result?.kind === 'success') {
      const { voucher } = result.response;
      const n = voucher.usesLeft;
      const headline = n === 0 ? t('scanner.successLast') : n === 1 ? t('scanner.successOne') : t('scanner.success', { n });
      return `${headline}. ${voucher.title}`;
    }
    if (result) return '';
    const state = this.cameraState;
    return state === 'starting'
      ? t('scanner.cameraStarting')
      : state === 'scanning'
        ? t('scanner.cameraHint')
        : state === 'unavailable'
          ? t('scanner.cameraUnavailable')
          : state === 'timeout'
            ? t('scanner.cameraTimeout')
            : '';
  }

  private _renderCamera(t: Translate): TemplateResult {
    const state = this.cameraState;
    const scanning = state === 'scanning';
    const message =
      state === 'starting'
        ? t('scanner.cameraStarting')
        : state === 'unavailable'
          ? t('scanner.cameraUnavailable')
          : state === 'timeout'
            ? t('scanner.cameraTimeout')
            : undefined;
    return html`<div part="camera" class="camera ${state}" ?hidden=${state === 'off' || state === 'unavailable' || state === 'timeout'}>
        <video muted playsinline autoplay aria-label=${t('scanner.cameraHint')}></video>
        ${scanning ? html`<div class="viewfinder" aria-hidden="true"></div><p class="camera-hint">${t('scanner.cameraHint')}</p>` : nothing}
      </div>
      ${noticeMessage(message)}
      <div class="camera-actions">
        ${
          scanning || state === 'starting'
            ? html`<button part="button" type="button" class="button secondary small" @click=${() => this.stopCamera()}>${t('scanner.stopCamera')}</button>`
            : html`<button part="button" type="button" class="button secondary small" @click=${() => this.startCamera()}>${t('scanner.startCamera')}</button>`
        }
      </div>`;
  }

  private _renderResult(t: Translate) {
    const result = this.result;
    if (!result) return nothing;
    switch (result.kind) {
      case 'redeeming':
        return html`<div part="result" class="result pending">${t('scanner.redeeming')}</div>`;
      case 'success': {
        const { voucher } = result.response;
        const n = voucher.usesLeft;
        const headline = n === 0 ? t('scanner.successLast') : n === 1 ? t('scanner.successOne') : t('scanner.success', { n });
        return html`<div part="result" class="result success">
          <span class="result-icon" aria-hidden="true">✓</span>
          <strong class="result-title">${headline}</strong>
          <span class="result-detail">${voucher.title}</span>
        </div>`;
      }
      case 'refused':
        return html`<div part="result" class="result failure" role="alert">
          <span class="result-icon" aria-hidden="true">✕</span>
          <strong class="result-title">${t('scanner.failed')}</strong>
          <span class="result-detail" data-code=${result.code}>${errorMessage(t, result.code, 'scanner')}</span>
        </div>`;
      case 'offline':
        return html`<div part="result" class="result failure offline" role="alert">
          <span class="result-icon" aria-hidden="true">!</span>
          <strong class="result-title">${t('scanner.offline')}</strong>
        </div>`;
    }
  }

  private _renderForm(t: Translate, ready: boolean) {
    return html`<form part="form" class="manual" @submit=${this._onSubmit}>
      <label class="manual-label" for="code">${t('scanner.enterCode')}</label>
      <div class="manual-row">
        <input
          part="input"
          id="code"
          name="code"
          type="text"
          inputmode="text"
          autocomplete="off"
          autocapitalize="off"
          spellcheck="false"
          enterkeyhint="done"
          placeholder=${t('scanner.codePlaceholder')}
          ?disabled=${!ready}
        />
        <button part="button" type="submit" class="button primary" ?disabled=${!ready || this.busy}>
          ${this.busy ? t('scanner.redeeming') : t('scanner.redeem')}
        </button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-voucher-scanner': FlockVoucherScanner;
  }
}
