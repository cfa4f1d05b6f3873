// Writes manifests/crds.yaml from the CRD definitions: `npx tsx packages/platform/src/crds/write-manifest.ts`.
import fs from 'node:fs';
import path from 'node:path';
import { crdManifest } from './manifest';

fs.writeFileSync(path.join(import.meta.dirname, '../../manifests/crds.yaml'), crdManifest());
