/**
 * @module registry/validation/object-meta
 * ObjectMeta rules every kind shares (apimachinery's ValidateObjectMeta): name or generateName in the
 * kind's format, namespace presence, label and annotation syntax, the 256 KiB annotation budget,
 * ownerReferences and finalizers.
 */
import { fieldErrors, type KubeObject, type StatusCause } from '@sphere/shared';
import {
  isDns1123Label,
  isQualifiedName,
  validateObjectMetaName,
  type NameFormat,
} from '@sphere/shared/names';
import { isObj, objects, str, validateLabels } from './common';

/** Upper bound of the summed length of annotation keys and values. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

const encoder = new TextEncoder();

export interface ObjectMetaOptions {
  namespaced: boolean;
  nameFormat: NameFormat;
}

/** Validates `obj.metadata`; causes use `metadata.*` field paths. */
export function validateObjectMeta(obj: KubeObject, options: ObjectMetaOptions): StatusCause[] {
  const meta = isObj(obj.metadata) ? obj.metadata : {};
  const causes: StatusCause[] = [];
  const name = str(meta.name);
  const generateName = str(meta.generateName);

  if (generateName) {
    for (const msg of validateObjectMetaName(generateName, options.nameFormat, true)) {
      causes.push(fieldErrors.invalid('metadata.generateName', generateName, msg));
    }
  }
  if (!name) {
    causes.push(fieldErrors.required('metadata.name', 'name or generateName is required'));
  } else {
    for (const msg of validateObjectMetaName(name, options.nameFormat)) {
      causes.push(fieldErrors.invalid('metadata.name', name, msg));
    }
  }

  const namespace = str(meta.namespace);
  if (options.namespaced) {
    if (!namespace) causes.push(fieldErrors.required('metadata.namespace'));
    else
      for (const msg of isDns1123Label(namespace))
        causes.push(fieldErrors.invalid('metadata.namespace', namespace, msg));
  } else if (namespace) {
    causes.push(fieldErrors.forbidden('metadata.namespace', 'not allowed on this type'));
  }

  if (typeof meta.generation === 'number' && meta.generation < 0) {
    causes.push(
      fieldErrors.invalid('metadata.generation', meta.generation, 'must be greater than or equal to 0'),
    );
  }
  causes.push(...validateLabels(meta.labels, 'metadata.labels'));
  causes.push(...validateAnnotations(meta.annotations, 'metadata.annotations'));
  causes.push(...validateOwnerReferences(meta.ownerReferences, 'metadata.ownerReferences'));
  causes.push(...validateFinalizers(meta.finalizers, 'metadata.finalizers'));
  return causes;
}

/** Annotation keys (qualified names, checked lower-cased as upstream does) and the total size. */
export function validateAnnotations(annotations: unknown, field: string): StatusCause[] {
  if (!isObj(annotations)) return [];
  const causes: StatusCause[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations)) {
    for (const msg of isQualifiedName(k.toLowerCase())) causes.push(fieldErrors.invalid(field, k, msg));
    total += encoder.encode(k).length + encoder.encode(str(v)).length;
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
    causes.push({
      reason: 'FieldValueTooLong',
      field,
      message: `Too long: may not be more than ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes`,
    });
  }
  return causes;
}

/** Each reference needs apiVersion (with a version), kind, name and uid; at most one controller. */
export function validateOwnerReferences(refs: unknown, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const controllers: string[] = [];
  for (const ref of objects(refs)) {
    const apiVersion = str(ref.apiVersion);
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
    // Upstream reports these under the list's path, not an indexed one.
    if (!version)
      causes.push(fieldErrors.invalid(`${field}.apiVersion`, apiVersion, 'version must not be empty'));
    if (!str(ref.kind))
      causes.push(fieldErrors.invalid(`${field}.kind`, str(ref.kind), 'kind must not be empty'));
    if (!str(ref.name))
      causes.push(fieldErrors.invalid(`${field}.name`, str(ref.name), 'name must not be empty'));
    if (!str(ref.uid))
      causes.push(fieldErrors.invalid(`${field}.uid`, str(ref.uid), 'uid must not be empty'));
    if (ref.controller === true) controllers.push(`${str(ref.kind)}/${str(ref.name)}`);
  }
  if (controllers.length > 1) {
    causes.push({
      reason: 'FieldValueInvalid',
      field,
      message: `Invalid value: ${JSON.stringify(refs)}: Only one reference can have Controller set to true. Found "true" in references for ${controllers.join(' and ')}`,
    });
  }
  return causes;
}

/** Finalizer names are qualified names; `orphan` and `foregroundDeletion` exclude each other. */
export function validateFinalizers(finalizers: unknown, field: string): StatusCause[] {
  if (!Array.isArray(finalizers)) return [];
  const causes: StatusCause[] = [];
  for (const f of finalizers) {
    for (const msg of isQualifiedName(str(f))) causes.push(fieldErrors.invalid(field, f, msg));
  }
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    causes.push({
      reason: 'FieldValueInvalid',
      field,
      message: `Invalid value: ${JSON.stringify(finalizers)}: finalizer orphan and foregroundDeletion cannot be both set`,
    });
  }
  return causes;
}
