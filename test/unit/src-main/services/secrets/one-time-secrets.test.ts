// The registry of one-time values: each change heard once (added, copied, stored, dismissed), values never listed,
// a dismissed value wiped and released, quitting asks while a value is neither copied nor stored.
import { describe, expect, it } from 'vitest';
import { OneTimeSecrets } from '../../../../../src-main/services/secrets/one-time-secrets';
import { failureOf } from '../../helpers';

const entry = (keyName: string) => ({ profileId: 'p1', keyId: `id-${keyName}`, keyName, value: `value-of-${keyName}` });

describe('OneTimeSecrets', () => {
  it('holds a value until dismissed, then answers secret-gone', async () => {
    const secrets = new OneTimeSecrets();
    const held = secrets.add(entry('ci'));
    expect(secrets.get(held.secretId).value).toBe('value-of-ci');
    secrets.dismiss(held.secretId);
    expect(held.value).toBe('');
    expect((await failureOf(Promise.resolve().then(() => secrets.get(held.secretId)))).code).toBe('secret-gone');
  });

  it('lists the open notifications without their values', () => {
    const secrets = new OneTimeSecrets();
    const a = secrets.add(entry('a'));
    const b = secrets.add(entry('b'), true);
    const listed = secrets.list();
    expect(listed).toEqual([
      { secretId: a.secretId, profileId: 'p1', keyId: 'id-a', keyName: 'a', copied: false, stored: false },
      { secretId: b.secretId, profileId: 'p1', keyId: 'id-b', keyName: 'b', copied: false, stored: true },
    ]);
    expect(JSON.stringify(listed)).not.toContain('value-of');
    expect(a.secretId).not.toBe(b.secretId);
  });

  it('tells every change once, and nothing for a flag set to what it was or a second dismiss', () => {
    let changes = 0;
    const secrets = new OneTimeSecrets(() => (changes += 1));
    const held = secrets.add(entry('a'));
    expect(changes).toBe(1);
    held.copied = true;
    expect(changes).toBe(2);
    held.copied = true;
    expect(changes).toBe(2);
    held.stored = true;
    expect(changes).toBe(3);
    expect(secrets.list()[0]).toMatchObject({ copied: true, stored: true });
    secrets.dismiss(held.secretId);
    secrets.dismiss(held.secretId);
    expect(changes).toBe(4);
  });

  it('has an unsaved value until it is copied or stored', () => {
    const secrets = new OneTimeSecrets();
    expect(secrets.hasUnsaved()).toBe(false);
    const a = secrets.add(entry('a'));
    const b = secrets.add(entry('b'));
    expect(secrets.hasUnsaved()).toBe(true);
    a.copied = true;
    expect(secrets.hasUnsaved()).toBe(true);
    b.stored = true;
    expect(secrets.hasUnsaved()).toBe(false);
    secrets.add(entry('c'), true);
    expect(secrets.hasUnsaved()).toBe(false);
  });

  it('releases each value once when dismissed or cleared, and clear empties the list', () => {
    const released: string[] = [];
    const secrets = new OneTimeSecrets();
    const a = secrets.add({ ...entry('a'), release: () => released.push('a') });
    secrets.add({ ...entry('b'), release: () => released.push('b') });
    secrets.dismiss(a.secretId);
    secrets.dismiss(a.secretId);
    expect(released).toEqual(['a']);
    secrets.clear();
    expect(released).toEqual(['a', 'b']);
    expect(secrets.list()).toEqual([]);
    expect(secrets.hasUnsaved()).toBe(false);
  });
});
