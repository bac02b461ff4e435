// Main's events (contract/events.ts): each payload checked against its schema before it leaves, then handed to every sink (the app's
// windows, the web host's streams, tests). What a payload does not state is dropped by the check, so nothing else (a key value) can travel.
import { eventSchemaOf, type EventPayload } from '../../src-preload/contract/events';
import type { EventName } from '../../src-preload/contract/names';
import type { Logger } from '../log';

/** Receives each event once its payload passed its schema. */
export type EventSink = (name: EventName, payload: unknown) => void;

/** Emits the contract's events to whoever subscribed. */
export interface AppEvents {
  /** Checks the payload (a payload outside its schema is logged, never sent) and hands it to every sink; never throws. */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Adds a sink; the answer removes it. */
  subscribe(sink: EventSink): () => void;
}

/** Creates the emitter; `log` gets a line for a payload outside its schema and for a sink that failed (names only, never a payload). */
export function createAppEvents(log?: Logger): AppEvents {
  const sinks = new Set<EventSink>();
  return {
    emit(name, payload) {
      const checked = eventSchemaOf(name)?.safeParse(payload);
      if (!checked?.success) {
        const issues = checked?.error.issues.slice(0, 3).map((i) => `${i.path.join('.')} ${i.message}`) ?? ['not an event'];
        log?.error(`event ${name} not sent: its payload is outside its schema: ${issues.join('; ')}`);
        return;
      }
      for (const sink of [...sinks]) {
        try {
          sink(name, checked.data);
        } catch (e) {
          log?.error(`event ${name}: a receiver failed`, e);
        }
      }
    },
    subscribe(sink) {
      sinks.add(sink);
      return () => void sinks.delete(sink);
    },
  };
}
