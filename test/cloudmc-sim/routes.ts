// The /api/v1 routes of the simulator: authentication, last-use recording, API key and user calls.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SIM_EVENT_CODES, checkName, toApiKeyView } from './state';
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
  /** The client's address (recorded as an activity's requesterIp). */
  ip: string | null;
  /** The query string's parameters. */
  query: URLSearchParams;
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
  const { key, secret } = call.state.issueKey(call.user.id, { ...(name !== undefined ? { name } : {}), ...call.state.nextMints.shift() });
  recordKeyEvent(call, 'api_key.generated', key.id, key.name);
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
  recordKeyEvent(call, 'api_key.renamed', key.id, key.name);
  sendData(call.res, toApiKeyView(key));
}

function revokeKey(call: Call, keyId: string): void {
  if (call.body.tooLarge) return sendError(call.res, 400, 'Request body too large');
  if (!call.state.revokeKey(call.user.id, keyId)) return sendError(call.res, 404, 'API key not found', { id: keyId });
  recordKeyEvent(call, 'api_key.revoked', keyId, null);
  sendNoContent(call.res);
}

/** Records a key event in the activity log, with the requester's address and the key in the (escaped JSON) context. */
function recordKeyEvent(call: Call, eventCode: string, keyId: string, keyName: string | null): void {
  call.state.addActivity(call.user.id, {
    eventCode,
    requesterIp: call.ip,
    eventContext: JSON.stringify({ apiKeyId: keyId, ...(keyName !== null ? { name: keyName } : {}) }),
  });
}

/** An RFC 3339 query parameter as epoch milliseconds; undefined when absent, NaN when unreadable. */
function instantParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  return raw === null ? undefined : Date.parse(raw);
}

/** GET /activity_log: the caller's own activity (only_mine=true) or its organization's, filtered by time, category, code and status. */
function activityLog(call: Call): void {
  const { query, state, user } = call;
  const start = instantParam(query, 'start');
  const end = instantParam(query, 'end');
  if (Number.isNaN(start) || Number.isNaN(end)) return sendError(call.res, 400, 'start and end must be RFC 3339 dates', { field: 'start' });
  const onlyMine = query.get('only_mine') === 'true';
  const sameOrg = state.listUsers().filter((u) => u.organization.id === user.organization.id);
  const wantedUser = query.get('userId');
  const userIds = new Set((onlyMine ? [user] : sameOrg).filter((u) => wantedUser === null || u.id === wantedUser).map((u) => u.id));
  const found = state.listActivities({ userIds, ...(start !== undefined ? { start } : {}), ...(end !== undefined ? { end } : {}) });
  const filtered = found.filter(
    (a) =>
      (query.get('category') === null || a.category === query.get('category')) &&
      (query.get('eventCode') === null || a.eventCode === query.get('eventCode')) &&
      (query.get('status') === null || a.status === query.get('status')),
  );
  sendData(
    call.res,
    filtered.map((a) => {
      const who = state.getUser(a.userId);
      return {
        id: a.id,
        correlationId: a.correlationId,
        eventCode: a.eventCode,
        category: a.category,
        status: a.status,
        created: a.created,
        updated: a.updated,
        userId: a.userId,
        username: who?.userName ?? '',
        userFirstname: who?.firstName ?? '',
        userLastname: who?.lastName ?? '',
        userEmail: who?.email ?? '',
        organizationId: who?.organization.id ?? '',
        organizationName: who?.organization.name ?? '',
        requesterIp: a.requesterIp,
        eventContext: a.eventContext,
      };
    }),
  );
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
  if (path === '/activity_log') {
    if (method === 'GET') return activityLog(call);
    return methodNotAllowed(res, ['GET']);
  }
  if (path === '/activity_log/codes') {
    if (method === 'GET') return sendData(res, SIM_EVENT_CODES);
    return methodNotAllowed(res, ['GET']);
  }
  if (path === '/users/current') {
    if (method === 'GET') return currentUser(call);
    return methodNotAllowed(res, ['GET']);
  }
  sendError(res, 404, 'Not found', { path });
}

/** Answers one /api/v1 request (path relative to /api/v1, query apart); the body is already read. */
export function handleApi(
  state: SimState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  body: BodyResult,
  query: URLSearchParams = new URLSearchParams(),
): void {
  const header = req.headers['mc-api-key'];
  const secret = Array.isArray(header) ? header[0] : header;
  const auth = secret ? state.authenticate(secret.trim()) : null;
  if (!auth) return sendError(res, 401, 'Invalid credentials');
  const ip = clientAddress(req);
  state.recordUse(auth.key.id, ip);
  route({ state, user: auth.user, key: auth.key, method: (req.method ?? 'GET').toUpperCase(), body, res, ip, query }, path);
}
