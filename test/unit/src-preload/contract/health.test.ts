// The key-health contract: the note limit counted in characters (not UTF-16 units) with the field error users read,
// counts for every kind of finding, the strict export request, CloudMC's default-name assumption and the event codes said in words.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredFieldError } from '../../../../src-preload/contract/field-errors';
import {
  activityEntrySchema,
  defaultKeyNamePattern,
  healthCountsSchema,
  healthExportInputSchema,
  healthKinds,
  keyNoteInputSchema,
  keyNoteMaxCodePoints,
  knownEventCodes,
  noteTooLong,
} from '../../../../src-preload/contract/health';

describe('a key note', () => {
  it('may have keyNoteMaxCodePoints characters, emoji counting as one, spaces around not counted', () => {
    expect(keyNoteInputSchema.safeParse('a'.repeat(keyNoteMaxCodePoints)).success).toBe(true);
    expect(keyNoteInputSchema.safeParse('🔑'.repeat(keyNoteMaxCodePoints)).success).toBe(true);
    expect(keyNoteInputSchema.safeParse(`  ${'a'.repeat(keyNoteMaxCodePoints)}  `).success).toBe(true);
    expect(keyNoteInputSchema.safeParse('').success).toBe(true);
  });

  it('refuses one character more, and a huge text without counting it, with the notes.tooLong field error', () => {
    for (const text of ['a'.repeat(keyNoteMaxCodePoints + 1), ' '.repeat(10 * keyNoteMaxCodePoints)]) {
      const parsed = keyNoteInputSchema.safeParse(text);
      expect(parsed.success).toBe(false);
      const issue = parsed.error!.issues[0] as { params?: unknown };
      expect(declaredFieldError(issue.params)).toEqual(noteTooLong);
    }
    expect(noteTooLong).toEqual({ messageKey: 'notes.tooLong', details: { field: 'note', reason: 'too-long', max: 500 } });
  });
});

describe('the health report', () => {
  it('counts every kind of finding, and no kind it does not know', () => {
    const counts = Object.fromEntries(healthKinds.map((k) => [k, 0]));
    expect(healthCountsSchema.safeParse(counts).success).toBe(true);
    const { [healthKinds[0]]: _dropped, ...missingOne } = counts;
    expect(healthCountsSchema.safeParse(missingOne).success).toBe(false);
    expect(healthCountsSchema.safeParse({ ...counts, [healthKinds[0]]: 1.5 }).success).toBe(false);
  });

  it('takes an export request of a known kind and format only, with nothing else in it', () => {
    expect(healthExportInputSchema.safeParse({ what: 'findings', format: 'csv' }).success).toBe(true);
    expect(healthExportInputSchema.safeParse({ what: 'activity', format: 'json', profileId: 'p1' }).success).toBe(true);
    expect(healthExportInputSchema.safeParse({ what: 'secrets', format: 'csv' }).success).toBe(false);
    expect(healthExportInputSchema.safeParse({ what: 'findings', format: 'xml' }).success).toBe(false);
    expect(healthExportInputSchema.safeParse({ what: 'findings', format: 'csv', path: '/etc/passwd' }).success).toBe(false);
    expect(healthExportInputSchema.safeParse({ what: 'findings', format: 'csv', profileId: '' }).success).toBe(false);
  });

  it('never passes an activity’s event context on', () => {
    const entry = {
      id: 'a1',
      created: '2026-01-01T00:00:00Z',
      eventCode: 'users.login',
      eventKey: null,
      category: 'users',
      status: 'ok',
      statusKey: null,
      keyName: null,
    };
    const parsed = activityEntrySchema.parse({ ...entry, requesterIp: null, ipStatus: 'none', eventContext: { token: 'x' } });
    expect(parsed).not.toHaveProperty('eventContext');
  });
});

describe('CloudMC assumptions', () => {
  it('recognizes CloudMC’s random default key name and nothing close to it', () => {
    expect(defaultKeyNamePattern.test('key-0a9f3c')).toBe(true);
    for (const name of ['key-0A9F3C', 'key-0a9f3', 'key-0a9f3cd', 'my-key-0a9f3c', 'key-0a9g3c'])
      expect(defaultKeyNamePattern.test(name)).toBe(false);
  });

  it('says each known event code in words in every locale', () => {
    for (const lang of ['en', 'fr', 'es']) {
      const file = path.resolve(import.meta.dirname, `../../../../src-renderer/src/lib/i18n/locales/${lang}.json`);
      const activity = (JSON.parse(fs.readFileSync(file, 'utf8')) as { activity: { event: Record<string, Record<string, string>> } }).activity;
      for (const code of knownEventCodes) {
        const [group, name] = code.split('.') as [string, string];
        expect(activity.event[group]?.[name], `${lang}: activity.event.${code}`).toBeTruthy();
      }
    }
  });
});
