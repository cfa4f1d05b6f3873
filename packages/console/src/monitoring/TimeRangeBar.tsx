/**
 * @module monitoring/TimeRangeBar
 * Time controls: "Last …" presets (10 min … 7 days), a custom range, manual refresh and a 5-second
 * auto-refresh toggle, as KubeSphere's monitoring cards have.
 */
import { DatePicker, Select, Space, Switch, Button, Tooltip } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRESETS, type TimeWindow } from './api';
import { NS } from './i18n';

export function presetLabel(seconds: number, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (seconds < 3600) return t('minutes', { n: seconds / 60 });
  if (seconds < 86400) return t('hours', { n: seconds / 3600 });
  return t('days', { n: seconds / 86400 });
}

export function TimeRangeBar({
  window,
  onChange,
  autoRefresh,
  onAutoRefresh,
  onRefresh,
}: {
  window: TimeWindow;
  onChange: (w: TimeWindow) => void;
  autoRefresh: boolean;
  onAutoRefresh: (on: boolean) => void;
  onRefresh: () => void;
}) {
  const { t } = useTranslation(NS);
  const value = 'last' in window ? String(window.last) : 'custom';
  // The range picker keeps its own value; choosing a preset remounts it so it no longer shows the old range.
  const [pickerKey, setPickerKey] = useState(0);
  return (
    <Space wrap>
      <span>{t('timeRange')}</span>
      <Select
        aria-label={t('timeRange')}
        style={{ width: 160 }}
        value={value}
        onChange={(v) => {
          if (v === 'custom') return;
          setPickerKey((k) => k + 1);
          onChange({ last: Number(v) });
        }}
        options={[
          ...PRESETS.map((s) => ({ value: String(s), label: t('lastN', { label: presetLabel(s, t) }) })),
          { value: 'custom', label: t('custom'), disabled: true },
        ]}
      />
      <DatePicker.RangePicker
        key={pickerKey}
        showTime
        onChange={(range) => {
          const [a, b] = range ?? [];
          if (a && b)
            onChange({ start: Math.floor(a.valueOf() / 1000), end: Math.floor(b.valueOf() / 1000) });
        }}
      />
      <Tooltip title={t('refresh')}>
        <Button icon={<ReloadOutlined />} onClick={onRefresh} aria-label={t('refresh')} />
      </Tooltip>
      <Switch checked={autoRefresh} onChange={onAutoRefresh} /> {t('autoRefresh')}
    </Space>
  );
}
