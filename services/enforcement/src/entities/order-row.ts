import { GeneratedIdRow, UuidColumn } from '@jianguan/platform';

/** A row about one rectification order: its history, cases, actions, notices and referrals. */
export abstract class OrderRow extends GeneratedIdRow {
  @UuidColumn()
  orderId: string;
}
