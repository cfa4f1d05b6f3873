/**
 * @module KeyValueEditor
 * Rows of key/value inputs for labels, node selectors, ConfigMap data. Rows are kept locally so a
 * half-typed row (empty key) does not vanish; complete rows are reported as a map.
 */
import { useState } from 'react';
import { Button, Input, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

type Row = { key: string; value: string };

export function KeyValueEditor({
  value,
  onChange,
  addLabel = 'ADD',
  multiline,
}: {
  value: Record<string, string>;
  onChange: (value: Record<string, string>) => void;
  addLabel?: string;
  multiline?: boolean;
}) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Row[]>(() => Object.entries(value).map(([key, v]) => ({ key, value: v })));
  const update = (next: Row[]) => {
    setRows(next);
    onChange(Object.fromEntries(next.filter((r) => r.key.trim()).map((r) => [r.key.trim(), r.value])));
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {rows.map((row, i) => (
        <Space key={i} align="start" style={{ width: '100%' }}>
          <Input
            placeholder={t('KEY')}
            value={row.key}
            onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)))}
            style={{ width: 240 }}
            aria-label={t('KEY')}
          />
          {multiline ? (
            <Input.TextArea
              placeholder={t('VALUE')}
              value={row.value}
              autoSize={{ minRows: 1, maxRows: 8 }}
              onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))}
              style={{ width: 420 }}
              aria-label={t('VALUE')}
            />
          ) : (
            <Input
              placeholder={t('VALUE')}
              value={row.value}
              onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))}
              style={{ width: 300 }}
              aria-label={t('VALUE')}
            />
          )}
          <Button
            icon={<DeleteOutlined />}
            onClick={() => update(rows.filter((_, j) => j !== i))}
            aria-label={t('DELETE')}
          />
        </Space>
      ))}
      <Button icon={<PlusOutlined />} onClick={() => setRows([...rows, { key: '', value: '' }])}>
        {t(addLabel)}
      </Button>
    </Space>
  );
}
