/**
 * @module pipeline/patch
 * PATCH in its four flavours. The patch is applied to the current object in the served version and the
 * result goes through the same commit as an update; server-side apply may also create.
 */
import { errors, type KubeObject } from '@sphere/shared';
import type { PipelineDeps } from './deps';
import { assignCreateMeta, checkNamespaceMatches, checkTypeMeta, commitCreate } from './create';
import { fromStorage, resolve, type Resolved } from './resolve';
import type { PatchType, RequestContext, Target, WriteOptions, WriteResult } from './types';
import { commitUpdate, parseResourceVersion } from './update';
import { clone } from './util';
import { checkUnknownFields, defaultAdmitValidate, fieldManagerOf } from './write';

export async function patchObject(
  deps: PipelineDeps,
  ctx: RequestContext,
  target: Target,
  patchType: PatchType,
  patch: unknown,
  options: WriteOptions = {},
): Promise<WriteResult> {
  const r = resolve(deps.registry, target, 'patch');
  const d = r.descriptor;
  const sub = target.subresource ?? '';
  const name = target.name ?? '';
  if (patchType === 'strategic' && !d.strategicMerge) {
    throw errors.unsupportedPatchType([
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/apply-patch+yaml',
    ]);
  }
  if (patchType !== 'json' && (typeof patch !== 'object' || patch === null || Array.isArray(patch))) {
    throw errors.badRequest('the body of the request must be a JSON or YAML object');
  }
  if (patchType === 'apply' && options.fieldManager === undefined) {
    throw errors.invalid('PatchOptions', 'meta.k8s.io', '', [
      {
        reason: 'FieldValueRequired',
        field: 'fieldManager',
        message: 'Required value: is required for apply patch',
      },
    ]);
  }
  const stored = deps.store.get(r.storageKey, r.namespace, name);
  if (!stored) {
    if (patchType === 'apply' && !sub) return applyCreate(deps, ctx, r, name, patch as KubeObject, options);
    throw errors.notFound(d.plural, d.group, name);
  }
  const current = fromStorage(d, stored);
  const schema = deps.schema.schemaFor(d);
  let next: KubeObject;
  let warnings: string[] = [];
  let managedFieldsDone = false;
  switch (patchType) {
    case 'json':
      next = deps.patch.json(current, patch);
      break;
    case 'merge':
      next = deps.patch.merge(current, patch);
      break;
    case 'strategic':
      next = deps.patch.strategic(current, patch, schema);
      break;
    case 'apply': {
      const applied = clone(patch as KubeObject);
      checkTypeMeta(r, applied);
      warnings = checkUnknownFields(deps, d, applied, options.fieldValidation);
      next = deps.patch.apply({
        live: current,
        applied,
        manager: options.fieldManager ?? '',
        force: !!options.force,
        schema,
        now: (deps.now ?? (() => new Date()))(),
        apiVersion: current.apiVersion ?? '',
        subresource: sub || undefined,
        // Main-resource writes reset status and status writes reset the rest: nobody may own those.
        ignoredFields: sub === 'status' ? [['f:spec']] : d.hasStatus ? [['f:status']] : undefined,
      });
      managedFieldsDone = true;
      break;
    }
  }
  if (patchType !== 'apply') warnings = checkUnknownFields(deps, d, next, options.fieldValidation);
  checkPatchedIdentity(r, current, next);
  // A patch that sets metadata.resourceVersion makes it a precondition; one that removes it does not.
  const expected =
    next.metadata.resourceVersion && next.metadata.resourceVersion !== current.metadata.resourceVersion
      ? parseResourceVersion(next.metadata.resourceVersion)
      : undefined;
  return commitUpdate({
    deps,
    ctx,
    r,
    subresource: sub,
    current,
    next,
    expectedRevision: expected,
    options,
    warnings,
    managedFieldsDone,
  });
}

function checkPatchedIdentity(r: Resolved, current: KubeObject, next: KubeObject): void {
  if (
    typeof next !== 'object' ||
    next === null ||
    typeof next.metadata !== 'object' ||
    next.metadata === null
  ) {
    throw errors.badRequest('the patch produced an object without metadata');
  }
  if (next.apiVersion !== current.apiVersion || next.kind !== current.kind) {
    throw errors.badRequest(
      `the patch may not change the kind or apiVersion of ${r.descriptor.kind} "${current.metadata.name}"`,
    );
  }
  if (next.metadata.name !== current.metadata.name) {
    throw errors.badRequest(
      `the name of the object (${String(next.metadata.name)}) does not match the name on the URL (${current.metadata.name})`,
    );
  }
  checkNamespaceMatches(r, next);
}

/** Server-side apply of an object that does not exist yet: a create recorded as an Apply. */
async function applyCreate(
  deps: PipelineDeps,
  ctx: RequestContext,
  r: Resolved,
  name: string,
  applied: KubeObject,
  options: WriteOptions,
): Promise<WriteResult> {
  const d = r.descriptor;
  const body = clone(applied);
  checkTypeMeta(r, body);
  checkNamespaceMatches(r, body);
  if (body.metadata.name && body.metadata.name !== name) {
    throw errors.badRequest(
      `the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  body.metadata.name = name;
  const warnings = checkUnknownFields(deps, d, body, options.fieldValidation);
  const now = (deps.now ?? (() => new Date()))();
  const obj = deps.patch.apply({
    live: undefined,
    applied: body,
    manager: fieldManagerOf(options, ctx.userAgent),
    force: !!options.force,
    schema: deps.schema.schemaFor(d),
    now,
    apiVersion: body.apiVersion ?? '',
  });
  assignCreateMeta(deps, obj, now);
  if (d.custom) {
    const schema = deps.schema.schemaFor(d);
    if (schema) {
      deps.schema.prune(obj, schema);
      deps.schema.applyDefaults(obj, schema);
    }
  }
  d.prepareForCreate?.(obj, { now, operation: 'create', subresource: '' });
  await defaultAdmitValidate({
    deps,
    descriptor: d,
    operation: 'create',
    subresource: '',
    obj,
    user: ctx.user,
    dryRun: !!options.dryRun,
    now,
  });
  return { object: commitCreate(deps, r, obj, !!options.dryRun), code: 201, warnings };
}
