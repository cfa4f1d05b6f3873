import { describe, expect, it } from 'vitest';
import {
  isCIdentifier,
  isDns1123Label,
  isDns1123Subdomain,
  isEnvVarName,
  isQualifiedName,
  isValidLabelValue,
  isValidPathSegmentName,
  validateObjectMetaName,
} from './names';

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('isDns1123Label', () => {
  it.each([
    ['web', []],
    ['a-1', []],
    ['1a', []],
    ['Web', [LABEL_MSG]],
    ['a.b', [LABEL_MSG]],
    ['-a', [LABEL_MSG]],
    ['', [LABEL_MSG]],
    ['a'.repeat(63), []],
    ['a'.repeat(64), ['must be no more than 63 characters']],
  ])('%j', (value, expected) => {
    expect(isDns1123Label(value)).toEqual(expected);
  });
});

describe('isDns1123Subdomain', () => {
  it.each([
    ['example.com', []],
    ['a', []],
    ['a..b', [SUBDOMAIN_MSG]],
    ['A', [SUBDOMAIN_MSG]],
    ['a_b', [SUBDOMAIN_MSG]],
    ['a'.repeat(254), ['must be no more than 253 characters']],
  ])('%j', (value, expected) => {
    expect(isDns1123Subdomain(value)).toEqual(expected);
  });
});

describe('isQualifiedName', () => {
  it.each([
    ['app', []],
    ['App_1.x', []],
    ['app.kubernetes.io/name', []],
    ['a/b/c', [expect.stringContaining('a qualified name must consist of')]],
    ['/name', ['prefix part must be non-empty']],
    ['Ex.com/name', [expect.stringContaining('prefix part a lowercase RFC 1123 subdomain')]],
    ['pre/', ['name part must be non-empty', NAME_PART_MSG]],
    ['_x', [NAME_PART_MSG]],
    ['a'.repeat(64), ['name part must be no more than 63 characters']],
  ])('%j', (value, expected) => {
    expect(isQualifiedName(value)).toEqual(expected);
  });
  it('words the three-part error like the apiserver', () => {
    expect(isQualifiedName('a/b/c')[0]).toBe(
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    );
  });
});

describe('other validators', () => {
  it.each([
    ['', 0],
    ['v1.2_x-Y', 0],
    ['-x', 1],
    ['a b', 1],
    ['a'.repeat(64), 1],
  ])('label value %j has %d problems', (value, count) => {
    expect(isValidLabelValue(value)).toHaveLength(count);
  });
  it.each([
    ['ok', []],
    ['.', ["may not be '.'"]],
    ['..', ["may not be '..'"]],
    ['a/b%c', ["may not contain '/'", "may not contain '%'"]],
    ['system:admin', []],
  ])('path segment %j', (value, expected) => {
    expect(isValidPathSegmentName(value)).toEqual(expected);
  });
  it.each([
    ['MY_VAR', 0],
    ['_x1', 0],
    ['1x', 1],
    ['a-b', 1],
  ])('C identifier %j has %d problems', (value, count) => {
    expect(isCIdentifier(value)).toHaveLength(count);
  });
  it.each([
    ['MY_VAR', []],
    ['my.env-name', []],
    ['1abc', []],
    ['', ['environment variable name must be non-empty']],
    [
      'A=B',
      ["a valid environment variable name must consist only of printable ASCII characters other than '='"],
    ],
    [
      'tab\there',
      ["a valid environment variable name must consist only of printable ASCII characters other than '='"],
    ],
  ])('env var name %j (relaxed rule of 1.32)', (value, expected) => {
    expect(isEnvVarName(value)).toEqual(expected);
  });
});

describe('validateObjectMetaName', () => {
  it.each([
    ['web', 'label', 0],
    ['web.x', 'label', 1],
    ['web.x', 'subdomain', 0],
    ['system:x', 'path', 0],
    ['ANY', 'none', 0],
  ] as const)('%j as %s', (name, format, count) => {
    expect(validateObjectMetaName(name, format)).toHaveLength(count);
  });
  it('accepts a trailing dash in generateName prefixes', () => {
    expect(validateObjectMetaName('web-', 'subdomain', true)).toEqual([]);
    expect(validateObjectMetaName('web-', 'subdomain')).toHaveLength(1);
  });
});
