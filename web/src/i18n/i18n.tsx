// Message catalogues and the t() helper. English is the source of truth for keys; every catalogue must
// have the same keys and placeholders (a unit test checks), so Chinese and Russian can follow.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import en from './en.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };
import es from './es.json' with { type: 'json' };
import ar from './ar.json' with { type: 'json' };

export const LANGUAGES = ['en', 'fr', 'es', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];
export type MessageKey = keyof typeof en;
export const CATALOGUES: Record<Language, Record<MessageKey, string>> = { en, fr, es, ar };
const RTL: ReadonlySet<Language> = new Set(['ar']);
const STORAGE_KEY = 'accord.language';

export function translate(
  language: Language,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const template = CATALOGUES[language][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

type I18n = {
  language: Language;
  dir: 'ltr' | 'rtl';
  setLanguage: (l: Language) => void;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
};
const I18nContext = createContext<I18n | undefined>(undefined);

/** Whether the user picked a language in this browser (it then wins over the server's memory). */
export function hasStoredLanguage(): boolean {
  return isLanguage(localStorage.getItem(STORAGE_KEY));
}

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(stored)) {
    return stored;
  }
  const browser = navigator.language.slice(0, 2);
  return isLanguage(browser) ? browser : 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const dir = RTL.has(language) ? 'rtl' : 'ltr';
  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dir = dir;
  }, [language, dir]);
  const setLanguage = useCallback((l: Language) => {
    localStorage.setItem(STORAGE_KEY, l);
    setLanguageState(l);
  }, []);
  const t = useCallback(
    (key: MessageKey, params?: Record<string, string | number>) => translate(language, key, params),
    [language],
  );
  const value = useMemo(
    () => ({ language, dir, setLanguage, t }) satisfies I18n,
    [language, dir, setLanguage, t],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) {
    throw new Error('useI18n outside I18nProvider');
  }
  return value;
}

/** A country's name in the current language, from the browser's own data (no table to maintain). */
export function countryName(code: string, language: Language): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
