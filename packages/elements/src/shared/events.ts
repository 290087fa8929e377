// The event every widget fires; each widget's own events are in its folder (<name>.events.ts).

/** An action failed; `code` is the API's machine-readable error code. The widget shows the message itself. */
export class FlockErrorEvent extends Event {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {
    super('flock-error', { bubbles: true, composed: true });
  }
  get detail() {
    return { code: this.code, message: this.message };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'flock-error': FlockErrorEvent;
  }
}
