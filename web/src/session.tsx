// Who is logged in: loads /auth/me, keeps the CSRF token for writes, reacts when the server ends the
// session or asks for a password change or MFA enrolment first, and keeps the user's language in step
// with the server.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { api, ApiError, onAuthInterrupted, setCsrfToken, type Me } from './api/client.ts';
import { hasStoredLanguage, useI18n } from './i18n/i18n.tsx';

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

/** What the login page should say about how the last session ended. */
export type SessionNotice = 'signed-out' | 'session-ended' | undefined;

type Session = {
  me: Me | null;
  loading: boolean;
  notice: SessionNotice;
  refresh: () => Promise<void>;
  setMe: (me: Me) => void;
  logout: () => Promise<void>;
};
const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [notice, setNotice] = useState<SessionNotice>();
  const { language, setLanguage } = useI18n();

  const apply = useCallback((result: Me | null) => {
    setMeState(result);
    setLoading(false);
    if (result) {
      setNotice(undefined);
    }
  }, []);
  const refresh = useCallback(async () => apply(await loadMe().catch(() => null)), [apply]);

  useEffect(() => {
    let active = true;
    void loadMe()
      .catch(() => null)
      .then((result) => active && apply(result));
    return () => {
      active = false;
    };
  }, [apply]);

  useEffect(
    () =>
      onAuthInterrupted((why) => {
        if (why === 'session-ended') {
          setCsrfToken(null);
          setMeState(null);
          setNotice('session-ended');
        } else {
          void refresh();
        }
      }),
    [refresh],
  );

  // On arrival, a language chosen in this browser wins and is sent to the server; without one, the
  // server's remembered language is adopted. Later switches are sent as they happen.
  const adoptedFor = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!me) {
      adoptedFor.current = undefined;
      return;
    }
    if (adoptedFor.current !== me.id) {
      adoptedFor.current = me.id;
      if (!hasStoredLanguage()) {
        setLanguage(me.language);
        return;
      }
    }
    if (me.language !== language && !me.mustChangePassword && !me.mfaEnrolmentRequired) {
      void api<{ user: Me }>('PATCH', '/auth/me', { language })
        .then((r) => setMeState(r.user))
        .catch(() => {});
    }
  }, [me, language, setLanguage]);

  const logout = useCallback(async () => {
    await api('POST', '/auth/logout').catch(() => {});
    setCsrfToken(null);
    setMeState(null);
    setNotice('signed-out');
  }, []);

  const value = useMemo(
    () => ({ me, loading, notice, refresh, setMe: setMeState, logout }),
    [me, loading, notice, refresh, logout],
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
