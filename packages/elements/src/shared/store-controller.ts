import type { ResourceState, ResourceStore } from '@flock/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Subscribes its host to one resource store at a time while the host is connected. Unlike
 * @nanostores/lit's StoreController, the store can be switched when an attribute changes.
 */
export class ResourceController<T> implements ReactiveController {
  #store: ResourceStore<T> | undefined;
  #unsubscribe: (() => void) | undefined;
  #connected = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get state(): ResourceState<T> | undefined {
    return this.#store?.get();
  }
  get store(): ResourceStore<T> | undefined {
    return this.#store;
  }

  use(store: ResourceStore<T> | undefined): void {
    if (store === this.#store) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#store = store;
    if (this.#connected) this.#subscribe();
    this.host.requestUpdate();
  }

  #subscribe() {
    this.#unsubscribe = this.#store?.listen(() => this.host.requestUpdate());
    // listen() does not call back with the current value; mounting it may have started a load.
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#subscribe();
  }
  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
