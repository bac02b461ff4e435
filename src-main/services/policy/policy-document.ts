// Reads a policy document whole or not at all: its shape (the contract's schema), then the rules no schema states (endpoints, names, CAs,
// ids, managed endpoints inside the policy's own list). A document that breaks any of them is a problem, and nothing of it applies.
import type { z } from 'zod';
import { policyDocumentSchema, policyVersion, type PolicyProblem, type PolicyProblemReason } from '../../../src-preload/contract/policy';
import type { Settings } from '../../../src-preload/contract/models';
import { AppFailure } from '../../errors';
import { normalizeEndpoint } from '../cloudmc/endpoint-url';
import { checkCaBundle } from '../profiles/ca-certificate';
import { checkProfileName } from '../profiles/profile-service';
import { endpointAllowedBy, parseAllowedOrigin, type AllowedOrigin } from './allowed-endpoints';

/** A managed profile, checked and normalised as a user's profile would be. */
export interface ManagedProfileSpec {
  id: string;
  name: string;
  endpoint: string;
  caPem?: string;
}

/** A policy in force. */
export interface Policy {
  profiles: ManagedProfileSpec[];
  /** Every setting the policy gives a value (a default, or the value of a locked one). */
  settings: Partial<Settings>;
  locked: ReadonlySet<keyof Settings>;
  /** The entries as written (shown to the user), and parsed; null when any endpoint is allowed. */
  allowedEndpoints: { entries: string[]; origins: AllowedOrigin[] } | null;
  allowUserProfiles: boolean;
  updates: boolean;
}

/** A policy problem with its message key. */
export function policyProblem(reason: PolicyProblemReason, details: Record<string, string | number> = {}): PolicyProblem {
  return { reason, messageKey: `policy.problem.${reason}`, details };
}

/** Parses a policy's JSON text: the document, or the problem (`not-json` with the line and column of the fault). */
export function parsePolicyJson(text: string): { document: unknown } | { problem: PolicyProblem } {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return { document: JSON.parse(body) as unknown };
  } catch (e) {
    const position = Number(/position (\d+)/.exec((e as Error).message)?.[1] ?? body.length);
    const before = body.slice(0, position).split('\n');
    return { problem: policyProblem('not-json', { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 }) };
  }
}

/** Checks a parsed document: the policy it states, or the first problem found. */
export function readPolicyDocument(document: unknown): { policy: Policy } | { problem: PolicyProblem } {
  const version =
    document !== null && typeof document === 'object' && !Array.isArray(document) ? (document as { version?: unknown }).version : undefined;
  if (version !== policyVersion)
    return { problem: policyProblem('version', { version: version === undefined ? '-' : String(version).slice(0, 40) }) };
  const parsed = policyDocumentSchema.safeParse(document);
  if (!parsed.success) return { problem: policyProblem('shape', { field: fieldOfIssue(parsed.error.issues[0]) }) };
  const doc = parsed.data;
  try {
    const allowedEndpoints = doc.allowedEndpoints ? { entries: doc.allowedEndpoints, origins: doc.allowedEndpoints.map(originAt) } : null;
    const profiles = (doc.profiles ?? []).map((p, i) => managedProfileAt(p, i));
    const ids = new Set<string>();
    profiles.forEach((p, i) => {
      if (ids.has(p.id.toLowerCase())) throw new DocumentFault('duplicate-id', `profiles[${i}].id`);
      ids.add(p.id.toLowerCase());
      if (allowedEndpoints && !endpointAllowedBy(p.endpoint, allowedEndpoints.origins))
        throw new DocumentFault('profile-not-allowed', `profiles[${i}].endpoint`);
    });
    return {
      policy: {
        profiles,
        settings: doc.settings ?? {},
        locked: new Set(doc.lockedSettings ?? []),
        allowedEndpoints,
        allowUserProfiles: doc.allowUserProfiles ?? true,
        updates: doc.updates ?? true,
      },
    };
  } catch (e) {
    if (e instanceof DocumentFault) return { problem: policyProblem(e.reason, { field: e.field }) };
    throw e;
  }
}

class DocumentFault extends Error {
  constructor(
    readonly reason: PolicyProblemReason,
    readonly field: string,
  ) {
    super(`${reason} at ${field}`);
  }
}

function originAt(entry: string, index: number): AllowedOrigin {
  const origin = parseAllowedOrigin(entry);
  if (!origin) throw new DocumentFault('endpoint', `allowedEndpoints[${index}]`);
  return origin;
}

function managedProfileAt(
  p: { id: string; name: string; endpoint: string; caCertificatePem?: string | undefined },
  index: number,
): ManagedProfileSpec {
  const at = (field: string): string => `profiles[${index}].${field}`;
  const name = checked(() => checkProfileName(p.name), 'profile', at('name'));
  const endpoint = checked(() => normalizeEndpoint(p.endpoint), 'endpoint', at('endpoint'));
  const caPem = p.caCertificatePem !== undefined ? checked(() => checkCaBundle(p.caCertificatePem!), 'profile', at('caCertificatePem')) : undefined;
  return { id: p.id, name, endpoint, ...(caPem ? { caPem } : {}) };
}

/** Runs one of the app's own checks; its refusal becomes a fault at `field`. */
function checked<T>(check: () => T, reason: PolicyProblemReason, field: string): T {
  try {
    return check();
  } catch (e) {
    if (e instanceof AppFailure) throw new DocumentFault(reason, field);
    throw e;
  }
}

/** Where a zod issue is, written as an admin reads it: `profiles[2].endpoint`, `settings.theme`. */
function fieldOfIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return '-';
  const path = [...issue.path];
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path.push(issue.keys[0]);
  const text = path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`)).join('');
  return text === '' ? '-' : text.slice(0, 200);
}
