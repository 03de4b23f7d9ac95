import {
  Avatar,
  Bell,
  ChatLineSquare,
  Message,
  Connection,
  CreditCard,
  DataAnalysis,
  Document,
  List,
  HomeFilled,
  Notebook,
  Memo,
  PhoneFilled,
  Key,
  OfficeBuilding,
  Reading,
  PriceTag,
  Service,
  Setting,
  Tickets,
  Upload,
  User,
  UserFilled,
} from '@element-plus/icons-vue';
import type { Component } from 'vue';
import type { RouteRecordRaw } from 'vue-router';
import AdminLayout from '@/layouts/AdminLayout.vue';
import { CHANGE_PASSWORD, FORBIDDEN, HOME, LOGIN } from './guard';
import './meta';

const CLIENT_SERVICE = 'menu.clientService';
const REPORTS = 'menu.reports';
const FOLLOW_UPS = 'menu.followUps';
const SYSTEM = 'menu.system';

/** Icons of the sidebar's groups. */
export const menuGroupIcons: Record<string, Component> = {
  [CLIENT_SERVICE]: Service,
  [REPORTS]: Notebook,
  [FOLLOW_UPS]: Bell,
  [SYSTEM]: Setting,
};

/** Pages inside the main layout; those with `menu` appear in the sidebar when the user may open them. */
export const layoutChildren: RouteRecordRaw[] = [
  {
    path: '',
    name: HOME,
    component: () => import('@/views/home/HomeView.vue'),
    meta: { titleKey: 'menu.home', menu: { icon: HomeFilled, order: 0 } },
  },
  {
    path: 'clients',
    name: 'clients',
    component: () => import('@/views/clients/ClientsView.vue'),
    meta: { titleKey: 'menu.clients', permission: 'clients:read', menu: { icon: Avatar, groupKey: CLIENT_SERVICE, order: 10 } },
  },
  {
    path: 'clients/:id',
    name: 'client-detail',
    component: () => import('@/views/clients/ClientDetailView.vue'),
    meta: { titleKey: 'clients.detailTitle', permission: 'clients:read' },
  },
  {
    path: 'client-imports',
    name: 'client-imports',
    component: () => import('@/views/client-imports/ClientImportsView.vue'),
    meta: {
      titleKey: 'menu.clientImports',
      permission: 'clients:write',
      menu: { icon: Upload, groupKey: CLIENT_SERVICE, order: 15 },
    },
  },
  {
    path: 'card-types',
    name: 'card-types',
    component: () => import('@/views/card-types/CardTypesView.vue'),
    meta: {
      titleKey: 'menu.cardTypes',
      permission: 'cards:read',
      menu: { icon: CreditCard, groupKey: CLIENT_SERVICE, order: 20 },
    },
  },
  {
    path: 'tags',
    name: 'tags',
    component: () => import('@/views/tags/TagsView.vue'),
    meta: { titleKey: 'menu.tags', permission: 'tags:manage', menu: { icon: PriceTag, groupKey: CLIENT_SERVICE, order: 25 } },
  },
  {
    path: 'advice-templates',
    name: 'advice-templates',
    component: () => import('@/views/advice-templates/AdviceTemplatesView.vue'),
    meta: {
      titleKey: 'menu.adviceTemplates',
      permission: 'interventions:read',
      menu: { icon: Reading, groupKey: CLIENT_SERVICE, order: 30 },
    },
  },
  {
    path: 'risk-calculator',
    name: 'risk-calculator',
    component: () => import('@/views/risk/RiskCalculatorView.vue'),
    meta: {
      titleKey: 'risk.calculator.title',
      permission: 'risk:read',
      menu: { icon: DataAnalysis, groupKey: CLIENT_SERVICE, order: 40 },
    },
  },
  {
    path: 'follow-ups',
    name: 'follow-ups',
    component: () => import('@/views/follow-ups/FollowUpWorkbenchView.vue'),
    meta: {
      titleKey: 'followUps.menu.workbench',
      permission: 'follow-ups:read',
      menu: { icon: PhoneFilled, groupKey: FOLLOW_UPS, order: 10 },
    },
  },
  {
    path: 'follow-up-templates',
    name: 'follow-up-templates',
    component: () => import('@/views/follow-ups/FollowUpTemplatesView.vue'),
    meta: {
      titleKey: 'followUps.menu.templates',
      permission: 'follow-ups:read',
      menu: { icon: Memo, groupKey: FOLLOW_UPS, order: 20 },
    },
  },
  {
    path: 'follow-ups/tasks/:id',
    name: 'follow-up-task',
    component: () => import('@/views/follow-ups/FollowUpTaskView.vue'),
    meta: { titleKey: 'followUps.taskTitle', permission: 'follow-ups:read' },
  },
  {
    path: 'exam-reports',
    name: 'exam-reports',
    component: () => import('@/views/exam-reports/ExamReportsView.vue'),
    meta: { titleKey: 'menu.examReports', permission: 'reports:read', menu: { icon: Document, groupKey: REPORTS, order: 10 } },
  },
  {
    path: 'exam-reports/:id',
    name: 'exam-report-detail',
    component: () => import('@/views/exam-reports/ExamReportDetailView.vue'),
    meta: { titleKey: 'examReports.detailTitle', permission: 'reports:read' },
  },
  {
    path: 'exam-imports',
    name: 'exam-imports',
    component: () => import('@/views/exam-imports/ExamImportsView.vue'),
    meta: { titleKey: 'menu.examImports', permission: 'reports:read', menu: { icon: Upload, groupKey: REPORTS, order: 15 } },
  },
  {
    path: 'indicator-mappings',
    name: 'indicator-mappings',
    component: () => import('@/views/indicator-mappings/IndicatorMappingsView.vue'),
    meta: {
      titleKey: 'menu.indicatorMappings',
      permission: 'indicators:manage',
      menu: { icon: Connection, groupKey: REPORTS, order: 20 },
    },
  },
  {
    path: 'notifications',
    name: 'notifications',
    component: () => import('@/views/notifications/NotificationsView.vue'),
    meta: {
      titleKey: 'menu.notifications',
      permission: 'follow-ups:read',
      menu: { icon: List, groupKey: FOLLOW_UPS, order: 80 },
    },
  },
  {
    path: 'message-templates',
    name: 'message-templates',
    component: () => import('@/views/message-templates/MessageTemplatesView.vue'),
    meta: {
      titleKey: 'menu.messageTemplates',
      permission: 'follow-ups:manage',
      menu: { icon: ChatLineSquare, groupKey: FOLLOW_UPS, order: 85 },
    },
  },
  {
    path: 'notification-settings',
    name: 'notification-settings',
    component: () => import('@/views/notification-settings/NotificationSettingsView.vue'),
    meta: {
      titleKey: 'menu.notificationSettings',
      permission: 'follow-ups:manage',
      menu: { icon: Message, groupKey: FOLLOW_UPS, order: 90 },
    },
  },
  {
    path: 'inbox',
    name: 'inbox',
    component: () => import('@/views/inbox/InboxView.vue'),
    meta: { titleKey: 'inbox.title' },
  },
  {
    path: 'users',
    name: 'users',
    component: () => import('@/views/users/UsersView.vue'),
    meta: { titleKey: 'menu.users', permission: 'users:read', menu: { icon: User, groupKey: SYSTEM, order: 10 } },
  },
  {
    path: 'roles',
    name: 'roles',
    component: () => import('@/views/roles/RolesView.vue'),
    meta: { titleKey: 'menu.roles', permission: 'roles:manage', menu: { icon: UserFilled, groupKey: SYSTEM, order: 20 } },
  },
  {
    path: 'api-keys',
    name: 'api-keys',
    component: () => import('@/views/api-keys/ApiKeysView.vue'),
    meta: { titleKey: 'menu.apiKeys', permission: 'api-keys:manage', menu: { icon: Key, groupKey: SYSTEM, order: 30 } },
  },
  {
    path: 'audit',
    name: 'audit',
    component: () => import('@/views/audit/AuditView.vue'),
    meta: { titleKey: 'menu.audit', permission: 'audit:read', menu: { icon: Tickets, groupKey: SYSTEM, order: 40 } },
  },
  {
    path: 'organisations',
    name: 'organisations',
    component: () => import('@/views/organisations/OrganisationsView.vue'),
    meta: { titleKey: 'menu.organisations', platformAdmin: true, menu: { icon: OfficeBuilding, groupKey: SYSTEM, order: 50 } },
  },
  {
    path: '403',
    name: FORBIDDEN,
    component: () => import('@/views/errors/ForbiddenView.vue'),
    meta: { titleKey: 'forbidden.title' },
  },
  {
    path: ':pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/errors/NotFoundView.vue'),
    meta: { titleKey: 'notFound.title' },
  },
];

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: LOGIN,
    component: () => import('@/views/login/LoginView.vue'),
    meta: { public: true, titleKey: 'login.title' },
  },
  {
    path: '/change-password',
    name: CHANGE_PASSWORD,
    component: () => import('@/views/password/ChangePasswordView.vue'),
    meta: { titleKey: 'password.title' },
  },
  { path: '/', component: AdminLayout, children: layoutChildren },
];
