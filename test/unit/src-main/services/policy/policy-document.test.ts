// A policy document is read whole or not at all: each kind of bad document is a problem with its reason and where it is, never a throw.
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { parsePolicyJson, readPolicyDocument } from '../../../../../src-main/services/policy/policy-document';

const ca = tls.rootCertificates[0]!;

/** The problem a document gives (fails the test when it is accepted). */
function problemOf(document: unknown) {
  const read = readPolicyDocument(document);
  if (!('problem' in read)) throw new Error('the document was accepted');
  return read.problem;
}

describe('a good policy', () => {
  it('is read with every field, endpoints normalised, absent fields changing nothing', () => {
    const read = readPolicyDocument({
      version: 1,
      profiles: [{ id: 'hq', name: ' Managed HQ ', endpoint: 'https://CloudMC.example.com/api/v1/', caCertificatePem: ca }],
      settings: { storeCopyByDefault: true, clipboardClearSeconds: 15 },
      lockedSettings: ['clipboardClearSeconds'],
      allowedEndpoints: ['https://cloudmc.example.com', 'https://*.cloudmc.example.net'],
      allowUserProfiles: false,
      updates: false,
    });
    if (!('policy' in read)) throw new Error(JSON.stringify(read.problem));
    expect(read.policy.profiles).toEqual([{ id: 'hq', name: 'Managed HQ', endpoint: 'https://cloudmc.example.com/api/v1', caPem: ca.trim() }]);
    expect([...read.policy.locked]).toEqual(['clipboardClearSeconds']);
    expect(read.policy.allowedEndpoints?.entries).toEqual(['https://cloudmc.example.com', 'https://*.cloudmc.example.net']);
    expect(read.policy).toMatchObject({
      settings: { storeCopyByDefault: true, clipboardClearSeconds: 15 },
      allowUserProfiles: false,
      updates: false,
    });
    const minimal = readPolicyDocument({ version: 1 });
    expect(minimal).toEqual({
      policy: { profiles: [], settings: {}, locked: new Set(), allowedEndpoints: null, allowUserProfiles: true, updates: true },
    });
  });

  it('takes http only for a loopback endpoint (a test or a local gateway)', () => {
    expect(readPolicyDocument({ version: 1, allowedEndpoints: ['http://127.0.0.1:8080'] })).toHaveProperty('policy');
  });
});

describe('a bad policy', () => {
  it.each([
    ['no version', { profiles: [] }, { reason: 'version', details: { version: '-' } }],
    ['an unknown version', { version: 2 }, { reason: 'version', details: { version: '2' } }],
    ['a version as text', { version: '1' }, { reason: 'version', details: { version: '1' } }],
    ['not an object', [1], { reason: 'version', details: { version: '-' } }],
    ['an unknown field', { version: 1, allowedEndpoint: [] }, { reason: 'shape', details: { field: 'allowedEndpoint' } }],
    [
      'a setting out of range',
      { version: 1, settings: { clipboardClearSeconds: 99999 } },
      { reason: 'shape', details: { field: 'settings.clipboardClearSeconds' } },
    ],
    ['an unknown setting', { version: 1, settings: { colour: 'red' } }, { reason: 'shape', details: { field: 'settings.colour' } }],
    ['an unknown locked setting', { version: 1, lockedSettings: ['colour'] }, { reason: 'shape', details: { field: 'lockedSettings[0]' } }],
    [
      'a profile without endpoint',
      { version: 1, profiles: [{ id: 'a', name: 'A' }] },
      { reason: 'shape', details: { field: 'profiles[0].endpoint' } },
    ],
    [
      'an id that cannot name a file',
      { version: 1, profiles: [{ id: '../x', name: 'A', endpoint: 'https://a.example.com' }] },
      { reason: 'shape', details: { field: 'profiles[0].id' } },
    ],
    ['allowUserProfiles as text', { version: 1, allowUserProfiles: 'no' }, { reason: 'shape', details: { field: 'allowUserProfiles' } }],
    [
      'a plain-http allowed endpoint',
      { version: 1, allowedEndpoints: ['https://a.example.com', 'http://cloudmc.example.com'] },
      { reason: 'endpoint', details: { field: 'allowedEndpoints[1]' } },
    ],
    [
      'an allowed endpoint with a path',
      { version: 1, allowedEndpoints: ['https://a.example.com/api'] },
      { reason: 'endpoint', details: { field: 'allowedEndpoints[0]' } },
    ],
    [
      'a profile endpoint over plain http',
      { version: 1, profiles: [{ id: 'a', name: 'A', endpoint: 'http://cloudmc.example.com/api/v1' }] },
      { reason: 'endpoint', details: { field: 'profiles[0].endpoint' } },
    ],
    [
      'a profile endpoint with credentials',
      { version: 1, profiles: [{ id: 'a', name: 'A', endpoint: 'https://u:p@a.example.com' }] },
      { reason: 'endpoint', details: { field: 'profiles[0].endpoint' } },
    ],
    [
      'an empty profile name',
      { version: 1, profiles: [{ id: 'a', name: '  ', endpoint: 'https://a.example.com' }] },
      { reason: 'profile', details: { field: 'profiles[0].name' } },
    ],
    [
      'a CA that is no certificate',
      { version: 1, profiles: [{ id: 'a', name: 'A', endpoint: 'https://a.example.com', caCertificatePem: 'nope' }] },
      { reason: 'profile', details: { field: 'profiles[0].caCertificatePem' } },
    ],
    [
      'two profiles with one id (whatever the case)',
      {
        version: 1,
        profiles: [
          { id: 'hq', name: 'A', endpoint: 'https://a.example.com' },
          { id: 'HQ', name: 'B', endpoint: 'https://b.example.com' },
        ],
      },
      { reason: 'duplicate-id', details: { field: 'profiles[1].id' } },
    ],
    [
      'a managed profile outside its own allowed endpoints',
      { version: 1, allowedEndpoints: ['https://a.example.com'], profiles: [{ id: 'b', name: 'B', endpoint: 'https://b.example.com/api' }] },
      { reason: 'profile-not-allowed', details: { field: 'profiles[0].endpoint' } },
    ],
  ])('%s', (_why, document, expected) => {
    expect(problemOf(document)).toEqual({ ...expected, messageKey: `policy.problem.${expected.reason}` });
  });
});

describe('policy JSON', () => {
  it('is parsed, a byte-order mark allowed', () => {
    expect(parsePolicyJson('\uFEFF{"version":1}')).toEqual({ document: { version: 1 } });
  });

  it.each([
    ['a stray comma on line 3', '{\n  "version": 1,\n  "updates": false,\n}', { line: 4, column: 1 }],
    ['a truncated file', '{"version": 1', { line: 1, column: 14 }],
    ['an empty file', '', { line: 1, column: 1 }],
  ])('says where %s breaks it', (_why, text, where) => {
    expect(parsePolicyJson(text)).toEqual({ problem: { reason: 'not-json', messageKey: 'policy.problem.not-json', details: where } });
  });
});
