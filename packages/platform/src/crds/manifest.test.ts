import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { crdManifest } from './manifest';

const file = path.join(import.meta.dirname, '../../manifests/crds.yaml');

describe('CRD manifest', () => {
  it('the checked-in manifest matches the definitions (regenerate with src/crds/write-manifest.ts)', () => {
    const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as unknown);
    expect(docs(fs.readFileSync(file, 'utf8'))).toEqual(docs(crdManifest()));
  });

  it('declares the kinds of the data model', () => {
    const kinds = parseAllDocuments(crdManifest()).map(
      (d) => (d.toJS() as { spec: { names: { kind: string } } }).spec.names.kind,
    );
    expect(kinds.sort()).toEqual(
      [
        'GlobalRole',
        'GlobalRoleBinding',
        'LoginRecord',
        'RoleBase',
        'User',
        'Workspace',
        'WorkspaceRole',
        'WorkspaceRoleBinding',
        'WorkspaceTemplate',
        'ResourceQuota',
      ].sort(),
    );
  });
});
