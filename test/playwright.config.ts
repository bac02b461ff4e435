// Browser end-to-end: the real renderer build in Debian's Chromium through the loopback web host; Electron scenarios where a binary exists.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  outputDir: '../test-results/playwright',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'web',
      testMatch: 'e2e/**/*.spec.ts',
      use: {
        launchOptions: {
          executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
          args: [
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
        viewport: { width: 1440, height: 860 },
      },
    },
    // The real app from Electron's own binary; run inside test/with-secret-service.sh with a display (xvfb-run -a), see test/e2e-electron/README.md.
    // Each scenario skips with one line when the binary, the private keychain or the display is missing (fails instead with CLOUDMC_REQUIRE_ELECTRON=1).
    { name: 'electron', testMatch: 'e2e-electron/**/*.spec.ts', testIgnore: 'e2e-electron/packaged/**', timeout: 90_000 },
    // The packaged app (CLOUDMC_PACKAGED_APP: its executable, e.g. dist/linux-unpacked/cloudmc-credentials) from its own binary, same conditions.
    { name: 'electron-packaged', testMatch: 'e2e-electron/packaged/**/*.spec.ts', timeout: 90_000 },
  ],
});
