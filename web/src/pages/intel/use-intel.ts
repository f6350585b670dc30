// One GET against /api/v1/intel kept in step with its path and parameters: the previous answer stays on
// screen while the next loads (no flashing at 3 a.m.), and a late answer for old parameters is dropped.
import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { describeError } from '../../api/error-text.ts';
import { getIntel, queryString, type SearchParams } from './intel-api.ts';

type Result<T> = { key: string; data?: T; error?: string };

/** `refresh`: a value whose change fetches again (e.g. a count that grew), without being sent. */
export function useIntel<T>(path: string, params: SearchParams = {}, refresh: string | number = '') {
  const { t, language } = useI18n();
  const [nonce, setNonce] = useState(0);
  const key = `${path}${queryString(params)}#${nonce}#${refresh}`;
  const [result, setResult] = useState<Result<T>>({ key: '' });
  useEffect(() => {
    let active = true;
    const url = key.slice(0, key.indexOf('#'));
    getIntel<T>(url).then(
      (data) => active && setResult({ key, data }),
      (e: unknown) => active && setResult({ key, error: describeError(e, t, language) }),
    );
    return () => {
      active = false;
    };
  }, [key, t, language]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return {
    data: result.data,
    error: result.key === key ? (result.error ?? null) : null,
    loading: result.key !== key,
    reload,
  };
}
