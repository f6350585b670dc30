// A room that is still being built: what it will hold, so nobody wonders why it is empty.
import { useI18n } from '../../i18n/i18n.tsx';
import type { Room } from '../../rooms.ts';

export function RoomPage({ room }: { room: Room }) {
  const { t } = useI18n();
  return (
    <section className="room" aria-labelledby={`room-${room.id}`}>
      <h1 id={`room-${room.id}`}>
        <span aria-hidden="true">{room.icon}</span> {t(room.title)}
      </h1>
      <div className="empty-state">
        <p>{t(room.empty)}</p>
        <p className="muted">{t('room.comingSoon')}</p>
      </div>
    </section>
  );
}
