/**
 * @module WizardModal
 * The create-wizard shell: step bar, a form mode and a YAML/JSON edit mode that share ONE draft
 * (the list of manifests). Text edits update the draft whenever they parse; invalid text is reported
 * in place and the form keeps its last valid state. Next validates the current step; Create appears
 * once every step has been reached, dry-runs all objects, then creates them.
 */
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Modal, Segmented, Space, Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import { LazyYamlEditor } from '../components/LazyYamlEditor';
import { draftFromText, draftToText, type Draft } from './model/draft';

export interface StepProps {
  draft: Draft;
  setDraft: (draft: Draft) => void;
  /** Sub-forms (Add Container ...) report that they are open; Next/Create and mode switching wait. */
  setSubformOpen: (open: boolean) => void;
}

export interface StepDef {
  key: string;
  /** i18n key */
  title: string;
  render: (props: StepProps) => ReactNode;
  /** i18n keys of the problems that block Next. */
  validate?: (draft: Draft) => string[];
}

export interface WizardModalProps {
  title: string;
  steps: StepDef[];
  initialDraft: Draft;
  /** Kinds the edit-mode text must still contain. */
  requiredKinds: string[];
  onSubmit: (draft: Draft) => Promise<void>;
  onClose: () => void;
}

type Mode = 'form' | 'yaml' | 'json';

export function WizardModal({
  title,
  steps,
  initialDraft,
  requiredKinds,
  onSubmit,
  onClose,
}: WizardModalProps) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [draft, setDraft] = useState<Draft>(initialDraft);
  const [current, setCurrent] = useState(0);
  const [reached, setReached] = useState(0);
  const [mode, setMode] = useState<Mode>('form');
  const [text, setText] = useState('');
  const [textError, setTextError] = useState<{ error: string; line?: number } | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [subformOpen, setSubformOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);

  const onText = (value: string, format: 'yaml' | 'json') => {
    setText(value);
    const res = draftFromText(value, format, requiredKinds);
    if (res.ok) {
      setDraft(res.draft);
      setTextError(null);
    } else {
      setTextError({ error: res.error, line: res.line });
    }
  };

  const switchMode = (next: Mode) => {
    if (subformOpen) {
      setProblems(['SAVE_SUBFORM_FIRST']);
      return;
    }
    const go = () => {
      setTextError(null);
      setProblems([]);
      if (next !== 'form') setText(draftToText(draft, next));
      setMode(next);
    };
    if (mode !== 'form' && textError) {
      modal.confirm({
        title: t('DISCARD_INVALID_TEXT'),
        content: t('DISCARD_INVALID_TEXT_DESC'),
        onOk: go,
        okText: t('OK'),
        cancelText: t('CANCEL'),
      });
    } else go();
  };

  const validateStep = (i: number) => steps[i].validate?.(draft) ?? [];
  const next = () => {
    const found = validateStep(current);
    setProblems(found);
    if (found.length) return;
    const n = Math.min(steps.length - 1, current + 1);
    setCurrent(n);
    setReached((r) => Math.max(r, n));
  };
  const create = async () => {
    const all = mode === 'form' ? steps.flatMap((_, i) => validateStep(i)) : [];
    if (textError) return;
    setProblems(all);
    if (all.length) return;
    setBusy(true);
    setSubmitError(null);
    try {
      await onSubmit(draft);
      onClose();
    } catch (err) {
      setSubmitError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const canCreate = mode !== 'form' || reached === steps.length - 1;
  const footer = (
    <Space>
      <Button onClick={onClose}>{t('CANCEL')}</Button>
      {mode === 'form' && current > 0 && (
        <Button onClick={() => setCurrent(current - 1)} disabled={subformOpen}>
          {t('PREVIOUS')}
        </Button>
      )}
      {mode === 'form' && current < steps.length - 1 && (
        <Button
          type={canCreate ? 'default' : 'primary'}
          onClick={next}
          disabled={subformOpen}
          data-testid="wizard-next"
        >
          {t('NEXT')}
        </Button>
      )}
      {canCreate && (
        <Button
          type="primary"
          onClick={() => void create()}
          loading={busy}
          disabled={subformOpen || !!textError}
          data-testid="wizard-create"
        >
          {t('CREATE')}
        </Button>
      )}
    </Space>
  );

  return (
    <Modal
      open
      width={960}
      title={t(title)}
      onCancel={onClose}
      footer={footer}
      maskClosable={false}
      destroyOnHidden
    >
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>
        <Segmented<Mode>
          value={mode}
          onChange={switchMode}
          options={[
            { value: 'form', label: t('FORM_MODE') },
            { value: 'yaml', label: t('YAML') },
            { value: 'json', label: t('JSON') },
          ]}
          aria-label={t('EDIT_MODE')}
        />
      </div>
      {mode === 'form' && (
        <Steps
          size="small"
          current={current}
          style={{ marginBottom: 20 }}
          onChange={(i) => !subformOpen && i <= reached && setCurrent(i)}
          items={steps.map((s, i) => ({ title: t(s.title), disabled: i > reached }))}
        />
      )}
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={problems.map((p) => t(p)).join('; ')}
          data-testid="wizard-problems"
        />
      )}
      {submitError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={submitError}
          data-testid="wizard-submit-error"
        />
      )}
      {mode === 'form' ? (
        <div style={{ minHeight: 360 }}>{steps[current].render({ draft, setDraft, setSubformOpen })}</div>
      ) : (
        <>
          {textError && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 8 }}
              data-testid="yaml-error"
              message={t('YAML_INVALID', { error: textError.error, line: textError.line ?? '-' })}
            />
          )}
          <LazyYamlEditor value={text} language={mode} onChange={(v) => onText(v, mode)} height="460px" />
        </>
      )}
    </Modal>
  );
}
