// The app's command-line channel over real services and a real simulator: files private to the user, the token required first,
// values only for the commands that ask for one, the services' change event emitted for a change made over it.
import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAppChannel, type ChannelClient } from '../../../../../src-main/services/app-channel/channel-client';
import { channelDirOf, descriptorFileOf, readDescriptor } from '../../../../../src-main/services/app-channel/channel-files';
import { openAppChannel, type AppChannel } from '../../../../../src-main/services/app-channel/channel-server';
import type { AppServices } from '../../../../../src-main/services/app-services';
import type { GeneratedKey, KeysView, ProfileSummary } from '../../../../../src-preload/contract/models';
import { createHostServices } from '../../../../web-host/host-services';
import { seedDemo } from '../../../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../../../cloudmc-sim/server';
import { SimState } from '../../../../cloudmc-sim/state';
import { MemoryClipboard, makeTempDir, removeTempDir } from '../../helpers';

const apiKey = 'channel-test-access-key-0123456789abcdef';

/** Sends raw lines on a new connection and collects what comes back until the app closes it (or `untilLines` arrive). */
function rawExchange(address: string, lines: string[], untilLines = Infinity): Promise<{ answers: unknown[]; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(address);
    let text = '';
    const answers = (): unknown[] =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as unknown);
    socket.on('data', (c: Buffer) => {
      text += c.toString();
      if (answers().length >= untilLines) {
        socket.destroy();
        resolve({ answers: answers(), closed: false });
      }
    });
    socket.on('close', () => resolve({ answers: answers(), closed: true }));
    socket.on('error', () => undefined);
    socket.write(lines.map((l) => `${l}\n`).join(''));
  });
}

describe('the app channel', () => {
  let sim: Simulator;
  let dir: string;
  let services: AppServices;
  let channel: AppChannel;
  let profile: ProfileSummary;
  const clients: ChannelClient[] = [];
  const connect = async (command: string): Promise<ChannelClient> => {
    const client = await connectAppChannel(dir, command, { lost: () => new Error('lost') });
    expect(client).not.toBeNull();
    clients.push(client!);
    return client!;
  };

  beforeAll(async () => {
    const state = new SimState();
    seedDemo(state, { apiKey });
    sim = await startSimulator({ state });
    dir = makeTempDir('cmc-channel-');
    services = await createHostServices({ dataDir: dir, keychain: 'memory', clipboard: new MemoryClipboard() });
    profile = await services.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey });
    channel = (await openAppChannel({ dataDir: dir, services }))!;
    expect(channel).not.toBeNull();
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await channel?.close();
    await sim?.close();
    removeTempDir(dir);
  });

  it('keeps its folder 0700, its descriptor and socket 0600, and a token long enough', () => {
    expect(fs.statSync(channelDirOf(dir)).mode & 0o777).toBe(0o700);
    expect(fs.statSync(descriptorFileOf(dir)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(channel.address).mode & 0o777).toBe(0o600);
    const descriptor = readDescriptor(dir)!;
    expect(descriptor).toMatchObject({ pid: process.pid, address: channel.address });
    expect(descriptor.token.length).toBeGreaterThanOrEqual(43);
  });

  it('refuses a connection without the token, and runs nothing it sends after', async () => {
    const before = (await services.credentials.listCached(profile.id)).list?.keys.length ?? 0;
    const wrong = await rawExchange(channel.address, [
      JSON.stringify({ hello: 'x'.repeat(43), command: 'keys generate' }),
      JSON.stringify({ id: 1, op: 'credentials.generate', args: [profile.id, 'never-made', false] }),
    ]);
    expect(wrong.closed).toBe(true);
    expect(wrong.answers).toEqual([{ id: 0, ok: false, error: { appError: null, refused: true } }]);
    const noHello = await rawExchange(channel.address, [JSON.stringify({ id: 1, op: 'profiles.list', args: [] })]);
    expect(noHello.answers).toEqual([{ id: 0, ok: false, error: { appError: null, refused: true } }]);
    expect(sim.state.listKeys(sim.state.findUserByName('rwilson')!.id).some((k) => k.name === 'never-made')).toBe(false);
    expect((await services.credentials.listCached(profile.id)).list?.keys.length ?? 0).toBe(before);
  });

  it('a descriptor that is not private to the user is not trusted', () => {
    fs.chmodSync(descriptorFileOf(dir), 0o644);
    try {
      expect(readDescriptor(dir)).toBeNull();
    } finally {
      fs.chmodSync(descriptorFileOf(dir), 0o600);
    }
  });

  it('a generate over the channel changes the app cache and emits keys:did-change; no value travels unless asked for', async () => {
    await services.credentials.refresh(profile.id); // the list the app's open screen shows
    const events: { name: string; payload: unknown }[] = [];
    const stop = services.events.subscribe((name, payload) => events.push({ name, payload }));
    const client = await connect('keys generate');
    expect(client.pid).toBe(process.pid);
    const made = await client.call<GeneratedKey>('credentials.generate', profile.id, 'over-the-channel', false);
    await services.changes.idle();
    stop();
    expect(made.storedInKeychain).toBe(true);
    expect(made.secret).toBe('');
    const cached = (await services.credentials.listCached(profile.id)).list!.keys;
    expect(cached.map((k) => k.id)).toContain(made.key.id);
    const change = events.find(
      (e) => e.name === 'keys:did-change' && (e.payload as { view: KeysView }).view.list?.keys.some((k) => k.id === made.key.id),
    );
    expect(change).toBeDefined();
    // Stored in the keychain: no one-time notification left on the app's screen.
    expect(services.oneTimeSecrets.hasUnsaved()).toBe(false);
    // A command that does not ask for a value cannot read one.
    await expect(client.call('copies.read', profile.id, made.key.id)).rejects.toMatchObject({ appError: { code: 'internal' } });
    await expect(client.call('accessKeys.get', profile.id)).rejects.toMatchObject({ appError: { code: 'internal' } });
    const reader = await connect('read');
    expect(typeof (await reader.call<string>('copies.read', profile.id, made.key.id))).toBe('string');
    expect(await reader.call('accessKeys.get', profile.id)).toBe(apiKey);
  });

  it("carries the services' failures as AppFailures, and an unknown operation is refused", async () => {
    const client = await connect('keys list');
    await expect(client.call('credentials.refresh', 'no-such-profile')).rejects.toMatchObject({ appError: { code: 'profile-not-found' } });
    await expect(client.call('stores.config', 'x')).rejects.toMatchObject({ appError: { code: 'internal' } });
    await expect(client.call('credentials.listCached', 42)).rejects.toMatchObject({ appError: { code: 'invalid-input' } });
  });

  it('once closed: the descriptor is gone and a client gets null', async () => {
    const other = makeTempDir('cmc-channel-closed-');
    try {
      const second = (await openAppChannel({ dataDir: other, services }))!;
      expect(await connectAppChannel(other, 'profiles list', { lost: () => new Error('lost') })).not.toBeNull();
      await second.close();
      expect(fs.existsSync(descriptorFileOf(other))).toBe(false);
      expect(await connectAppChannel(other, 'profiles list', { lost: () => new Error('lost') })).toBeNull();
    } finally {
      removeTempDir(other);
    }
  });
});
