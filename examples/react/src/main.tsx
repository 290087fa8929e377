import '@flock/elements';
import type { FlockGroupBuy } from '@flock/elements';
import type {} from '@flock/elements/react';
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { config, missingConfig } from './config.js';

function App() {
  const [status, setStatus] = useState(missingConfig);
  const groupBuy = useRef<FlockGroupBuy>(null);

  // The element's own addEventListener, not an `onflock-checkout` prop: TypeScript checks the event's
  // name against the element's event map and gives the listener a FlockCheckoutEvent, while it never
  // checks the name of a hyphenated JSX attribute (`onflock-chekout={onCheckout}` compiles, and
  // listens for an event that never comes).
  useEffect(() => {
    const listening = new AbortController();
    groupBuy.current?.addEventListener('flock-checkout', (event) => setStatus(`Checkout: ${event.detail.reservation.id}`), {
      signal: listening.signal,
    });
    return () => listening.abort();
  }, []);

  return (
    <>
      {/* camelCase props are set as the element's properties, and a misspelled one fails the type-check. */}
      <flock-provider
        api={config.api}
        publishableKey={config.publishableKey}
        shopperToken={config.shopperToken}
        locale={config.locale}
      >
        <flock-group-buy ref={groupBuy} offer={config.offer} />
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
