// The example shop's page script (plain JavaScript, no build step): which demo shopper this tab is,
// and the shop's own checkout sheet for Flock's checkout, buy-alone and claim events.
// A classic script at the end of <body>: it runs before the Flock module upgrades the tags.
{
  const page = JSON.parse(document.querySelector('meta[name="demo-page"]').content);
  const t = page.strings;
  const provider = document.querySelector('flock-provider');

  /** Money as the widgets write it: Intl's `symbol` display for the page's locale (¥19.90, CN¥19.90). */
  const money = (amountMinor, currency) => {
    const format = new Intl.NumberFormat(page.lang, { style: 'currency', currency, currencyDisplay: 'symbol' });
    return format.format(amountMinor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
  };

  // ---------------------------------------------------------------------------------------------
  // Who this tab is. Kept per tab (sessionStorage), never in the address: a link copied from the
  // page, or shared by a widget, must not make the friend who opens it the sharer.

  const SHOPPER_KEY = 'flock-demo-shopper';
  /** The links friends open: a group-buy team, an assist, a promoter's link. */
  const SHARED_LINK_PARAMS = ['flock_team', 'flock_assist', 'flock_ref'];
  let shopper;

  const become = (id) => {
    shopper = id;
    sessionStorage.setItem(SHOPPER_KEY, id);
    const me = page.shoppers[id];
    provider.setAttribute('shopper-token', me.token);
    for (const widget of document.querySelectorAll('[data-shopper-voucher]')) widget.setAttribute('voucher', me.voucher);
    for (const button of document.querySelectorAll('[data-shopper]')) {
      button.setAttribute('aria-pressed', String(button.dataset.shopper === id));
    }
  };

  /** A shared link opened in a tab that is nobody yet: ask whose phone this is. */
  const askWho = () => {
    const dialog = document.getElementById('who');
    const choices = dialog.querySelector('.who-choices');
    for (const [id, { name, avatar }] of Object.entries(page.shoppers)) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'who-choice';
      button.dataset.choose = id;
      const image = document.createElement('img');
      image.src = avatar;
      image.alt = '';
      button.append(image, name);
      button.addEventListener('click', () => {
        become(id);
        dialog.close();
      });
      choices.append(button);
    }
    // Someone has to be holding the phone: Esc does not dismiss the question.
    dialog.addEventListener('cancel', (event) => event.preventDefault());
    dialog.showModal();
  };

  if (page.shoppers) {
    const url = new URL(location.href);
    const named = url.searchParams.get('shopper');
    if (named !== null) {
      // A link that names a shopper (the demo's printed links): this tab becomes them, and the
      // name leaves the address bar, so nothing copied from here carries it.
      if (page.shoppers[named]) sessionStorage.setItem(SHOPPER_KEY, named);
      url.searchParams.delete('shopper');
      history.replaceState(history.state, '', url);
    }
    const kept = sessionStorage.getItem(SHOPPER_KEY);
    if (kept && page.shoppers[kept]) become(kept);
    else if (SHARED_LINK_PARAMS.some((param) => url.searchParams.has(param))) askWho();
    else become(Object.keys(page.shoppers)[0]);

    for (const button of document.querySelectorAll('[data-shopper]')) {
      button.addEventListener('click', () => {
        if (button.dataset.shopper === shopper) return;
        // Another person's phone: start the page afresh as them (the rest of the address stays).
        sessionStorage.setItem(SHOPPER_KEY, button.dataset.shopper);
        location.reload();
      });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The shop's checkout: a bottom sheet that confirms, pays through the shop's backend, then says so.

  const sheet = document.getElementById('checkout');
  const field = (id) => document.getElementById(id);
  const steps = { confirm: sheet.querySelector('[data-step="confirm"]'), done: sheet.querySelector('[data-step="done"]') };
  let order;

  /** order: { title, image, amount, currency, discount?, claim?, pay: () => Promise<Response>, doneTitle, doneDetail, after? } (discount: taken off the line's price to make amount) */
  const openCheckout = (next) => {
    order = next;
    steps.confirm.hidden = false;
    steps.done.hidden = true;
    const price = next.amount === null ? t.free : money(next.amount, next.currency);
    field('checkout-image').src = next.image;
    field('checkout-product').textContent = next.title;
    field('checkout-price').textContent = next.discount ? money(next.amount + next.discount, next.currency) : price;
    field('checkout-discount').hidden = !next.discount;
    field('checkout-discount-amount').textContent = next.discount ? `−${money(next.discount, next.currency)}` : '';
    field('checkout-total').textContent = price;
    field('checkout-error').textContent = '';
    field('pay').textContent = next.claim ? t.claimButton : t.payButton;
    field('pay').disabled = false;
    field('cancel').textContent = next.claim ? t.notNow : t.later;
    sheet.showModal();
  };

  field('pay').addEventListener('click', async () => {
    const current = order;
    field('pay').disabled = true;
    field('checkout-error').textContent = '';
    let response;
    try {
      response = await current.pay();
    } catch {
      response = undefined;
    }
    if (!response?.ok) {
      const body = await response?.json().catch(() => undefined);
      field('checkout-error').textContent = body?.error?.message ?? t.payFailed;
      field('pay').disabled = false;
      return;
    }
    field('done-title').textContent = current.doneTitle;
    field('done-amount').textContent = current.amount === null ? t.free : money(current.amount, current.currency);
    field('done-detail').textContent = current.doneDetail;
    steps.confirm.hidden = true;
    steps.done.hidden = false;
    field('done-title').focus();
    await current.after?.();
  });
  field('cancel').addEventListener('click', () => sheet.close());
  field('done').addEventListener('click', () => sheet.close());
  // A tap on the dimmed page outside the sheet closes it, as a native sheet does.
  sheet.addEventListener('click', (event) => {
    if (event.target === sheet) sheet.close();
  });

  const post = (path, body) =>
    fetch(`${path}?lang=${encodeURIComponent(page.lang)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, shopper }),
    });

  // Group buy: Flock holds the seat, the shop takes payment, then its backend confirms the reservation.
  document.addEventListener('flock-checkout', (event) => {
    const { reservation } = event.detail;
    openCheckout({
      title: page.product.title,
      image: page.product.image,
      amount: reservation.price,
      currency: reservation.currency,
      pay: () => post('/checkout/pay', { reservationId: reservation.id }),
      doneTitle: t.paidTitle,
      doneDetail: t.paidGroup,
      after: () => event.target.refresh?.(),
    });
  });
  // The friend's coupon claimed on the Share & earn page: kept for this tab, applied by the backend at "Buy alone".
  // Keyed by the shopper at the time of use: a tab that is nobody yet picks one after this script runs.
  const couponKey = () => `flock-demo-friend-coupon:${shopper}`;
  document.addEventListener('flock-friend-reward-claimed', (event) => {
    if (event.detail.kind === 'amount_off') sessionStorage.setItem(couponKey(), JSON.stringify(event.detail));
  });
  const couponFor = (amount) => {
    const coupon = JSON.parse(sessionStorage.getItem(couponKey()) ?? 'null');
    return coupon && amount >= coupon.minSpend ? coupon : null;
  };
  document.addEventListener('flock-buy-alone', () => {
    const coupon = couponFor(page.product.regularPrice);
    openCheckout({
      title: page.product.title,
      image: page.product.image,
      amount: page.product.regularPrice - (coupon?.amountOff ?? 0),
      discount: coupon?.amountOff,
      currency: page.product.currency,
      pay: async () => {
        const response = await post('/checkout/buy', { offerId: page.product.offerId, friendCoupon: coupon?.code });
        if (response.ok && coupon) sessionStorage.removeItem(couponKey());
        return response;
      },
      doneTitle: t.paidTitle,
      doneDetail: t.paidAlone,
      // The gift now reads as used.
      after: () => (coupon ? document.querySelector('flock-friend-offer')?.refresh?.() : undefined),
    });
  });
  // A completed assist: the reward at the assist's price (the backend reads it from Flock again).
  document.addEventListener('flock-claim', (event) => {
    const { assist } = event.detail;
    openCheckout({
      claim: true,
      title: assist.title,
      image: assist.imageUrl ?? page.product.image,
      amount: assist.mode === 'price_cut' ? assist.currentPrice : null,
      currency: assist.currency,
      pay: () => post('/checkout/claim', { assistId: assist.id }),
      doneTitle: t.claimedTitle,
      doneDetail: t.claimedDetail,
    });
  });

  // The kind of group buy shown: its chip in view, even when the row scrolls sideways on a phone.
  const kind = document.querySelector('.kinds [aria-current]');
  if (kind) kind.parentElement.scrollLeft = kind.offsetLeft - (kind.parentElement.clientWidth - kind.offsetWidth) / 2;

  document.getElementById('skip-day')?.addEventListener('click', async () => {
    await fetch('/demo/skip-day', { method: 'POST' });
    await document.querySelector('flock-group-buy')?.refresh();
  });
}
