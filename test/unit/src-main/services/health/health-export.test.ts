// CSV export escaping: formula cells neutralised, quotes and line breaks kept inside one cell.
import { describe, expect, it } from 'vitest';
import { csvCell, exportFindings, toCsv } from '../../../../../src-main/services/health/health-export';
import { emptyCounts } from '../../../../../src-main/services/health/health-findings';

describe('CSV export', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+33 1 23', "'+33 1 23"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
  ])('a cell starting with a formula character is prefixed with a quote: %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected.trim() === expected ? expected : `"${expected}"`);
  });

  it('quotes cells holding a comma, a quote or a line break, doubling inner quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('one row per finding, CRLF line ends, a header first', () => {
    const report = {
      findings: [
        {
          profileId: 'p1',
          profileName: 'Acme, Inc.',
          keyId: 'k1',
          keyName: '=cmd|calc',
          kind: 'default-name' as const,
          messageKey: 'health.why.default-name',
          values: { name: '=cmd|calc' },
          note: '@owner',
        },
      ],
      counts: { ...emptyCounts(), 'default-name': 1 },
      facts: [],
      snoozed: [],
      byProfile: { p1: 1 },
      idleDays: 90,
      copiesChecked: true,
      computedAt: '2024-06-01T00:00:00.000Z',
      notices: [],
    };
    const { content, fileName, mimeType } = exportFindings(report, 'csv', new Date('2024-06-01T00:00:00.000Z'));
    expect(fileName).toBe('key-health-2024-06-01.csv');
    expect(mimeType).toBe('text/csv');
    const lines = content.split('\r\n');
    expect(lines[0]).toBe('profileId,profileName,keyId,keyName,kind,why,messageKey,details,note');
    expect(lines[1]).toContain(`"Acme, Inc.",k1,'=cmd|calc,default-name,`);
    expect(lines[1]?.endsWith(",'@owner")).toBe(true);
    expect(toCsv(['a'], [])).toBe('a\r\n');
  });
});
