// The frame around every room: skip link, top bar (organisation, country, role, language, user menu),
// the room navigation, and the main landmark the rooms render into.
import { NavLink, Outlet, useNavigate } from 'react-router';
import { countryName, useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';
import { ROOMS } from '../rooms.ts';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { ShortcutOverlay } from './ShortcutOverlay.tsx';

export function Frame() {
  const { t, language } = useI18n();
  const { me, logout } = useSession();
  const navigate = useNavigate();
  const membership = me?.memberships[0];
  return (
    <div className="frame">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ◈
          </span>{' '}
          {t('app.name')}
        </div>
        {membership && (
          <div className="affiliation" data-testid="affiliation">
            <span className="org-name">{membership.organisation.name}</span>
            <span className="country" title={countryName(membership.organisation.country, language)}>
              <abbr className="cc" aria-hidden="true">
                {membership.organisation.country}
              </abbr>{' '}
              {countryName(membership.organisation.country, language)}
            </span>
            <span className="role">{t(`role.${membership.role}`)}</span>
          </div>
        )}
        <div className="topbar-actions">
          <LanguageSwitcher />
          <details className="user-menu">
            <summary data-testid="user-menu">
              <span className="visually-hidden">{t('menu.user')}: </span>
              {me?.displayName}
            </summary>
            <div className="menu" role="menu">
              <button type="button" role="menuitem" onClick={() => void navigate('/account')}>
                {t('menu.account')}
              </button>
              <button type="button" role="menuitem" onClick={() => void logout()}>
                {t('menu.logout')}
              </button>
            </div>
          </details>
        </div>
      </header>
      <nav className="rooms" aria-label={t('nav.main')}>
        <ul>
          {ROOMS.map((room) => (
            <li key={room.id}>
              <NavLink to={room.path}>
                <span className="icon" aria-hidden="true">
                  {room.icon}
                </span>{' '}
                {t(room.title)}
              </NavLink>
            </li>
          ))}
        </ul>
        <p className="shortcut-hint">{t('shortcuts.hint')}</p>
      </nav>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <ShortcutOverlay />
    </div>
  );
}
