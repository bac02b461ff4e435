// Announced, non-blocking notices about what just happened (a warning after a change done on CloudMC, a cancelled change).
import type { AppError } from './contract-types';
import { errorValues } from '../format/error-values';

/** One notice: an i18n key and its values; warnings stay until dismissed. */
export interface Notice {
  id: number;
  messageKey: string;
  values: Record<string, string | number>;
  tone: 'info' | 'warning';
}

/** The notices shown under the top bar (newest last). */
export class NoticesStore {
  items = $state<Notice[]>([]);
  #nextId = 1;

  /** Shows a notice. */
  add(messageKey: string, values: Record<string, string | number> = {}, tone: Notice['tone'] = 'info'): void {
    this.items.push({ id: this.#nextId++, messageKey, values, tone });
  }

  /** Shows a warning main attached to a change that was done (e.g. the local copy could not be saved); nothing when there is none. */
  warn(warning: AppError | null | undefined): void {
    if (warning) this.add(warning.messageKey, errorValues(warning), 'warning');
  }

  /** Hides one notice. */
  dismiss(id: number): void {
    this.items = this.items.filter((n) => n.id !== id);
  }

  /** Back to the initial state (tests). */
  reset(): void {
    this.items = [];
  }
}

/** The notices singleton. */
export const notices = new NoticesStore();
