// Shared helpers of the simulator tests: a seeded simulator and small fetch wrappers.
import { SimState } from '../../cloudmc-sim/state';
import type { SimUser } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator } from '../../cloudmc-sim/server';
import type { Simulator } from '../../cloudmc-sim/server';

/** A demo-seeded simulator plus the seeded user, its key, and a second user with its own key. */
export type Fixture = { sim: Simulator; user: SimUser; apiKey: string; other: SimUser; otherKey: string; otherKeyId: string };

/** Starts a demo-seeded simulator on a free loopback port. */
export async function startFixture(): Promise<Fixture> {
  const state = new SimState();
  const { user, apiKey } = seedDemo(state, { apiKey: 'test-access-key-0123456789' });
  const other = state.findUserByName('hscorpio');
  if (!other) throw new Error('demo seed lacks hscorpio');
  const issued = state.issueKey(other.id, { name: 'globex-test' });
  const sim = await startSimulator({ port: 0, state });
  return { sim, user, apiKey, other, otherKey: issued.secret, otherKeyId: issued.key.id };
}

/** Calls the API with a key (when given) and an optional JSON body. */
export function call(sim: Simulator, method: string, path: string, key?: string, body?: unknown, init: RequestInit = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (key !== undefined) headers['MC-Api-Key'] = key;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${sim.endpoint}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    ...init,
  });
}

/** The error envelope of a failed call. */
export type ErrorEnvelope = { errors: Array<{ code: number; message: string; context: Record<string, unknown> }> };

/** Public ApiKey object as answered by the API. */
export type ApiKeyJson = { id: string; name: string; creationDate: string; lastUsedDate: string | null; lastUsedIp: string | null };
