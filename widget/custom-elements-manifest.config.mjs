// custom-elements.json for <tandem-program> and <tandem-programs>, from their doc comments
// (@attr, @event, @csspart, @cssproperty). Generate with:
//   npx cem analyze --config widget/custom-elements-manifest.config.mjs
export default {
  globs: [
    'widget/elements/tandem-program/tandem-program.ts',
    'widget/elements/tandem-programs/tandem-programs.ts',
    'widget/core/events/ready-event.ts',
    'widget/core/events/step-event.ts',
    'widget/core/events/booked-event.ts',
    'widget/core/events/error-event.ts',
    'widget/core/events/index.ts',
    'widget/entries/tandem.ts',
  ],
  exclude: ['widget/dist/**'],
  outdir: 'widget',
  litelement: true,
  packagejson: false,
  plugins: [
    {
      // Events are documented with @event; drop the unnamed ones found from `dispatchEvent(new …Event())`.
      name: 'tandem-named-events-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            if (decl.events) decl.events = decl.events.filter((e) => e.name);
          }
        }
      },
    },
  ],
};
