/**
 * @module patch
 * The patch algorithms of the embedded API server, all pure functions over parsed JSON:
 * JSON patch, JSON merge patch, strategic merge patch, server-side apply and managedFields tracking.
 * Each throws a StatusError worded as kube-apiserver words it for a bad patch.
 */
export { applyJsonPatch, decodeJsonPatch, MAX_JSON_PATCH_OPERATIONS } from './json-patch';
export { applyMergePatch } from './merge-patch';
export {
  applyStrategicMergePatch,
  DELETE_FROM_PRIMITIVE_LIST,
  RETAIN_KEYS,
  SET_ELEMENT_ORDER,
} from './strategic-merge-patch';
export {
  serverSideApply,
  LAST_APPLIED_ANNOTATION,
  BEFORE_FIRST_APPLY_MANAGER,
  type ServerSideApplyArgs,
  type ServerSideApplyResult,
} from './server-side-apply';
export {
  updateManagedFields,
  decodeManagedFields,
  encodeManagedFields,
  managerId,
  STRIPPED_PATHS,
  MAX_UPDATE_MANAGERS,
  type UpdateManagedFieldsArgs,
  type ManagerRecord,
} from './managed-fields';
export { FieldSet, pathToString, type FieldPath, type PathElement } from './fieldpath';
export { fieldSetOf, compareObjects, type Comparison } from './typed-walk';
