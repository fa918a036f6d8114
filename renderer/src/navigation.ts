// The panes reachable from the sidebar's navigation (Network is docs/PRODUCT.md 8: pairing and peers).
import type { View } from './stores/ui'

export interface NavItem {
  view: View
  label: string
  icon: string
  testid: string
}

export const NAV_ITEMS: readonly NavItem[] = [
  { view: 'compose', label: 'New message', icon: 'compose', testid: 'nav-compose' },
  { view: 'directory', label: 'Directory', icon: 'directory', testid: 'nav-directory' },
  { view: 'lists', label: 'Creator lists', icon: 'users', testid: 'nav-lists' },
  { view: 'campaigns', label: 'Campaigns', icon: 'send', testid: 'nav-campaigns' },
  { view: 'creators', label: 'Creators pipeline', icon: 'user', testid: 'nav-creators' },
  { view: 'settings', label: 'Privacy and notifications', icon: 'settings', testid: 'nav-settings' },
  { view: 'network', label: 'Network', icon: 'network', testid: 'nav-network' },
  { view: 'business', label: 'Business tools, labels and saved replies', icon: 'business', testid: 'nav-business' },
]
