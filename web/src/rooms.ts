// The rooms of the frame, one per capability, with their keyboard shortcut (g then the key).
import type { MessageKey } from './i18n/i18n.tsx';

export type Room = {
  id: string;
  path: string;
  key: string;
  title: MessageKey;
  empty: MessageKey;
  icon: string;
};

export const ROOMS: Room[] = [
  { id: 'legal', path: '/legal', key: 'l', title: 'room.legal.title', empty: 'room.legal.empty', icon: '⚖' },
  { id: 'intel', path: '/intel', key: 'i', title: 'room.intel.title', empty: 'room.intel.empty', icon: '◉' },
  { id: 'cases', path: '/cases', key: 'c', title: 'room.cases.title', empty: 'room.cases.empty', icon: '▤' },
  {
    id: 'requests',
    path: '/requests',
    key: 'r',
    title: 'room.requests.title',
    empty: 'room.requests.empty',
    icon: '⇄',
  },
  {
    id: 'strikes',
    path: '/strikes',
    key: 's',
    title: 'room.strikes.title',
    empty: 'room.strikes.empty',
    icon: '◔',
  },
  {
    id: 'capacity',
    path: '/capacity',
    key: 'b',
    title: 'room.capacity.title',
    empty: 'room.capacity.empty',
    icon: '▲',
  },
  {
    id: 'reports',
    path: '/reports',
    key: 'p',
    title: 'room.reports.title',
    empty: 'room.reports.empty',
    icon: '▦',
  },
];
