import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createPermissionDirective } from './directives/permission';
import { applyLocale, currentLocale, i18n } from './i18n';
import { createAppRouter, installSessionRouting } from './router';
import { useSessionStore } from './stores/session';
import './styles/main.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(i18n);
applyLocale(currentLocale());

const session = useSessionStore(pinia);
const router = createAppRouter();
installSessionRouting(router, session);
app.use(router);
app.directive(
  'permission',
  createPermissionDirective((required) => session.can(required)),
);

app.mount('#app');
