import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Keeps keyboard focus inside a widget when a render removes the control that had it (e.g. "Start a
 * group" is replaced by the held seat): focus moves to the new view's `[data-focus-landing]` headline,
 * else its first enabled control, instead of falling back to <body>. If the new view is still
 * loading, the move waits for the render that has somewhere to land.
 */
export class FocusKeeper implements ReactiveController {
  private readonly _host: ReactiveControllerHost & HTMLElement;
  private _focused: Element | null = null;
  private _pending = false;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this._host = host;
    host.addController(this);
  }

  hostUpdate(): void {
    const active = this._host.shadowRoot?.activeElement ?? null;
    if (active) {
      this._focused = active;
      this._pending = false;
    }
  }

  hostUpdated(): void {
    const root = this._host.shadowRoot;
    if (!root) return;
    const lost = this._focused !== null && !this._focused.isConnected && !root.activeElement;
    if (lost) this._pending = true;
    this._focused = root.activeElement;
    // Focus moved elsewhere on the page in the meantime: the shopper chose where to be.
    if (
      !this._pending ||
      (document.activeElement !== document.body && document.activeElement !== null && document.activeElement !== this._host)
    )
      return;
    const target =
      root.querySelector<HTMLElement>('[data-focus-landing]') ??
      root.querySelector<HTMLElement>('button:not([disabled]), a[href], input:not([disabled])');
    if (!target) return;
    this._pending = false;
    target.focus();
    this._focused = target;
  }
}
