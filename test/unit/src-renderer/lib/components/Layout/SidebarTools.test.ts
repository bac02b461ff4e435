// Export profiles: a Blob download named cloudmc-profiles.json.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import { installBridge, ok, resetAll, workingHandlers } from '../../../helpers';

describe('export', () => {
  beforeEach(() => resetAll('en'));
  afterEach(() => vi.restoreAllMocks());

  it('exports through a Blob download named cloudmc-profiles.json', async () => {
    const created: Blob[] = [];
    const clicked: HTMLAnchorElement[] = [];
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return 'blob:test/1';
    };
    URL.revokeObjectURL = () => undefined;
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const calls = installBridge(workingHandlers({ 'profiles:export': () => ok({ json: '{"version":1,"profiles":[]}', count: 1 }) }));
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Export profiles' }));
    await vi.waitFor(() => expect(clicked).toHaveLength(1));
    expect(calls.find((c) => c.channel === 'profiles:export')?.input).toEqual({});
    expect(clicked[0]!.download).toBe('cloudmc-profiles.json');
    expect(clicked[0]!.href).toBe('blob:test/1');
    expect(await created[0]!.text()).toBe('{"version":1,"profiles":[]}');
    expect(await screen.findByText('1 profile exported')).toBeTruthy();
  });
});
