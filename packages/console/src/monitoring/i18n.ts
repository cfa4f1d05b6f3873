/**
 * @module monitoring/i18n
 * Registers the monitoring strings (namespace `monitoring`, lower-case keys) and the navigation labels
 * (upper-case keys in the default namespace, which the sidebar translates) at module load, so the shared
 * locale files stay untouched.
 */
import i18n from 'i18next';
import en from './locales/en.json';
import zh from './locales/zh.json';

export const NS = 'monitoring';

function register(): void {
  for (const [lang, bundle] of [
    ['en', en],
    ['zh', zh],
  ] as const) {
    i18n.addResourceBundle(lang, NS, bundle.monitoring, true, false);
    i18n.addResourceBundle(lang, 'translation', bundle.nav, true, false);
  }
}

register();
// init() replaces the resource store: if it runs after this module, register again.
if (!i18n.isInitialized) i18n.on('initialized', register);
