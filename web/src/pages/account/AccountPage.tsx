// Account and security: profile and memberships, two-factor authentication, password, API tokens.
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session.tsx';
import { ProfilePanel } from './ProfilePanel.tsx';
import { SecurityPanel } from './SecurityPanel.tsx';
import { TokensPanel } from './TokensPanel.tsx';

export function AccountPage() {
  const { t } = useI18n();
  const { me } = useSession();
  if (!me) {
    return null;
  }
  return (
    <div className="page account">
      <h1 tabIndex={-1}>{t('account.title')}</h1>
      <ProfilePanel me={me} />
      <SecurityPanel me={me} />
      <TokensPanel />
    </div>
  );
}
