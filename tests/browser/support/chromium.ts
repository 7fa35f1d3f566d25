// Where Chromium is on these machines and how it is started (../shared/ENVIRONMENT.md): shared by the browser tests
// and the bench's explorer scenario, which runs outside vitest and so cannot import the tests' hooks.
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, no sandbox (root in CI), and nothing that reaches beyond this machine. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];
