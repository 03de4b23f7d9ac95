import type { Component } from 'vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (document title, breadcrumb, menu). */
    titleKey?: string;
    /** Reachable without a session (the login page). */
    public?: boolean;
    /** Permission code needed to open the page. */
    permission?: string;
    /** Only the platform administrator may open the page. */
    platformAdmin?: boolean;
    /** Shown in the sidebar, under this group (i18n key) if given. */
    menu?: { icon: Component; groupKey?: string; order: number };
  }
}

export {};
