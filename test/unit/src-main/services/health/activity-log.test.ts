// The Activity panel's entries as main decides them: every cell the panel translates comes with its i18n key (event, status),
// and the key's name CloudMC gave in the event's context is passed on (a copy cached before names were read has none).
import { describe, expect, it } from 'vitest';
import { toActivityEntries } from '../../../../../src-main/services/health/activity-log';
import type { ActivityRecord } from '../../../../../src-main/services/cloudmc/cloudmc-api';
import { knownActivityStatuses } from '../../../../../src-preload/contract/health';
import { translation, uiLanguages } from '../../helpers';

const record = (extra: Partial<ActivityRecord>): ActivityRecord => ({
  id: 'a1',
  created: '2025-05-01T10:00:00Z',
  eventCode: 'api_key.generated',
  category: 'SYSTEM',
  status: 'SUCCESS',
  requesterIp: null,
  keyName: null,
  ...extra,
});

describe('toActivityEntries', () => {
  it('gives each known status its i18n key, and an unknown one none (shown as it came)', () => {
    const [known, unknown] = toActivityEntries([record({ status: 'SUCCESS' }), record({ id: 'a2', status: 'WEIRD' })], undefined);
    expect(known?.statusKey).toBe('activity.statusValue.SUCCESS');
    expect(unknown?.statusKey).toBeNull();
  });

  it('names the key CloudMC named; an entry cached without a name has none', () => {
    const cachedBefore = { ...record({}), keyName: undefined } as unknown as ActivityRecord;
    const [named, older] = toActivityEntries([record({ keyName: 'nightly-backup' }), cachedBefore], undefined);
    expect(named?.keyName).toBe('nightly-backup');
    expect(older?.keyName).toBeNull();
  });

  it.each(uiLanguages)('every known status reads in plain words in %s', (language) => {
    for (const status of knownActivityStatuses) expect(translation(language, `activity.statusValue.${status}`)).toBeTruthy();
  });
});
