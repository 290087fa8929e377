import { createContext } from '@lit/context';
import type { FlockClient } from '@flock/sdk';

export interface FlockContext {
  client: FlockClient;
  /** The provider's `locale`, else the page's `lang`. */
  locale: string;
}

export const flockContext = createContext<FlockContext | undefined>(Symbol.for('flock-context'));
