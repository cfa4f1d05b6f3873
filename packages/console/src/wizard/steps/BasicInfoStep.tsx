/**
 * @module BasicInfoStep
 * Step 1: name, alias, description.
 */
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BasicForm } from '../model/workload';

export const NAME_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Problems of a Basic Info form (i18n keys); `maxLength` 253, or 63 for Jobs/Secrets/ConfigMaps. */
export function basicProblems(form: BasicForm, maxLength = 253): string[] {
  if (!form.name) return ['NAME_REQUIRED'];
  if (!NAME_PATTERN.test(form.name) || form.name.length > maxLength) return ['NAME_RULE'];
  if (form.alias.length > 63) return ['ALIAS_TOO_LONG'];
  return [];
}

export function BasicInfoStep({
  value,
  onChange,
  nameHelp,
}: {
  value: BasicForm;
  onChange: (v: BasicForm) => void;
  nameHelp?: string;
}) {
  const { t } = useTranslation();
  return (
    <Form layout="vertical" style={{ maxWidth: 560 }}>
      <Form.Item label={t('NAME')} required extra={t(nameHelp ?? 'NAME_DESC')}>
        <Input
          value={value.name}
          onChange={(e) => onChange({ ...value, name: e.target.value })}
          data-testid="field-name"
          autoFocus
        />
      </Form.Item>
      <Form.Item label={t('ALIAS')} extra={t('ALIAS_DESC')}>
        <Input
          value={value.alias}
          onChange={(e) => onChange({ ...value, alias: e.target.value })}
          data-testid="field-alias"
        />
      </Form.Item>
      <Form.Item label={t('DESCRIPTION')}>
        <Input.TextArea
          rows={3}
          value={value.description}
          onChange={(e) => onChange({ ...value, description: e.target.value })}
        />
      </Form.Item>
    </Form>
  );
}
