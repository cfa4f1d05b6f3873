/**
 * @module App
 * Providers (query cache, theme, antd locale, auth) and the router.
 */
import { Suspense } from 'react';
import { BrowserRouter } from 'react-router-dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { appBase } from './api/base';
import { ApiError } from './api/errors';
import { AuthProvider } from './auth/AuthContext';
import { AppRoutes } from './routes';
import { ThemeModeProvider, themeConfig } from './theme/theme';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      refetchOnWindowFocus: false,
      // Client errors will not get better by retrying.
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
    },
  },
});

/** The console application. */
export function App() {
  const { i18n } = useTranslation();
  return (
    <QueryClientProvider client={queryClient}>
      <ThemeModeProvider>
        {(mode) => (
          <ConfigProvider theme={themeConfig(mode)} locale={i18n.language === 'zh' ? zhCN : enUS}>
            <AntApp style={{ height: '100%' }}>
              <AuthProvider>
                <BrowserRouter basename={appBase().replace(/\/$/, '') || '/'}>
                  <Suspense fallback={<Spin style={{ margin: 80, display: 'block' }} />}>
                    <AppRoutes />
                  </Suspense>
                </BrowserRouter>
              </AuthProvider>
            </AntApp>
          </ConfigProvider>
        )}
      </ThemeModeProvider>
    </QueryClientProvider>
  );
}
