// Routes: the login page until signed in; then a forced password change or MFA enrolment when the
// server asks for one; then the frame with its rooms. The URL is kept throughout, so signing in again
// returns to the page the user was on.
import { Navigate, Route, Routes } from 'react-router';
import { useI18n } from './i18n/i18n.tsx';
import { useSession } from './session.tsx';
import { ROOMS } from './rooms.ts';
import { Frame } from './components/Frame.tsx';
import { LoginPage } from './pages/auth/LoginPage.tsx';
import { ChangePasswordPage, ForcedPasswordChange } from './pages/auth/ChangePasswordPage.tsx';
import { ForcedMfaEnrolment } from './pages/auth/MfaEnrolment.tsx';
import { RoomPage } from './pages/rooms/RoomPage.tsx';
import { AccountPage } from './pages/account/AccountPage.tsx';
import { LegalRoom } from './pages/legal/LegalRoom.tsx';
import { IntelRoom } from './pages/intel/IntelRoom.tsx';

export function App() {
  const { me, loading } = useSession();
  const { t } = useI18n();
  if (loading) {
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (!me) {
    return <LoginPage />;
  }
  if (me.mustChangePassword) {
    return <ForcedPasswordChange />;
  }
  if (me.mfaEnrolmentRequired) {
    return <ForcedMfaEnrolment />;
  }
  return (
    <Routes>
      <Route element={<Frame />}>
        <Route index element={<Navigate to="/legal" replace />} />
        <Route path="/legal/*" element={<LegalRoom />} />
        <Route path="/intel/*" element={<IntelRoom />} />
        {ROOMS.filter((room) => room.id !== 'legal' && room.id !== 'intel').map((room) => (
          <Route key={room.id} path={`${room.path}/*`} element={<RoomPage room={room} />} />
        ))}
        <Route path="/account" element={<AccountPage />} />
        <Route path="/account/password" element={<ChangePasswordPage />} />
        <Route path="*" element={<Navigate to="/legal" replace />} />
      </Route>
    </Routes>
  );
}
