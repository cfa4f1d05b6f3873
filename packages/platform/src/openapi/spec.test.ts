import { describe, expect, it } from 'vitest';
import { Router } from '../router';
import { openApiDocument } from './spec';

const handler = async () => ({});

describe('openApiDocument', () => {
  const router = new Router();
  router.addAll([
    {
      method: 'GET',
      pattern: '/kapis/iam.kubesphere.io/v1alpha2/users',
      handler,
      tag: 'Users',
      summary: 'List users',
    },
    {
      method: 'POST',
      pattern: '/kapis/iam.kubesphere.io/v1alpha2/users',
      handler,
      tag: 'Users',
      summary: 'Create a user',
    },
    {
      method: 'GET',
      pattern: '/kapis/iam.kubesphere.io/v1alpha2/users/:name',
      handler,
      tag: 'Users',
      summary: 'Get a user',
    },
    {
      method: 'PUT',
      pattern: '/kapis/iam.kubesphere.io/v1alpha2/users/:name/password',
      handler,
      tag: 'Users',
      summary: 'Change a password',
    },
  ]);
  const doc = openApiDocument(router.routes) as {
    paths: Record<
      string,
      Record<
        string,
        { operationId: string; parameters?: { name: string; in: string }[]; requestBody?: unknown }
      >
    >;
  };

  it('turns :params into {params} declared as path parameters', () => {
    const op = doc.paths['/kapis/iam.kubesphere.io/v1alpha2/users/{name}/password'].put;
    expect(op.parameters).toEqual([expect.objectContaining({ name: 'name', in: 'path' })]);
    expect(op.requestBody).toBeDefined();
  });

  it('gives list operations the v1alpha3 query parameters', () => {
    const names = doc.paths['/kapis/iam.kubesphere.io/v1alpha2/users'].get.parameters!.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['name', 'label', 'sortBy', 'ascending', 'page', 'limit']));
  });

  it('has unique operation ids and documents the OAuth endpoints', () => {
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths['/oauth/token'].post).toBeDefined();
  });
});
