import { describe, expect, it } from 'vitest';
import { errorFromBody } from './errors';

describe('errorFromBody', () => {
  it.each([
    [
      404,
      '{"kind":"Status","message":"statefulsets \\"x\\" not found","reason":"NotFound"}',
      'statefulsets "x" not found',
      'NotFound',
    ],
    [
      400,
      '{"error":"invalid_grant","error_description":"incorrect username or password"}',
      'incorrect username or password',
      'invalid_grant',
    ],
    [500, 'plain failure\n', 'plain failure', undefined],
    [403, '{"message":"forbidden"}', 'forbidden', undefined],
    [502, '', 'HTTP 502', undefined],
  ])('%i %s', (status, body, message, reason) => {
    const err = errorFromBody(status, body);
    expect(err.status).toBe(status);
    expect(err.message).toBe(message);
    expect(err.reason).toBe(reason);
  });
});
