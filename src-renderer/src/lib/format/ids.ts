// A read-only set of ids, built once from a list that is itself replaced whole (no reactive set needed).

/** The ids as a set, for membership checks per table row. */
export function idsOf(ids: readonly string[]): ReadonlySet<string> {
  return new Set(ids);
}
