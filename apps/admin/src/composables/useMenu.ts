import type { Component } from 'vue';
import { computed } from 'vue';
import { canAccess } from '@/router/access';
import { layoutChildren, menuGroupIcons } from '@/router/routes';
import { useSessionStore } from '@/stores/session';

export interface MenuItem {
  path: string;
  titleKey: string;
  icon: Component;
  order: number;
}

export interface MenuGroup {
  /** Absent for top-level entries. */
  titleKey?: string;
  icon?: Component;
  items: MenuItem[];
}

/** The sidebar: pages with `meta.menu` the user may open, top-level entries first, then groups. */
export function useMenu() {
  const session = useSessionStore();
  return computed<MenuGroup[]>(() => {
    const groups = new Map<string | undefined, MenuItem[]>();
    for (const route of layoutChildren) {
      const menu = route.meta?.menu;
      if (!menu || !route.meta?.titleKey || !canAccess(route.meta, session)) continue;
      const items = groups.get(menu.groupKey) ?? [];
      items.push({ path: `/${route.path}`, titleKey: route.meta.titleKey, icon: menu.icon, order: menu.order });
      groups.set(menu.groupKey, items);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => (a === undefined ? -1 : b === undefined ? 1 : 0))
      .map(([titleKey, items]) => ({
        titleKey,
        icon: titleKey ? menuGroupIcons[titleKey] : undefined,
        items: items.sort((x, y) => x.order - y.order),
      }));
  });
}
