/**
 * The envelope every event travels in (the outbox row on the queues) and the check of a payload
 * against the catalogue, which consumers and producers share.
 */
import { z } from 'zod';
import { catalogue, type EventPayload, type EventType } from './catalogue';
import { instant, text } from './event-fields';
import { SERVICE_NAMES, type ServiceName } from './vocabulary';

/** What travels on the queues: the outbox row, with the instant as an ISO string. */
export interface EventEnvelope<T extends EventType = EventType> {
  id: string;
  type: T;
  producer: ServiceName;
  occurredAt: string;
  payload: EventPayload<T>;
}

/** One envelope type per event, so `switch (envelope.type)` narrows the payload. */
export type AnyEventEnvelope = { [T in EventType]: EventEnvelope<T> }[EventType];

/** The envelope's shape before the type is known; the payload is then checked against the catalogue. */
export const envelopeSchema = z.object({
  id: z.uuid(),
  type: text,
  producer: z.enum(SERVICE_NAMES),
  occurredAt: instant,
  payload: z.unknown(),
});

/** Thrown for a payload or producer that breaks the catalogue: a programming error, never retried. */
export class EventContractError extends Error {
  override name = 'EventContractError';
}

/** Checks a payload against its event's schema; returns the parsed payload (unknown keys dropped). */
export function parsePayload<T extends EventType>(type: T, payload: unknown): EventPayload<T> {
  const result = catalogue[type].payload.safeParse(payload);
  if (!result.success) {
    throw new EventContractError(`Invalid ${type} payload: ${z.prettifyError(result.error)}`);
  }
  return result.data as EventPayload<T>;
}
