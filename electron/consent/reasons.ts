/** Why a text expired, in the words staff see beside it. */
export function expiredReason(origin: string): string {
  return origin === 'automation'
    ? 'Expired: its appointment had already begun'
    : 'Expired: the client did not opt in in time';
}
