/**
 * @module descriptor
 * The per-kind descriptor the generic list and detail pages are driven by.
 */
import type { ComponentType, ReactNode } from 'react';
import type { TFunction } from 'i18next';
import type { KubeObject } from '@sphere/shared';
import type { KindRef } from './kinds';
import type { StatusInfo } from './status';

export interface ColumnDef {
  key: string;
  /** i18n key of the header. */
  title: string;
  render: (obj: KubeObject, t: TFunction, lang: string) => ReactNode;
  /** v1alpha3 sortBy value when sortable. */
  sortBy?: string;
  width?: number;
}

/** A row/detail operation beyond edit-YAML and delete. */
export interface ExtraAction {
  key: string;
  /** i18n key of the label. */
  label: string;
  /** Permission action needed. */
  action: 'edit' | 'delete' | 'create';
  visible?: (obj: KubeObject) => boolean;
  /** The merge patch to send, computed from the object (clock injected). */
  patch?: (obj: KubeObject, now: Date) => unknown;
  /** Or a dialog that performs the action (Edit Labels, Taint Management...); lazy components welcome. */
  dialog?: ComponentType<ActionDialogProps>;
}

/** What an action dialog gets: the objects it acts on (one, or the batch selection). */
export interface ActionDialogProps {
  objects: KubeObject[];
  onClose: () => void;
  /** Called after a successful change (refreshes the list). */
  onDone: () => void;
}

export interface ResourceDescriptor {
  ref: KindRef;
  /** Route segment under the project (`routes` for ingresses, `volumes` for PVCs). */
  route: string;
  /** i18n keys */
  title: string;
  description: string;
  columns: ColumnDef[];
  status?: (obj: KubeObject) => StatusInfo;
  /** Values of the status filter (v1alpha3 `status=`). */
  statusFilters?: string[];
  defaultSort?: string;
  /** Wizard id when the kind has a create wizard. */
  wizard?: string;
  extraActions?: ExtraAction[];
  /** Actions on the selected rows (shown in the batch bar next to Delete); dialog actions. */
  batchActions?: ExtraAction[];
  /** Detail tabs in order. */
  tabs: DetailTab[];
}

export type DetailTab =
  | 'resource-status'
  | 'revisions'
  | 'pods'
  | 'events'
  | 'metadata'
  | 'yaml'
  | 'data'
  | 'rules'
  | 'logs'
  | 'terminal'
  | 'monitoring';
