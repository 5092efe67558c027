// One error type crosses every boundary (engine → IPC/WebSocket → UI, engine → CLI). Codes are
// stable so the UI and tests can branch on them; `message` is the one line a user reads.
export type ErrorCode =
  | 'not-found'
  | 'bad-json'
  | 'bad-manifest'
  | 'bad-onnx'
  | 'bad-data'
  | 'no-head'
  | 'inference-failed'
  | 'cancelled'
  | 'bad-request'
  | 'forbidden'
  | 'unavailable'
  /** Serve mode: this connection already has the maximum number of calls in flight; retry later. */
  | 'busy'
  | 'internal';

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  /** Where the problem is: a file, a JSON path, a byte offset, a tensor name. */
  details?: Record<string, string | number>;
}

export class PruneLensError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, string | number>;

  constructor(code: ErrorCode, message: string, details?: Record<string, string | number>) {
    super(message);
    this.name = 'PruneLensError';
    this.code = code;
    this.details = details;
  }

  toPayload(): ErrorPayload {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }

  static fromPayload(payload: ErrorPayload): PruneLensError {
    return new PruneLensError(payload.code, payload.message, payload.details);
  }
}

/** Any thrown value as a payload; unknown errors become `internal` with their message kept. */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof PruneLensError) return error.toPayload();
  if (error instanceof Error && error.name === 'AbortError') return { code: 'cancelled', message: 'Cancelled.' };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: message || 'Unknown error.' };
}
