// Line icons for the rooms, drawn in currentColor so they follow the text colour and the theme.
import type { RoomId } from '../rooms.ts';

const PATHS: Record<RoomId, string> = {
  // scales
  legal: 'M12 3v18M7 21h10M5 7h14M5 7l-3 7a3 3 0 0 0 6 0L5 7zm14 0-3 7a3 3 0 0 0 6 0l-3-7z',
  // globe with a signal
  intel:
    'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z',
  // folder
  cases:
    'M3 6.5A1.5 1.5 0 0 1 4.5 5H9l2 2h8.5A1.5 1.5 0 0 1 21 8.5v9a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 17.5z',
  // two arrows
  requests: 'M4 8h13l-3-3M20 16H7l3 3',
  // stepped bars
  strikes: 'M4 20v-4M10 20v-8M16 20V8M22 20V4M2 20h20',
  // growth
  capacity: 'M3 17l6-6 4 4 8-8M15 7h6v6',
  // document
  reports: 'M7 3h7l5 5v13H7zM14 3v5h5M10 13h6M10 17h6',
};

export function RoomIcon({ room, size = 20 }: { room: RoomId; size?: number }) {
  return (
    <svg
      aria-hidden="true"
      className="room-icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.7"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={PATHS[room]} />
    </svg>
  );
}
