/**
 * @module status
 * Kubernetes `metav1.Status` errors. Domain code throws `StatusError`s built by the constructors below;
 * one place per server (the HTTP layer) turns them into responses. The platform API uses the same shape.
 */

export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Expired'
  | 'Invalid'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'UnsupportedMediaType'
  | 'RequestEntityTooLarge'
  | 'TooManyRequests'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'Timeout';

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never> | { resourceVersion?: string };
  status: 'Success' | 'Failure';
  message?: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code: number;
}

/** An error that carries a complete Kubernetes Status. */
export class StatusError extends Error {
  readonly code: number;
  readonly reason: StatusReason;
  readonly details?: StatusDetails;

  constructor(code: number, reason: StatusReason, message: string, details?: StatusDetails) {
    super(message);
    this.name = 'StatusError';
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  toStatus(): Status {
    const status: Status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) status.details = this.details;
    return status;
  }
}

export function isStatusError(err: unknown): err is StatusError {
  return err instanceof StatusError;
}

/** Whether an error (a StatusError or a Status-shaped body) has the given reason. */
export function hasReason(err: unknown, reason: StatusReason): boolean {
  return typeof err === 'object' && err !== null && (err as { reason?: unknown }).reason === reason;
}

/** `deployments.apps` for a group, `pods` for core: how Kubernetes names a resource in messages. */
export function qualifiedResource(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

export const errors = {
  badRequest: (message: string, causes?: StatusCause[]) =>
    new StatusError(400, 'BadRequest', message, causes ? { causes } : undefined),
  unauthorized: (message = 'Unauthorized') => new StatusError(401, 'Unauthorized', message),
  forbidden: (message: string, details?: StatusDetails) =>
    new StatusError(403, 'Forbidden', message, details),
  notFound: (resource: string, group: string, name: string) =>
    new StatusError(404, 'NotFound', `${qualifiedResource(resource, group)} "${name}" not found`, {
      name,
      group: group || undefined,
      kind: resource,
    }),
  /** A path that maps to no resource at all. */
  pathNotFound: () => new StatusError(404, 'NotFound', 'the server could not find the requested resource'),
  alreadyExists: (resource: string, group: string, name: string) =>
    new StatusError(409, 'AlreadyExists', `${qualifiedResource(resource, group)} "${name}" already exists`, {
      name,
      group: group || undefined,
      kind: resource,
    }),
  conflict: (resource: string, group: string, name: string, why?: string) =>
    new StatusError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedResource(resource, group)} "${name}": ${
        why ?? 'the object has been modified; please apply your changes to the latest version and try again'
      }`,
      { name, group: group || undefined, kind: resource },
    ),
  expired: (message: string) => new StatusError(410, 'Expired', message),
  gone: (message: string) => new StatusError(410, 'Gone', message),
  /** 422 Invalid. `kind` is the Kind (`Deployment`), `groupKind` as Kubernetes prints it (`Deployment.apps`). */
  invalid: (kind: string, group: string, name: string, causes: StatusCause[]) => {
    const groupKind = group ? `${kind}.${group}` : kind;
    const detail = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : (c.message ?? ''))).join(', ');
    const message =
      causes.length === 1
        ? `${groupKind} "${name}" is invalid: ${detail}`
        : `${groupKind} "${name}" is invalid: [${detail}]`;
    return new StatusError(422, 'Invalid', message, { name, group: group || undefined, kind, causes });
  },
  methodNotAllowed: (message: string) => new StatusError(405, 'MethodNotAllowed', message),
  notAcceptable: (message: string) => new StatusError(406, 'NotAcceptable', message),
  unsupportedMediaType: (contentType: string) =>
    new StatusError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (got ${contentType})`,
    ),
  /** 415 for a PATCH whose content type is not one of the accepted patch types. */
  unsupportedPatchType: (accepted: string[]) =>
    new StatusError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
    ),
  tooLarge: (message = 'the request body is too large') =>
    new StatusError(413, 'RequestEntityTooLarge', message),
  tooManyRequests: (message: string, retryAfterSeconds?: number) =>
    new StatusError(429, 'TooManyRequests', message, retryAfterSeconds ? { retryAfterSeconds } : undefined),
  internal: (message: string) => new StatusError(500, 'InternalError', `Internal error occurred: ${message}`),
  serviceUnavailable: (message: string) => new StatusError(503, 'ServiceUnavailable', message),
};

/** A Status of success, as DELETE answers for kinds that do not return the deleted object. */
export function successStatus(details?: StatusDetails): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details, code: 200 };
}

/** A field error (one cause of a 422): `Invalid value`, `Required value`, `Unsupported value`, ... */
export const fieldErrors = {
  required: (field: string, detail = '') =>
    ({
      reason: 'FieldValueRequired',
      field,
      message: `Required value${detail ? `: ${detail}` : ''}`,
    }) as StatusCause,
  invalid: (field: string, value: unknown, detail: string) =>
    ({
      reason: 'FieldValueInvalid',
      field,
      message: `Invalid value: ${formatValue(value)}: ${detail}`,
    }) as StatusCause,
  notSupported: (field: string, value: unknown, supported: string[]) =>
    ({
      reason: 'FieldValueNotSupported',
      field,
      message: `Unsupported value: ${formatValue(value)}: supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
    }) as StatusCause,
  forbidden: (field: string, detail: string) =>
    ({ reason: 'FieldValueForbidden', field, message: `Forbidden: ${detail}` }) as StatusCause,
  duplicate: (field: string, value: unknown) =>
    ({
      reason: 'FieldValueDuplicate',
      field,
      message: `Duplicate value: ${formatValue(value)}`,
    }) as StatusCause,
  tooLong: (field: string, value: unknown, max: number) =>
    ({
      reason: 'FieldValueTooLong',
      field,
      message: `Too long: may not be more than ${max} bytes`,
      value,
    }) as StatusCause,
  immutable: (field: string) =>
    ({ reason: 'FieldValueInvalid', field, message: 'Invalid value: field is immutable' }) as StatusCause,
};

function formatValue(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
