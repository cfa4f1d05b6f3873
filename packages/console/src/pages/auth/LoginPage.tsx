/**
 * @module LoginPage
 * Username/password login with distinct errors for wrong credentials and a locked account (429), and
 * the "session expired" notice.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/errors';
import { useAuth } from '../../auth/AuthContext';
import { loginErrorKey } from '../../auth/password-policy';
import { setLang } from '../../i18n';

/** Where to go after login: the `redirect` param if it is an in-app path. */
function safeRedirect(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/login')
    ? value
    : '/dashboard';
}

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { login, session, mustChangePassword } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const redirect = safeRedirect(params.get('redirect'));
  if (session && !busy) return <Navigate to={mustChangePassword ? '/password' : redirect} replace />;
  return (
    <div className="sphere-login">
      <Card>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          {t('APP_NAME')}
        </Typography.Title>
        {params.get('expired') && !error && (
          <Alert type="warning" showIcon message={t('SESSION_EXPIRED')} style={{ marginBottom: 16 }} />
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            message={error}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}
        <Form
          layout="vertical"
          onFinish={async (v: { username: string; password: string }) => {
            setBusy(true);
            setError(null);
            try {
              const mustChange = await login(v.username.trim(), v.password);
              navigate(mustChange ? '/password' : redirect, { replace: true });
            } catch (err) {
              setError(t(loginErrorKey(err instanceof ApiError ? err.status : undefined)));
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item
            name="username"
            label={t('USERNAME')}
            rules={[{ required: true, message: t('USERNAME_REQUIRED') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('PASSWORD')}
            rules={[{ required: true, message: t('PASSWORD_REQUIRED') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('LOG_IN')}
          </Button>
        </Form>
        <Select
          size="small"
          variant="borderless"
          style={{ marginTop: 12 }}
          value={i18n.language === 'zh' ? 'zh' : 'en'}
          onChange={(v: 'en' | 'zh') => setLang(v)}
          options={[
            { value: 'en', label: 'English' },
            { value: 'zh', label: '简体中文' },
          ]}
          aria-label={t('LANGUAGE')}
        />
      </Card>
    </div>
  );
}
