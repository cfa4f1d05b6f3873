/**
 * @module pipeline/pipeline
 * Assembles the request pipeline from its steps and routes subresources.
 */
import { errors } from '@sphere/shared';
import type { PipelineDeps } from './deps';
import { createObject } from './create';
import { deleteCollection, deleteObject } from './delete';
import { patchObject } from './patch';
import { bindPod, evictPod, finalizeNamespace } from './pod-subresources';
import { getObject, listObjects } from './read';
import { patchScale, updateScale } from './scale';
import type { ApiPipeline } from './types';
import { updateObject } from './update';
import { watchObjects } from './watch';

/** Subresources that share the main resource's read path. */
const readableSubresources = new Set(['', 'status', 'scale']);

export function createPipeline(deps: PipelineDeps): ApiPipeline {
  return {
    async get(ctx, target) {
      if (!readableSubresources.has(target.subresource ?? ''))
        throw errors.methodNotAllowed(`get is not supported on ${target.resource}/${target.subresource}`);
      return getObject(deps, ctx, target);
    },
    async list(ctx, target, query) {
      return listObjects(deps, ctx, target, query);
    },
    watch(ctx, target, query, onEvent, onClose) {
      return watchObjects(deps, ctx, target, query, onEvent, onClose);
    },
    async create(ctx, target, body, options) {
      switch (target.subresource ?? '') {
        case '':
          return createObject(deps, ctx, { ...target, name: undefined }, body, options);
        case 'binding':
          return bindPod(deps, ctx, target, body);
        case 'eviction':
          return evictPod(deps, ctx, target, body);
        default:
          throw errors.methodNotAllowed(
            `create is not supported on ${target.resource}/${target.subresource}`,
          );
      }
    },
    async update(ctx, target, body, options) {
      switch (target.subresource ?? '') {
        case 'scale':
          return updateScale(deps, ctx, target, body, options);
        case 'finalize':
          return finalizeNamespace(deps, ctx, target, body);
        case '':
        case 'status':
          return updateObject(deps, ctx, target, body, options);
        default:
          throw errors.methodNotAllowed(
            `update is not supported on ${target.resource}/${target.subresource}`,
          );
      }
    },
    async patch(ctx, target, patchType, patch, options) {
      switch (target.subresource ?? '') {
        case 'scale':
          return patchScale(deps, ctx, target, patchType, patch, options);
        case '':
        case 'status':
          return patchObject(deps, ctx, target, patchType, patch, options);
        default:
          throw errors.methodNotAllowed(`patch is not supported on ${target.resource}/${target.subresource}`);
      }
    },
    async delete(ctx, target, options) {
      if (target.subresource)
        throw errors.methodNotAllowed(`delete is not supported on ${target.resource}/${target.subresource}`);
      return deleteObject(deps, ctx, target, options);
    },
    async deleteCollection(ctx, target, query, options) {
      return deleteCollection(deps, ctx, target, query, options);
    },
  };
}
