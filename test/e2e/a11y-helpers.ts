// Helpers of the accessibility specs: the app's own texts by locale key, an axe-core run (WCAG 2.2 AA) that collects violations per state, page-level reflow measures.
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { Lang } from './labels';

const localesDir = path.resolve(import.meta.dirname, '../../src-renderer/src/lib/i18n/locales');

/** The app's own text for a key of its locale file (for words that labels.ts does not fix), placeholders filled from `values`. */
export function localeText(lang: Lang, key: string, values: Record<string, string | number> = {}): string {
  let node: unknown = JSON.parse(fs.readFileSync(path.join(localesDir, `${lang}.json`), 'utf8'));
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') throw new Error(`no ${key} in ${lang}.json`);
  return node.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/** The WCAG 2.2 AA rule tags axe runs. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** One violation found in one state: the rule, and how many elements break it. */
export interface Finding {
  state: string;
  rule: string;
  nodes: number;
  sample: string;
}

/** Runs axe on the page as it is and adds what it finds, named after the state. */
export async function axeState(page: Page, state: string, findings: Finding[]): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  for (const violation of result.violations) {
    findings.push({
      state,
      rule: violation.id,
      nodes: violation.nodes.length,
      sample: violation.nodes[0]?.failureSummary?.split('\n').slice(0, 2).join(' ') + ' @ ' + (violation.nodes[0]?.target.join(' ') ?? ''),
    });
  }
  if (process.env['A11Y_COUNTS']) {
    const rules = result.violations.map((v) => `${v.id}×${v.nodes.length} ${v.nodes[0]?.target.join(' ') ?? ''}`);
    const line = JSON.stringify({ state, violations: result.violations.reduce((n, v) => n + v.nodes.length, 0), rules });
    fs.appendFileSync(process.env['A11Y_COUNTS'], line + '\n');
  }
}

/** Whether the page scrolls sideways (the whole document wider than the window). */
export function pageScrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** Whether an element lies wholly inside the viewport horizontally. */
export async function insideViewportWidth(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  return box !== null && box.x >= 0 && box.x + box.width <= width + 0.5;
}

/** A description of the focused element: role-ish tag, id and accessible text, for focus assertions and their messages. */
export function focused(page: Page): Promise<{ tag: string; id: string; name: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return { tag: '', id: '', name: '' };
    const labelled = (el as HTMLInputElement).labels?.[0]?.textContent; // a form field is named by its label
    const name = el.getAttribute('aria-label') ?? labelled ?? el.textContent ?? '';
    return { tag: el.tagName.toLowerCase(), id: el.id, name: name.replace(/\s+/g, ' ').trim().slice(0, 120) };
  });
}
