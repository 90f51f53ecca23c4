// Debian's Chromium, as the browser tests, the bench and the screenshot launch it (`npm test`
// installs it when missing; browsers that download themselves do not install here). Without the
// background-networking flags it keeps trying hosts this machine cannot reach.
import { chromium } from 'playwright-core';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** @returns {Promise<import('playwright-core').Browser>} */
export const launchChromium = () => chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
