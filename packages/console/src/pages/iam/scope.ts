import { useParams } from 'react-router-dom';
import type { Scope } from '../../api/iam';

export type ScopeKind = Scope['kind'];

/** The IAM scope of the current route. */
export function useScope(kind: ScopeKind): Scope {
  const { workspace = '', namespace = '' } = useParams();
  if (kind === 'workspace') return { kind, workspace };
  if (kind === 'namespace') return { kind, namespace };
  return { kind: 'global' };
}
