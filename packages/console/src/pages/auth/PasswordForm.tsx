/**
 * @module PasswordForm
 * Current + new + confirm password, validated by the platform's password rule.
 */
import { App, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { changePassword } from '../../api/auth';
import { passwordProblem } from '../../auth/password-policy';

export function PasswordForm({ username, onDone }: { username: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={async (v: { current: string; password: string }) => {
        try {
          await changePassword(username, v.current, v.password);
          message.success(t('PASSWORD_CHANGED'));
          form.resetFields();
          onDone();
        } catch (err) {
          message.error((err as Error).message);
        }
      }}
    >
      <Form.Item
        name="current"
        label={t('CURRENT_PASSWORD')}
        rules={[{ required: true, message: t('PASSWORD_REQUIRED') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('NEW_PASSWORD')}
        extra={t('PASSWORD_RULE')}
        rules={[
          { required: true, message: t('PASSWORD_REQUIRED') },
          {
            validator: (_, value: string) => {
              const problem = value ? passwordProblem(value) : null;
              return problem ? Promise.reject(new Error(t(problem))) : Promise.resolve();
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('CONFIRM_PASSWORD')}
        dependencies={['password']}
        rules={[
          { required: true, message: t('PASSWORD_REQUIRED') },
          ({ getFieldValue }) => ({
            validator: (_, value: string) =>
              !value || value === getFieldValue('password')
                ? Promise.resolve()
                : Promise.reject(new Error(t('PASSWORD_MISMATCH'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {t('SAVE')}
      </Button>
    </Form>
  );
}
