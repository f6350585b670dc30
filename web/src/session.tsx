// Who is logged in: loads /auth/me, keeps the CSRF token for writes, and exposes login state to pages.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken, type Me } from './api/client.ts';
import { isLanguage, useI18n } from './i18n/i18n.tsx';

/** The logged-in user, or null; keeps the CSRF token for writes. */
async function loadMe(): Promise<Me | null> {
  try {
    const res = await api<{ user: Me; csrfToken: string | null }>('GET', '/auth/me');
    setCsrfToken(res.csrfToken);
    return res.user;
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) {
      throw error;
    }
    setCsrfToken(null);
    return null;
  }
}

type Session = {
  me: Me | null;
  loading: boolean;
  refresh: () => Promise<void>;
  setMe: (me: Me) => void;
  logout: () => Promise<void>;
};
const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const { language, setLanguage } = useI18n();

  const apply = useCallback((result: Me | null) => {
    setMeState(result);
    setLoading(false);
  }, []);
  const refresh = useCallback(async () => apply(await loadMe()), [apply]);

  useEffect(() => {
    let active = true;
    void loadMe().then((result) => active && apply(result));
    return () => {
      active = false;
    };
  }, [apply]);

  // The server remembers the user's language; a change made before login is sent once logged in.
  useEffect(() => {
    if (me && isLanguage(language) && me.language !== language && !me.mustChangePassword) {
      void api<{ user: Me }>('PATCH', '/auth/me', { language })
        .then((r) => setMeState(r.user))
        .catch(() => {});
    }
  }, [me, language]);
  useEffect(() => {
    if (me && !localStorage.getItem('accord.language') && isLanguage(me.language)) {
      setLanguage(me.language);
    }
  }, [me, setLanguage]);

  const logout = useCallback(async () => {
    await api('POST', '/auth/logout').catch(() => {});
    setCsrfToken(null);
    setMeState(null);
  }, []);

  const value = useMemo(
    () => ({ me, loading, refresh, setMe: setMeState, logout }),
    [me, loading, refresh, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) {
    throw new Error('useSession outside SessionProvider');
  }
  return value;
}
