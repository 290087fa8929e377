import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Re-renders its host every second while connected, so countdowns move. */
export class TickController implements ReactiveController {
  private _timer: ReturnType<typeof setInterval> | undefined;
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected(): void {
    this._timer = setInterval(() => this.host.requestUpdate(), 1000);
  }
  hostDisconnected(): void {
    clearInterval(this._timer);
  }
}
