/** Raised when a list file cannot be loaded; nothing from that file is returned. */
export class WatchlistParseError extends Error {
  override readonly name = 'WatchlistParseError';
  constructor(
    readonly source: string,
    readonly entry: string | undefined,
    readonly field: string | undefined,
    readonly reason: string,
  ) {
    super(`${source}${entry ? ` entry ${entry}` : ''}${field ? ` field ${field}` : ''}: ${reason}`);
  }
}

/** Raised for a malformed screening query (the server maps it to 422). */
export class ScreeningQueryError extends Error {
  override readonly name = 'ScreeningQueryError';
  constructor(readonly reason: string) {
    super(reason);
  }
}
