import { describe, expect, it } from 'vitest';
import {
  canonicalizeQuantity,
  compareQuantities,
  formatQuantity,
  isValidQuantity,
  parseQuantity,
  quantityMilliValue,
  sumQuantities,
} from './quantity';

describe('parseQuantity', () => {
  it.each([
    ['500m', 0.5],
    ['1', 1],
    ['1Gi', 1073741824],
    ['1Ki', 1024],
    ['1.5Gi', 1610612736],
    ['1e3', 1000],
    ['1E3', 1000],
    ['2k', 2000],
    ['1M', 1e6],
    ['100n', 1e-7],
    ['-1.5', -1.5],
    ['.5', 0.5],
    ['5.', 5],
    ['+3', 3],
    [2, 2],
    [0.25, 0.25],
  ])('%j → %d', (input, expected) => {
    expect(parseQuantity(input)).toBeCloseTo(expected, 12);
  });

  it.each([
    ['', "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['abc', 'quantities must match the regular expression'],
    ['1.2.3', 'quantities must match'],
    ['1Zi', 'quantities must match'],
    [' 1', 'quantities must match'],
    ['1KiB', 'quantities must match'],
    ['5e', "unable to parse quantity's suffix"],
    ['1mm', "unable to parse quantity's suffix"],
  ])('rejects %j', (input, message) => {
    expect(() => parseQuantity(input)).toThrow(message);
    expect(isValidQuantity(input)).toBe(false);
  });

  it('validates only strings and numbers', () => {
    expect(isValidQuantity('100Mi')).toBe(true);
    expect(isValidQuantity(3)).toBe(true);
    expect(isValidQuantity(Number.NaN)).toBe(false);
    expect(isValidQuantity({})).toBe(false);
  });
});

describe('canonicalizeQuantity', () => {
  it.each([
    ['500m', '500m'],
    ['0.5', '500m'],
    ['1.5', '1500m'],
    ['1000', '1k'],
    ['1500', '1500'],
    ['1000m', '1'],
    ['0', '0'],
    ['0Gi', '0'],
    ['1Gi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['1024Mi', '1Gi'],
    ['2000Mi', '2000Mi'],
    ['0.5Ki', '512'],
    ['1e3', '1e3'],
    ['1E3', '1e3'],
    ['12e6', '12e6'],
    ['0.1', '100m'],
    ['0.0000000001', '1n'],
    ['1.0000000001', '1000000001n'],
    ['-1.5', '-1500m'],
    ['1000E', '1e21'],
    [1, '1'],
    [0.25, '250m'],
  ])('%j → %j', (input, expected) => {
    expect(canonicalizeQuantity(input)).toBe(expected);
  });
});

describe('formatQuantity', () => {
  it.each([
    [0.5, 'DecimalSI', '500m'],
    [1073741824, 'BinarySI', '1Gi'],
    [1073741824, 'DecimalSI', '1073741824'],
    [1536, 'BinarySI', '1536'],
    [100, 'BinarySI', '100'],
    [0.3, 'DecimalSI', '300m'],
    [2e9, 'DecimalSI', '2G'],
    [1e25, 'DecimalSI', '10e24'],
    [0, 'BinarySI', '0'],
    [1000, 'DecimalExponent', '1e3'],
  ] as const)('%d as %s → %s', (value, format, expected) => {
    expect(formatQuantity(value, format)).toBe(expected);
  });
});

describe('comparisons', () => {
  it.each([
    ['500m', '0.5', 0],
    ['1Gi', '1G', 1],
    ['100m', '1', -1],
    ['1Ki', 1024, 0],
  ] as const)('compare(%j, %j) = %d', (a, b, expected) => {
    expect(compareQuantities(a, b)).toBe(expected);
  });
  it('computes milli values rounding up', () => {
    expect(quantityMilliValue('1.5')).toBe(1500);
    expect(quantityMilliValue('1n')).toBe(1);
  });
});

describe('sumQuantities', () => {
  it.each([
    [[], '0'],
    [['500m', '1.5'], '2'],
    [['1Gi', '512Mi'], '1536Mi'],
    [['100m', 1], '1100m'],
  ] as const)('%j → %s', (values, expected) => {
    expect(sumQuantities([...values])).toBe(expected);
  });
});
