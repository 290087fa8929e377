import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How long "Copied" stays on a copy button. */
const COPIED_MS = 2000;

/**
 * What a copy button just copied, for a moment: the button reads "Copied" for 2 s, then Copy again.
 * `Key` tells apart several buttons (a material id); a single button uses `true`.
 */
export class CopiedFlag<Key = true> implements ReactiveController {
  private _current: Key | undefined;
  private _timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Whether `key`'s button (any, without a key) shows "Copied". */
  is(key?: Key): boolean {
    return this._current !== undefined && (key === undefined || this._current === key);
  }

  /** Shows "Copied" on `key`'s button, restarting the moment. */
  set(key: Key): void {
    this._current = key;
    clearTimeout(this._timer);
    this._timer = setTimeout(() => this._clear(), COPIED_MS);
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    clearTimeout(this._timer);
    this._current = undefined;
  }

  private _clear() {
    this._current = undefined;
    this.host.requestUpdate();
  }
}
