/**
 * @module theme
 * Light/dark theme: a context holding the mode (persisted) and the antd theme config built from it.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { theme as antdTheme, type ThemeConfig } from 'antd';

export type ThemeMode = 'light' | 'dark';
const KEY = 'sphere.theme';

interface ThemeState {
  mode: ThemeMode;
  toggle: () => void;
}

const ThemeContext = createContext<ThemeState>({ mode: 'light', toggle: () => undefined });

/** antd theme for a mode; KubeSphere's green as the primary colour. */
export function themeConfig(mode: ThemeMode): ThemeConfig {
  return {
    algorithm: mode === 'dark' ? antdTheme.darkAlgorithm : antdTheme.defaultAlgorithm,
    token: { colorPrimary: '#00aa72', borderRadius: 4, fontSize: 13 },
  };
}

/** Provides the theme mode to the app. */
export function ThemeModeProvider({ children }: { children: (mode: ThemeMode) => ReactNode }) {
  const [mode, setMode] = useState<ThemeMode>(() =>
    localStorage.getItem(KEY) === 'dark' ? 'dark' : 'light',
  );
  const value = useMemo<ThemeState>(
    () => ({
      mode,
      toggle: () =>
        setMode((m) => {
          const next = m === 'dark' ? 'light' : 'dark';
          localStorage.setItem(KEY, next);
          return next;
        }),
    }),
    [mode],
  );
  return <ThemeContext.Provider value={value}>{children(mode)}</ThemeContext.Provider>;
}

/** The current theme mode and a toggle. */
export function useThemeMode(): ThemeState {
  return useContext(ThemeContext);
}
