// The key table's windowing helper (issue 18 item 3): short lists render whole, long ones a window that follows the scroller, and a
// requested row is scrolled to the middle of the window.
import { describe, expect, it } from 'vitest';
import { RowWindowing } from '../../../../../src-renderer/src/lib/table/windowing.svelte';

/** A scroller as the browser reports it (jsdom has no layout: its heights are set here). */
function scroller(clientHeight: number, scrollTop = 0): HTMLElement {
  const element = document.createElement('div');
  Object.defineProperty(element, 'clientHeight', { value: clientHeight });
  element.scrollTop = scrollTop;
  return element;
}

describe('RowWindowing', () => {
  it('windows only lists longer than its threshold, and renders a short list whole', () => {
    const windowing = new RowWindowing(56, 200);
    expect(windowing.windows(200)).toBe(false);
    expect(windowing.windows(201)).toBe(true);
    expect(windowing.range(150, false)).toEqual({ start: 0, end: 150, before: 0, after: 0 });
  });

  it('follows the scroller: the window moves with its position and its height; the spacers keep the whole height', () => {
    const windowing = new RowWindowing(50, 10);
    windowing.follow(scroller(500, 5000));
    const range = windowing.range(1000, true);
    expect(range.start).toBeLessThanOrEqual(100);
    expect(range.end).toBeGreaterThanOrEqual(110);
    expect(range.end - range.start).toBeLessThan(40);
    expect(range.before + (range.end - range.start) * 50 + range.after).toBe(1000 * 50);
    // A hidden scroller (height 0) keeps the last known height.
    windowing.follow(scroller(0, 0));
    expect(windowing.viewport).toBe(500);
    expect(windowing.range(1000, true).start).toBe(0);
  });

  it('scrolls a row to the middle of the window, and back to the top', () => {
    const windowing = new RowWindowing(50, 10);
    const element = scroller(500);
    windowing.follow(element);
    windowing.center(element, 100);
    expect(windowing.scrollTop).toBe(100 * 50 - (500 - 50) / 2);
    expect(element.scrollTop).toBe(windowing.scrollTop);
    const range = windowing.range(1000, true);
    expect(range.start).toBeLessThanOrEqual(100);
    expect(range.end).toBeGreaterThan(100);
    windowing.center(element, 1);
    expect(windowing.scrollTop).toBe(0);
    windowing.center(element, 300);
    windowing.toTop(element);
    expect(windowing.scrollTop).toBe(0);
    expect(element.scrollTop).toBe(0);
    windowing.toTop(undefined);
    expect(windowing.scrollTop).toBe(0);
  });
});
