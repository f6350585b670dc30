// Country names in the reader's language from the browser's own CLDR data (Intl.DisplayNames), so the
// intel room needs no country list of its own.
import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';

export function useCountryName(): (code: string) => string {
  const { language } = useI18n();
  return useMemo(() => {
    const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
    return (code: string) => {
      try {
        return names.of(code) ?? code;
      } catch {
        return code;
      }
    };
  }, [language]);
}
