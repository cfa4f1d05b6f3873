/**
 * @module errors
 * One error type for every failed API call: the HTTP status plus the best message the body offered
 * (Kubernetes `Status`, OAuth `{error_description}`, KubeSphere plain text or `{message}`).
 */

/** A failed API call. */
export class ApiError extends Error {
  readonly status: number;
  readonly reason?: string;
  readonly causes?: { field?: string; message?: string }[];

  constructor(
    status: number,
    message: string,
    reason?: string,
    causes?: { field?: string; message?: string }[],
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.reason = reason;
    this.causes = causes;
  }
}

/** Extracts a human message from any of the error body shapes the backends send. */
export function errorFromBody(status: number, body: string): ApiError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return new ApiError(status, body.trim() || `HTTP ${status}`);
  }
  if (parsed && typeof parsed === 'object') {
    const o = parsed as Record<string, unknown>;
    const details = o.details as { causes?: { field?: string; message?: string }[] } | undefined;
    const message =
      (typeof o.message === 'string' && o.message) ||
      (typeof o.error_description === 'string' && o.error_description) ||
      (typeof o.error === 'string' && o.error) ||
      `HTTP ${status}`;
    const reason =
      (typeof o.reason === 'string' && o.reason) || (typeof o.error === 'string' && o.error) || undefined;
    return new ApiError(status, message, reason, details?.causes);
  }
  return new ApiError(status, `HTTP ${status}`);
}
