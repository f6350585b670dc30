// The frame around every room: skip link, top bar (organisation, country, role, language, user menu),
// the room navigation, and the main landmark the rooms render into.
import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';
import { ROOMS, roomOf } from '../rooms.ts';
import { Affiliation } from './Affiliation.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { RoomIcon } from './RoomIcon.tsx';
import { ShortcutOverlay } from './ShortcutOverlay.tsx';
import { UserMenu } from './UserMenu.tsx';
import { useDocumentTitle } from './use-document-title.ts';

/** After moving to another room, focus its heading so screen readers announce where the user is. */
function useFocusOnRoomChange(main: React.RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const area = roomOf(pathname)?.id ?? pathname.split('/')[1];
  const previous = useRef(area);
  useEffect(() => {
    if (previous.current === area) {
      return;
    }
    previous.current = area;
    // On narrow screens the room bar scrolls sideways; keep the current room in view.
    document.querySelector('nav.rooms a.active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    // A page that put focus in its own form (autofocus) keeps it.
    if (!main.current?.contains(document.activeElement)) {
      (main.current?.querySelector<HTMLElement>('h1[tabindex]') ?? main.current)?.focus();
    }
  }, [area, main]);
}

/** Names the tab after the room; rendered before the room so a room can name its own pages. */
function RoomTitle() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const room = roomOf(pathname);
  useDocumentTitle(
    room
      ? t(room.title)
      : pathname === '/account/password'
        ? t('account.changePassword')
        : pathname === '/account'
          ? t('account.title')
          : undefined,
  );
  return null;
}

export function Frame() {
  const { t } = useI18n();
  const { me } = useSession();
  const main = useRef<HTMLElement>(null);
  useFocusOnRoomChange(main);
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
        {membership && <Affiliation membership={membership} />}
        <div className="topbar-actions">
          <LanguageSwitcher />
          <UserMenu />
        </div>
      </header>
      <nav className="rooms" aria-label={t('nav.main')}>
        <ul>
          {ROOMS.map((room) => (
            <li key={room.id}>
              <NavLink to={room.path}>
                <RoomIcon room={room.id} />
                <span>{t(room.title)}</span>
              </NavLink>
            </li>
          ))}
        </ul>
        <p className="shortcut-hint">{t('shortcuts.hint')}</p>
      </nav>
      <main id="main" tabIndex={-1} ref={main}>
        <RoomTitle />
        <Outlet />
      </main>
      <ShortcutOverlay />
    </div>
  );
}
