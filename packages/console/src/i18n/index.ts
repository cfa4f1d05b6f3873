/**
 * @module i18n
 * i18next with English and Chinese. Locale files are split by area and merged into one namespace;
 * every visible string goes through t().
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources, type Lang } from './resources';

const KEY = 'sphere.lang';

/** The language to start with: saved choice, then the browser's, then English. */
export function initialLang(): Lang {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(KEY) : null;
  if (saved === 'en' || saved === 'zh') return saved;
  if (typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('zh')) return 'zh';
  return 'en';
}

/** Switches language and remembers it. */
export function setLang(lang: Lang): void {
  localStorage.setItem(KEY, lang);
  void i18n.changeLanguage(lang);
}

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLang(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
