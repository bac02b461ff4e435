// Main's emitter: a payload is checked against its event's schema before it leaves (outside it: logged, never sent), what the schema
// does not state is dropped (so a key value slipped into a payload cannot travel), and a receiver that fails stops no other.
import { describe, expect, it } from 'vitest';
import { createAppEvents } from '../../../../src-main/services/app-events';
import { createLogger } from '../../../../src-main/log';
import type { EventName } from '../../../../src-preload/contract/names';

function setup() {
  const lines: string[] = [];
  const events = createAppEvents(createLogger((level, line) => lines.push(`${level} ${line}`)));
  const got: { name: EventName; payload: unknown }[] = [];
  const stop = events.subscribe((name, payload) => got.push({ name, payload }));
  return { events, got, lines, stop };
}

const status = { available: false as const, reason: 'not-answering' as const, messageKey: 'keychain.not-answering' };

describe('app events', () => {
  it('sends a payload inside its schema to every receiver, as checked', () => {
    const { events, got } = setup();
    events.emit('keychain:did-change', { status });
    expect(got).toEqual([{ name: 'keychain:did-change', payload: { status } }]);
  });

  it('a payload outside its schema is logged by name and field, and sent to nobody', () => {
    const { events, got, lines } = setup();
    events.emit('secrets:did-change', { pending: [{ secretId: 's1' }] } as never);
    events.emit('no:such-event' as EventName, {} as never);
    expect(got).toEqual([]);
    expect(lines.join('\n')).toMatch(/error event secrets:did-change not sent: its payload is outside its schema: pending\.0\.profileId/);
    expect(lines.join('\n')).toMatch(/error event no:such-event not sent/);
  });

  it('what the schema does not state never leaves main: a value slipped into a payload is dropped', () => {
    const { events, got } = setup();
    const canary = 'EVENT-CANARY-5f0c2e9a7b31';
    const view = { secretId: 's1', profileId: 'p1', keyId: 'k1', keyName: 'ci', copied: false, stored: false, value: canary };
    events.emit('secrets:did-change', { pending: [view], secret: canary } as never);
    expect(got).toHaveLength(1);
    expect(JSON.stringify(got)).not.toContain(canary);
  });

  it('a receiver that throws is logged and the others still receive; after unsubscribing, nothing arrives', () => {
    const { events, got, lines, stop } = setup();
    const stopFailing = events.subscribe(() => {
      throw new Error('window gone');
    });
    const later: unknown[] = [];
    events.subscribe((_name, payload) => later.push(payload));
    events.emit('keychain:did-change', { status });
    expect(got).toHaveLength(1);
    expect(later).toHaveLength(1);
    expect(lines.join('\n')).toMatch(/event keychain:did-change: a receiver failed/);
    stop();
    stopFailing();
    events.emit('keychain:did-change', { status });
    expect(got).toHaveLength(1);
    expect(later).toHaveLength(2);
  });
});
