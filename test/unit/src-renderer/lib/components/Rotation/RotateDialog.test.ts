// The Rotate API key dialog (issue 17 item 10): main supplies the replacement's default name (never built here), an empty date is a field
// error under the date, main's refusals land on their field, and a key already being rotated shows that rotation.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import RotateDialog from '../../../../../../src-renderer/src/lib/components/Rotation/RotateDialog.svelte';
import { rotation } from '../../../../../../src-renderer/src/lib/state/rotation.svelte';
import { defaultRotatedName } from '../../../../../../src-main/services/rotation/rotation-plan';
import type { RotationView } from '../../../../../../src-preload/contract/rotation';
import { fail, installBridge, keysView, ok, resetAll, sampleKeys } from '../../../helpers';
import { rotationView as rotationViewOf } from '../../../../rotation-fixtures';

const longName = 'nightly-backup-of-the-production-database-cluster-in-the-eu-west-region-01'; // 74 characters: too long for the suffix
const key = { ...sampleKeys[0]!, name: longName };

/** A rotation of the long-named key as main reports it. */
const rotationView = (overrides: Partial<RotationView> = {}): RotationView =>
  rotationViewOf({
    oldKeyId: key.id,
    oldKeyName: key.name,
    newKeyName: 'replacement',
    status: 'retiring',
    grace: '24h',
    retireAt: '2026-12-08T10:00:00.000Z',
    ...overrides,
  });

function setup(handlers: Parameters<typeof installBridge>[0] = {}) {
  const calls = installBridge({
    // Main's own rule, so the fake cannot disagree with it about the default.
    'rotation:plan': () => ok({ defaultName: defaultRotatedName(longName, new Date()) }),
    'rotation:start': () => ok({ rotation: rotationView(), secretId: 's1', view: keysView() }),
    ...handlers,
  });
  const props = { profileId: 'p1', apiKey: key, keychainAvailable: true, oncancel: vi.fn(), onstarted: vi.fn() };
  render(RotateDialog, props);
  const dialog = screen.getByRole('dialog', { name: 'Rotate API key' });
  const name = within(dialog).getByRole('textbox', { name: 'Name' }) as HTMLInputElement;
  return { calls, props, dialog, name };
}
const startCall = (calls: { channel: string; input: unknown }[]) => calls.find((c) => c.channel === 'rotation:start');

describe('RotateDialog', () => {
  beforeEach(() => {
    resetAll('en');
    rotation.reset();
  });

  it("shows main's default name (shortened to fit) and, left empty, lets main name the replacement", async () => {
    const { calls, props, dialog, name } = setup();
    const expected = defaultRotatedName(longName, new Date());
    await vi.waitFor(() => expect(name.placeholder).toBe(expected));
    expect([...expected].length).toBeLessThanOrEqual(100);
    expect(within(dialog).getByText(`Left empty, the name is \u2068${expected}\u2069.`)).toBeTruthy();
    expect(name.value).toBe('');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Rotate' }));
    await vi.waitFor(() => expect(props.onstarted).toHaveBeenCalled());
    expect(startCall(calls)?.input).toEqual({ profileId: 'p1', keyId: key.id, grace: '24h', requestId: expect.any(String) });
    expect(within(dialog).queryByText(/at most 100 characters/)).toBeNull();
  });

  it('sends a typed name, trimmed, and refuses one over 100 characters in the field', async () => {
    const { calls, dialog, name } = setup();
    await fireEvent.input(name, { target: { value: 'x'.repeat(101) } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Rotate' }));
    expect(within(dialog).getByText('The name must be at most 100 characters (it has 101).')).toBeTruthy();
    expect(startCall(calls)).toBeUndefined();
    await fireEvent.input(name, { target: { value: '  ci-deploy 2  ' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Rotate' }));
    await vi.waitFor(() => expect(startCall(calls)?.input).toMatchObject({ name: 'ci-deploy 2' }));
  });

  it('"Until a date" with no date is an error under the date field, and nothing is sent', async () => {
    const { calls, dialog } = setup();
    await fireEvent.change(within(dialog).getByRole('combobox', { name: 'Grace period' }), { target: { value: 'date' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Rotate' }));
    const until = within(dialog).getByLabelText('Old key works until') as HTMLInputElement;
    expect(until.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(until.getAttribute('aria-describedby')!);
    expect(error?.textContent).toBe('Pick a date and time.');
    expect(startCall(calls)).toBeUndefined();
  });

  it("main's refusal of the date is shown under the date field", async () => {
    const { dialog } = setup({
      'rotation:start': () => fail('invalid-input', { messageKey: 'rotation.errors.grace-past', details: { field: 'grace', reason: 'past' } }),
    });
    await fireEvent.change(within(dialog).getByRole('combobox', { name: 'Grace period' }), { target: { value: 'date' } });
    const until = within(dialog).getByLabelText('Old key works until') as HTMLInputElement;
    await fireEvent.input(until, { target: { value: '2020-01-01T10:00' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Rotate' }));
    await vi.waitFor(() => expect(until.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(until.getAttribute('aria-describedby')!)?.textContent).toBe('Pick a moment in the future.');
  });

  it('a key already being rotated: "already rotating", and the rotation under way is shown instead of starting another', async () => {
    const running = rotationView({ id: 'r-first', status: 'verifying', retireAt: null });
    const { dialog, props } = setup({
      'rotation:start': () =>
        fail('invalid-input', {
          messageKey: 'rotation.errors.already-rotating',
          details: { field: 'keyId', reason: 'rotating', rotationId: 'r-first' },
        }),
      'rotation:list': () => ok([running]),
    });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Rotate' }));
    expect((await within(dialog).findByText('This key is already being rotated.')).closest('[role="alert"]')).toBeTruthy();
    expect(await within(dialog).findByRole('list', { name: 'Rotation progress' })).toBeTruthy();
    expect(within(dialog).getByText('Checking the replacement works…')).toBeTruthy();
    expect(props.onstarted).not.toHaveBeenCalled();
  });
});
