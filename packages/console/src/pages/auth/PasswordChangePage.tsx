/**
 * @module PasswordChangePage
 * Forced password change at first login (the user carries `iam.kubesphere.io/uninitialized`).
 */
import { Alert, Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext';
import { PasswordForm } from './PasswordForm';

export function PasswordChangePage() {
  const { t } = useTranslation();
  const { session, passwordChanged, logout } = useAuth();
  const navigate = useNavigate();
  if (!session) return <Navigate to="/login" replace />;
  return (
    <div className="sphere-login">
      <Card>
        <Typography.Title level={4}>{t('CHANGE_PASSWORD')}</Typography.Title>
        <Alert type="info" showIcon message={t('FIRST_LOGIN_PASSWORD_TIP')} style={{ marginBottom: 16 }} />
        <PasswordForm
          username={session.username}
          onDone={() => {
            void passwordChanged().then(() => navigate('/dashboard', { replace: true }));
          }}
        />
        <Button
          type="link"
          onClick={() => void logout().then(() => navigate('/login'))}
          style={{ paddingLeft: 0, marginTop: 8 }}
        >
          {t('LOG_OUT')}
        </Button>
      </Card>
    </div>
  );
}
