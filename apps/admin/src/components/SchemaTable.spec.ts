import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n';
import SchemaTable from './SchemaTable.vue';

const mountTable = (props: { total: number; totalIsEstimate?: boolean }) =>
  mount(SchemaTable, {
    props: { columns: [{ key: 'name', labelKey: 'common.status' }], rows: [{ name: '张三' }], ...props },
    global: { plugins: [i18n] },
  });

describe('SchemaTable pagination', () => {
  it('shows an exact total as counted', () => {
    expect(mountTable({ total: 42 }).find('.el-pagination__total').text()).toContain('42');
  });

  it('shows an estimated total as an estimate', () => {
    const wrapper = mountTable({ total: 1003912, totalIsEstimate: true });
    expect(wrapper.find('.el-pagination__total').exists()).toBe(false);
    expect(wrapper.get('.schema-table__estimate').text()).toBe('约 1003912 条');
  });
});
