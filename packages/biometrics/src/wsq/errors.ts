/** Raised for any malformed or unsupported WSQ stream; names the marker segment and byte offset. */
export class WsqError extends Error {
  override readonly name = 'WsqError';
  constructor(
    message: string,
    /** Byte offset in the input where the problem was found (-1 when not tied to a position). */
    readonly offset: number,
    /** Marker segment being read, e.g. "DQT" (undefined outside any segment). */
    readonly marker?: string,
  ) {
    super(`${marker ? `${marker} ` : ''}at byte ${offset}: ${message}`);
  }
}
