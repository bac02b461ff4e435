// The endpoint line: the endpoint (whole in its title when cut), Copy, Refresh; while refreshing, the progress and its Cancel. A hidden
// copy of the progress keeps its place (issue 19 item 10: the list loading moves nothing) and is never exposed to assistive technology.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import EndpointLine from '../../../../../../src-renderer/src/lib/components/Keys/EndpointLine.svelte';
import { resetAll } from '../../../helpers';

const endpoint = 'https://cloudmc.example.com/api/v1';

function setup(refreshing: boolean) {
  const props = { endpoint, refreshing, showRefresh: true, oncopy: vi.fn(), onrefresh: vi.fn(), oncancelrefresh: vi.fn() };
  const { container } = render(EndpointLine, props);
  return { props, container };
}

describe('EndpointLine', () => {
  beforeEach(() => resetAll('en'));

  it('shows the endpoint (whole in its title), Copy and Refresh; no progress when idle', async () => {
    const { props } = setup(false);
    expect(screen.getByText(endpoint).getAttribute('title')).toBe(endpoint);
    await fireEvent.click(screen.getByRole('button', { name: 'Copy endpoint' }));
    expect(props.oncopy).toHaveBeenCalled();
    await fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(props.onrefresh).toHaveBeenCalled();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('while refreshing: one progress and one Cancel for assistive technology; the place-keeping copy is hidden and inert', async () => {
    const { props, container } = setup(true);
    expect(screen.getAllByRole('progressbar')).toHaveLength(1);
    const cancel = screen.getAllByRole('button', { name: 'Cancel' });
    expect(cancel).toHaveLength(1);
    await fireEvent.click(cancel[0]!);
    expect(props.oncancelrefresh).toHaveBeenCalled();
    expect((screen.getByRole('button', { name: 'Refresh' }) as HTMLButtonElement).disabled).toBe(true);
    const ghost = container.querySelector('.ghost');
    expect(ghost?.getAttribute('aria-hidden')).toBe('true');
    expect(ghost?.hasAttribute('inert')).toBe(true);
  });
});
