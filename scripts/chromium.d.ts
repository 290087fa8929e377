import { type Browser } from 'playwright-core';
/** Flags for Debian's Chromium in a container: no sandbox, no GPU, and nothing that calls home. */
export declare const CHROMIUM_ARGS: string[];
/** Debian's Chromium (apt-get install chromium; never a downloaded browser), unless CHROME_PATH or CHROMIUM names another. */
export declare const CHROMIUM_PATH: string;
/** That Chromium, headless. */
export declare function launchChromium(): Promise<Browser>;
