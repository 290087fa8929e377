import type { ResourceState, ResourceStore } from '@flock/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Subscribes its host to one resource store at a time while the host is connected. Unlike
 * @nanostores/lit's StoreController, the store can be switched when an attribute changes.
 */
export class ResourceController<T> implements ReactiveController {
  private _store: ResourceStore<T> | undefined;
  private _unsubscribe: (() => void) | undefined;
  private _connected = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get state(): ResourceState<T> | undefined {
    return this._store?.get();
  }
  get store(): ResourceStore<T> | undefined {
    return this._store;
  }

  use(store: ResourceStore<T> | undefined): void {
    if (store === this._store) return;
    this._unsubscribe?.();
    this._unsubscribe = undefined;
    this._store = store;
    if (this._connected) this._subscribe();
    this.host.requestUpdate();
  }

  private _subscribe() {
    this._unsubscribe = this._store?.listen(() => this.host.requestUpdate());
    // listen() does not call back with the current value; mounting it may have started a load.
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this._connected = true;
    this._subscribe();
  }
  hostDisconnected(): void {
    this._connected = false;
    this._unsubscribe?.();
    this._unsubscribe = undefined;
  }
}
