// The legal room: the pair checker, the world map, the matrix, what-if with recommendations, and the
// instruments, all answering the same question (offence, measure, date); and each country's law rows.
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';
import { LegalProvider } from './LegalContext.tsx';
import { PairChecker } from './PairChecker.tsx';
import { MapView } from './MapView.tsx';
import { MatrixView } from './MatrixView.tsx';
import { WhatIfView } from './WhatIfView.tsx';
import { InstrumentsView } from './InstrumentsView.tsx';
import { CountryLaws } from './CountryLaws.tsx';

export function LegalRoom() {
  const { t } = useI18n();
  const tabs = [
    ['', 'legal.tab.pair'],
    ['map', 'legal.tab.map'],
    ['matrix', 'legal.tab.matrix'],
    ['what-if', 'legal.tab.whatif'],
    ['instruments', 'legal.tab.instruments'],
    ['countries', 'legal.tab.countries'],
  ] as const;
  return (
    <LegalProvider>
      <section className="room legal" aria-labelledby="room-legal">
        <h1 id="room-legal">
          <span aria-hidden="true">⚖</span> {t('room.legal.title')}
        </h1>
        <nav className="tabs" aria-label={t('room.legal.title')}>
          {tabs.map(([path, label]) => (
            <NavLink key={path} to={path ? `/legal/${path}` : '/legal'} end={path === ''}>
              {t(label)}
            </NavLink>
          ))}
        </nav>
        <Routes>
          <Route index element={<PairChecker />} />
          <Route path="map" element={<MapView />} />
          <Route path="matrix" element={<MatrixView />} />
          <Route path="what-if" element={<WhatIfView />} />
          <Route path="instruments" element={<InstrumentsView />} />
          <Route path="instruments/:id" element={<InstrumentsView />} />
          <Route path="countries" element={<CountryLaws />} />
          <Route path="countries/:code" element={<CountryLaws />} />
          {/* An old or mistyped link lands on the room, not on a blank page. */}
          <Route path="*" element={<Navigate to="/legal" replace />} />
        </Routes>
      </section>
    </LegalProvider>
  );
}
