/**
 * The loops' only door into the consent rules. The consent service implements it; the loops never change
 * consent themselves. Both methods run inside the loop's own transaction, so they must stay synchronous.
 */
export interface ConsentPort {
  /** Called inside the sync page transaction for each newly stored inbound message (classify, change consent, queue replies, release held texts). */
  onInbound(messageId: number): void;
  /** Called inside a transaction when the carrier says a number is blocked (send refused with 40300, or the carrier's opt-out list). */
  onCarrierOptOut(e164: string, reason: string, messageId: number | null): void;
}
