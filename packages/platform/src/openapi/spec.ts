/**
 * @module openapi/spec
 * The OpenAPI 3 description of the platform API, generated from the route table (so it cannot drift from
 * what is served), plus the OAuth endpoints. Served at `/kapis/openapi/v3`; `/api-docs` renders it.
 */
import type { Route } from '../router';

interface Operation {
  tags: string[];
  summary: string;
  operationId: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  security?: unknown[];
}

const statusRef = { $ref: '#/components/schemas/Status' };
const errorResponses = {
  '400': { description: 'Bad request (Status)', content: { 'application/json': { schema: statusRef } } },
  '401': {
    description: 'Missing, malformed, expired or revoked token (Status)',
    content: { 'application/json': { schema: statusRef } },
  },
  '403': {
    description: 'Forbidden: names the user, verb and resource (Status)',
    content: { 'application/json': { schema: statusRef } },
  },
  '404': { description: 'Not found (Status)', content: { 'application/json': { schema: statusRef } } },
};

const listParams = ['name', 'label', 'labelSelector', 'status', 'sortBy', 'ascending', 'page', 'limit'].map(
  (name) => ({
    name,
    in: 'query',
    required: false,
    schema: {
      type: name === 'page' || name === 'limit' ? 'integer' : name === 'ascending' ? 'boolean' : 'string',
    },
  }),
);

export function openApiDocument(routes: Route[], version = '0.1.0'): Record<string, unknown> {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const r of routes) {
    const path = r.pattern.replace(/:([A-Za-z]+)/g, '{$1}');
    const params = [...r.pattern.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const isList = r.list ?? (r.method === 'GET' && !/:([A-Za-z]+)$/.test(r.pattern));
    const op: Operation = {
      tags: [r.tag ?? 'Other'],
      summary: r.summary ?? '',
      operationId: `${r.method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      parameters: isList ? [...params, ...listParams] : params,
      responses: {
        '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } },
        ...errorResponses,
      },
      security: [{ bearer: [] }],
    };
    if (['POST', 'PUT', 'PATCH'].includes(r.method)) {
      op.requestBody = { required: true, content: { 'application/json': { schema: { type: 'object' } } } };
      if (r.method === 'POST') op.responses['201'] = { description: 'Created' };
    }
    (paths[path] ??= {})[r.method.toLowerCase()] = op;
  }
  paths['/oauth/token'] = {
    post: {
      tags: ['Authentication'],
      summary:
        'Obtain tokens: grant_type=password (username, password) or grant_type=refresh_token (refresh_token)',
      operationId: 'oauthToken',
      requestBody: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: {
              type: 'object',
              properties: {
                grant_type: { type: 'string', enum: ['password', 'refresh_token'] },
                username: { type: 'string' },
                password: { type: 'string' },
                refresh_token: { type: 'string' },
              },
              required: ['grant_type'],
            },
          },
        },
      },
      responses: {
        '200': {
          description: 'Tokens',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Token' } } },
        },
        '400': {
          description: '{error: invalid_grant | invalid_request | unsupported_grant_type, error_description}',
        },
        '429': { description: 'Account locked after repeated failed logins' },
      },
    },
  };
  paths['/oauth/logout'] = {
    post: {
      tags: ['Authentication'],
      summary: 'Revoke every token of the caller (all replicas)',
      operationId: 'oauthLogout',
      responses: { '200': { description: 'Logged out' }, '401': errorResponses['401'] },
      security: [{ bearer: [] }],
    },
  };
  paths['/api/{path}'] = {
    get: {
      tags: ['Kubernetes API'],
      summary:
        'The Kubernetes API (/api/* and /apis/*), proxied after tenant authorization; lists and watches narrowed to what the caller may see',
      operationId: 'kubernetesProxy',
      parameters: [{ name: 'path', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { '200': { description: 'As the Kubernetes API' }, ...errorResponses },
      security: [{ bearer: [] }],
    },
  };
  return {
    openapi: '3.0.3',
    info: {
      title: 'Sphere platform API',
      version,
      description:
        'KubeSphere-compatible platform API: IAM, tenants, resource lists, audit. Obtain a token with POST /oauth/token and send it as "Authorization: Bearer <token>".',
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Status: {
          type: 'object',
          properties: {
            kind: { type: 'string', example: 'Status' },
            apiVersion: { type: 'string' },
            status: { type: 'string' },
            message: { type: 'string' },
            reason: { type: 'string' },
            code: { type: 'integer' },
            details: { type: 'object' },
          },
        },
        Token: {
          type: 'object',
          properties: {
            access_token: { type: 'string' },
            token_type: { type: 'string' },
            refresh_token: { type: 'string' },
            expires_in: { type: 'integer' },
            uninitialized: { type: 'boolean' },
          },
        },
      },
    },
  };
}
