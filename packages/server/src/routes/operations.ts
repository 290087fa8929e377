import { openApiJson } from '@flock/protocol/openapi';
import type { HandlersFor } from '../http/handler.js';

export function operationsHandlers(): HandlersFor<'health' | 'openApiDocument'> {
  // Generated on first request: the same document as docs/openapi.json.
  let openApi: string | undefined;
  return {
    health: () => ({ ok: true }) as const,
    // The stored bytes as they are: re-encoding the JSON would change them.
    openApiDocument: {
      raw: (c) => {
        openApi ??= openApiJson();
        return c.body(openApi, 200, { 'content-type': 'application/json' });
      },
    },
  };
}
