/**
 * @module patch/errors
 * The Status errors the patch handlers of kube-apiserver answer with, worded as upstream words them
 * (k8s.io/apiserver endpoints/handlers/patch.go, apimachinery strategicpatch and mergepatch).
 */
import { StatusError } from '@sphere/shared';

/** 422 as `NewGenericServerResponse(422, ...)` builds it: a fixed message, empty details. */
export function patchRejected(): StatusError {
  return new StatusError(
    422,
    'Invalid',
    'the server rejected our request due to an error in our request',
    {},
  );
}

/** 400 BadRequest with the decoder's own message. */
export function badPatch(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}

/**
 * Errors upstream returns as plain Go errors (not Status errors). kube-apiserver answers those with
 * 500 and an empty reason; our StatusReason has no "Unknown", so InternalError stands in for it.
 */
export function plainPatchError(message: string): StatusError {
  return new StatusError(500, 'InternalError', message);
}

/** Sentinel messages of k8s.io/apimachinery/pkg/util/mergepatch (answered with 400 or 422 by the handler). */
export const mergePatchErrors = {
  badJsonDoc: () => badPatch('invalid JSON document'),
  badPrimitiveList: () => badPatch('invalid patch format of primitive list'),
  badRetainKeys: () => badPatch('invalid patch format of retainKeys'),
  badSetElementOrder: () => badPatch('invalid patch format of setElementOrder list'),
  noListOfLists: () => new StatusError(422, 'Invalid', 'lists of lists are not supported', {}),
};
