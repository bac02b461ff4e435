// The clipboard service (docs/security.md 13) with fake timers: secrets cleared after a delay, only when still ours; plain text never.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClipboardService, type ClipboardService, type Timers } from '../../../../../src-main/services/clipboard/clipboard-service';
import { MemoryClipboard } from '../../helpers';

let port: MemoryClipboard;
let seconds: number;
let service: ClipboardService;
let scheduled: number[];

beforeEach(() => {
  vi.useFakeTimers();
  port = new MemoryClipboard();
  seconds = 30;
  scheduled = [];
  // Injected timers over vitest's fake clock; records each delay asked for.
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      scheduled.push(ms);
      return setTimeout(fn, ms);
    },
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  service = createClipboardService(port, () => seconds, timers);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('copySecret', () => {
  it('writes the value and clears it after the configured seconds when the clipboard still holds it', async () => {
    expect(await service.copySecret('secret-one')).toEqual({ clearAfterSeconds: 30 });
    expect(port.text).toBe('secret-one');
    expect(scheduled).toEqual([30_000]);

    await vi.advanceTimersByTimeAsync(29_999);
    expect(port.text).toBe('secret-one');
    expect(port.clears).toBe(0);

    await vi.advanceTimersByTimeAsync(1);
    expect(port.clears).toBe(1);
    expect(port.text).toBe('');
  });

  it('does not clear what the user copied afterwards', async () => {
    await service.copySecret('secret-one');
    await port.writeText('user copied this'); // another app or the user
    await vi.advanceTimersByTimeAsync(30_000);
    expect(port.clears).toBe(0);
    expect(port.text).toBe('user copied this');
  });

  it('reads the delay at copy time', async () => {
    seconds = 5;
    expect(await service.copySecret('s')).toEqual({ clearAfterSeconds: 5 });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(port.clears).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(port.clears).toBe(1);
  });

  it('never clears when the setting is 0', async () => {
    seconds = 0;
    expect(await service.copySecret('secret-zero')).toEqual({ clearAfterSeconds: null });
    expect(scheduled).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(24 * 3600_000);
    expect(port.text).toBe('secret-zero');
    expect(port.clears).toBe(0);
  });

  it('a second secret restarts the delay and only the second is cleared', async () => {
    await service.copySecret('first');
    await vi.advanceTimersByTimeAsync(20_000);
    await service.copySecret('second');
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000); // the first timer would have fired here
    expect(port.text).toBe('second');
    expect(port.clears).toBe(0);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(port.text).toBe('');
    expect(port.clears).toBe(1);
  });
});

describe('clearSecretNow', () => {
  it('clears at once when the clipboard holds the last secret, and cancels the timer', async () => {
    await service.copySecret('secret-quit');
    await service.clearSecretNow();
    expect(port.text).toBe('');
    expect(port.clears).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(port.clears).toBe(1);
  });

  it('leaves something else alone', async () => {
    await service.copySecret('secret-quit');
    await port.writeText('mine');
    await service.clearSecretNow();
    expect(port.text).toBe('mine');
    expect(port.clears).toBe(0);
  });

  it('does nothing when no secret was copied', async () => {
    await port.writeText('unrelated');
    await service.clearSecretNow();
    expect(port.text).toBe('unrelated');
    expect(port.clears).toBe(0);
  });

  it('clears a secret copied with clearing turned off (on quit)', async () => {
    seconds = 0;
    await service.copySecret('kept-until-quit');
    await service.clearSecretNow();
    expect(port.text).toBe('');
  });
});

describe('copyText', () => {
  it('writes the text and never schedules a clear', async () => {
    expect(await service.copyText('key-id-123')).toEqual({ clearAfterSeconds: null });
    expect(port.text).toBe('key-id-123');
    expect(scheduled).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(3600_000);
    expect(port.text).toBe('key-id-123');
    expect(port.clears).toBe(0);
  });

  it('plain text copied over a secret is not cleared by the secret timer', async () => {
    await service.copySecret('secret-x');
    await service.copyText('plain');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(port.text).toBe('plain');
    expect(port.clears).toBe(0);
  });
});
