/**
 * Reference entry for the bundle benchmark: the bare stack <flock-*> is built on (lit, @lit/context,
 * nanostores, ky, zod/mini) behind one trivial element that touches each library, so none of them
 * is tree-shaken away. The difference to packages/elements/src/index.ts is Flock's own code.
 */
import { ContextProvider, createContext } from '@lit/context';
import ky from 'ky';
import { css, html, LitElement } from 'lit';
import { atom } from 'nanostores';
import * as z from 'zod/mini';

const Greeting = z.object({ text: z.string(), count: z.number() });
const greeting = atom({ text: 'hello', count: 0 });
const apiContext = createContext<typeof ky>(Symbol('api'));

class StackProbe extends LitElement {
  static override properties = { label: { type: String } };
  static override styles = css`:host { display: block; }`;
  declare label: string;
  #provider = new ContextProvider(this, { context: apiContext, initialValue: ky.create({ prefixUrl: 'https://api.example' }) });
  #unsubscribe = () => {};

  override connectedCallback() {
    super.connectedCallback();
    this.#unsubscribe = greeting.subscribe(() => this.requestUpdate());
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#unsubscribe();
  }

  async load() {
    const body = await this.#provider.value.get('greeting').json();
    greeting.set(Greeting.parse(body));
  }

  override render() {
    const { text, count } = greeting.get();
    return html`<p>${this.label ?? ''} ${text} (${count})</p>`;
  }
}

customElements.define('stack-probe', StackProbe);
