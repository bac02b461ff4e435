// The shapes that cross the bridge: settings within their limits, the closed enums, the keychain status union, and the promise
// that a key's value crosses in one answer only (a generated key): every other shape drops a `secret` or `value` it is handed.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultSettings } from '../../../../src-preload/contract/defaults';
import { errorCodes } from '../../../../src-preload/contract/errors';
import { clipboardClearMaxSeconds } from '../../../../src-preload/contract/limits';
import * as models from '../../../../src-preload/contract/models';
import { languageChoices, themeChoices } from '../../../../src-preload/contract/rules';

const { settingsSchema, appErrorSchema, keychainStatusSchema, apiKeyViewSchema, keysViewSchema, pendingSecretViewSchema, appStateSchema } = models;

/** Every field name anywhere inside a schema (objects, arrays, unions, nullable and optional wrappers). */
function fieldNames(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodObject) return Object.entries(schema.shape).flatMap(([name, inner]) => [name, ...fieldNames(inner as z.ZodType)]);
  if (schema instanceof z.ZodArray) return fieldNames(schema.element as z.ZodType);
  if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) return fieldNames(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodUnion || schema instanceof z.ZodDiscriminatedUnion) return schema.options.flatMap((o) => fieldNames(o as z.ZodType));
  if (schema instanceof z.ZodRecord) return fieldNames(schema.valueType as z.ZodType);
  return [];
}

const key = { id: 'k1', name: 'ci', creationDate: '2026-01-01T00:00:00Z', lastUsedDate: null, lastUsedIp: null };
const profile = {
  id: 'p1',
  name: 'Prod',
  endpoint: 'https://cloudmc.example.com/api/v1',
  identity: null,
  accessKey: 'keychain',
  lastSyncedAt: null,
  syncState: 'never',
  hasCustomCa: false,
  accessKeyId: null,
  managed: null,
  endpointAllowed: true,
  keyCount: null,
};

describe('settings', () => {
  it('accept the defaults and the limits of each number', () => {
    expect(settingsSchema.parse(defaultSettings)).toEqual(defaultSettings);
    for (const clipboardClearSeconds of [0, clipboardClearMaxSeconds])
      expect(settingsSchema.safeParse({ ...defaultSettings, clipboardClearSeconds }).success).toBe(true);
    for (const idleDays of [1, 3650]) expect(settingsSchema.safeParse({ ...defaultSettings, idleDays }).success).toBe(true);
  });

  it.each([
    ['a negative clipboard delay', { clipboardClearSeconds: -1 }],
    ['a clipboard delay past the limit', { clipboardClearSeconds: clipboardClearMaxSeconds + 1 }],
    ['a fractional clipboard delay', { clipboardClearSeconds: 1.5 }],
    ['zero idle days', { idleDays: 0 }],
    ['ten years and a day idle', { idleDays: 3651 }],
    ['an unknown language', { language: 'de' }],
    ['an unknown theme', { theme: 'sepia' }],
    ['a string for a boolean', { updates: 'yes' }],
  ])('refuse %s', (_why, change) => {
    expect(settingsSchema.safeParse({ ...defaultSettings, ...change }).success).toBe(false);
  });

  it('take every language and theme the rules list', () => {
    for (const language of languageChoices) expect(settingsSchema.safeParse({ ...defaultSettings, language }).success).toBe(true);
    for (const theme of themeChoices) expect(settingsSchema.safeParse({ ...defaultSettings, theme }).success).toBe(true);
  });
});

describe('errors and keychain status', () => {
  it('carry only a known code and kind, and details of strings and numbers', () => {
    for (const code of errorCodes) expect(appErrorSchema.safeParse({ code, kind: 'internal', messageKey: 'x' }).success).toBe(true);
    expect(appErrorSchema.safeParse({ code: 'oops', kind: 'internal', messageKey: 'x' }).success).toBe(false);
    expect(appErrorSchema.safeParse({ code: 'internal', kind: 'oops', messageKey: 'x' }).success).toBe(false);
    expect(appErrorSchema.safeParse({ code: 'internal', kind: 'internal', messageKey: 'x', details: { a: 1, b: 'c' } }).success).toBe(true);
    expect(appErrorSchema.safeParse({ code: 'internal', kind: 'internal', messageKey: 'x', details: { a: { nested: 1 } } }).success).toBe(false);
  });

  it('says either which backend answers or why none does', () => {
    expect(keychainStatusSchema.safeParse({ available: true, backend: 'libsecret' }).success).toBe(true);
    expect(keychainStatusSchema.safeParse({ available: false, reason: 'locked', messageKey: 'keychain.locked' }).success).toBe(true);
    expect(keychainStatusSchema.safeParse({ available: false, reason: 'melted', messageKey: 'k' }).success).toBe(false);
    expect(keychainStatusSchema.safeParse({ available: false, backend: 'libsecret' }).success).toBe(false);
  });
});

describe('a key’s value crosses the bridge in one answer only', () => {
  it('is a field of the generated key and of no other shape', () => {
    const secretField = /^(secret|value|password|apiKey|accessKeyValue)$/i;
    const withSecret = Object.entries(models)
      .filter(([, schema]) => schema instanceof z.ZodType && fieldNames(schema).some((name) => secretField.test(name)))
      .map(([name]) => name);
    expect(withSecret).toEqual(['generatedKeySchema']);
    // The walk reaches nested shapes (the generated key's screen, its profile, its list's keys).
    expect(fieldNames(models.generatedKeySchema)).toEqual(expect.arrayContaining(['secret', 'view', 'endpointAllowed', 'lastUsedIp']));
  });

  it('is dropped from a key, a key screen and a pending notification that are handed one', () => {
    expect(apiKeyViewSchema.parse({ ...key, secret: 's3cr3t' })).toEqual(key);
    const view = keysViewSchema.parse({
      profile: { ...profile, accessKeyValue: 's3cr3t' },
      list: { profileId: 'p1', keys: [{ ...key, value: 's3cr3t' }], syncedAt: 'now', source: 'live' },
      failure: null,
    });
    expect(JSON.stringify(view)).not.toContain('s3cr3t');
    const pending = { secretId: 'x', profileId: 'p1', keyId: 'k1', keyName: 'ci', copied: false, stored: false };
    expect(pendingSecretViewSchema.parse({ ...pending, value: 's3cr3t' })).toEqual(pending);
  });
});

describe('the start-up state', () => {
  it('holds settings, keychain, profiles and the data problem, each checked', () => {
    const state = {
      version: '1.0.0',
      settings: defaultSettings,
      keychain: { available: true, backend: 'memory' },
      profiles: [profile],
      lastProfileId: 'p1',
      shortcuts: { pinned: ['p1'], recent: [] },
      storeNotice: null,
      readOnly: true,
      dataProblem: { messageKey: 'data.read-only', path: '/data', reason: 'EROFS' },
      defaultEndpoint: null,
    };
    expect(appStateSchema.parse(state)).toEqual(state);
    expect(appStateSchema.safeParse({ ...state, profiles: [{ ...profile, accessKey: 'disk' }] }).success).toBe(false);
    expect(appStateSchema.safeParse({ ...state, profiles: [{ ...profile, syncState: 'stale' }] }).success).toBe(false);
  });
});
