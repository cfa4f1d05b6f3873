import { lazy, Suspense } from 'react';
import { Spin } from 'antd';
import type { YamlEditorProps } from './YamlEditor';

const Editor = lazy(() => import('./YamlEditor'));

/** The YAML editor behind a lazy import boundary. */
export function LazyYamlEditor(props: YamlEditorProps) {
  return (
    <Suspense fallback={<Spin />}>
      <Editor {...props} />
    </Suspense>
  );
}
