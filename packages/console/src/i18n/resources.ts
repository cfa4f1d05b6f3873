/**
 * @module i18n/resources
 * Locale bundles: src/i18n/locales/<lang>/<area>.json merged into the default namespace.
 */
import enAuth from './locales/en/auth.json';
import enCommon from './locales/en/common.json';
import enNav from './locales/en/nav.json';
import enPlatform from './locales/en/platform.json';
import enResources from './locales/en/resources.json';
import enWizard from './locales/en/wizard.json';
import enWorkloads from './locales/en/workloads.json';
import zhAuth from './locales/zh/auth.json';
import zhCommon from './locales/zh/common.json';
import zhNav from './locales/zh/nav.json';
import zhPlatform from './locales/zh/platform.json';
import zhResources from './locales/zh/resources.json';
import zhWizard from './locales/zh/wizard.json';
import zhWorkloads from './locales/zh/workloads.json';

export type Lang = 'en' | 'zh';

export const bundles: Record<Lang, Record<string, Record<string, string>>> = {
  en: {
    auth: enAuth,
    common: enCommon,
    nav: enNav,
    resources: enResources,
    wizard: enWizard,
    workloads: enWorkloads,
    platform: enPlatform,
  },
  zh: {
    auth: zhAuth,
    common: zhCommon,
    nav: zhNav,
    resources: zhResources,
    wizard: zhWizard,
    workloads: zhWorkloads,
    platform: zhPlatform,
  },
};

function merge(lang: Lang): Record<string, string> {
  return Object.assign({}, ...Object.values(bundles[lang]));
}

export const resources = {
  en: { translation: merge('en') },
  zh: { translation: merge('zh') },
};
