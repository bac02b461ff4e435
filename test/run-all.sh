#!/usr/bin/env bash
# `npm test`: every suite CI runs — type checks, build, short bench, unit and component tests, the real-keychain suite, browser end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."
results="$PWD/test-results/summary"
rm -rf "$results" && mkdir -p "$results"

step() { printf '\n=== %s\n' "$*"; }
status=0
suite() { "$@" || status=1; }

step "lint and format (typescript-eslint + eslint-plugin-svelte, zero warnings; prettier --check)"
suite npm run --silent lint

step "typecheck (tsc + svelte-check)"
npm run --silent typecheck

step "build (electron-vite: main, preload, renderer)"
npx electron-vite build >/dev/null

step "packaging (electron-builder --linux dir over a stub Electron: file set, fuses, size; packaged main booted under the fake Electron; release workflow validated)"
suite npx tsx test/packaging/check-package.ts

step "bench, short (small sizes: every step completes; figures printed, targets not asserted)"
suite timeout --kill-after=10 120 npx tsx test/bench/run.ts --short

step "Electronegativity gate (fails on severity >= MEDIUM with confidence >= FIRM)"
suite node test/security/electronegativity-gate.mjs

step "unit and component tests (vitest: node, renderer)"
suite npx vitest run --config test/vitest.config.ts --project node --project renderer --reporter=default --reporter=json --outputFile="$results/vitest.json"

step "OS keychain suite (real Secret Service in a private D-Bus session)"
suite bash test/with-secret-service.sh npx vitest run --config test/vitest.config.ts --project keychain --reporter=default --reporter=json --outputFile="$results/vitest-keychain.json"

step "browser end-to-end (Playwright, Debian Chromium, web host) and Electron scenarios (skip without the binary)"
suite env PLAYWRIGHT_JSON_OUTPUT_NAME="$results/playwright.json" bash test/with-secret-service.sh npx playwright test --config test/playwright.config.ts --reporter=list,json

node test/summarize-results.mjs "$results" || status=1
exit $status
