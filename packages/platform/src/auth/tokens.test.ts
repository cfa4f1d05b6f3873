import { describe, expect, it } from 'vitest';
import { tokenIssuer } from './tokens';

const key = new Uint8Array(32).fill(7);

describe('token issuer', () => {
  it('issues tokens that verify with their claims', async () => {
    const now = () => new Date('2026-01-01T00:00:00.250Z');
    const issuer = tokenIssuer(key, now);
    const token = await issuer.issue('alice', 'access_token', 60, true);
    expect(await issuer.verify(token)).toEqual({
      username: 'alice',
      tokenType: 'access_token',
      issuedAtMs: Date.parse('2026-01-01T00:00:00.250Z'),
      uninitialized: true,
    });
  });

  it.each([
    [
      'expired',
      async () => {
        let t = Date.parse('2026-01-01T00:00:00Z');
        const issuer = tokenIssuer(key, () => new Date(t));
        const token = await issuer.issue('a', 'access_token', 60, false);
        t += 3600_000;
        return issuer.verify(token);
      },
      'token expired',
    ],
    [
      'signed with another key',
      async () => {
        const token = await tokenIssuer(new Uint8Array(32).fill(1), () => new Date()).issue(
          'a',
          'access_token',
          60,
          false,
        );
        return tokenIssuer(key, () => new Date()).verify(token);
      },
      'invalid token: bad signature',
    ],
    ['malformed', async () => tokenIssuer(key, () => new Date()).verify('not.a.jwt'), 'invalid token'],
  ])('rejects a token %s with 401', async (_name, run, message) => {
    await expect(run()).rejects.toMatchObject({ code: 401, message: expect.stringContaining(message) });
  });
});
