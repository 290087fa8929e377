/**
 * Every failure the client reports: an API error carries the server's `code` (see
 * `errorStatus` in @flock/protocol); transport failures use `network_error`, and a response that
 * does not match the contract uses `invalid_response`.
 */
export class FlockError extends Error {
  override readonly name = 'FlockError';
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const isFlockError = (error: unknown): error is FlockError => error instanceof FlockError;
