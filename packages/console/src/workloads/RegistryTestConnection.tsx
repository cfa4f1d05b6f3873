/**
 * @module workloads/RegistryTestConnection
 * The "Test Connection" button of image registry forms (Image Registry page, Secrets wizard) and the
 * platform's verdict under it. `fields()` validates the form and returns what to test, or undefined when
 * the form is not complete (the form then shows its own errors).
 */
import { useState } from 'react';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { verifyRegistry, type VerifyResult } from './api';
import { verifyBody, type RegistryForm } from './registry';

export function RegistryTestConnection({
  fields,
  result,
  onResult,
}: {
  fields: () => RegistryForm | undefined;
  /** The verdict shown; the owner clears it (null) when the form changes. */
  result: VerifyResult | { error: string } | null;
  onResult: (r: VerifyResult | { error: string } | null) => void;
}) {
  const { t } = useTranslation();
  const [testing, setTesting] = useState(false);
  return (
    <>
      <Button
        loading={testing}
        onClick={async () => {
          const f = fields();
          if (!f) return;
          setTesting(true);
          try {
            onResult(await verifyRegistry(verifyBody(f)));
          } catch (err) {
            onResult({ error: (err as Error).message });
          } finally {
            setTesting(false);
          }
        }}
      >
        {t('TEST_CONNECTION')}
      </Button>
      {result && (
        <Alert
          style={{ marginTop: 12 }}
          role="status"
          showIcon
          type={'verified' in result && result.verified ? 'success' : 'error'}
          message={
            'error' in result
              ? result.error
              : result.verified
                ? t('REGISTRY_VERIFIED')
                : t(
                    result.reason === 'AuthenticationFailed'
                      ? 'REGISTRY_AUTH_FAILED'
                      : result.reason === 'Unreachable'
                        ? 'REGISTRY_UNREACHABLE'
                        : 'REGISTRY_UNEXPECTED',
                  )
          }
          description={'error' in result ? undefined : result.message}
        />
      )}
    </>
  );
}
