// Mocha's globals as @web/test-runner provides them (no @types/mocha in the project).
declare global {
  type MochaDone = (err?: unknown) => void;
  interface MochaContext {
    timeout(ms: number): void;
  }
  function describe(title: string, fn: (this: MochaContext) => void): void;
  function it(title: string, fn: (this: MochaContext) => unknown): void;
  function before(fn: (this: MochaContext) => unknown): void;
  function after(fn: (this: MochaContext) => unknown): void;
  function beforeEach(fn: (this: MochaContext) => unknown): void;
  function afterEach(fn: (this: MochaContext) => unknown): void;
}
export {};
