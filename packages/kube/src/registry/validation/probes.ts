/**
 * @module registry/validation/probes
 * Container probes and lifecycle hooks: exactly one handler, valid ports and schemes, non-negative
 * timings, and `successThreshold: 1` for liveness and startup probes (upstream's messages).
 */
import { fieldErrors, type StatusCause } from '@sphere/shared';
import { isObj, isValidPortName, nonNegative, str, validatePortNumber, type Obj } from './common';

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const HOOK_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];
const SCHEMES = ['HTTP', 'HTTPS'];

function validatePortRef(port: unknown, field: string): StatusCause[] {
  if (typeof port === 'string')
    return isValidPortName(port).map((msg) => fieldErrors.invalid(field, port, msg));
  return validatePortNumber(field, port ?? 0);
}

function validateHandler(handler: Obj, at: string, allowed: string[]): StatusCause[] {
  const present = allowed.filter((h) => handler[h] !== undefined && handler[h] !== null);
  if (present.length === 0) return [fieldErrors.required(at, 'must specify a handler type')];
  const causes = present
    .slice(1)
    .map((h) => fieldErrors.forbidden(`${at}.${h}`, 'may not specify more than 1 handler type'));
  const exec = handler.exec;
  if (isObj(exec) && !(Array.isArray(exec.command) && exec.command.length > 0)) {
    causes.push(fieldErrors.required(`${at}.exec.command`));
  }
  const http = handler.httpGet;
  if (isObj(http)) {
    causes.push(...validatePortRef(http.port, `${at}.httpGet.port`));
    if (http.scheme !== undefined && !SCHEMES.includes(str(http.scheme))) {
      causes.push(fieldErrors.notSupported(`${at}.httpGet.scheme`, http.scheme, SCHEMES));
    }
  }
  if (isObj(handler.tcpSocket))
    causes.push(...validatePortRef(handler.tcpSocket.port, `${at}.tcpSocket.port`));
  if (isObj(handler.grpc)) causes.push(...validatePortNumber(`${at}.grpc.port`, handler.grpc.port ?? 0));
  return causes;
}

/** A liveness, readiness or startup probe at `at` (absent probes are fine). */
export function validateProbe(
  probe: unknown,
  at: string,
  kind: 'liveness' | 'readiness' | 'startup',
): StatusCause[] {
  if (!isObj(probe)) return [];
  const causes = validateHandler(probe, at, PROBE_HANDLERS);
  for (const key of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ]) {
    causes.push(...nonNegative(`${at}.${key}`, probe[key]));
  }
  if (kind !== 'readiness' && typeof probe.successThreshold === 'number' && probe.successThreshold !== 1) {
    causes.push(fieldErrors.invalid(`${at}.successThreshold`, probe.successThreshold, 'must be 1'));
  }
  return causes;
}

/** postStart/preStop hooks of a container's `lifecycle`. */
export function validateLifecycle(lifecycle: unknown, at: string): StatusCause[] {
  if (!isObj(lifecycle)) return [];
  const causes: StatusCause[] = [];
  for (const hook of ['postStart', 'preStop']) {
    if (isObj(lifecycle[hook]))
      causes.push(...validateHandler(lifecycle[hook] as Obj, `${at}.${hook}`, HOOK_HANDLERS));
  }
  return causes;
}
