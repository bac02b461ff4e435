// The badge under a key being retired, rendered with the real rotation state over the contract's bridge: "Retiring" with its
// countdown and deadline, the replacement's name, Revoke now / Keep old key; and when the old key was used recently, the question
// with its two answers, the IP and time as its description. Each answer calls main once, its buttons disabled until main answers.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import RetiringBadge from '../../../../../../src-renderer/src/lib/components/Rotation/RetiringBadge.svelte';
import { rotation } from '../../../../../../src-renderer/src/lib/state/rotation.svelte';
import type { RotationView } from '../../../../../../src-preload/contract/rotation';
import { installBridge, keysView, ok, resetAll } from '../../../helpers';
import { rotationView } from '../../../../rotation-fixtures';

const inTwoHours = (): string => new Date(Date.now() + 2 * 3600_000 + 60_000).toISOString();
const retiring = (overrides: Partial<RotationView> = {}): RotationView =>
  rotationView({ status: 'retiring', grace: '1h', retireAt: inTwoHours(), ...overrides });

/** A bridge whose rotation answers wait until `answer()` is called, recording each call. */
function heldBridge() {
  let answer: () => void = () => undefined;
  const held = (input: { rotationId: string }) =>
    new Promise<ReturnType<typeof ok>>((done) => {
      answer = () => done(ok({ rotation: retiring({ id: input.rotationId }), view: keysView() }));
    });
  const calls = installBridge({ 'rotation:revokeNow': held, 'rotation:cancelRetire': held, 'rotation:confirmRetire': held } as never);
  return { calls, answer: () => answer() };
}

describe('RetiringBadge', () => {
  beforeEach(() => {
    resetAll('en');
    rotation.reset();
  });

  it('says Retiring with a countdown to the deadline, and which key replaces this one', () => {
    const view = retiring();
    installBridge({});
    const { container } = render(RetiringBadge, { retiring: view });
    const badge = container.querySelector('.badge')!;
    expect(badge.textContent).toMatch(/^Retiring· in 2 hours$/);
    expect(badge.querySelector('time')?.getAttribute('datetime')).toBe(view.retireAt);
    expect(badge.getAttribute('title')).toMatch(/^revoked on /);
    expect(screen.getByText(`replaced by \u2068${view.newKeyName}\u2069`)).toBeTruthy();
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Revoke now', 'Keep old key']);
  });

  it('has no countdown and no deadline when none is set', () => {
    installBridge({});
    const { container } = render(RetiringBadge, { retiring: retiring({ retireAt: null }) });
    const badge = container.querySelector('.badge')!;
    expect(badge.textContent).toBe('Retiring');
    expect(badge.hasAttribute('title')).toBe(false);
  });

  it('Revoke now and Keep old key each ask main once, the buttons disabled until it answers', async () => {
    const { calls, answer } = heldBridge();
    render(RetiringBadge, { retiring: retiring({ id: 'r7' }) });
    await fireEvent.click(screen.getByRole('button', { name: 'Revoke now' }));
    expect(calls).toEqual([{ channel: 'rotation:revokeNow', input: { rotationId: 'r7' } }]);
    for (const button of screen.getAllByRole('button')) expect((button as HTMLButtonElement).disabled).toBe(true);
    answer();
    await vi.waitFor(() => expect((screen.getByRole('button', { name: 'Keep old key' }) as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(screen.getByRole('button', { name: 'Keep old key' }));
    expect(calls.at(-1)).toEqual({ channel: 'rotation:cancelRetire', input: { rotationId: 'r7' } });
    answer();
  });

  it('asks "used recently: revoke anyway?" when the old key was just used, the IP and time as the question’s description', async () => {
    const { calls, answer } = heldBridge();
    const view = retiring({ id: 'r8', status: 'needs-confirmation', lastUse: { ip: '203.0.113.9', at: new Date().toISOString() } });
    render(RetiringBadge, { retiring: view });
    const question = screen.getByRole('group', { name: 'Used recently: revoke anyway?' });
    expect(question.getAttribute('aria-describedby')).toBeTruthy();
    const description = document.getElementById(question.getAttribute('aria-describedby')!)!;
    expect(description.textContent).toMatch(/^The old key was used within the last hour \(from 203\.0\.113\.9 at .+\)\.$/);
    expect(screen.queryByText(/replaced by/)).toBeNull();
    expect(
      within(question)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Revoke anyway', 'Keep old key']);
    await fireEvent.click(within(question).getByRole('button', { name: 'Revoke anyway' }));
    expect(calls).toEqual([{ channel: 'rotation:confirmRetire', input: { rotationId: 'r8' } }]);
    answer();
  });

  it('says a dash for an unknown IP', () => {
    installBridge({});
    render(RetiringBadge, { retiring: retiring({ status: 'needs-confirmation', lastUse: { ip: null, at: new Date().toISOString() } }) });
    const question = screen.getByRole('group', { name: 'Used recently: revoke anyway?' });
    expect(document.getElementById(question.getAttribute('aria-describedby')!)!.textContent).toContain('(from — at ');
  });
});
