// The intel room (Global Response Centre): a tab bar driven by INTEL_TABS, each tab's page mounted under
// /intel/<path>/*, and the object pages at /intel/objects/:id, which every tab links to.
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { RoomIcon } from '../../components/RoomIcon.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { INTEL_TABS } from './intel-tabs.tsx';
import { ObjectPage } from './ObjectPage.tsx';

export function IntelRoom() {
  const { t } = useI18n();
  return (
    <section className="room intel" aria-labelledby="room-intel">
      <h1 id="room-intel" tabIndex={-1}>
        <RoomIcon room="intel" size={26} /> {t('room.intel.title')}
      </h1>
      <nav className="tabs" aria-label={t('room.intel.title')}>
        {INTEL_TABS.map((tab) => (
          <NavLink key={tab.path} to={tab.path ? `/intel/${tab.path}` : '/intel'} end={tab.path === ''}>
            {t(tab.titleKey)}
          </NavLink>
        ))}
      </nav>
      <Routes>
        {INTEL_TABS.map((tab) =>
          tab.path === '' ? (
            <Route key="" index element={tab.element} />
          ) : (
            <Route key={tab.path} path={`${tab.path}/*`} element={tab.element} />
          ),
        )}
        <Route path="objects/:id" element={<ObjectPage />} />
        {/* An old or mistyped link lands on the room, not on a blank page. */}
        <Route path="*" element={<Navigate to="/intel" replace />} />
      </Routes>
    </section>
  );
}
