import { expect, fixture, html, unsafeStatic, waitUntil } from '@open-wc/testing';
import { hostileSheets } from '../../test/suites/host-css.js';
import { widgetSuite } from '../../test/suites/widget.suite.js';
import '../define.js';
import { flockWidgets, provider, widget } from '../registry.js';

// Every widget of the registry runs the shared suite (test/suites/widget.suite.ts) in every state of
// test/scenarios/states.ts, in English here (the growth kit's widgets also in Chinese: widgets-zh-cn /
// widgets-zh-tw.test.ts, a file each so that no one file runs past the runner's time limit); what is
// particular to one widget lives in its own folder's test.
for (const entry of flockWidgets) widgetSuite(entry, 'en');

describe('the registry', () => {
  it('defines each tag it lists with the class it names', () => {
    for (const entry of [provider, ...flockWidgets])
      expect(customElements.get(entry.tag)?.name, entry.tag).to.equal(entry.className);
  });
});

describe('host page CSS', () => {
  it('still takes the --flock-* theme and ::part() rules on a hostile page', async () => {
    const scannerTag = widget('voucher-scanner').tag;
    const column = await fixture<HTMLDivElement>(
      html`<div style="--flock-font: Georgia, serif; --flock-font-size: 17px"><${unsafeStatic(scannerTag)} camera="off" quiet></${unsafeStatic(scannerTag)}></div>`,
    );
    const scanner = column.querySelector(scannerTag)!;
    await waitUntil(() => scanner.shadowRoot?.querySelector('[part="base"]'), 'the scanner renders');
    const part = new CSSStyleSheet();
    part.replaceSync(`${scannerTag}::part(base) { color: rgb(1, 2, 3); letter-spacing: 1px }`);
    const pageSheets = [...document.adoptedStyleSheets];
    document.adoptedStyleSheets = [...pageSheets, ...(await hostileSheets()), part];
    try {
      const base = getComputedStyle(scanner.shadowRoot!.querySelector('[part="base"]')!);
      expect(base.fontFamily).to.equal('Georgia, serif');
      expect(base.fontSize).to.equal('17px');
      expect(base.color).to.equal('rgb(1, 2, 3)');
      expect(base.letterSpacing).to.equal('1px');
    } finally {
      document.adoptedStyleSheets = pageSheets;
    }
  });
});
