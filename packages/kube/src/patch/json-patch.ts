/**
 * @module patch/json-patch
 * RFC 6902 JSON Patch (`application/json-patch+json`) as kube-apiserver applies it: the operations are
 * decoded first (400 for a body that is not a list of operation objects, 413 past 10,000 operations),
 * then applied to a copy of the object; any failing operation — a failed `test`, a missing path, an
 * index out of range — is answered with 422 and the apiserver's generic message (it drops the detail).
 */
// fast-json-patch is CommonJS: Node's ESM loader only offers its default export.
import jsonPatch, { type Operation } from 'fast-json-patch';
import { StatusError, type KubeObject } from '@sphere/shared';
import { badPatch, patchRejected } from './errors';
import { cloneJson, isObject, jsonKindName, type JsonObject } from './json-value';

const { applyOperation, getValueByPointer } = jsonPatch;

/** Upper bound kube-apiserver puts on the operations of one JSON patch. */
export const MAX_JSON_PATCH_OPERATIONS = 10_000;

/** Checks the decoded body has the shape of a JSON patch; throws the apiserver's 400/413 otherwise. */
export function decodeJsonPatch(operations: unknown): Operation[] {
  if (!Array.isArray(operations)) {
    throw badPatch(
      `json: cannot unmarshal ${jsonKindName(operations)} into Go value of type jsonpatch.Patch`,
    );
  }
  for (const op of operations) {
    if (!isObject(op)) {
      throw badPatch(`json: cannot unmarshal ${jsonKindName(op)} into Go value of type jsonpatch.Operation`);
    }
  }
  if (operations.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new StatusError(
      413,
      'RequestEntityTooLarge',
      `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${operations.length}`,
    );
  }
  return operations as Operation[];
}

/**
 * Applies a JSON patch to `original` and returns the patched copy (`original` is not modified).
 * @throws StatusError 400/413 for a malformed body, 422 when an operation does not apply.
 */
export function applyJsonPatch<T = KubeObject>(original: T, operations: unknown): T {
  const ops = decodeJsonPatch(operations);
  let doc = cloneJson(original);
  try {
    ops.forEach((op, index) => {
      const raw = op as unknown as JsonObject;
      // evanphx/json-patch v4: a `test` without a value (or with null) passes on a missing or null
      // field, and `add`/`replace` without a value write null.
      if (raw.op === 'test' && (raw.value === undefined || raw.value === null) && isUnset(doc, raw.path))
        return;
      const effective =
        (raw.op === 'add' || raw.op === 'replace') && !('value' in raw) ? { ...op, value: null } : op;
      // validate=true makes fast-json-patch reject missing paths and out-of-range indices the way
      // evanphx/json-patch does; the document is our own copy, so it may be edited in place.
      doc = applyOperation(doc, effective as Operation, true, true, true, index).newDocument;
    });
  } catch {
    throw patchRejected();
  }
  return doc;
}

function isUnset(doc: unknown, path: unknown): boolean {
  if (typeof path !== 'string') return false;
  try {
    const value: unknown = getValueByPointer(doc, path);
    return value === undefined || value === null;
  } catch {
    return true;
  }
}
