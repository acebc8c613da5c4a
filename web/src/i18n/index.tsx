// The language the workspace speaks: Swedish first, English a click away, kept in the browser.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { en } from './en';
import { sv, type Dictionary } from './sv';

export type Language = 'sv' | 'en';
const dictionaries: Record<Language, Dictionary> = { sv, en };

/** A key as words: `completeInitiation` and `PARTIES_MISSING` read "Complete initiation", "Parties missing". */
export const words = (key: string) => {
  const spaced = key.includes('_') ? key.toLowerCase().replaceAll('_', ' ') : key.replace(/([A-Z])/g, ' $1').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1).trim();
};

interface Texts {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Dictionary['ui'];
  phase: (key: string) => string;
  role: (key: string) => string;
  step: (key: string) => string;
  field: (key: string) => [string, string?];
  value: (key: string) => string;
  taskKind: (key: string) => string;
  refusal: (key: string) => string;
}

const Context = createContext<Texts | null>(null);

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(() => (localStorage.getItem('language') === 'en' ? 'en' : 'sv'));
  useEffect(() => {
    localStorage.setItem('language', language);
    document.documentElement.lang = language;
  }, [language]);
  const d = dictionaries[language];
  const texts: Texts = {
    language,
    setLanguage,
    t: d.ui,
    phase: (key) => d.phases[key] ?? words(key),
    role: (key) => d.roles[key] ?? words(key),
    step: (key) => d.steps[key] ?? words(key),
    field: (key) => d.fields[key] ?? [words(key)],
    value: (key) => d.enums[key] ?? words(key),
    taskKind: (key) => d.taskKinds[key] ?? words(key),
    refusal: (key) => d.refusals[key] ?? words(key),
  };
  return <Context.Provider value={texts}>{children}</Context.Provider>;
}

export function useTexts(): Texts {
  const texts = useContext(Context);
  if (!texts) throw new Error('useTexts outside LanguageProvider');
  return texts;
}
