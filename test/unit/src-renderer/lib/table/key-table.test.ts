// Filtering and sorting the key table: a presentation of main's list (main's order is the default), case-insensitive filter on name
// and last IP, each column's sort with missing values last, aria-sort values, addresses in numeric order, the fit for a width.
import { describe, expect, it } from 'vitest';
import {
  ariaSortOf,
  collatorFor,
  filterKeys,
  fitFor,
  formatCount,
  indexKeys,
  ipSortKey,
  mainOrder,
  nextSort,
  sortKeys,
  type KeySort,
} from '../../../../../src-renderer/src/lib/table/key-table';
import type { ApiKeyView } from '../../../../../src-renderer/src/lib/state/contract-types';

function key(id: string, name: string, extra: Partial<ApiKeyView> = {}): ApiKeyView {
  return { id, name, creationDate: '2024-01-01T00:00:00.000Z', lastUsedDate: null, lastUsedIp: null, ...extra };
}

// As main orders them: newest first.
const list: ApiKeyView[] = [
  key('a', 'Zulu deploy', { creationDate: '2024-05-01T00:00:00Z', lastUsedDate: '2024-05-02T00:00:00Z', lastUsedIp: '10.0.0.10' }),
  key('b', 'alpha Backup', { creationDate: '2024-04-01T00:00:00Z', lastUsedIp: '2001:DB8::1', lastUsedDate: '2024-06-01T00:00:00Z' }),
  key('c', 'Key 10', { creationDate: '2024-03-01T00:00:00Z' }),
  key('d', 'Key 2', { creationDate: '2024-02-01T00:00:00Z', lastUsedIp: '10.0.0.9', lastUsedDate: '2024-02-02T00:00:00Z' }),
  key('e', 'Élan', { creationDate: '2024-01-01T00:00:00Z', lastUsedIp: '9.255.255.255', lastUsedDate: '2024-01-03T00:00:00Z' }),
];
const collator = collatorFor('en');
const ids = (rows: readonly { key: ApiKeyView }[]): string[] => rows.map((r) => r.key.id);
const sorted = (sort: KeySort): string[] => ids(sortKeys(indexKeys(list), sort, collator));

describe('the key filter', () => {
  const rows = indexKeys(list);

  it('matches names case-insensitively, as typed (trimmed)', () => {
    expect(ids(filterKeys(rows, 'BACKUP'))).toEqual(['b']);
    expect(ids(filterKeys(rows, '  key '))).toEqual(['c', 'd']);
  });

  it('matches the last IP, case-insensitively', () => {
    expect(ids(filterKeys(rows, '2001:db8'))).toEqual(['b']);
    expect(ids(filterKeys(rows, '10.0.0.'))).toEqual(['a', 'd']);
  });

  it('never matches across the name and the address', () => {
    expect(ids(filterKeys(rows, 'deploy10'))).toEqual([]);
  });

  it('keeps the order it is given and gives the same array back for an empty query', () => {
    expect(filterKeys(rows, '   ')).toBe(rows);
    expect(ids(filterKeys([...rows].reverse(), 'key'))).toEqual(['d', 'c']);
  });
});

describe('the key sorts', () => {
  it("shows main's order, untouched, by default (Created, newest first)", () => {
    const rows = indexKeys(list);
    expect(mainOrder).toEqual({ column: 'created', direction: 'descending' });
    expect(sortKeys(rows, mainOrder, collator)).toBe(rows);
  });

  it('sorts names by the language: case and accents aside, numbers as numbers', () => {
    expect(sorted({ column: 'name', direction: 'ascending' })).toEqual(['b', 'e', 'd', 'c', 'a']);
    expect(sorted({ column: 'name', direction: 'descending' })).toEqual(['a', 'c', 'd', 'e', 'b']);
  });

  it('sorts addresses numerically (IPv4 before IPv6), keys without one last either way', () => {
    expect(sorted({ column: 'ip', direction: 'ascending' })).toEqual(['e', 'd', 'a', 'b', 'c']);
    expect(sorted({ column: 'ip', direction: 'descending' })).toEqual(['b', 'a', 'd', 'e', 'c']);
  });

  it('sorts last activity, never-used keys last either way', () => {
    expect(sorted({ column: 'activity', direction: 'descending' })).toEqual(['b', 'a', 'd', 'e', 'c']);
    expect(sorted({ column: 'activity', direction: 'ascending' })).toEqual(['e', 'd', 'a', 'b', 'c']);
  });

  it('sorts by creation, oldest first when turned around', () => {
    expect(sorted({ column: 'created', direction: 'ascending' })).toEqual(['e', 'd', 'c', 'b', 'a']);
  });

  it("keeps main's order between equal values", () => {
    const same = [key('x', 'same'), key('y', 'Same'), key('z', 'SAME')];
    expect(ids(sortKeys(indexKeys(same), { column: 'name', direction: 'descending' }, collator))).toEqual(['x', 'y', 'z']);
  });

  it('sorts 5,000 keys by name without a quadratic cost (the e2e spec prints the in-page figure)', () => {
    const many = Array.from({ length: 5000 }, (_, i) => key(`k${i}`, `svc-${(i * 7919) % 5000}-${i % 3 ? 'prod' : 'dev'}`));
    const rows = indexKeys(many);
    sortKeys(rows, { column: 'name', direction: 'ascending' }, collator); // warm up
    const start = performance.now();
    const out = sortKeys(rows, { column: 'name', direction: 'descending' }, collator);
    const elapsed = performance.now() - start;
    expect(out).toHaveLength(5000);
    expect(elapsed).toBeLessThan(200); // a loose bound on a shared machine: it catches a quadratic sort, not a slow frame
  });
});

describe('the sort headers', () => {
  it('turn the chosen column around, and start another in its first direction', () => {
    expect(nextSort(mainOrder, 'created')).toEqual({ column: 'created', direction: 'ascending' });
    expect(nextSort(mainOrder, 'name')).toEqual({ column: 'name', direction: 'ascending' });
    expect(nextSort({ column: 'name', direction: 'ascending' }, 'name')).toEqual({ column: 'name', direction: 'descending' });
    expect(nextSort({ column: 'name', direction: 'ascending' }, 'activity')).toEqual({ column: 'activity', direction: 'descending' });
    expect(nextSort({ column: 'name', direction: 'ascending' }, 'ip')).toEqual({ column: 'ip', direction: 'ascending' });
  });

  it('give aria-sort on the sorted column only', () => {
    expect(ariaSortOf(mainOrder, 'created')).toBe('descending');
    expect(ariaSortOf(mainOrder, 'name')).toBe('none');
    expect(ariaSortOf({ column: 'ip', direction: 'ascending' }, 'ip')).toBe('ascending');
  });
});

describe('addresses as sort keys', () => {
  it('orders IPv4 by number, not by text', () => {
    expect(ipSortKey('9.0.0.1') < ipSortKey('10.0.0.1')).toBe(true);
  });

  it('reads the long and the short form of an IPv6 address the same', () => {
    expect(ipSortKey('2001:0db8:85a3:0000:0000:8a2e:0370:7334')).toBe(ipSortKey('2001:db8:85a3::8a2e:370:7334'));
    expect(ipSortKey('::ffff:192.0.2.1')).toBe(ipSortKey('::ffff:c000:201'));
    expect(ipSortKey('fe80::1%eth0')).toBe(ipSortKey('fe80::1'));
  });

  it('puts what is not an address after every address', () => {
    expect(ipSortKey('2001:db8::1') < ipSortKey('unknown')).toBe(true);
    expect(ipSortKey('1:2:3:4:5:6:7:8:9').startsWith('9')).toBe(true);
  });
});

describe('the fit for a width and the counts', () => {
  it('shows every column when wide, moves Created under the name when medium, and keeps only Name and actions when narrow', () => {
    expect(fitFor(0)).toBe('wide');
    expect(fitFor(1000)).toBe('wide');
    expect(fitFor(700)).toBe('medium');
    expect(fitFor(859)).toBe('medium');
    expect(fitFor(999)).toBe('medium'); // 1280 px window: Created moves under the name, which gets its room
    expect(fitFor(639)).toBe('narrow');
    expect(fitFor(288)).toBe('narrow');
  });

  it("formats counts in the region's format", () => {
    expect(formatCount(4812, 'en-GB')).toBe('4,812');
    expect(formatCount(4812, 'fr-FR')).toBe('4\u202f812');
    expect(formatCount(4812, 'es-ES')).toBe('4812');
  });
});
