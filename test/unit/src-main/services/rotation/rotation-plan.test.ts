// The rules of a rotation without I/O: the replacement's default name, the grace deadline, and when a use of the old key makes the app ask.
import { describe, expect, it } from 'vitest';
import { codePointLength } from '../../../../../src-preload/contract/limits';
import { checkGrace, defaultRotatedName, recentUseOf, retireAtOf, uiLanguageOf } from '../../../../../src-main/services/rotation/rotation-plan';
import { failureOf } from '../../helpers';

const now = new Date('2026-11-28T10:00:00.000Z');
const key = (lastUsedDate: string | null) => ({ id: 'k1', name: 'k', creationDate: '2026-01-01T00:00:00Z', lastUsedDate, lastUsedIp: '203.0.113.5' });

describe('rotation plan', () => {
  it('the default name is "<name> (rotated YYYY-MM-DD)", the old name shortened so the whole fits 100 characters', () => {
    expect(defaultRotatedName('ci-deploy', now)).toBe('ci-deploy (rotated 2026-11-28)');
    const long = defaultRotatedName('🔑'.repeat(100), now);
    expect(codePointLength(long)).toBe(100);
    expect(long.endsWith(' (rotated 2026-11-28)')).toBe(true);
  });

  it("the default name is in the user's language, as screens.md gives it, still within 100 characters", () => {
    expect(defaultRotatedName('ci-deploy', now, 'fr')).toBe('ci-deploy (renouvelée le 2026-11-28)');
    expect(defaultRotatedName('ci-deploy', now, 'es')).toBe('ci-deploy (rotada el 2026-11-28)');
    const long = defaultRotatedName('x'.repeat(100), now, 'fr');
    expect(codePointLength(long)).toBe(100);
    expect(long.endsWith(' (renouvelée le 2026-11-28)')).toBe(true);
  });

  it('a locale tag maps to the UI language it starts with; English for any other', () => {
    expect(uiLanguageOf('fr-CA')).toBe('fr');
    expect(uiLanguageOf('es_MX')).toBe('es');
    expect(uiLanguageOf('EN-gb')).toBe('en');
    expect(uiLanguageOf('de-DE')).toBe('en');
  });

  it('each grace preset and a date give their deadline; a past or too distant date is refused', async () => {
    expect(retireAtOf('now', now)).toEqual(now);
    expect(retireAtOf('1h', now).toISOString()).toBe('2026-11-28T11:00:00.000Z');
    expect(retireAtOf('24h', now).toISOString()).toBe('2026-11-29T10:00:00.000Z');
    expect(retireAtOf('7d', now).toISOString()).toBe('2026-12-05T10:00:00.000Z');
    expect(retireAtOf({ until: '2026-12-01T09:00:00+01:00' }, now).toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(() => checkGrace({ until: '2026-12-01T09:00:00Z' }, now)).not.toThrow();
    expect(await failureOf(Promise.resolve().then(() => checkGrace({ until: '2026-11-28T09:59:00Z' }, now)))).toMatchObject({
      code: 'invalid-input',
      details: { field: 'grace', reason: 'past' },
    });
    expect(await failureOf(Promise.resolve().then(() => checkGrace({ until: '2028-01-01T00:00:00Z' }, now)))).toMatchObject({
      details: { reason: 'too-far' },
    });
  });

  it('a use within the last hour makes the app ask, unless it was the app itself before the profile moved to the new key', () => {
    expect(recentUseOf(key('2026-11-28T09:30:00Z'), now, null)).toEqual({ ip: '203.0.113.5', at: '2026-11-28T09:30:00Z' });
    expect(recentUseOf(key('2026-11-28T08:59:00Z'), now, null)).toBeNull();
    expect(recentUseOf(key(null), now, null)).toBeNull();
    expect(recentUseOf(key('2026-11-28T09:30:00Z'), now, '2026-11-28T09:31:00Z')).toBeNull();
    expect(recentUseOf(key('2026-11-28T09:32:00Z'), now, '2026-11-28T09:31:00Z')).not.toBeNull();
  });
});
