import { prepareZXingModule } from 'barcode-detector/ponyfill';

/**
 * Points the barcode-detector ponyfill (headless Chromium on Linux has no native BarcodeDetector)
 * at the ZXing WebAssembly decoder from node_modules, served by web-test-runner.config.js, never a CDN.
 */
export function serveZxingLocally(): void {
  prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? '/__zxing/zxing_reader.wasm' : prefix + path),
    },
  });
}
