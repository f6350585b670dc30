// The intel room's sub-navigation: one entry per page. Each engineer adds ONE line for their page here
// and keeps the page in their own folder. `path` is relative to /intel ('' is the room's home); the page
// is mounted at `/intel/<path>/*`, so it may hold its own nested routes.
import type { ReactElement } from 'react';
import type { MessageKey } from '../../i18n/i18n.tsx';
import { SnapshotPage } from './SnapshotPage.tsx';
import { SearchPage } from './SearchPage.tsx';
import { ImportPage } from './ImportPage.tsx';
import { MatchPage } from './match/MatchPage.tsx';
import { CollectionsPage } from './collections/CollectionsPage.tsx';
import { FeedsPage } from './feeds/FeedsPage.tsx';
import { InboxPage } from './inbox/InboxPage.tsx';
import { RoutingPage } from './routing/RoutingPage.tsx';
import { CirtDirectoryPage } from './cirts/CirtDirectoryPage.tsx';

export type IntelTab = { path: string; titleKey: MessageKey; element: ReactElement };

export const INTEL_TABS: IntelTab[] = [
  { path: '', titleKey: 'intel.tab.snapshot', element: <SnapshotPage /> },
  { path: 'search', titleKey: 'intel.tab.search', element: <SearchPage /> },
  { path: 'import', titleKey: 'intel.tab.import', element: <ImportPage /> },
  { path: 'match', titleKey: 'intel.tab.match', element: <MatchPage /> },
  { path: 'collections', titleKey: 'intel.tab.collections', element: <CollectionsPage /> },
  { path: 'feeds', titleKey: 'intel.tab.feeds', element: <FeedsPage /> },
  { path: 'inbox', titleKey: 'intel.tab.inbox', element: <InboxPage /> },
  { path: 'routing', titleKey: 'intel.tab.routing', element: <RoutingPage /> },
  { path: 'cirts', titleKey: 'intel.tab.cirts', element: <CirtDirectoryPage /> },
];
