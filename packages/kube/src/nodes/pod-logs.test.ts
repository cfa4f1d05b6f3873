import { describe, expect, it } from 'vitest';
import { mysqlVersion } from './pod-logs';

describe('mysqlVersion', () => {
  it.each([
    ['mysql:5.7', '5.7.44'],
    ['mysql:5.7.42', '5.7.44'],
    ['docker.io/library/mysql:5.6', '5.6.51'],
    ['mysql:8.4', '8.4.3'],
    ['mysql:8', '8.0.40'],
    ['mysql', '8.0.40'],
    ['mysql:latest', '8.0.40'],
    ['mysql@sha256:abc', '8.0.40'],
    ['registry:5000/mysql:5.7', '5.7.44'],
    ['registry:5000/mysql:8.4', '8.4.3'],
    ['registry:5000/mysql', '8.0.40'],
    ['mariadb:10.6', '10.11.10'],
    ['mariadb', '11.4.4'],
  ])('%s → %s', (image, version) => {
    expect(mysqlVersion(image)).toBe(version);
  });
});
