/**
 * @module ListToolbar
 * Search box (chips: name / status / label), status filter, refresh and create buttons.
 */
import { useState } from 'react';
import { Button, Input, Select, Space, Tag, Tooltip } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { applySearchToken, type ListState } from './list-state';

export interface ListToolbarProps {
  state: ListState;
  onChange: (state: ListState) => void;
  statusFilters?: string[];
  onRefresh: () => void;
  onCreate?: () => void;
  connection?: 'live' | 'reconnecting' | 'off';
}

/** Toolbar above a resource table. */
export function ListToolbar({
  state,
  onChange,
  statusFilters,
  onRefresh,
  onCreate,
  connection,
}: ListToolbarProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const chips = (['name', 'status', 'label'] as const).filter((k) => state[k]);
  return (
    <div style={{ display: 'flex', gap: 8, marginBottom: 12, flexWrap: 'wrap', alignItems: 'center' }}>
      <Input.Search
        style={{ maxWidth: 360 }}
        placeholder={t('SEARCH_PLACEHOLDER')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => {
          onChange(applySearchToken(state, v));
          setText('');
        }}
        allowClear
        aria-label={t('SEARCH')}
      />
      {statusFilters && (
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t('STATUS')}
          value={state.status}
          onChange={(v: string | undefined) => onChange({ ...state, status: v, page: 1 })}
          options={statusFilters.map((s) => ({ value: s, label: t(s.toUpperCase()) }))}
          aria-label={t('STATUS')}
        />
      )}
      <Space size={4} wrap>
        {chips.map((k) => (
          <Tag key={k} closable onClose={() => onChange({ ...state, [k]: undefined, page: 1 })}>
            {t(k.toUpperCase())}: {state[k]}
          </Tag>
        ))}
      </Space>
      <span style={{ flex: 1 }} />
      {connection && connection !== 'off' && (
        <Tag color={connection === 'live' ? 'green' : 'orange'}>
          {t(connection === 'live' ? 'LIVE' : 'RECONNECTING')}
        </Tag>
      )}
      <Tooltip title={t('REFRESH')}>
        <Button icon={<ReloadOutlined />} onClick={onRefresh} aria-label={t('REFRESH')} />
      </Tooltip>
      {onCreate && (
        <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid="create-button">
          {t('CREATE')}
        </Button>
      )}
    </div>
  );
}
