// The page around sign-in and the steps before the frame (new password, MFA enrolment): a card in the
// middle, the language switcher, and a way out for someone who is signed in but not through yet.
import type { ReactNode } from 'react';
import { LanguageSwitcher } from '../../components/LanguageSwitcher.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session.tsx';

export function AuthLayout({ children, signOut = false }: { children: ReactNode; signOut?: boolean }) {
  const { t } = useI18n();
  const { logout } = useSession();
  return (
    <div className="auth-page">
      <header className="auth-bar">
        <LanguageSwitcher />
        {signOut && (
          <button type="button" className="quiet" onClick={() => void logout()}>
            {t('menu.logout')}
          </button>
        )}
      </header>
      <main className="auth-card" id="main">
        {children}
      </main>
    </div>
  );
}
