// The rooms of the frame, one per capability, with their keyboard shortcut (g then the key).
import type { MessageKey } from './i18n/i18n.tsx';

export const ROOM_IDS = ['legal', 'intel', 'cases', 'requests', 'strikes', 'capacity', 'reports'] as const;
export type RoomId = (typeof ROOM_IDS)[number];

export type Room = {
  id: RoomId;
  path: string;
  key: string;
  title: MessageKey;
  empty: MessageKey;
};

const room = (id: RoomId, key: string): Room => ({
  id,
  path: `/${id}`,
  key,
  title: `room.${id}.title`,
  empty: `room.${id}.empty`,
});

export const ROOMS: Room[] = [
  room('legal', 'l'),
  room('intel', 'i'),
  room('cases', 'c'),
  room('requests', 'r'),
  room('strikes', 's'),
  room('capacity', 'b'),
  room('reports', 'p'),
];

/** The room a path belongs to, if any. */
export function roomOf(pathname: string): Room | undefined {
  const first = pathname.split('/')[1] ?? '';
  return ROOMS.find((r) => r.id === first);
}
