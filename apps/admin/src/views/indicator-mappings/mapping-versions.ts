import type { Indicator, IndicatorMappingVersion } from '@/api/types';
import { t } from '@/i18n';
import { indicatorName } from './indicator-mappings.schema';

/**
 * The version history of a mapping in words. Versions carry only the target's code: the drawer
 * looks the names up in the dictionary, and a code it could not look up is shown alone.
 */

export type IndicatorNames = ReadonlyMap<string, Pick<Indicator, 'nameZh' | 'nameEn'>>;

/** The indicator codes a page of versions mapped to, each once, to look their names up. */
export function versionCodes(versions: readonly Pick<IndicatorMappingVersion, 'code'>[]): string[] {
  return [...new Set(versions.flatMap((version) => (version.code ? [version.code] : [])))];
}

/** `空腹血糖 FPG`, `FPG` when the name is unknown, or 仅文本 for a text-only version. */
export function versionTarget(version: Pick<IndicatorMappingVersion, 'code' | 'textOnly'>, names: IndicatorNames): string {
  if (version.textOnly || !version.code) return t('mappings.history.textOnly');
  const indicator = names.get(version.code);
  return indicator ? `${indicatorName(indicator)} ${version.code}` : version.code;
}

/** Who made the change: the person's or API key's name, else what kind of actor it was. */
export function versionAuthor(actor: IndicatorMappingVersion['actor']): string {
  if (actor.displayName) return actor.displayName;
  if (actor.type === 'system') return t('mappings.history.system');
  if (actor.type === 'api_key') return t('mappings.history.apiKey');
  return '—';
}

export function changeKindText(kind: IndicatorMappingVersion['changeKind']): string {
  return t(`mappings.history.changeKinds.${kind}`);
}
