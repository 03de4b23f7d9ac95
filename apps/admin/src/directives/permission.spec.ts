import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick, ref, withDirectives, type Ref } from 'vue';
import { createPermissionDirective, type PermissionValue } from './permission';

function mountWith(granted: string[], value: Ref<PermissionValue>) {
  const permissions = ref(new Set(granted));
  const checks = { count: 0 };
  const can = (required: PermissionValue) => {
    checks.count++;
    return (typeof required === 'string' ? [required] : required).some((code) => permissions.value.has(code));
  };
  const permission = createPermissionDirective(can);
  const Host = defineComponent({
    render: () => h('div', [h('span', String(value.value)), withDirectives(h('button', 'go'), [[permission, value.value]])]),
  });
  const wrapper = mount(Host);
  return { button: wrapper.get('button').element, permissions, wrapper, checks };
}

const visible = (el: HTMLElement) => el.style.display !== 'none';

describe('v-permission', () => {
  it('shows an element when the user holds the permission', () => {
    const { button } = mountWith(['users:manage'], ref('users:manage'));
    expect(visible(button)).toBe(true);
    expect(button.hasAttribute('aria-hidden')).toBe(false);
  });

  it('hides an element the user may not use', () => {
    const { button } = mountWith(['users:read'], ref('users:manage'));
    expect(visible(button)).toBe(false);
    expect(button.getAttribute('aria-hidden')).toBe('true');
  });

  it('accepts a list: any of the permissions is enough', () => {
    expect(visible(mountWith(['audit:read'], ref(['users:manage', 'audit:read'])).button)).toBe(true);
    expect(visible(mountWith(['clients:read'], ref(['users:manage', 'audit:read'])).button)).toBe(false);
  });

  it('follows permission changes without the component re-rendering', async () => {
    const { button, permissions } = mountWith([], ref('roles:manage'));
    expect(visible(button)).toBe(false);
    permissions.value = new Set(['roles:manage']);
    await nextTick();
    expect(visible(button)).toBe(true);
    permissions.value = new Set();
    await nextTick();
    expect(visible(button)).toBe(false);
  });

  it('follows a changed binding value', async () => {
    const code = ref<PermissionValue>('users:manage');
    const { button } = mountWith(['users:read'], code);
    expect(visible(button)).toBe(false);
    code.value = 'users:read';
    await nextTick();
    expect(visible(button)).toBe(true);
  });

  it('stops following once unmounted', async () => {
    const { wrapper, permissions, checks } = mountWith([], ref('roles:manage'));
    wrapper.unmount();
    const before = checks.count;
    permissions.value = new Set(['roles:manage']);
    await nextTick();
    expect(checks.count).toBe(before);
  });
});
