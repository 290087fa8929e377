import { type ErrorCode, errorStatus } from '@flock/protocol';

/** An error meant for the API caller: it becomes `{error: {code, message, details}}` with the code's status. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = errorStatus[code];
  }
}

export const notFound = (what: string) => new ApiError('not_found', `No ${what} with that id.`);

/** 400 invalid_request naming the field at fault, in the shape body validation answers. */
export const invalidField = (path: string | string[], message: string) =>
  new ApiError('invalid_request', message, [{ path: Array.isArray(path) ? path : [path], message }]);
