/** The two IPC channels between the preload and the main process; there are no others. */
export const INVOKE_CHANNEL = 'desk:invoke';
export const EVENT_CHANNEL = 'desk:event';
