import type { CardType, RiskModel, Tag } from '@/api/types';
import { t } from '@/i18n';
import { localised } from '@/views/risk/risk-text';
import { clientTagName } from '@/views/clients/tags/tag-evidence';

/**
 * The lists a template's trigger picks from (tags, card types, risk models and their categories),
 * as select options and as names for ids. A trigger may name something the list no longer has (a
 * deleted tag) or that the user may not read: such a value keeps an option of its own, so opening
 * and saving the template never drops it silently.
 */

export interface TriggerOption {
  value: string;
  label: string;
  /** Shown to the right of the label (a tag's category, a card type's status). */
  note?: string;
}

export interface TriggerCatalogues {
  tags: readonly Tag[];
  cardTypes: readonly CardType[];
  riskModels: readonly RiskModel[];
}

export const EMPTY_CATALOGUES: TriggerCatalogues = { tags: [], cardTypes: [], riskModels: [] };

/** Readable names for the ids a trigger holds; an id no list knows is shown as it is. */
export interface TriggerNames {
  tag(id: string): string;
  cardType(id: string): string;
  riskModel(model: string): string;
  riskCategory(model: string, code: string): string;
}

function unknownOption(value: string): TriggerOption {
  return { value, label: t('followUps.templates.unknownItem', { id: value }) };
}

/** The known options, then one per selected value the list does not hold. */
function withSelected(options: TriggerOption[], selected: readonly string[]): TriggerOption[] {
  const known = new Set(options.map((option) => option.value));
  return [...options, ...selected.filter((value) => !known.has(value)).map(unknownOption)];
}

export function tagOptions(tags: readonly Tag[], selected: readonly string[]): TriggerOption[] {
  return withSelected(
    tags.map((tag) => ({ value: tag.id, label: clientTagName(tag), note: tag.category })),
    selected,
  );
}

export function cardTypeOptions(cardTypes: readonly CardType[], selected: readonly string[]): TriggerOption[] {
  return withSelected(
    cardTypes.map((type) => ({
      value: type.id,
      label: type.name,
      note: type.status === 'inactive' ? t('followUps.templates.inactiveCardType') : undefined,
    })),
    selected,
  );
}

/**
 * Models that put clients in categories (the only ones a `risk.changed` trigger can name), once per
 * model name: a model with several rule sets is listed once.
 */
export function riskModelOptions(models: readonly RiskModel[], selected: string): TriggerOption[] {
  const seen = new Set<string>();
  const options: TriggerOption[] = [];
  for (const model of models) {
    if (model.categories.length === 0 || seen.has(model.model)) continue;
    seen.add(model.model);
    options.push({ value: model.model, label: localised(model.title), note: model.model });
  }
  return withSelected(options, selected ? [selected] : []);
}

function categoriesOf(models: readonly RiskModel[], model: string): RiskModel['categories'] {
  const byCode = new Map<string, RiskModel['categories'][number]>();
  for (const entry of models) {
    if (entry.model !== model) continue;
    for (const category of entry.categories) if (!byCode.has(category.code)) byCode.set(category.code, category);
  }
  return [...byCode.values()];
}

export function riskCategoryOptions(models: readonly RiskModel[], model: string, selected: readonly string[]): TriggerOption[] {
  return withSelected(
    categoriesOf(models, model).map((category) => ({ value: category.code, label: localised(category.label) })),
    selected,
  );
}

/** After choosing another model, the categories it does not have are let go. */
export function categoriesKept(models: readonly RiskModel[], model: string, categories: readonly string[]): string[] {
  const codes = new Set(categoriesOf(models, model).map((category) => category.code));
  return categories.filter((code) => codes.has(code));
}

export function triggerNames(catalogues: TriggerCatalogues): TriggerNames {
  const tags = new Map(catalogues.tags.map((tag) => [tag.id, tag]));
  const cardTypes = new Map(catalogues.cardTypes.map((type) => [type.id, type.name]));
  return {
    tag: (id) => {
      const tag = tags.get(id);
      return tag ? clientTagName(tag) : id;
    },
    cardType: (id) => cardTypes.get(id) ?? id,
    riskModel: (model) => {
      const found = catalogues.riskModels.find((entry) => entry.model === model);
      return found ? localised(found.title) : model;
    },
    riskCategory: (model, code) => {
      const found = categoriesOf(catalogues.riskModels, model).find((category) => category.code === code);
      return found ? localised(found.label) : code;
    },
  };
}
