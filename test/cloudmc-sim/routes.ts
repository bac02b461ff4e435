// The /api/v1 routes of the simulator: authentication, last-use recording, API key and user calls.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkName, toApiKeyView } from './state';
import type { SimApiKey, SimState, SimUser } from './state';
import { clientAddress, parseJsonObject, sendData, sendError, sendNoContent } from './http-util';
import type { BodyResult } from './http-util';

/** Everything a route needs about one authenticated request. */
type Call = {
  state: SimState;
  user: SimUser;
  key: SimApiKey;
  method: string;
  body: BodyResult;
  res: ServerResponse;
};

function methodNotAllowed(res: ServerResponse, allow: string[]): void {
  sendError(res, 405, 'Method not allowed', {}, { allow: allow.join(', ') });
}

/** Parses the JSON object body; answers 400 itself and returns null when unusable. */
function jsonBody(call: Call): Record<string, unknown> | null {
  if (call.body.tooLarge) {
    sendError(call.res, 400, 'Request body too large');
    return null;
  }
  const parsed = parseJsonObject(call.body.text);
  if (!parsed.ok) {
    sendError(call.res, 400, parsed.message);
    return null;
  }
  return parsed.value;
}

function invalidName(res: ServerResponse, message: string): void {
  sendError(res, 400, message, { field: 'name' });
}

function listKeys(call: Call): void {
  sendData(call.res, call.state.listKeys(call.user.id).map(toApiKeyView));
}

function generateKey(call: Call): void {
  const body = jsonBody(call);
  if (!body) return;
  let name: string | undefined;
  if (body.name !== undefined && body.name !== null) {
    const check = checkName(body.name);
    if (!check.ok) return invalidName(call.res, check.message);
    name = check.name;
  }
  const { key, secret } = call.state.issueKey(call.user.id, name !== undefined ? { name } : {});
  sendData(call.res, { ...toApiKeyView(key), secret });
}

function renameKey(call: Call, keyId: string): void {
  if (!call.state.getKey(call.user.id, keyId)) return sendError(call.res, 404, 'API key not found', { id: keyId });
  const body = jsonBody(call);
  if (!body) return;
  if (body.name === undefined || body.name === null) return invalidName(call.res, 'name is required');
  const check = checkName(body.name);
  if (!check.ok) return invalidName(call.res, check.message);
  const key = call.state.renameKey(call.user.id, keyId, check.name);
  if (!key) return sendError(call.res, 404, 'API key not found', { id: keyId });
  sendData(call.res, toApiKeyView(key));
}

function revokeKey(call: Call, keyId: string): void {
  if (call.body.tooLarge) return sendError(call.res, 400, 'Request body too large');
  if (!call.state.revokeKey(call.user.id, keyId)) return sendError(call.res, 404, 'API key not found', { id: keyId });
  sendNoContent(call.res);
}

function currentUser(call: Call): void {
  const u = call.user;
  sendData(call.res, {
    id: u.id,
    userName: u.userName,
    firstName: u.firstName,
    lastName: u.lastName,
    email: u.email,
    organization: { id: u.organization.id, name: u.organization.name },
  });
}

function route(call: Call, path: string): void {
  const { method, res } = call;
  if (path === '/api_keys') {
    if (method === 'GET') return listKeys(call);
    if (method === 'POST') return generateKey(call);
    return methodNotAllowed(res, ['GET', 'POST']);
  }
  const match = /^\/api_keys\/([^/]+)$/.exec(path);
  if (match) {
    let keyId: string;
    try {
      keyId = decodeURIComponent(match[1] ?? '');
    } catch {
      return sendError(res, 404, 'API key not found');
    }
    if (method === 'PUT') return renameKey(call, keyId);
    if (method === 'DELETE') return revokeKey(call, keyId);
    return methodNotAllowed(res, ['PUT', 'DELETE']);
  }
  if (path === '/users/current') {
    if (method === 'GET') return currentUser(call);
    return methodNotAllowed(res, ['GET']);
  }
  sendError(res, 404, 'Not found', { path });
}

/** Answers one /api/v1 request (path relative to /api/v1, no query); the body is already read. */
export function handleApi(state: SimState, req: IncomingMessage, res: ServerResponse, path: string, body: BodyResult): void {
  const header = req.headers['mc-api-key'];
  const secret = Array.isArray(header) ? header[0] : header;
  const auth = secret ? state.authenticate(secret.trim()) : null;
  if (!auth) return sendError(res, 401, 'Invalid credentials');
  state.recordUse(auth.key.id, clientAddress(req));
  route({ state, user: auth.user, key: auth.key, method: (req.method ?? 'GET').toUpperCase(), body, res }, path);
}
