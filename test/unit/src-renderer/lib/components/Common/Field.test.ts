// The form field every profile and key form uses: the label names the control, the control is invalid only with an error, and it is
// described by the error while there is one (with the hint too when asked), otherwise by its hint or "Set by your organization".
import { render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import Field from '../../../../../../src-renderer/src/lib/components/Common/Field.svelte';
import { resetAll } from '../../../helpers';

/** The attributes Field hands its control (Field.svelte's FieldControl). */
interface FieldControl {
  id: string;
  'aria-invalid': 'true' | undefined;
  'aria-describedby': string | undefined;
}
/** Field's props besides its label and control. */
interface Props {
  error: string | null;
  hint?: string | null;
  locked?: boolean;
  keepHint?: boolean;
}

/** A plain input taking the attributes the field hands its control. */
const control = createRawSnippet((attributes: () => FieldControl) => ({
  render: () => '<input type="text" />',
  setup(input) {
    for (const [name, value] of Object.entries(attributes())) if (value !== undefined) (input as HTMLElement).setAttribute(name, value);
  },
}));

function setup(props: Props) {
  render(Field, { label: 'Profile name', control, ...props });
  const input = screen.getByLabelText('Profile name');
  const described = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return { input, described: described.map((id) => document.getElementById(id)?.textContent?.trim()) };
}

describe('Field', () => {
  beforeEach(() => resetAll('en'));

  it('names its control with its label, neither invalid nor described when there is nothing to say', () => {
    const { input, described } = setup({ error: null });
    expect(input.tagName).toBe('INPUT');
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(input.hasAttribute('aria-describedby')).toBe(false);
    expect(described).toEqual([]);
  });

  it('is described by its hint until an error replaces it', () => {
    expect(setup({ error: null, hint: 'The API endpoint.' }).described).toEqual(['The API endpoint.']);
    document.body.innerHTML = '';
    const { input, described } = setup({ error: 'Enter the endpoint.', hint: 'The API endpoint.' });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(described).toEqual(['Enter the endpoint.']);
    expect(screen.getByText('The API endpoint.')).toBeTruthy();
  });

  it('keeps its hint beside the error when asked, the hint read first', () => {
    expect(setup({ error: 'Too long.', hint: 'Kept on this computer.', keepHint: true }).described).toEqual(['Kept on this computer.', 'Too long.']);
  });

  it('says "Set by your organization" when the organization sets the value', () => {
    expect(setup({ error: null, locked: true }).described).toEqual(['Set by your organization']);
  });
});
