import { requireTransition, type TransitionTable } from '@jianguan/platform';
import type { OrderStatus } from './order';

/**
 * What may happen to an order, and from which statuses. An order is issued OPEN; it is RECTIFIED
 * (in time or late), or its deadline is missed (OVERDUE) and it climbs the escalation ladder
 * (ESCALATED) until an enforcement action CLOSES it.
 */
export type OrderTransition = 'extend' | 'confirm' | 'missDeadline' | 'escalate' | 'recordAction';

/** How the CONFLICT names each transition: "Cannot <verb> an order that is <status>". */
const VERB: Record<OrderTransition, string> = {
  extend: 'extend',
  confirm: 'confirm',
  missDeadline: 'mark as overdue',
  escalate: 'escalate',
  recordAction: 'record an enforcement action on',
};

export const ORDER_TRANSITIONS: TransitionTable<OrderTransition, OrderStatus> = {
  from: {
    extend: ['OPEN'],
    confirm: ['OPEN', 'OVERDUE', 'ESCALATED'],
    missDeadline: ['OPEN'],
    escalate: ['OVERDUE', 'ESCALATED'],
    recordAction: ['OVERDUE', 'ESCALATED'],
  },
  why: (transition, status) => `Cannot ${VERB[transition]} an order that is ${status}`,
};

/** Orders a rectification can still be confirmed on: in time (OPEN) or late. */
export const CONFIRMABLE = ORDER_TRANSITIONS.from.confirm;

/** Whether the table allows the transition from the order's status. */
export const allows = (transition: OrderTransition, order: { status: OrderStatus }): boolean =>
  ORDER_TRANSITIONS.from[transition].includes(order.status);

/** Throws the CONFLICT when the order's status does not allow the transition. */
export const requireOrderTransition = (transition: OrderTransition, order: { status: OrderStatus }): void =>
  requireTransition(ORDER_TRANSITIONS, transition, order.status);
