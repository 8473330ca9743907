import type { Grace } from '../config';
import type { RectificationOrderEntity } from '../entities/rectification-order.entity';
import type { OutgoingNotification } from './delivery';

export type DeadlineOutcome = 'SENT' | 'ALREADY_SENT' | 'STALE' | 'OVERDUE' | 'ESCALATED' | 'REFERRED';

export interface DeadlineResult {
  outcome: DeadlineOutcome;
  /** The orders after the change, when the step opened cases whose escalation must be scheduled. */
  next: RectificationOrderEntity[];
  notifications: OutgoingNotification[];
  /** A deadline step took a full batch: more due orders may be waiting for a sweep. */
  more: boolean;
}

export interface DeadlineOptions {
  grace: Grace;
  /** How many due orders one deadline transaction takes (the job's own and others due with it). */
  batchSize: number;
  now?: () => Date;
}

/** Thrown when a job runs before its instant (a clock behind Redis's); BullMQ retries it. */
export class NotDueYet extends Error {
  override name = 'NotDueYet';
}

/** The job no longer applies: nothing changed, nothing to hand on. */
export const stale: DeadlineResult = { outcome: 'STALE', next: [], notifications: [], more: false };

export const sameInstant = (a: Date | null, iso: string) => a !== null && a.getTime() === Date.parse(iso);
