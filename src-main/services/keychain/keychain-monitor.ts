// The keychain's status for the whole app: probed once in the background (never delaying the first window), updated when a call finds it not answering.
import type { KeychainStatus } from '../../../src-preload/contract/models';
import { fail } from '../../errors';
import type { Keychain } from './keychain';

/** Tracks whether the OS keychain can be used now. */
export class KeychainMonitor {
  readonly #keychain: Keychain;
  readonly #onChange: (status: KeychainStatus) => void;
  #status: KeychainStatus | null = null;
  #probing: Promise<KeychainStatus>;

  /** Starts the first probe at once; nothing waits for it until the keychain is needed. `onChange` hears each new status (the first included). */
  constructor(keychain: Keychain, onChange: (status: KeychainStatus) => void = () => undefined) {
    this.#keychain = keychain;
    this.#onChange = onChange;
    keychain.onStatus((status) => this.#set(status));
    this.#probing = this.#probe();
  }

  /** The current status, once the first probe has answered. */
  async status(): Promise<KeychainStatus> {
    return this.#status ?? (await this.#probing);
  }

  /** True when keychain calls may be made. */
  async usable(): Promise<boolean> {
    return (await this.status()).available;
  }

  /** Throws keychain-unavailable (with the status's reason) unless the keychain answers, e.g. when it stopped answering this session. */
  async require(): Promise<Keychain> {
    const status = await this.status();
    if (!status.available) throw fail('keychain-unavailable', { messageKey: status.messageKey, details: { reason: status.reason } });
    return this.#keychain;
  }

  /** True when the keychain worked earlier but stopped answering (a read then says nothing about whether a key exists). */
  async notAnswering(): Promise<boolean> {
    const status = await this.status();
    return !status.available && status.reason === 'not-answering';
  }

  /** "Try again": probes afresh (the keychain itself refuses to stack a call on a stuck one). */
  retry(): Promise<KeychainStatus> {
    this.#probing = this.#probe();
    return this.#probing;
  }

  async #probe(): Promise<KeychainStatus> {
    const status = await this.#keychain.probe();
    this.#set(status);
    return status;
  }

  #set(status: KeychainStatus): void {
    const changed = JSON.stringify(status) !== JSON.stringify(this.#status);
    this.#status = status;
    if (changed) this.#onChange(status);
  }
}
