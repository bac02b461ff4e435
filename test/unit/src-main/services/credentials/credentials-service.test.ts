// The order main gives a key list (the renderer shows it as given): newest first by instant, ties by name, unreadable dates last.
import { describe, expect, it } from 'vitest';
import { newestFirst } from '../../../../../src-main/services/credentials/credentials-service';

const key = (name: string, creationDate: string) => ({ id: name, name, creationDate, lastUsedDate: null, lastUsedIp: null });

describe('newestFirst', () => {
  it('orders by instant (the same instant written two ways is a tie broken by name), an unreadable date last', () => {
    const keys = [
      key('Old', '2023-01-01T00:00:00Z'),
      key('Broken', 'not a date'),
      key('Zulu', '2024-05-01T10:00:00Z'),
      key('Alpha', '2024-05-01T10:00:00.000Z'),
      key('Newest', '2025-01-01T00:00:00Z'),
    ];
    expect(newestFirst(keys).map((k) => k.name)).toEqual(['Newest', 'Alpha', 'Zulu', 'Old', 'Broken']);
  });
});
