import type { FlockClient } from '@flock/sdk';
import { createContext } from '@lit/context';

export interface FlockContext {
  client: FlockClient;
  /** The provider's `locale`, else the page's `lang`. */
  locale: string;
}

export const flockContext = createContext<FlockContext | undefined>(Symbol.for('flock-context'));
