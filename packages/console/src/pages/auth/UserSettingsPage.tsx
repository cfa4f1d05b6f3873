/**
 * @module UserSettingsPage
 * User settings: email and language (saved to the user object) and password change.
 */
import { App, Button, Card, Form, Input, Select, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { iam } from '../../api/iam';
import { useAuth } from '../../auth/AuthContext';
import { setLang } from '../../i18n';
import { PasswordForm } from './PasswordForm';

export function UserSettingsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { user, session, reloadUser } = useAuth();
  const basic = (
    <Form
      layout="vertical"
      style={{ maxWidth: 480 }}
      initialValues={{ email: user?.spec?.email, lang: user?.spec?.lang ?? i18n.language }}
      onFinish={async (v: { email: string; lang: 'en' | 'zh' }) => {
        setLang(v.lang);
        if (!user) return;
        try {
          await iam.updateUser({ ...user, spec: { ...user.spec, email: v.email, lang: v.lang } });
          await reloadUser();
          message.success(t('UPDATED_SUCCESS'));
        } catch (err) {
          message.error((err as Error).message);
        }
      }}
    >
      <Form.Item label={t('USERNAME')}>
        <Input value={session?.username} disabled />
      </Form.Item>
      <Form.Item name="email" label={t('EMAIL')} rules={[{ type: 'email' }]}>
        <Input />
      </Form.Item>
      <Form.Item name="lang" label={t('LANGUAGE')}>
        <Select
          options={[
            { value: 'en', label: 'English' },
            { value: 'zh', label: '简体中文' },
          ]}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {t('SAVE')}
      </Button>
    </Form>
  );
  return (
    <Card title={t('USER_SETTINGS')}>
      <Tabs
        items={[
          { key: 'basic', label: t('BASIC_INFO'), children: basic },
          {
            key: 'password',
            label: t('CHANGE_PASSWORD'),
            children: (
              <div style={{ maxWidth: 480 }}>
                <PasswordForm username={session?.username ?? ''} onDone={() => undefined} />
              </div>
            ),
          },
        ]}
      />
    </Card>
  );
}
