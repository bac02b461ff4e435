// The Key health queue: main's findings in its order with a heading row per profile group, windowed (2,000 findings, a bounded number
// of rows in the page), each finding's checkbox named by its kind and key and reporting its choice, Show key naming its key.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import HealthQueue from '../../../../../../src-renderer/src/lib/components/Health/HealthQueue.svelte';
import type { HealthFinding } from '../../../../../../src-preload/contract/health';
import { resetAll } from '../../../helpers';

function finding(profile: string, i: number, kind: HealthFinding['kind']): HealthFinding {
  return {
    profileId: profile,
    profileName: `Profile ${profile}`,
    keyId: `${profile}-k${i}`,
    keyName: `key ${profile}-${i}`,
    kind,
    messageKey: 'health.why.default-name',
    values: { name: `key ${profile}-${i}` },
    note: null,
  };
}

beforeEach(() => resetAll('en'));

describe('HealthQueue', () => {
  it('groups by profile in the order given, and renders only a window of 2,000 findings', () => {
    const findings = [
      ...Array.from({ length: 1000 }, (_, i) => finding('a', i, 'new-ip')),
      ...Array.from({ length: 1000 }, (_, i) => finding('b', i, 'default-name')),
    ];
    const { container } = render(HealthQueue, {
      findings,
      labelledby: 'x',
      selected: new Set<string>(),
      valuesOf: (f: HealthFinding) => f.values,
      ontoggle: () => undefined,
      onshowkey: () => undefined,
    });
    expect(screen.getByRole('heading', { level: 3 }).textContent).toBe('Profile a: 1,000 findings');
    const rows = container.querySelectorAll('li.row');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(screen.getAllByRole('checkbox')[0]?.getAttribute('aria-labelledby')).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'New IP key a-0' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Show key key a-0' })).toBeTruthy();
  });

  it('a checkbox reports its finding and its state', async () => {
    const chosen: [string, boolean][] = [];
    render(HealthQueue, {
      findings: [finding('a', 0, 'idle'), finding('a', 1, 'idle')],
      labelledby: 'x',
      selected: new Set<string>(),
      valuesOf: (f: HealthFinding) => f.values,
      ontoggle: (f: HealthFinding, on: boolean) => chosen.push([f.keyId, on]),
      onshowkey: () => undefined,
    });
    const row = screen.getByRole('checkbox', { name: 'Idle key a-1' }).closest('li')!;
    await fireEvent.click(within(row).getByRole('checkbox'));
    expect(chosen).toEqual([['a-k1', true]]);
  });
});
