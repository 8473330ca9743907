import type { Claims, Logger } from '@jianguan/platform';
import type { AnswerSlot } from './public-answer-cache';

/** What the gateway knows about one client request; the subgraph data sources read it. */
export interface GatewayContext {
  requestId: string;
  logger: Logger;
  /** The verified `Authorization` header, forwarded as is so each subgraph can verify it again. */
  authorization?: string;
  /** Undefined for the public (no token). */
  claims?: Claims;
  /** Set for an anonymous request whose answer may be kept for the next caller. */
  answerSlot?: AnswerSlot;
}
