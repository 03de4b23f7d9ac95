import type { FormItemRule } from 'element-plus';

/**
 * Page schemas (`*.schema.ts`) describe table columns and form fields as data, in the style of
 * vue-vben-admin; `SchemaTable` and `SchemaForm` render them. Labels are i18n keys and text is
 * produced at render time, so everything follows a language switch.
 */
export interface TableColumn<Row> {
  /** Property shown by default; also names the `cell-<key>` slot for rich content. */
  key: string;
  labelKey: string;
  width?: number;
  minWidth?: number;
  fixed?: 'left' | 'right';
  align?: 'left' | 'center' | 'right';
  /** Plain text for the cell. Without it and without a slot the property is shown as is. */
  text?: (row: Row) => string;
  /** Render through the `cell-<key>` slot. */
  slot?: boolean;
  /** One line with a tooltip for long values. */
  ellipsis?: boolean;
  /** Sorted by the API: `SchemaTable` emits `sort` with `key` or `-key`. */
  sortable?: boolean;
}

export interface FieldOption {
  value: string | number | boolean;
  label: string;
  disabled?: boolean;
}

export type FieldComponent = 'input' | 'password' | 'select' | 'date' | 'radio' | 'slot';

export interface FormField<Model> {
  key: keyof Model & string;
  labelKey: string;
  component: FieldComponent;
  placeholderKey?: string;
  /** A line of help under the field. */
  hintKey?: string;
  multiple?: boolean;
  maxlength?: number;
  options?: () => FieldOption[];
  rules?: () => FormItemRule[];
  disabled?: boolean;
  /** Extra props passed to the Element Plus component (e.g. `disabledDate`). */
  props?: Record<string, unknown>;
}

/** What `SchemaForm` exposes to the drawer that owns it. */
export interface SchemaFormExpose {
  validate(): Promise<boolean>;
  clearValidate(): void;
}
