/**
 * @module registry/verify
 * `POST /kapis/resources.kubesphere.io/v1alpha2/registry/verify {serverhost, username, password}`: does
 * an image registry accept these credentials? (KubeSphere's "Test connection" of an image registry
 * Secret.) The platform calls the registry's `/v2/` endpoint with HTTP basic auth, following the
 * Bearer-token challenge as `docker login` does, with a short timeout. Invalid input is a 400 Status;
 * every verification outcome is a 200 answer `{verified, reason, message, endpoint, statusCode?}`, so a
 * rejected registry login is never confused with the caller's own session expiring (401).
 */
import http from 'node:http';
import https from 'node:https';
import { errors, fieldErrors, type StatusCause } from '@sphere/shared';
import { asObject } from '../http';
import type { Route } from '../router';

export const REGISTRY_VERIFY_PATH = '/kapis/resources.kubesphere.io/v1alpha2/registry/verify';

export type VerifyReason = 'Verified' | 'AuthenticationFailed' | 'Unreachable' | 'UnexpectedResponse';

export interface VerifyResult {
  verified: boolean;
  reason: VerifyReason;
  message: string;
  /** The URL that was tried. */
  endpoint: string;
  /** HTTP status the registry answered with, when it answered. */
  statusCode?: number;
}

export interface VerifyInput {
  serverhost: string;
  username: string;
  password: string;
}

export interface VerifyOptions {
  /** Per-request timeout (default 5 s). */
  timeoutMs?: number;
  /** Extra CA certificates (PEM) to trust besides the system ones (tests, private registries). */
  ca?: string;
}

/** `host[:port][/path]` with an optional http(s) scheme. */
const HOST =
  /^(https?:\/\/)?([a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?|\[[0-9a-fA-F:]+\])(:\d{1,5})?(\/[^\s?#]*)?$/;

/** Checks the body; 400 Status naming every missing or malformed field. */
export function parseVerifyInput(body: unknown): VerifyInput {
  const o = asObject(body);
  const causes: StatusCause[] = [];
  for (const f of ['serverhost', 'username', 'password'] as const) {
    if (typeof o[f] !== 'string' || !(o[f] as string).trim()) causes.push(fieldErrors.required(f));
  }
  const host = typeof o.serverhost === 'string' ? o.serverhost.trim() : '';
  if (host && !HOST.test(host))
    causes.push(
      fieldErrors.invalid('serverhost', host, 'must be a registry host such as harbor.example.com:8443'),
    );
  if (causes.length)
    throw errors.badRequest(
      `invalid registry verification request: ${causes.map((c) => `${c.field}: ${c.message}`).join('; ')}`,
      causes,
    );
  return { serverhost: host, username: (o.username as string).trim(), password: o.password as string };
}

/** The `/v2/` URL of a registry address (HTTPS unless the address says http://; Docker Hub mapped). */
export function registryEndpoint(serverhost: string): URL {
  const withScheme = /^https?:\/\//.test(serverhost) ? serverhost : `https://${serverhost}`;
  const url = new URL(withScheme);
  if (['docker.io', 'index.docker.io', 'registry.hub.docker.com'].includes(url.hostname)) {
    url.hostname = 'registry-1.docker.io';
  }
  url.pathname = '/v2/';
  url.search = '';
  return url;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
}

function get(url: URL, headers: Record<string, string>, opts: VerifyOptions): Promise<Answer> {
  const timeout = opts.timeoutMs ?? 5000;
  return new Promise((resolve, reject) => {
    const lib = url.protocol === 'http:' ? http : https;
    const req = lib.request(
      url,
      {
        method: 'GET',
        headers: { 'user-agent': 'sphere-platform', ...headers },
        timeout,
        ...(opts.ca ? { ca: opts.ca } : {}),
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeout} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** Parses `Bearer realm="…",service="…",scope="…"`. */
export function parseBearerChallenge(header: string | undefined): Record<string, string> | undefined {
  if (!header || !/^bearer\s/i.test(header)) return undefined;
  const out: Record<string, string> = {};
  for (const m of header.slice(7).matchAll(/([a-zA-Z]+)="([^"]*)"/g)) out[m[1].toLowerCase()] = m[2];
  return out.realm ? out : undefined;
}

const authFailed = (endpoint: string, statusCode: number): VerifyResult => ({
  verified: false,
  reason: 'AuthenticationFailed',
  message: `authentication failed: the registry rejected the username or password (HTTP ${statusCode})`,
  endpoint,
  statusCode,
});

/** Tries the credentials against the registry. Never throws for registry-side problems. */
export async function verifyRegistry(input: VerifyInput, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const url = registryEndpoint(input.serverhost);
  const endpoint = url.toString();
  const basic = `Basic ${Buffer.from(`${input.username}:${input.password}`).toString('base64')}`;
  try {
    const first = await get(url, { authorization: basic }, opts);
    if (first.status === 200)
      return { verified: true, reason: 'Verified', message: 'login succeeded', endpoint, statusCode: 200 };
    const challenge =
      first.status === 401 ? parseBearerChallenge(first.headers['www-authenticate'] as string) : undefined;
    if (challenge) {
      // Token registries (Docker Hub, Harbor): the credentials are checked by the token service.
      const realm = new URL(challenge.realm);
      if (realm.protocol !== 'https:' && realm.protocol !== 'http:')
        throw new Error('unsupported token realm');
      if (challenge.service) realm.searchParams.set('service', challenge.service);
      realm.searchParams.set('account', input.username);
      const token = await get(realm, { authorization: basic }, opts);
      if (token.status === 200)
        return { verified: true, reason: 'Verified', message: 'login succeeded', endpoint, statusCode: 200 };
      if (token.status === 401 || token.status === 403) return authFailed(endpoint, token.status);
      return {
        verified: false,
        reason: 'UnexpectedResponse',
        message: `the registry's token service answered HTTP ${token.status}`,
        endpoint,
        statusCode: token.status,
      };
    }
    if (first.status === 401 || first.status === 403) return authFailed(endpoint, first.status);
    return {
      verified: false,
      reason: 'UnexpectedResponse',
      message: `${endpoint} answered HTTP ${first.status}; is this a Docker registry (API v2)?`,
      endpoint,
      statusCode: first.status,
    };
  } catch (err) {
    return {
      verified: false,
      reason: 'Unreachable',
      message: `registry unreachable: ${(err as Error).message}`,
      endpoint,
    };
  }
}

/** The route; any signed-in user may test credentials (KubeSphere grants `registry create` to everyone). */
export function registryRoutes(opts: VerifyOptions = {}): Route[] {
  return [
    {
      method: 'POST',
      pattern: REGISTRY_VERIFY_PATH,
      tag: 'Image registries',
      authz: 'handler',
      summary:
        'Test image registry credentials {serverhost, username, password}: GET <registry>/v2/ with basic auth (5 s timeout) → {verified, reason: Verified|AuthenticationFailed|Unreachable|UnexpectedResponse, message, endpoint}',
      handler: async (ctx) => verifyRegistry(parseVerifyInput(await ctx.json()), opts),
    },
  ];
}
