/**
 * @module ProbeEditor
 * One health-check probe: HTTP GET / TCP / command, plus timing.
 */
import { Input, InputNumber, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { PROBE_DEFAULTS, type ProbeForm } from '../model/container';

export function ProbeEditor({
  label,
  value,
  onChange,
}: {
  label: string;
  value?: ProbeForm;
  onChange: (v?: ProbeForm) => void;
}) {
  const { t } = useTranslation();
  const p = value;
  return (
    <div style={{ marginBottom: 12 }}>
      <Space>
        <Switch
          checked={!!p}
          onChange={(on) => onChange(on ? { ...PROBE_DEFAULTS } : undefined)}
          aria-label={t(label)}
        />
        <b>{t(label)}</b>
      </Space>
      {p && (
        <Space wrap style={{ marginTop: 8, display: 'flex' }}>
          <Select
            value={p.type}
            style={{ width: 150 }}
            onChange={(type: ProbeForm['type']) => onChange({ ...p, type })}
            options={[
              { value: 'httpGet', label: t('HTTP_REQUEST') },
              { value: 'tcpSocket', label: t('TCP_PORT') },
              { value: 'exec', label: t('EXEC_COMMAND') },
            ]}
          />
          {p.type === 'httpGet' && (
            <>
              <Select
                value={p.scheme ?? 'HTTP'}
                style={{ width: 100 }}
                onChange={(scheme: 'HTTP' | 'HTTPS') => onChange({ ...p, scheme })}
                options={[{ value: 'HTTP' }, { value: 'HTTPS' }]}
              />
              <Input
                addonBefore={t('PATH')}
                value={p.path}
                onChange={(e) => onChange({ ...p, path: e.target.value })}
                style={{ width: 200 }}
              />
            </>
          )}
          {p.type !== 'exec' && (
            <InputNumber
              addonBefore={t('PORT')}
              min={1}
              max={65535}
              value={p.port}
              onChange={(port) => onChange({ ...p, port: port ?? 80 })}
            />
          )}
          {p.type === 'exec' && (
            <Input
              addonBefore={t('COMMAND')}
              value={(p.command ?? []).join(' ')}
              onChange={(e) => onChange({ ...p, command: e.target.value.split(' ') })}
              style={{ width: 320 }}
            />
          )}
          {(
            [
              'initialDelaySeconds',
              'timeoutSeconds',
              'periodSeconds',
              'successThreshold',
              'failureThreshold',
            ] as const
          ).map((k) => (
            <InputNumber
              key={k}
              addonBefore={t(k.toUpperCase())}
              min={0}
              value={p[k]}
              onChange={(v) => onChange({ ...p, [k]: v ?? 0 })}
              style={{ width: 230 }}
            />
          ))}
        </Space>
      )}
    </div>
  );
}
