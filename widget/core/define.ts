/**
 * Registers a custom element once. A studio may load the script twice (or two bundles of
 * different versions); the second registration must be a no-op, not an exception.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
