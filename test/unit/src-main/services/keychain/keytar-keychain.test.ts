// keytar's failure modes (docs/security.md 16): a call that never answers times out, a missing library or bus maps to its own reason.
import { describe, expect, it } from 'vitest';
import { createKeytarKeychain, keychainReason } from '../../../../../src-main/services/keychain/keytar-keychain';
import { failureOf, translation, uiLanguages } from '../../helpers';

type Keytar = typeof import('keytar');

/** A keytar-shaped module whose every call behaves as `behaviour` says (the real one is exercised in test/unit/keychain-system). */
function keytarThat(behaviour: () => Promise<never>): Keytar {
  return {
    getPassword: behaviour,
    setPassword: behaviour,
    deletePassword: behaviour,
    findPassword: behaviour,
    findCredentials: behaviour,
  } as unknown as Keytar;
}

describe('keytar keychain', () => {
  it('times out a call that never answers (libsecret waiting on a prompt or a dead bus), then refuses without calling', async () => {
    let calls = 0;
    const keychain = createKeytarKeychain({
      timeoutMs: 50,
      load: () =>
        keytarThat(() => {
          calls += 1;
          return new Promise<never>(() => undefined);
        }),
    });
    expect(await keychain.probe()).toEqual({ available: false, reason: 'not-answering', messageKey: 'keychain.not-answering' });
    expect(await failureOf(keychain.setSecret('profile:x', 'value'))).toMatchObject({
      code: 'keychain-unavailable',
      messageKey: 'keychain.not-answering',
      details: { reason: 'not-answering' },
    });
    expect(await keychain.probe()).toEqual({ available: false, reason: 'not-answering', messageKey: 'keychain.not-answering' });
    expect(calls).toBe(1);
  });

  it('runs one native call at a time', async () => {
    let inFlight = 0;
    let most = 0;
    const answerSoon = (): Promise<null> => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      return new Promise((resolve) =>
        setImmediate(() => {
          inFlight -= 1;
          resolve(null);
        }),
      );
    };
    const keychain = createKeytarKeychain({ load: () => ({ getPassword: answerSoon }) as unknown as Keytar });
    expect(await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((a) => keychain.getSecret(`profile:${a}`)))).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(most).toBe(1);
  });

  it('reports a library that cannot be loaded, and never throws while loading', async () => {
    const keychain = createKeytarKeychain({
      load: () => {
        throw new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory');
      },
    });
    expect(await keychain.probe()).toEqual({ available: false, reason: 'library-missing', messageKey: 'keychain.library-missing' });
    expect((await failureOf(keychain.getSecret('profile:x'))).code).toBe('keychain-unavailable');
  });

  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'no-dbus'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'no-secret-service'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'locked'],
    ['Cannot create an item in a locked collection', 'locked'],
    ['something else entirely', 'unknown'],
  ])('maps "%s" to %s, with a message in every language', async (message, reason) => {
    expect(keychainReason(message)).toBe(reason);
    const keychain = createKeytarKeychain({ load: () => keytarThat(() => Promise.reject(new Error(message))) });
    const status = await keychain.probe();
    expect(status).toMatchObject({ available: false, reason });
    if (!status.available)
      for (const language of uiLanguages) expect(translation(language, status.messageKey), `${language} ${status.messageKey}`).toBeTruthy();
  });

  it('reports an unknown failure of one call as keychain-failed, not as an unavailable keychain', async () => {
    const keychain = createKeytarKeychain({ load: () => keytarThat(() => Promise.reject(new Error('something else entirely'))) });
    expect((await failureOf(keychain.getSecret('profile:x'))).code).toBe('keychain-failed');
  });

  it('reports a value too large for the keychain as its own problem, not as a missing keychain', async () => {
    const keychain = createKeytarKeychain({ load: () => keytarThat(() => Promise.reject(new Error('Password is too long'))) });
    expect(await failureOf(keychain.setSecret('key:p:k', 'x'.repeat(5000)))).toMatchObject({
      code: 'keychain-failed',
      messageKey: 'keychain.too-large',
    });
    for (const language of uiLanguages) expect(translation(language, 'keychain.too-large'), language).toBeTruthy();
  });
});
