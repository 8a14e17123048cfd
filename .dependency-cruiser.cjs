/**
 * The layer rules of docs/architecture.md, checked on every `npm test` (the `types` group):
 *   surfaces → a module's index.ts → its files → platform;
 *   a module reaches another only through that module's index.ts;
 *   domain/ imports only domain/ and shared/ (and npm packages such as luxon);
 *   platform knows no business: it imports neither modules nor surfaces;
 *   modules take request shapes from schema/api, never answers (each surface's *.out.ts shapes them);
 *   asSystem / withSystem (escalation.ts) only from *.mutations.ts and *.jobs.ts;
 *   the widget imports shared/ and, as types only, schema/api (the swc parser cannot tell type-only
 *   imports, so tests/unit/architecture/widget-imports.test.ts checks that part); the server never imports the widget.
 * Run alone: `npx depcruise server widget shared schema --config .dependency-cruiser.cjs`.
 */
module.exports = {
  forbidden: [
    {
      name: 'surface-through-module-index',
      comment: 'Surfaces use a module only through its index.ts.',
      severity: 'error',
      from: { path: '^server/surfaces/' },
      to: { path: '^server/modules/[^/]+/.+', pathNot: '^server/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'module-through-module-index',
      comment: 'A module reaches another module only through that module\'s index.ts (a domain/ may use another module\'s pure domain/index.ts).',
      severity: 'error',
      from: { path: '^server/modules/([^/]+)/' },
      to: {
        path: '^server/modules/[^/]+/',
        pathNot: ['^server/modules/$1/', '^server/modules/[^/]+/index\\.ts$', '^server/modules/[^/]+/domain/index\\.ts$'],
      },
    },
    {
      name: 'domain-is-pure',
      comment: 'domain/ imports only domain/ and shared/ (npm packages allowed, no node: built-ins, no I/O layers).',
      severity: 'error',
      from: { path: '^server/modules/[^/]+/domain/' },
      to: { pathNot: ['^server/modules/[^/]+/domain/', '^shared/', 'node_modules'] },
    },
    {
      name: 'platform-knows-no-business',
      comment: 'platform/ imports neither modules nor surfaces (it may read the composition types in deps.ts).',
      severity: 'error',
      from: { path: '^server/platform/' },
      to: { path: '^server/(modules|surfaces)/' },
    },
    {
      name: 'modules-know-no-http',
      comment: 'Modules throw platform/errors.ts errors or return values; only surfaces and platform/http know HTTP.',
      severity: 'error',
      from: { path: '^server/modules/' },
      to: { path: ['^server/platform/http/', '^hono'] },
    },
    {
      name: 'no-cycles-in-the-server',
      comment: 'No file of the server reaches itself through its imports, type-only ones included: a cycle means two files that are one, or a type in the wrong place.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^server/', circular: true },
    },
    {
      name: 'no-cycles-in-the-widget',
      comment: 'No file of the widget reaches itself through its imports, type-only ones included: a view takes the few members of its '
        + 'element it uses as an interface (tandem-admin/console-host.ts, tandem-portal/portal-host.ts), not the element that imports it.',
      severity: 'error',
      from: { path: '^widget/' },
      to: { path: '^widget/', circular: true },
    },
    {
      name: 'no-cycles-between-modules',
      comment: 'Modules depend one way (availability ← bookings ← billing ← notifications): no cycle through their index files.',
      severity: 'error',
      from: { path: '^server/modules/' },
      to: { path: '^server/modules/', circular: true },
    },
    {
      name: 'modules-take-requests-not-answers',
      comment: 'Modules return domain data; each surface shapes its answers in its own *.out.ts. A module imports from schema/api only '
        + 'the files that hold the request shapes it takes (and canonicalZone); tests/unit/architecture/module-answers.test.ts checks '
        + 'that only request shapes (*Body) and canonicalZone are among the names.',
      severity: 'error',
      from: { path: '^server/modules/' },
      to: { path: '^schema/api/', pathNot: '^schema/api/(checkout|admin-availability|admin-orders|admin-payroll|admin-programs|admin-settings|admin-sign-up|admin-staff|embed-bookings|embed-slots)\\.ts$' },
    },
    {
      name: 'modules-know-no-surfaces',
      severity: 'error',
      from: { path: '^server/modules/' },
      to: { path: '^server/surfaces/' },
    },
    {
      name: 'escalation-only-in-mutations-and-jobs',
      comment: 'asSystem / withSystem: only *.mutations.ts and *.jobs.ts. Exceptions, each with its reason: '
        + 'availability/slots.queries.ts and bookings/series.queries.ts (rules and busy time are staff data; the caller gets only free times, after the program was visible to it); '
        + 'surfaces/embed/get-invoice-pdf.ts (the opaque invoice link is the proof, opened before); '
        + 'surfaces/dev/ (the loopback-only demo outbox page lists every studio\'s mail).',
      severity: 'error',
      from: {
        pathNot: [
          '\\.(mutations|jobs)\\.ts$',
          '^server/platform/db/',
          '^server/modules/availability/slots\\.queries\\.ts$',
          '^server/modules/bookings/series\\.queries\\.ts$',
          '^server/surfaces/embed/get-invoice-pdf\\.ts$',
          '^server/surfaces/dev/',
          '^tests/',
        ],
      },
      to: { path: '^server/platform/db/escalation\\.ts$' },
    },
    {
      name: 'widget-imports-shared-and-api-types',
      comment: 'The widget imports shared/ and, as types only, schema/api; never the server, the database schema or the demo.',
      severity: 'error',
      from: { path: '^widget/' },
      to: { path: '^(server|schema/db|demo)/' },
    },
    {
      name: 'server-imports-no-widget',
      comment: 'The server never imports the widget: what both need (catalogs, Localizer, price terms) lives in shared/.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^widget/' },
    },
    {
      name: 'shared-is-isomorphic',
      comment: 'shared/ runs in the browser and on the server: no server, widget or node: imports.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: ['^(server|widget|schema/db|demo)/', '^node:'] },
    },
    {
      name: 'shared-no-node-builtins',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'domain-no-node-builtins',
      severity: 'error',
      from: { path: '^server/modules/[^/]+/domain/' },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '(^|/)dist/', '\\.d\\.ts$'] },
    parser: 'swc',
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
};
