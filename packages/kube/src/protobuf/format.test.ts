import { describe, expect, it } from 'vitest';
import { formatDuration, formatMicroTime, formatTime } from './format';

describe('formatTime (Go metav1.Time JSON)', () => {
  it.each([
    [0n, 0n, '1970-01-01T00:00:00Z'],
    [1704067200n, 0n, '2024-01-01T00:00:00Z'],
    [1704067200n, 999_999_999n, '2024-01-01T00:00:00Z'],
    [1704067200n, 1_500_000_000n, '2024-01-01T00:00:01Z'],
    [-62167219200n, 0n, '0000-01-01T00:00:00Z'],
    [253402300799n, 0n, '9999-12-31T23:59:59Z'],
  ])('%s s + %s ns → %s', (seconds, nanos, expected) => {
    expect(formatTime(seconds, nanos)).toBe(expected);
  });

  it.each([[-62167219201n], [253402300800n]])('%s s is outside the years Go can print', (seconds) => {
    expect(() => formatTime(seconds, 0n)).toThrow(/outside the years/);
  });
});

describe('formatMicroTime (Go metav1.MicroTime JSON)', () => {
  it.each([
    [1704067200n, 0n, '2024-01-01T00:00:00.000000Z'],
    [1704067200n, 123_456_789n, '2024-01-01T00:00:00.123456Z'],
    [1704067200n, -1000n, '2023-12-31T23:59:59.999999Z'],
  ])('%s s + %s ns → %s', (seconds, nanos, expected) => {
    expect(formatMicroTime(seconds, nanos)).toBe(expected);
  });
});

describe('formatDuration (Go time.Duration.String)', () => {
  it.each([
    [0n, '0s'],
    [1n, '1ns'],
    [999n, '999ns'],
    [1500n, '1.5µs'],
    [1_000_000n, '1ms'],
    [300_000_000n, '300ms'],
    [1_000_000_000n, '1s'],
    [1_500_000_000n, '1.5s'],
    [90_000_000_000n, '1m30s'],
    [3_600_000_000_000n, '1h0m0s'],
    [3_661_000_000_001n, '1h1m1.000000001s'],
    [-2_000_000_000n, '-2s'],
    [9_223_372_036_854_775_807n, '2562047h47m16.854775807s'],
  ])('%s ns → %s', (ns, expected) => {
    expect(formatDuration(ns)).toBe(expected);
  });
});
