import { watchEffect } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute } from 'vue-router';

/** `<page> · 健康管理系统`, following both the route and the language. */
export function useDocumentTitle(): void {
  const { t } = useI18n();
  const route = useRoute();
  watchEffect(() => {
    const appName = t('app.name');
    const titleKey = route.meta.titleKey;
    document.title = titleKey ? `${t(titleKey)} · ${appName}` : appName;
  });
}
