/**
 * The store counter's scanner page (/console/scanner.html#key=stf_…&store=…), opened on staff phones
 * from the QR code the console shows once with a new staff key. It mounts the real
 * <flock-voucher-scanner> from this server's /sdk/ bundle, in the phone's language. The key rides in
 * the fragment, which the browser never sends to a server, so no access log holds it.
 */
import { localeForBrowser } from './locales.js';
import { vouchersMessages } from './messages/vouchers.js';

const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
const staffKey = fragment.get('key') ?? '';
const store = fragment.get('store') ?? '';
const locale = localeForBrowser(navigator.language);
const strings = { en: vouchersMessages.en, 'zh-CN': vouchersMessages.zhCN, 'zh-TW': vouchersMessages.zhTW }[locale];

document.documentElement.lang = locale;
document.title = strings['scannerPage.title'];
const text = (id: string, value: string) => {
  const element = document.getElementById(id);
  if (element) element.textContent = value;
};
// The counter's store names the page (the widget says what it does); without one, the page's purpose.
text('heading', store || strings['scannerPage.title']);

const slot = document.getElementById('scanner') as HTMLElement;
const alert = (message: string) => {
  const paragraph = document.createElement('p');
  paragraph.className = 'alert';
  paragraph.setAttribute('role', 'alert');
  paragraph.textContent = message;
  slot.replaceChildren(paragraph);
};

if (!/^stf_\w+$/.test(staffKey)) alert(strings['scannerPage.noKey']);
else {
  text('note', strings['scannerPage.staffOnly']);
  const scanner = document.createElement('flock-voucher-scanner');
  scanner.setAttribute('staff-key', staffKey);
  scanner.setAttribute('api', location.origin);
  scanner.setAttribute('locale', locale);
  // The ZXing decoder (for phones without a native QR detector) from this server too, not a CDN.
  scanner.setAttribute('wasm-url', new URL('/sdk/chunks/zxing_reader.wasm', location.origin).href);
  slot.replaceChildren(scanner);
  // The widgets' loader defines <flock-voucher-scanner> when it finds it on the page.
  const loader = new URL('/sdk/flock.js', location.origin).href;
  import(/* @vite-ignore */ loader).catch(() => alert(strings['scannerPage.loadFailed']));
}
