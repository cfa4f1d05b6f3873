/**
 * @module registry/core/config-data
 * Rules ConfigMaps and Secrets share: config key syntax, the 1 MiB size limit, base64 payloads (a decode
 * failure is a 400, as in kube-apiserver's JSON decoding) and the `immutable: true` lock.
 */
import { errors, fieldErrors, type KubeObject, type StatusCause } from '@sphere/shared';
import { maxLenError, regexError } from '@sphere/shared/names';
import { isObj, semanticEqual } from '../validation';

/** Upper bound of a ConfigMap's or Secret's payload. */
export const MAX_DATA_SIZE = 1024 * 1024;

const CONFIG_KEY_FMT = '[-._a-zA-Z0-9]+';
const configKey = new RegExp(`^${CONFIG_KEY_FMT}$`);

/** Upstream's IsConfigMapKey. */
export function isConfigMapKey(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push(maxLenError(253));
  if (!configKey.test(key)) {
    errs.push(
      regexError(
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
        CONFIG_KEY_FMT,
        'key.name',
        'KEY_NAME',
        'key-name',
      ),
    );
  }
  if (key === '.') errs.push("must not be '.'");
  else if (key === '..') errs.push("must not be '..'");
  else if (key.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/** Key causes for `field[key]` entries of a map. */
export function validateKeys(map: unknown, field: string): StatusCause[] {
  if (!isObj(map)) return [];
  const causes: StatusCause[] = [];
  for (const key of Object.keys(map)) {
    for (const msg of isConfigMapKey(key)) causes.push(fieldErrors.invalid(`${field}[${key}]`, key, msg));
  }
  return causes;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decoded length of a base64 string, or throws the 400 the apiserver's decoder answers with. */
export function base64Length(value: unknown, kind: string): number {
  if (typeof value !== 'string') {
    throw errors.badRequest(`${kind} in version "v1" cannot be handled as a ${kind}: illegal base64 data`);
  }
  const s = value.replace(/[\r\n]/g, '');
  if (!BASE64.test(s) || s.length % 4 !== 0) {
    const bad = [...s].findIndex((c) => !/[A-Za-z0-9+/=]/.test(c));
    const at = bad >= 0 ? bad : s.length - (s.length % 4 || 4);
    throw errors.badRequest(
      `${kind} in version "v1" cannot be handled as a ${kind}: illegal base64 data at input byte ${Math.max(at, 0)}`,
    );
  }
  return Buffer.from(s, 'base64').length;
}

/** Whether an object is locked by `immutable: true`; returns the causes for changes to its payload. */
export function validateImmutableData(obj: KubeObject, old: KubeObject, fields: string[]): StatusCause[] {
  if (old.immutable !== true) return [];
  const causes: StatusCause[] = [];
  if (obj.immutable !== true)
    causes.push(fieldErrors.forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) {
    if (!semanticEqual(obj[f], old[f]))
      causes.push(fieldErrors.forbidden(f, 'field is immutable when `immutable` is set'));
  }
  return causes;
}

/** `Too long: may not be more than 1048576 bytes` at `field`. */
export function tooLarge(field: string): StatusCause {
  return {
    reason: 'FieldValueTooLong',
    field,
    message: `Too long: may not be more than ${MAX_DATA_SIZE} bytes`,
  };
}
