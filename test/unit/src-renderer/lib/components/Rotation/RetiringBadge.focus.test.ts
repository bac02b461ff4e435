// Under a retiring key's name (issue 19 item 2): the "Retiring" badge with its countdown and "replaced by"; when the old key was used
// recently, the translated question with its two styled answers (the whole sentence, IP included, as its description); after an answer
// takes the buttons away, focus stays on the pair's row, never on <body>.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import RetiringBadge from '../../../../../../src-renderer/src/lib/components/Rotation/RetiringBadge.svelte';
import { rotation } from '../../../../../../src-renderer/src/lib/state/rotation.svelte';
import type { RotationView } from '../../../../../../src-preload/contract/rotation';
import { installBridge, keysView, ok, resetAll } from '../../../helpers';
import { rotationView } from '../../../../rotation-fixtures';

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const asking = (): RotationView =>
  rotationView({ status: 'needs-confirmation', retireAt: new Date().toISOString(), lastUse: { ip: '203.0.113.250', at: new Date().toISOString() } });

/** The old key's row, as the key table gives it (focusable by script). */
function oldRow(): HTMLElement {
  const row = document.createElement('div');
  row.id = 'key-row-k1';
  row.tabIndex = -1;
  document.body.append(row);
  return row;
}

describe('RetiringBadge', () => {
  beforeEach(() => {
    resetAll('en');
    rotation.reset();
    document.body.replaceChildren();
  });

  it('retiring: the badge with its countdown, "replaced by" the new key, Revoke now and Keep old key', () => {
    installBridge({});
    render(RetiringBadge, { retiring: rotationView({ status: 'retiring', retireAt: inAnHour() }) });
    expect(screen.getByText('Retiring').textContent).toMatch(/in (1 hour|60 minutes)/);
    expect(screen.getByText(/replaced by/).textContent).toBe('replaced by \u2068Update KB (rotated 2026-12-07)\u2069');
    expect(screen.getByRole('button', { name: 'Revoke now' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Keep old key' })).toBeTruthy();
  });

  it('used recently: the question in words, the sentence with the IP as its description, no countdown; French too', async () => {
    installBridge({});
    const { unmount } = render(RetiringBadge, { retiring: asking() });
    const prompt = screen.getByRole('group', { name: 'Used recently: revoke anyway?' });
    expect(prompt.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(prompt.getAttribute('aria-describedby')!)?.textContent).toContain('203.0.113.250');
    expect(within(prompt).getByRole('button', { name: 'Revoke anyway' }).className).toContain('answer');
    expect(within(prompt).getByRole('button', { name: 'Keep old key' }).className).toContain('answer');
    expect(screen.getByText('Retiring').textContent).toBe('Retiring');
    unmount();
    await resetAll('fr');
    render(RetiringBadge, { retiring: asking() });
    const question = screen.getByRole('group', { name: 'Utilisée récemment\u00a0: révoquer quand même\u202f?' });
    expect(within(question).getByRole('button', { name: "Garder l'ancienne clé" })).toBeTruthy();
  });

  it('an answer takes the buttons away: focus goes to the old key’s row, not <body>', async () => {
    const row = oldRow();
    const calls = installBridge({ 'rotation:cancelRetire': () => ok({ rotation: rotationView({ status: 'cancelled' }), view: keysView() }) });
    const { unmount } = render(RetiringBadge, { retiring: asking() });
    const keep = screen.getByRole('button', { name: 'Keep old key' });
    keep.focus();
    await fireEvent.click(keep);
    // The table drops the badge once main answers; the focused button goes with it.
    unmount();
    await vi.waitFor(() => expect(calls.some((c) => c.channel === 'rotation:cancelRetire')).toBe(true));
    await vi.waitFor(() => expect(document.activeElement).toBe(row));
  });
});
