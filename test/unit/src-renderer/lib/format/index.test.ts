// Date and key-field formatting.
import { describe, expect, it } from 'vitest';
import {
  endpointHost,
  formatDateTime,
  formatRelative,
  lastActivityText,
  lastIpText,
  PLACEHOLDER_MARK,
  splitAroundMark,
} from '../../../../../src-renderer/src/lib/format';

describe('formatDateTime', () => {
  it('formats medium date and time in the given time zone and locale', () => {
    const iso = '2021-03-11T16:55:27.000Z';
    expect(formatDateTime(iso, 'en', 'UTC')).toBe('Mar 11, 2021, 4:55:27 PM');
    expect(formatDateTime(iso, 'fr', 'UTC')).toBe('11 mars 2021, 16:55:27');
    expect(formatDateTime(iso, 'fr', 'America/Toronto')).toBe('11 mars 2021, 11:55:27');
  });

  it('returns an unparsable value unchanged', () => {
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
  });
});

describe('formatRelative', () => {
  const now = new Date('2024-03-12T12:00:00.000Z');
  it('says how long ago in the locale', () => {
    expect(formatRelative('2024-03-12T11:55:00.000Z', 'en', now)).toBe('5 minutes ago');
    expect(formatRelative('2024-03-12T09:00:00.000Z', 'fr', now)).toBe('il y a 3 heures');
    expect(formatRelative('2024-03-11T12:00:00.000Z', 'es', now)).toBe('ayer');
  });
});

describe('key fields', () => {
  it('shows the translated "never used" when there is no last use', () => {
    expect(lastActivityText(null, 'en', 'Never used')).toBe('Never used');
    expect(lastActivityText('2021-03-11T16:55:27.000Z', 'en', 'Never used', 'UTC')).toBe('Mar 11, 2021, 4:55:27 PM');
  });

  it('shows an em dash for a missing IP', () => {
    expect(lastIpText(null)).toBe('—');
    expect(lastIpText('10.0.0.1')).toBe('10.0.0.1');
  });

  it('shows the host of an endpoint', () => {
    expect(endpointHost('https://cloudmc.example.com:8443/api/v1')).toBe('cloudmc.example.com:8443');
    expect(endpointHost('garbage')).toBe('garbage');
  });

  it('splits a sentence around the placeholder', () => {
    expect(splitAroundMark(`Revoke the API key ${PLACEHOLDER_MARK}? Really.`)).toEqual({ before: 'Revoke the API key ', after: '? Really.' });
  });
});
