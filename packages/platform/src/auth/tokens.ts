/**
 * @module auth/tokens
 * JWT access and refresh tokens (HS256, jose). The signing key lives in a Secret in the cluster, created
 * once, so every replica signs and verifies with the same key. Revocation is cluster state too: logging
 * out stamps the User with `iam.kubesphere.io/tokens-revoked-before`, and tokens issued (at millisecond
 * precision) before that instant are refused by every replica.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { StatusError, errors, type KubeObject } from '@sphere/shared';
import type { KubeClient } from '../kube/client';
import { types } from '../kube/resources';

export const PLATFORM_NAMESPACE = 'kubesphere-system';
export const SIGNING_SECRET = 'sphere-platform-jwt';
const ISSUER = 'sphere';

export type TokenType = 'access_token' | 'refresh_token';

export interface TokenClaims {
  username: string;
  tokenType: TokenType;
  /** Issue time in milliseconds (finer than `iat`, so a logout and a new login in one second are ordered). */
  issuedAtMs: number;
  uninitialized: boolean;
}

export interface TokenIssuer {
  issue(username: string, type: TokenType, ttlSeconds: number, uninitialized: boolean): Promise<string>;
  /** Verifies signature, issuer and expiry; throws 401 with a clear message otherwise. */
  verify(token: string): Promise<TokenClaims>;
}

/** Creates the issuer over a raw key; `now` is the injected clock. */
export function tokenIssuer(key: Uint8Array, now: () => Date): TokenIssuer {
  return {
    async issue(username, type, ttlSeconds, uninitialized) {
      const nowMs = now().getTime();
      const iat = Math.floor(nowMs / 1000);
      return new SignJWT({
        username,
        token_type: type,
        iat_ms: nowMs,
        extra: { uninitialized: uninitialized ? ['true'] : [] },
      })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(ISSUER)
        .setSubject(username)
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttlSeconds)
        .setJti(randomUUID())
        .sign(key);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          algorithms: ['HS256'],
          currentDate: now(),
          clockTolerance: 10,
        });
        const username = payload.username;
        const type = payload.token_type;
        if (typeof username !== 'string' || (type !== 'access_token' && type !== 'refresh_token')) {
          throw errors.unauthorized('invalid token: missing claims');
        }
        const extra = (payload.extra ?? {}) as { uninitialized?: string[] };
        return {
          username,
          tokenType: type,
          issuedAtMs: typeof payload.iat_ms === 'number' ? payload.iat_ms : (payload.iat ?? 0) * 1000,
          uninitialized: extra.uninitialized?.[0] === 'true',
        };
      } catch (err) {
        if (err instanceof StatusError) throw err;
        if (err instanceof joseErrors.JWTExpired) throw errors.unauthorized('token expired');
        if (err instanceof joseErrors.JWSSignatureVerificationFailed)
          throw errors.unauthorized('invalid token: bad signature');
        throw errors.unauthorized(`invalid token: ${(err as Error).message}`);
      }
    },
  };
}

/** Reads the shared signing key from the cluster, creating it on first start (a racing peer's key wins). */
export async function loadSigningKey(client: KubeClient): Promise<Uint8Array> {
  await client.createIfAbsent(types.namespaces, { metadata: { name: PLATFORM_NAMESPACE } });
  const read = async () => {
    const secret = await client.find<KubeObject & { data?: Record<string, string> }>(
      types.secrets,
      SIGNING_SECRET,
      PLATFORM_NAMESPACE,
    );
    return secret?.data?.key ? new Uint8Array(Buffer.from(secret.data.key, 'base64')) : undefined;
  };
  const existing = await read();
  if (existing) return existing;
  await client.createIfAbsent(types.secrets, {
    metadata: { name: SIGNING_SECRET, namespace: PLATFORM_NAMESPACE },
    type: 'Opaque',
    data: { key: randomBytes(32).toString('base64') },
  });
  const key = await read();
  if (!key) throw new Error('signing key secret has no key');
  return key;
}
