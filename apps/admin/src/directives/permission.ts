import { effect, stop, type Directive, type ReactiveEffectRunner } from 'vue';

export type PermissionValue = string | readonly string[];

const runners = new WeakMap<HTMLElement, ReactiveEffectRunner>();
const bindings = new WeakMap<HTMLElement, PermissionValue>();

function apply(el: HTMLElement, allowed: boolean): void {
  el.style.display = allowed ? '' : 'none';
  if (allowed) el.removeAttribute('aria-hidden');
  else el.setAttribute('aria-hidden', 'true');
}

/**
 * `v-permission="'users:manage'"` (or a list: any of them) hides an element the user may not use.
 * It follows the permissions reactively, so it updates when the session changes. It hides rather
 * than removes the element so Vue can keep patching around it; the API enforces the permission
 * anyway. Use `session.can()` with `v-if` where the element should not be rendered at all.
 */
export function createPermissionDirective(can: (required: PermissionValue) => boolean): Directive<HTMLElement, PermissionValue> {
  return {
    mounted(el, binding) {
      bindings.set(el, binding.value);
      runners.set(
        el,
        effect(() => apply(el, can(bindings.get(el) ?? []))),
      );
    },
    updated(el, binding) {
      if (binding.value === binding.oldValue) return;
      bindings.set(el, binding.value);
      runners.get(el)?.();
    },
    unmounted(el) {
      const runner = runners.get(el);
      if (runner) stop(runner);
      runners.delete(el);
      bindings.delete(el);
    },
  };
}

export type PermissionDirective = ReturnType<typeof createPermissionDirective>;

declare module 'vue' {
  interface GlobalDirectives {
    vPermission: PermissionDirective;
  }
}
