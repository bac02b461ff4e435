// The row window of a long list never runs past its ends.
import { describe, expect, it } from 'vitest';
import { rowWindow } from '../../../../../src-renderer/src/lib/format';

describe('rowWindow', () => {
  it('computes windows that never run past the ends', () => {
    expect(rowWindow(0, 56, 0, 600)).toEqual({ start: 0, end: 0, before: 0, after: 0 });
    const w = rowWindow(10, 56, 99999, 600);
    expect(w.end).toBe(10);
    expect(w.before + w.after + (w.end - w.start) * 56).toBe(560);
  });
});
