// A room that is still being built: what it will hold, so nobody wonders why it is empty.
import { RoomIcon } from '../../components/RoomIcon.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Room } from '../../rooms.ts';

export function RoomPage({ room }: { room: Room }) {
  const { t } = useI18n();
  return (
    <section className="room" aria-labelledby={`room-${room.id}`}>
      <h1 id={`room-${room.id}`} tabIndex={-1}>
        <RoomIcon room={room.id} size={26} /> {t(room.title)}
      </h1>
      <div className="empty-state">
        <div className="empty-icon">
          <RoomIcon room={room.id} size={40} />
        </div>
        <div>
          <h2>{t('room.willHold')}</h2>
          <p>{t(room.empty)}</p>
          <p className="muted small">{t('room.comingSoon')}</p>
        </div>
      </div>
    </section>
  );
}
