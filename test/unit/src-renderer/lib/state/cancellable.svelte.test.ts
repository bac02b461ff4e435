// Every CloudMC call a form makes can be stopped from that form (issue 8 item 2), generate excepted once sent:
// Cancel sends app:cancel-request with the call's own request id; a stopped rename or revoke may have happened, so the list is read again.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../src-renderer/src/App.svelte';
import AddProfileForm from '../../../../../src-renderer/src/lib/components/Profiles/AddProfileForm.svelte';
import type { Channel } from '../../../../../src-preload/contract/operations';
import type { IpcResult } from '../../../../../src-preload/contract/errors';
import {
  appState,
  type Call,
  deferred,
  type Deferred,
  fail,
  type Handlers,
  installBridge,
  ok,
  profile,
  resetAll,
  workingHandlers,
} from '../../helpers';

/** A channel whose answer waits until main is asked to cancel it, then answers `whenCancelled` (by default `cancelled`). */
function held(
  channel: Channel,
  whenCancelled: IpcResult<never> = fail('cancelled') as IpcResult<never>,
): { handlers: Handlers; pending: Deferred<IpcResult<never>>[] } {
  const pending: Deferred<IpcResult<never>>[] = [];
  const handlers = {
    [channel]: () => {
      const d = deferred<IpcResult<never>>();
      pending.push(d);
      return d.promise;
    },
    'app:cancelRequest': () => {
      pending.at(-1)?.resolve(whenCancelled);
      return ok(null);
    },
  } as Handlers;
  return { handlers, pending };
}

/** The request id the call on `channel` carried, and the ids main was asked to cancel. */
function ids(calls: Call[], channel: Channel): { sent: string | undefined; cancelled: string[] } {
  const sent = (calls.find((c) => c.channel === channel)?.input as { requestId?: string } | undefined)?.requestId;
  const cancelled = calls.filter((c) => c.channel === 'app:cancelRequest').map((c) => (c.input as { requestId: string }).requestId);
  return { sent, cancelled };
}

describe('Cancel while a CloudMC call is in flight', () => {
  beforeEach(() => resetAll('en'));

  it('Add profile: Cancel stops the key check, nothing is saved and everything typed stays', async () => {
    const { handlers } = held('profiles:add');
    const calls = installBridge(handlers);
    const onsaved = vi.fn();
    render(AddProfileForm, { canCancel: false, oncancel: vi.fn(), onsaved });
    await fireEvent.input(screen.getByLabelText('Profile name'), { target: { value: 'Prod' } });
    await fireEvent.input(screen.getByLabelText('Endpoint'), { target: { value: 'https://cloudmc.example.com/api/v1' } });
    await fireEvent.input(screen.getByLabelText('API key'), { target: { value: 'typed-key' } });
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('progressbar', { name: 'Checking the key with CloudMC…' })).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    const { sent, cancelled } = ids(calls, 'profiles:add');
    expect(sent).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(cancelled).toEqual([sent]);
    await vi.waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    expect(onsaved).not.toHaveBeenCalled();
    expect(screen.queryByRole('alert')).toBeNull();
    expect((screen.getByLabelText('API key') as HTMLInputElement).value).toBe('typed-key');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('Edit profile: Cancel stops the check and keeps the dialog open with what was typed', async () => {
    const { handlers } = held('profiles:update');
    const calls = installBridge(workingHandlers(handlers));
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Edit profile' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit profile' });
    await fireEvent.input(within(dialog).getByLabelText('Endpoint'), { target: { value: 'https://other.example.com/api/v1' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    const { sent, cancelled } = ids(calls, 'profiles:update');
    expect(cancelled).toEqual([sent]);
    await vi.waitFor(() => expect(within(dialog).queryByRole('progressbar')).toBeNull());
    expect(screen.getByRole('dialog', { name: 'Edit profile' })).toBe(dialog);
    expect((within(dialog).getByLabelText('Endpoint') as HTMLInputElement).value).toBe('https://other.example.com/api/v1');
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });

  it('provide access key: Cancel stops the check; the form stays', async () => {
    const { handlers } = held('profiles:provideAccessKey');
    const calls = installBridge(workingHandlers(handlers, appState({ profiles: [{ ...profile, accessKey: 'missing' }] })));
    render(App);
    await fireEvent.input(await screen.findByLabelText('API key'), { target: { value: 'new-key' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    const { sent, cancelled } = ids(calls, 'profiles:provideAccessKey');
    expect(cancelled).toEqual([sent]);
    await vi.waitFor(() => expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull());
    expect((screen.getByLabelText('API key') as HTMLInputElement).value).toBe('new-key');
  });

  // Main answers a change stopped once sent as `cancelled`, or as `uncertain` (it may have reached CloudMC): the same for the user.
  const stoppedAnswers = { cancelled: fail('cancelled'), uncertain: fail('cancelled', { kind: 'uncertain', messageKey: 'errors.change-uncertain' }) };
  it.each([
    ['rename', 'cancelled', 'keys:rename', 'Edit API key', 'Save'],
    ['revoke', 'cancelled', 'keys:revoke', 'Revoke API key', 'Revoke'],
    ['rename', 'uncertain', 'keys:rename', 'Edit API key', 'Save'],
    ['revoke', 'uncertain', 'keys:revoke', 'Revoke API key', 'Revoke'],
  ] as const)(
    '%s: Cancel stops it, closes the dialog, says it may have happened, and reads the list again (main answers %s)',
    async (_action, answer, channel, dialogName, submit) => {
      const { handlers } = held(channel, stoppedAnswers[answer] as IpcResult<never>);
      const calls = installBridge(workingHandlers(handlers));
      render(App);
      const row = (await screen.findByRole('cell', { name: 'Update KB' })).closest('tr')!;
      await fireEvent.click(within(row).getByRole('button', { name: `${dialogName} Update KB` }));
      const dialog = screen.getByRole('dialog', { name: dialogName });
      await fireEvent.click(within(dialog).getByRole('button', { name: submit }));
      expect((within(dialog).getByRole('button', { name: submit }) as HTMLButtonElement).disabled).toBe(true);
      await fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
      const { sent, cancelled } = ids(calls, channel);
      expect(cancelled).toEqual([sent]);
      await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      await vi.waitFor(() => expect(calls.filter((c) => c.channel === 'keys:refresh')).toHaveLength(2));
      expect(
        screen
          .getByText('Cancelled. The change may still have reached CloudMC, so the list has been refreshed: check it.')
          .closest('[role="status"]'),
      ).not.toBeNull();
    },
  );

  it('generate: once sent it cannot be cancelled (Cancel is disabled and says why)', async () => {
    const pending: Deferred<IpcResult<never>>[] = [];
    const calls = installBridge(
      workingHandlers({
        'keys:generate': () => {
          const d = deferred<IpcResult<never>>();
          pending.push(d);
          return d.promise;
        },
      }),
    );
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Generate API key' }));
    const dialog = screen.getByRole('dialog', { name: 'Generate API key' });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Generate' }));
    const cancel = within(dialog).getByRole('button', { name: 'Cancel' }) as HTMLButtonElement;
    expect(cancel.disabled).toBe(true);
    expect(cancel.title).toContain('cannot be stopped');
    expect(calls.find((c) => c.channel === 'keys:generate')?.input).not.toHaveProperty('requestId');
    expect(calls.some((c) => c.channel === 'app:cancelRequest')).toBe(false);
    pending[0]!.resolve(fail('server-error'));
  });
});
