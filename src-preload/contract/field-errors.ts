// A contract check that states the field error a user should read when it fails (not "the app sent an invalid request").

/** What main answers when such a check fails: invalid-input with this message key and details (field, reason, limits). */
export interface FieldError {
  messageKey: string;
  details: Record<string, string | number>;
}

/** The options of a zod `refine` that attach `error` to the check: the dispatcher answers it when the check fails. */
export function withFieldError(error: FieldError): { message: string; params: { fieldError: FieldError } } {
  return { message: String(error.details['reason'] ?? 'invalid'), params: { fieldError: error } };
}

/** The field error a failed check declared (the `params` of its zod issue), or null. */
export function declaredFieldError(params: unknown): FieldError | null {
  const declared = (params as { fieldError?: Partial<FieldError> } | null | undefined)?.fieldError;
  if (typeof declared?.messageKey !== 'string' || typeof declared.details !== 'object' || declared.details === null) return null;
  return { messageKey: declared.messageKey, details: declared.details };
}
