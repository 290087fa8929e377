import '@flock/elements';
import type {} from '@flock/elements/react';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { config, missingConfig } from './config.js';

function App() {
  const [status, setStatus] = useState(missingConfig);
  return (
    <>
      {/* camelCase props are set as the element's properties, and a misspelled one fails the type-check. */}
      <flock-provider
        api={config.api}
        publishableKey={config.publishableKey}
        shopperToken={config.shopperToken}
        locale={config.locale}
      >
        {/* React 19 adds `onflock-checkout` as a 'flock-checkout' listener; the event is a typed FlockCheckoutEvent. */}
        <flock-group-buy
          offer={config.offer}
          onflock-checkout={(event) => setStatus(`Checkout: ${event.detail.reservation.id}`)}
        />
      </flock-provider>
      <p role="status">{status}</p>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
